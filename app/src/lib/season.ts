/**
 * The pure logic of co-matching seasons in the app: where a season stands, what a funder can claim back, which
 * seasons a new round may join, and the flows between the season, its local rounds and the translocal commons
 * that the season page draws (with the numbers in a table beneath).
 */
import { commonsShareOf } from "../../../lib/quadratic-funding.ts";

/** Where a season stands: taking funds and rounds, over and waiting for anyone to settle it, or settled. */
export type SeasonPhase = "open" | "awaitingSettlement" | "settled";

export function seasonPhase(season: { settled: boolean; closesAt: bigint }, now: bigint): SeasonPhase {
  if (season.settled) return "settled";
  return now >= season.closesAt ? "awaitingSettlement" : "open";
}

/**
 * What a funder can claim of what came back to the season: its pro-rata share of everything returned, less what
 * it claimed already, rounded down as `CoMatchingSeason.claimReturn` does.
 */
export function claimableReturn(funder: { funded: bigint; claimed: bigint }, returned: bigint, pool: bigint): bigint {
  if (pool === 0n) return 0n;
  const owed = (funder.funded * returned) / pool;
  return owed > funder.claimed ? owed - funder.claimed : 0n;
}

/** A round's draw as the season reports it: what it drew, and the part of that still waiting in the season. */
export interface DrawState {
  amount: bigint;
  undelivered: bigint;
}

/**
 * A round's matching pool without the season's draw: what its own funders put in. Before settling no draw is in
 * it; after, the part of the draw that was delivered is, and a draw still waiting in the season is not.
 */
export function ownMatchingPool(matchingPool: bigint, draw: DrawState, settled: boolean): bigint {
  if (!settled) return matchingPool;
  const delivered = draw.amount - draw.undelivered;
  return matchingPool > delivered ? matchingPool - delivered : 0n;
}

/**
 * The draws that wait in a settled season for anyone to deliver them, in the season's order. A cancelled round's
 * waiting draw is left out: it can no longer take it, and `recover` returns it to the funders instead.
 */
export function drawsToDeliver<draw extends DrawState & { round: string }>(
  draws: readonly draw[],
  isCancelled: (round: draw["round"]) => boolean,
): draw[] {
  return draws.filter((draw) => draw.undelivered > 0n && !isCancelled(draw.round));
}

// ---------------------------------------------------------------------------------------------------------------
// Flows
// ---------------------------------------------------------------------------------------------------------------

/** One local round of a season, as the picture needs it (amounts in token units). */
export interface SeasonRoundFlowInput {
  address: string;
  name: string;
  /** The node that runs it. */
  nodeName: string;
  /** Its matching pool without the season's draw: what its own funders put in. */
  ownPool: bigint;
  /** Its draw from the season: as it would be if the season settled now, or what it drew. */
  draw: bigint;
  commonsShareBps: number;
}

export type FlowNodeKind = "season" | "funders" | "round" | "commons" | "projects" | "returned";

/** A place money flows from or to, in one of three columns (sources, rounds, destinations). */
export interface FlowNode {
  id: string;
  label: string;
  column: 0 | 1 | 2;
  kind: FlowNodeKind;
}

export type FlowKind = "draw" | "ownPool" | "commonsShare" | "matches" | "returned";

export interface Flow {
  from: string;
  to: string;
  amount: bigint;
  kind: FlowKind;
}

export interface SeasonFlows {
  nodes: FlowNode[];
  /** Only flows that carry something. */
  flows: Flow[];
}

/**
 * The money of a season as flows: the co-matching pool into each local round (its draw) and back to the season's
 * funders (what the rule leaves); each round's own funders into its matching pool; out of each round, the commons
 * share to the translocal commons treasury and the rest as matches to its projects.
 */
export function seasonFlows(season: { pool: bigint }, rounds: readonly SeasonRoundFlowInput[]): SeasonFlows {
  const nodes: FlowNode[] = [{ id: "season", label: "Co-matching pool", column: 0, kind: "season" }];
  const flows: Flow[] = [];
  let drawn = 0n;
  let shares = 0n;
  for (const round of rounds) {
    const roundId = `round:${round.address}`;
    const fundersId = `funders:${round.address}`;
    nodes.push({ id: fundersId, label: `Funders of ${round.name}`, column: 0, kind: "funders" });
    nodes.push({ id: roundId, label: `${round.name} (${round.nodeName})`, column: 1, kind: "round" });
    const pool = round.ownPool + round.draw;
    const share = commonsShareOf(pool, round.commonsShareBps);
    drawn += round.draw;
    shares += share;
    flows.push({ from: "season", to: roundId, amount: round.draw, kind: "draw" });
    flows.push({ from: fundersId, to: roundId, amount: round.ownPool, kind: "ownPool" });
    flows.push({ from: roundId, to: `projects:${round.address}`, amount: pool - share, kind: "matches" });
    flows.push({ from: roundId, to: "commons", amount: share, kind: "commonsShare" });
    nodes.push({
      id: `projects:${round.address}`,
      label: `Projects of ${round.name}`,
      column: 2,
      kind: "projects",
    });
  }
  const returned = season.pool > drawn ? season.pool - drawn : 0n;
  if (returned > 0n) {
    nodes.push({ id: "returned", label: "Back to the season's funders", column: 1, kind: "returned" });
    flows.push({ from: "season", to: "returned", amount: returned, kind: "returned" });
  }
  if (shares > 0n) nodes.push({ id: "commons", label: "Translocal commons treasury", column: 2, kind: "commons" });
  const carrying = flows.filter((flow) => flow.amount > 0n);
  const used = new Set(carrying.flatMap((flow) => [flow.from, flow.to]));
  // The season's own pool stays in the picture even before anyone has given in its rounds.
  return { nodes: nodes.filter((node) => node.kind === "season" || used.has(node.id)), flows: carrying };
}

// ---------------------------------------------------------------------------------------------------------------
// Layout of the picture
// ---------------------------------------------------------------------------------------------------------------

export interface PlacedNode extends FlowNode {
  x: number;
  y: number;
  height: number;
  /** What passes through the node: the larger of what flows in and what flows out. */
  value: bigint;
}

export interface PlacedFlow extends Flow {
  /** The band's thickness. */
  width: number;
  /** The SVG path of the band's centre line, from the source's right edge to the target's left edge. */
  path: string;
}

export interface SankeyLayout {
  width: number;
  height: number;
  nodeWidth: number;
  nodes: PlacedNode[];
  flows: PlacedFlow[];
}

/** `part / whole` as a float, exact enough for drawing whatever the token's decimals. */
function ratio(part: bigint, whole: bigint): number {
  if (whole === 0n) return 0;
  return Number((part * 1_000_000n) / whole) / 1_000_000;
}

/**
 * Places the nodes of three columns and the bands between them: heights in proportion to the money, one scale for
 * the whole picture, so a band is as thick at both ends and the thickest column fills the height.
 */
export function layoutSankey(
  graph: SeasonFlows,
  size: { width: number; height: number; nodeWidth?: number; gap?: number },
): SankeyLayout {
  const nodeWidth = size.nodeWidth ?? 14;
  const gap = size.gap ?? 18;
  const value = (id: string) => {
    const inflow = graph.flows.filter((flow) => flow.to === id).reduce((sum, flow) => sum + flow.amount, 0n);
    const outflow = graph.flows.filter((flow) => flow.from === id).reduce((sum, flow) => sum + flow.amount, 0n);
    return inflow > outflow ? inflow : outflow;
  };
  const columns = [0, 1, 2].map((column) => graph.nodes.filter((node) => node.column === column));
  // One scale: the column that needs the most room (its total and its gaps) fills the height.
  let scale = Infinity;
  let unit = 0n;
  for (const column of columns) {
    const total = column.reduce((sum, node) => sum + value(node.id), 0n);
    if (total > unit) unit = total;
  }
  for (const column of columns) {
    const total = column.reduce((sum, node) => sum + value(node.id), 0n);
    if (total === 0n) continue;
    const room = size.height - gap * Math.max(0, column.length - 1);
    scale = Math.min(scale, room / ratio(total, unit));
  }
  if (!Number.isFinite(scale)) scale = 0;
  const heightOf = (amount: bigint) => (amount === 0n ? 0 : Math.max(1, ratio(amount, unit) * scale));
  const xOf = (column: number) => ((size.width - nodeWidth) * column) / 2;

  const placed: PlacedNode[] = [];
  for (const column of columns) {
    const heights = column.map((node) => heightOf(value(node.id)));
    const used = heights.reduce((sum, height) => sum + height, 0) + gap * Math.max(0, column.length - 1);
    let y = Math.max(0, (size.height - used) / 2);
    column.forEach((node, index) => {
      const height = heights[index] ?? 0;
      placed.push({ ...node, x: xOf(node.column), y, height, value: value(node.id) });
      y += height + gap;
    });
  }
  const byId = new Map(placed.map((node) => [node.id, node]));
  const outOffset = new Map<string, number>();
  const inOffset = new Map<string, number>();
  const flows: PlacedFlow[] = [];
  for (const flow of graph.flows) {
    const source = byId.get(flow.from);
    const target = byId.get(flow.to);
    if (source === undefined || target === undefined) continue;
    const width = heightOf(flow.amount);
    const y0 = source.y + (outOffset.get(source.id) ?? 0) + width / 2;
    const y1 = target.y + (inOffset.get(target.id) ?? 0) + width / 2;
    outOffset.set(source.id, (outOffset.get(source.id) ?? 0) + width);
    inOffset.set(target.id, (inOffset.get(target.id) ?? 0) + width);
    const x0 = source.x + nodeWidth;
    const x1 = target.x;
    const middle = (x0 + x1) / 2;
    const round = (n: number) => Math.round(n * 100) / 100;
    const path = `M${round(x0)},${round(y0)} C${round(middle)},${round(y0)} ${round(middle)},${round(y1)} ${round(x1)},${round(y1)}`;
    flows.push({ ...flow, width, path });
  }
  return { width: size.width, height: size.height, nodeWidth, nodes: placed, flows };
}
