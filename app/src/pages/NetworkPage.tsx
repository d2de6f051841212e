import { Link } from "wouter";
import { NodeKind } from "../data/contracts.ts";
import { parseNodeProfile } from "../data/documents.ts";
import { childrenOf, type ContributionKind, type KindTotal, type NetworkNode } from "../data/network.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useKinds, useNodes, useNodeTotals } from "../hooks/useNetwork.ts";
import { describeQuantity, describeThreshold, formatCredits, formatKindAmount } from "../lib/contributionForm.ts";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { AccountLink } from "../components/network/AccountLink.tsx";
import { NetworkNav } from "../components/network/NetworkNav.tsx";
import { NodeRounds } from "../components/network/NodeRounds.tsx";
import { SeasonsSection } from "../components/network/SeasonsSection.tsx";
import { firstReadError } from "../lib/queryFailure.ts";
import "../project.css";
import "../network.css";

/** `/network`: every node, the translocal commons above the local nodes it joins, and what each was given. */
export function NetworkPage() {
  const active = useActiveChain();
  const nodes = useNodes();
  const kinds = useKinds();
  const nodeIds = nodes.data?.map((node) => node.id);
  const totals = useNodeTotals(nodeIds, kinds.data);
  let content: React.ReactNode;
  if (active === undefined) {
    content = <p>This build of Hyphae has no deployment to show. Deploy the contracts and build the app again.</p>;
  } else if (firstReadError(nodes)) content = <LoadError error={nodes.error} what="the nodes" />;
  else if (firstReadError(kinds)) content = <LoadError error={kinds.error} what="the kinds of contribution" />;
  else if (firstReadError(totals)) content = <LoadError error={totals.error} what="the totals" />;
  else if (nodes.data === undefined || kinds.data === undefined || totals.data === undefined) {
    content = <Loading what="the network" />;
  } else if (nodes.data.length === 0) {
    content = <p className="empty">The network has no node yet: its governors add them.</p>;
  } else {
    const totalsOf = new Map(nodes.data.map((node, index) => [node.id, totals.data[index] ?? []]));
    content = <Network nodes={nodes.data} kinds={kinds.data} totalsOf={totalsOf} />;
  }
  return (
    <>
      <NetworkNav />
      <section className="intro">
        <h1>The network</h1>
        <p className="lede">
          Local nodes produce where they live; the translocal commons holds what they share. Labour, goods, knowledge
          and care given to a node count beside money: the node's stewards attest them, and each attested contribution
          earns commons credits, the weight of the network's votes.
        </p>
      </section>
      {content}
    </>
  );
}

function Network(props: { nodes: NetworkNode[]; kinds: ContributionKind[]; totalsOf: Map<bigint, KindTotal[]> }) {
  const { nodes, kinds, totalsOf } = props;
  // Top-level nodes (no parent, or a parent that does not exist) start the tree.
  const roots = nodes.filter((node) => node.parentId === 0n || !nodes.some((other) => other.id === node.parentId));
  const local = nodes.filter((node) => node.kind === NodeKind.Local).length;
  const credits = [...totalsOf.values()].flat().reduce((sum, total) => sum + total.credits, 0n);
  return (
    <>
      <dl className="credit-figures" aria-label="The network in numbers">
        <div>
          <dt>Local nodes</dt>
          <dd data-testid="local-node-count">{local}</dd>
        </div>
        <div>
          <dt>Translocal commons</dt>
          <dd>{nodes.length - local}</dd>
        </div>
        <div>
          <dt>Credits earned by attested contributions</dt>
          <dd data-testid="network-credits">{formatCredits(credits)}</dd>
        </div>
      </dl>
      <section aria-labelledby="nodes-heading" className="network-section">
        <h2 id="nodes-heading">
          Nodes <span className="count">{nodes.length}</span>
        </h2>
        <ul className="node-tree">
          {roots.map((root) => (
            <NodeBranch
              key={root.id.toString()}
              node={root}
              nodes={nodes}
              kinds={kinds}
              totalsOf={totalsOf}
              depth={0}
            />
          ))}
        </ul>
      </section>
      <SeasonsSection />
      <section aria-labelledby="overview-heading" className="network-section">
        <h2 id="overview-heading">Attested contributions by node and kind</h2>
        <p className="hint">
          Attested and not revoked, as the contribution ledger totals them: the quantity in each kind's unit, and the
          commons credits it earned.
        </p>
        <div className="table-scroll">
          <table className="kind-totals" aria-labelledby="overview-heading">
            <thead>
              <tr>
                <th scope="col">Node</th>
                {kinds.map((kind) => (
                  <th scope="col" key={kind.id}>
                    {kind.name} ({kind.unit})
                  </th>
                ))}
                <th scope="col">Credits</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((node) => {
                const totals = totalsOf.get(node.id) ?? [];
                return (
                  <tr key={node.id.toString()}>
                    <th scope="row">
                      <Link href={`/network/nodes/${node.id}`}>{node.name}</Link>
                    </th>
                    {kinds.map((kind) => (
                      <td key={kind.id}>
                        {formatKindAmount(totals.find((total) => total.kindId === kind.id)?.quantity ?? 0n, kind)}
                      </td>
                    ))}
                    <td>{formatCredits(totals.reduce((sum, total) => sum + total.credits, 0n))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

/** A node's card, then its local nodes beneath it (a translocal commons is the parent of the local nodes). */
function NodeBranch(props: {
  node: NetworkNode;
  nodes: NetworkNode[];
  kinds: ContributionKind[];
  totalsOf: Map<bigint, KindTotal[]>;
  depth: number;
}) {
  const { node, nodes, kinds, totalsOf, depth } = props;
  // A registry cannot make a cycle (a parent exists before its child), but the depth bound keeps a bad read finite.
  const children = depth < 8 ? childrenOf(nodes, node.id) : [];
  return (
    <li>
      <NodeCard node={node} kinds={kinds} totals={totalsOf.get(node.id) ?? []} />
      {children.length > 0 && (
        <ul className="node-children" aria-label={`Local nodes of ${node.name}`}>
          {children.map((child) => (
            <NodeBranch
              key={child.id.toString()}
              node={child}
              nodes={nodes}
              kinds={kinds}
              totalsOf={totalsOf}
              depth={depth + 1}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function NodeCard({ node, kinds, totals }: { node: NetworkNode; kinds: ContributionKind[]; totals: KindTotal[] }) {
  const profile = useDocument(node.metadataPointer, "node", parseNodeProfile);
  const verified = profile.data?.state === "verified" ? profile.data.value : undefined;
  const translocal = node.kind === NodeKind.Translocal;
  const given = totals.filter((total) => total.quantity > 0n);
  return (
    <article
      className={`card node-card${translocal ? " node-card-translocal" : ""}`}
      aria-labelledby={`node-${node.id}-name`}
      data-testid="node-card"
    >
      <span className={`node-kind${translocal ? " node-kind-translocal" : ""}`}>
        {translocal ? "Translocal commons" : "Local node"}
      </span>
      <h3 id={`node-${node.id}-name`}>
        <Link href={`/network/nodes/${node.id}`}>{node.name}</Link>
      </h3>
      {verified && (
        <p className="node-region" data-testid="node-region">
          {[verified.region, verified.place].filter(Boolean).join(" — ")}
        </p>
      )}
      {firstReadError(profile) && <LoadError error={profile.error} what="the node's profile" />}
      <DocumentProblem fetched={profile.data} what="node profile" />
      <div className="node-stewards">
        <strong>Stewards:</strong>{" "}
        <ul className="steward-list" aria-label={`Stewards of ${node.name}`}>
          {node.stewards.map((steward) => (
            <li key={steward}>
              <AccountLink address={steward} />
            </li>
          ))}
        </ul>
      </div>
      <p className="hint">{describeThreshold(node.attestationThreshold, node.stewards.length)}.</p>
      <NodeRounds nodeId={node.id} nodeName={node.name} withClosed={false} />
      {given.length === 0 ? (
        <p className="empty">No attested contribution yet.</p>
      ) : (
        <ul className="evidence-links" aria-label={`Attested contributions to ${node.name}`}>
          {given.map((total) => {
            const kind = kinds.find((item) => item.id === total.kindId);
            return (
              <li key={total.kindId}>
                {describeQuantity(total.quantity, total.kindId, kind)}{" "}
                <span className="hint">({formatCredits(total.credits)} credits)</span>
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}
