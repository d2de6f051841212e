import { useMemo } from "react";
import { Link } from "wouter";
import { NodeKind } from "../data/contracts.ts";
import { parseNodeProfile } from "../data/documents.ts";
import { childrenOf, type ContributionKind, type NetworkNode } from "../data/network.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useContributions, useKinds, useNodes, useNodeTotals, usePeriodCredits } from "../hooks/useNetwork.ts";
import { describeThreshold, parseRouteId } from "../lib/contributionForm.ts";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { ExternalLink } from "../components/ExternalLink.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { AccountLink } from "../components/network/AccountLink.tsx";
import { PlainText } from "../components/network/ContributionDocuments.tsx";
import { ContributionList } from "../components/network/ContributionList.tsx";
import { CreditsChart } from "../components/network/CreditsChart.tsx";
import { KindTotalsTable } from "../components/network/KindTotalsTable.tsx";
import { NodeRounds } from "../components/network/NodeRounds.tsx";
import { NetworkNav } from "../components/network/NetworkNav.tsx";
import { firstReadError } from "../lib/queryFailure.ts";
import "../project.css";
import "../network.css";

/** How many of a node's contributions its page lists (the newest). */
const RECENT = 20;

/** `/network/nodes/:id`: a node, its stewards, what it was given, per kind and per period, and its contributions. */
export function NodePage({ id }: { id: string }) {
  const nodeId = parseRouteId(id);
  const nodes = useNodes();
  const kinds = useKinds();
  let content: React.ReactNode;
  if (nodeId === undefined) content = <p className="status status-error">“{id}” is not a node id.</p>;
  else if (firstReadError(nodes)) content = <LoadError error={nodes.error} what="the network's nodes" />;
  else if (firstReadError(kinds)) content = <LoadError error={kinds.error} what="the kinds of contribution" />;
  else if (nodes.data === undefined || kinds.data === undefined) content = <Loading what="the node" />;
  else {
    const node = nodes.data.find((item) => item.id === nodeId);
    content =
      node === undefined ? (
        <>
          <h1>Node not found</h1>
          <p>
            There is no node #{nodeId.toString()} in this network. <Link href="/network">See every node</Link>.
          </p>
        </>
      ) : (
        <NodeDetails key={node.id.toString()} node={node} nodes={nodes.data} kinds={kinds.data} />
      );
  }
  return (
    <>
      <NetworkNav />
      {content}
    </>
  );
}

function NodeDetails({ node, nodes, kinds }: { node: NetworkNode; nodes: NetworkNode[]; kinds: ContributionKind[] }) {
  const profile = useDocument(node.metadataPointer, "node", parseNodeProfile);
  const verified = profile.data?.state === "verified" ? profile.data.value : undefined;
  const nodeIds = useMemo(() => [node.id], [node.id]);
  const totals = useNodeTotals(nodeIds, kinds);
  const periods = usePeriodCredits({ node: node.id });
  const filter = useMemo(() => ({ nodeIds: [node.id] }), [node.id]);
  const contributions = useContributions(filter);
  const parent = nodes.find((item) => item.id === node.parentId);
  const children = childrenOf(nodes, node.id);
  const translocal = node.kind === NodeKind.Translocal;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/network">Network</Link> / {node.name}
      </nav>
      <header className="round-header">
        <p className="eyebrow">
          {[translocal ? "Translocal commons" : "Local node", verified?.region, verified?.place]
            .filter(Boolean)
            .join(" · ")}
        </p>
        <h1>{node.name}</h1>
        {verified?.website && (
          <ExternalLink
            href={verified.website}
            show="host"
            description="website, opens in a new tab"
            className="project-website"
          />
        )}
      </header>
      {firstReadError(profile) && <LoadError error={profile.error} what="the node's profile" />}
      {profile.data === undefined && !profile.error && <Loading what="the node's profile" />}
      <DocumentProblem fetched={profile.data} what="node profile" />
      {verified && (
        <div className="project-text" data-testid="node-description">
          <PlainText text={verified.description} />
        </div>
      )}
      <dl className="project-facts">
        <div>
          <dt>{translocal ? "Kind" : "Part of"}</dt>
          <dd>
            {parent === undefined ? (
              translocal ? (
                "Translocal commons of the network"
              ) : (
                "No translocal commons"
              )
            ) : (
              <Link href={`/network/nodes/${parent.id}`}>{parent.name}</Link>
            )}
          </dd>
        </div>
        {children.length > 0 && (
          <div>
            <dt>Local nodes</dt>
            <dd>
              <ul className="steward-list" aria-label={`Local nodes of ${node.name}`}>
                {children.map((child) => (
                  <li key={child.id.toString()}>
                    <Link href={`/network/nodes/${child.id}`}>{child.name}</Link>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>Stewards</dt>
          <dd>
            <ul className="steward-list" aria-label={`Stewards of ${node.name}`}>
              {node.stewards.map((steward) => (
                <li key={steward}>
                  <AccountLink address={steward} />
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Attestation</dt>
          <dd data-testid="attestation-threshold">
            {describeThreshold(node.attestationThreshold, node.stewards.length)}
          </dd>
        </div>
      </dl>
      <p>
        <Link href={`/network/contribute?node=${node.id}`} className="button-primary">
          Record a contribution to {node.name}
        </Link>
      </p>

      <section aria-labelledby="rounds-heading" className="network-section">
        <h2 id="rounds-heading">Rounds</h2>
        <p className="hint">The node&apos;s stewards open its rounds, review their applications and may cancel them.</p>
        <NodeRounds nodeId={node.id} nodeName={node.name} withClosed />
      </section>

      <section aria-labelledby="totals-heading" className="network-section">
        <h2 id="totals-heading">Attested contributions by kind</h2>
        {firstReadError(totals) ? (
          <LoadError error={totals.error} what="the totals" />
        ) : totals.data?.[0] === undefined ? (
          <Loading what="the totals" />
        ) : (
          <KindTotalsTable caption={`What ${node.name} was given`} kinds={kinds} totals={totals.data[0]} />
        )}
      </section>

      <section aria-labelledby="periods-heading" className="network-section">
        <h2 id="periods-heading">Credits per period</h2>
        {firstReadError(periods) ? (
          <LoadError error={periods.error} what="the credits per period" />
        ) : periods.data === undefined ? (
          <Loading what="the credits per period" />
        ) : (
          <CreditsChart
            title={`Credits earned by contributions to ${node.name}, per 30-day period`}
            periods={periods.data}
          />
        )}
      </section>

      <section aria-labelledby="recent-heading" className="network-section">
        <h2 id="recent-heading">
          Recent contributions{" "}
          {contributions.data !== undefined && <span className="count">{contributions.data.length}</span>}
        </h2>
        {firstReadError(contributions) ? (
          <LoadError error={contributions.error} what="the contributions" />
        ) : contributions.data === undefined ? (
          <Loading what="the contributions" />
        ) : contributions.data.length === 0 ? (
          <p className="empty">No contribution has been recorded for {node.name} yet.</p>
        ) : (
          <>
            {contributions.data.length > RECENT && (
              <p className="hint">
                The newest {RECENT} of {contributions.data.length}.
              </p>
            )}
            <ContributionList
              label={`Contributions to ${node.name}`}
              contributions={contributions.data.slice(0, RECENT)}
              nodes={nodes}
              kinds={kinds}
              show="contributor"
            />
          </>
        )}
      </section>
    </>
  );
}
