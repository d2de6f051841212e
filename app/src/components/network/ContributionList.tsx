import { Link } from "wouter";
import { ContributionStatus } from "../../data/contracts.ts";
import type { Contribution } from "../../data/contributions.ts";
import type { ContributionKind, NetworkNode } from "../../data/network.ts";
import { describeQuantity, formatCredits } from "../../lib/contributionForm.ts";
import { formatTime } from "../../lib/format.ts";
import { AccountLink } from "./AccountLink.tsx";
import { useContributionTitle } from "./ContributionDocuments.tsx";
import { ContributionStatusBadge } from "./ContributionStatusBadge.tsx";

/** Contributions as a list: title (from the verified description), what, where, who, when, status and credits. */
export function ContributionList(props: {
  label: string;
  contributions: readonly Contribution[];
  nodes: readonly NetworkNode[];
  kinds: readonly ContributionKind[];
  /** Name the node of each contribution (on a contributor's page), its contributor (on a node's page), or both. */
  show: "node" | "contributor" | "both";
}) {
  return (
    <ul className="contribution-list" aria-label={props.label}>
      {props.contributions.map((contribution) => (
        <ContributionRow
          key={contribution.id.toString()}
          contribution={contribution}
          node={props.nodes.find((node) => node.id === contribution.nodeId)}
          kind={props.kinds.find((kind) => kind.id === contribution.kindId)}
          show={props.show}
        />
      ))}
    </ul>
  );
}

function ContributionRow(props: {
  contribution: Contribution;
  node: NetworkNode | undefined;
  kind: ContributionKind | undefined;
  show: "node" | "contributor" | "both";
}) {
  const { contribution, node, kind, show } = props;
  const documentTitle = useContributionTitle(contribution.descriptionPointer, `Contribution #${contribution.id}`);
  const title = contribution.countedFromRound ? "Money given through a round" : documentTitle;
  const what = describeQuantity(contribution.quantity, contribution.kindId, kind);
  return (
    <li className="card contribution-row" aria-label={title}>
      <div>
        <h3>
          <Link href={`/network/contributions/${contribution.id}`}>{title}</Link>
        </h3>
        <p className="contribution-meta">
          #{contribution.id.toString()} · {what}
          {show !== "contributor" && (
            <>
              {" "}
              · to{" "}
              <Link href={`/network/nodes/${contribution.nodeId}`}>{node?.name ?? `node #${contribution.nodeId}`}</Link>
            </>
          )}
          {show !== "node" && (
            <>
              {" "}
              · by <AccountLink address={contribution.contributor} />
            </>
          )}{" "}
          · recorded {formatTime(contribution.recordedAt)}
          {contribution.status === ContributionStatus.Attested && (
            <> · earned {formatCredits(contribution.credits)} credits</>
          )}
        </p>
      </div>
      <ContributionStatusBadge status={contribution.status} />
    </li>
  );
}
