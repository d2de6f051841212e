import { useId } from "react";
import type { PayoutToken } from "../../data/rounds.ts";
import { formatTokenAmount } from "../../lib/format.ts";
import { type FlowKind, layoutSankey, type SeasonFlows } from "../../lib/season.ts";

const WIDTH = 1000;
const HEIGHT = 320;
const LABEL_ROOM = 240;
const TOP = 34;

/** What each kind of flow is, in the table's words. */
const FLOW_WORDS: Record<FlowKind, string> = {
  draw: "co-matching draw",
  ownPool: "the round's own matching pool",
  commonsShare: "commons share",
  matches: "matches to projects",
  returned: "what the rule leaves, back to the season's funders",
};

/**
 * The money of a season as a picture: the co-matching pool and each round's own funders on the left, the local
 * rounds in the middle, the translocal commons treasury and the rounds' projects on the right, each band as
 * thick as what it carries. The same figures are in the table beneath, which is what screen readers read.
 */
export function SeasonFlowChart({
  flows,
  token,
  settled,
}: {
  flows: SeasonFlows;
  token: PayoutToken;
  settled: boolean;
}) {
  const id = useId();
  const layout = layoutSankey(flows, { width: WIDTH - 2 * LABEL_ROOM, height: HEIGHT });
  const labelOf = new Map(flows.nodes.map((node) => [node.id, node.label]));
  const fmt = (amount: bigint) => `${formatTokenAmount(amount, token.decimals, 2)} ${token.symbol}`;
  return (
    <section className="card panel season-flows" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Flows between the nodes and the commons</h2>
      <p className="hint">
        {settled
          ? "What each local round drew from the co-matching pool, and where each round's matching pool goes."
          : "If the season settled now: each local round's draw as it forms from its donations, and where each round's matching pool would go."}{" "}
        Band widths are in proportion to the amounts.
      </p>
      <figure className="flow-figure">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT + TOP + 10}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          className="flow-chart"
        >
          <title id={`${id}-title`}>Flows of the co-matching season</title>
          <desc id={`${id}-desc`}>
            The co-matching pool flows into each local round as its draw; each round&apos;s commons share flows to the
            translocal commons treasury and the rest to its projects. The table below gives every amount.
          </desc>
          <g transform={`translate(${LABEL_ROOM}, ${TOP})`}>
            {layout.flows.map((flow) => (
              <path
                key={`${flow.from}-${flow.to}`}
                d={flow.path}
                className={`flow flow-${flow.kind}`}
                strokeWidth={flow.width}
                fill="none"
              >
                <title>{`${labelOf.get(flow.from) ?? flow.from} → ${labelOf.get(flow.to) ?? flow.to}: ${fmt(flow.amount)}`}</title>
              </path>
            ))}
            {layout.nodes.map((node) => (
              <g key={node.id} className={`flow-node flow-node-${node.kind}`}>
                <rect x={node.x} y={node.y} width={layout.nodeWidth} height={Math.max(node.height, 1)} rx={2} />
                <NodeLabel
                  x={node.column === 2 ? node.x + layout.nodeWidth + 6 : node.column === 0 ? node.x - 6 : node.x + 7}
                  y={node.column === 1 ? node.y - 20 : node.y + node.height / 2 - 7}
                  anchor={node.column === 0 ? "end" : node.column === 1 ? "middle" : "start"}
                  label={node.label}
                  amount={fmt(node.value)}
                />
              </g>
            ))}
          </g>
        </svg>
      </figure>
      <table className="results-table flow-table" aria-labelledby={`${id}-heading`}>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">What</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          {flows.flows.map((flow) => (
            <tr key={`${flow.from}-${flow.to}`} data-flow={flow.kind}>
              <td>{labelOf.get(flow.from) ?? flow.from}</td>
              <td>{labelOf.get(flow.to) ?? flow.to}</td>
              <td>{FLOW_WORDS[flow.kind]}</td>
              <td>{fmt(flow.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A node's name and amount on two lines. */
function NodeLabel(props: { x: number; y: number; anchor: "start" | "middle" | "end"; label: string; amount: string }) {
  return (
    <text x={props.x} y={props.y} textAnchor={props.anchor} dominantBaseline="middle">
      <tspan x={props.x}>{props.label}</tspan>
      <tspan x={props.x} dy="1.2em" className="flow-amount">
        {props.amount}
      </tspan>
    </text>
  );
}
