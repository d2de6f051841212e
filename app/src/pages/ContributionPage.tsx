import { zeroAddress } from "viem";
import { useRoundName } from "../components/RoundName.tsx";
import { Link } from "wouter";
import { ContributionStatus } from "../data/contracts.ts";
import type { Contribution, ContributionHistory } from "../data/contributions.ts";
import { useContribution, useKinds, useNodes } from "../hooks/useNetwork.ts";
import { describeQuantity, formatCredits, parseRouteId } from "../lib/contributionForm.ts";
import { formatTime } from "../lib/format.ts";
import { LoadError, Loading } from "../components/Loading.tsx";
import { AccountLink } from "../components/network/AccountLink.tsx";
import {
  ContributionDescriptionText,
  ContributionEvidenceBlock,
  ReasonBlock,
  useContributionTitle,
} from "../components/network/ContributionDocuments.tsx";
import { ContributionStatusBadge } from "../components/network/ContributionStatusBadge.tsx";
import { NetworkNav } from "../components/network/NetworkNav.tsx";
import { firstReadError } from "../lib/queryFailure.ts";
import "../project.css";
import "../network.css";

/** `/network/contributions/:id`: one contribution, its documents, and everything stewards and others did to it. */
export function ContributionPage({ id }: { id: string }) {
  const contributionId = parseRouteId(id);
  return (
    <>
      <NetworkNav />
      {contributionId === undefined ? (
        <p className="status status-error">“{id}” is not a contribution id.</p>
      ) : (
        <ContributionView key={contributionId.toString()} id={contributionId} />
      )}
    </>
  );
}

function ContributionView({ id }: { id: bigint }) {
  const found = useContribution(id);
  if (firstReadError(found)) return <LoadError error={found.error} what="the contribution" />;
  if (found.data === undefined) return <Loading what="the contribution" />;
  if (found.data === null) {
    return (
      <>
        <h1>Contribution not found</h1>
        <p>
          The ledger has no contribution #{id.toString()}. <Link href="/network">See the network</Link>.
        </p>
      </>
    );
  }
  return <ContributionDetails contribution={found.data.contribution} history={found.data.history} />;
}

function ContributionDetails({ contribution, history }: { contribution: Contribution; history: ContributionHistory }) {
  const nodes = useNodes();
  const kinds = useKinds();
  const documentTitle = useContributionTitle(contribution.descriptionPointer, `Contribution #${contribution.id}`);
  const fromRound = history.countedFrom;
  const title = contribution.countedFromRound ? "Money given through a round" : documentTitle;
  // A money contribution's description pointer is the round's own document.
  const roundName = useRoundName(
    fromRound?.round ?? zeroAddress,
    contribution.countedFromRound ? contribution.descriptionPointer : undefined,
  );
  const node = nodes.data?.find((item) => item.id === contribution.nodeId);
  const kind = kinds.data?.find((item) => item.id === contribution.kindId);
  const status = contribution.status;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/network">Network</Link> /{" "}
        <Link href={`/network/nodes/${contribution.nodeId}`}>{node?.name ?? `Node #${contribution.nodeId}`}</Link> /
        Contribution #{contribution.id.toString()}
      </nav>
      <header className="round-header">
        <p className="eyebrow">Contribution #{contribution.id.toString()}</p>
        <h1>{title}</h1>
        <ContributionStatusBadge status={status} />
      </header>
      {fromRound === undefined ? (
        !contribution.countedFromRound && <ContributionDescriptionText pointer={contribution.descriptionPointer} />
      ) : (
        <p data-testid="counted-from-round">
          Counted from the records of a finalized round, <Link href={`/rounds/${fromRound.round}`}>{roundName}</Link>:{" "}
          {describeQuantity(fromRound.donations, contribution.kindId, kind)} donated to its projects
          {fromRound.matchingFunds > 0n && (
            <>, and {describeQuantity(fromRound.matchingFunds, contribution.kindId, kind)} of matching funds</>
          )}
          . The round is the evidence: no steward attests it, and it cannot be disputed.
        </p>
      )}
      <dl className="project-facts">
        <div>
          <dt>Contributor</dt>
          <dd>
            <AccountLink address={contribution.contributor} />
          </dd>
        </div>
        <div>
          <dt>Node</dt>
          <dd>
            <Link href={`/network/nodes/${contribution.nodeId}`}>{node?.name ?? `Node #${contribution.nodeId}`}</Link>
          </dd>
        </div>
        <div>
          <dt>Given</dt>
          <dd data-testid="quantity">{describeQuantity(contribution.quantity, contribution.kindId, kind)}</dd>
        </div>
        <div>
          <dt>Recorded</dt>
          <dd>{formatTime(contribution.recordedAt)}</dd>
        </div>
        <div>
          <dt>Attestations</dt>
          <dd data-testid="attestation-count">
            {contribution.attestations}
            {node !== undefined && ` of ${node.attestationThreshold} needed`}
          </dd>
        </div>
        {(status === ContributionStatus.Attested || status === ContributionStatus.Revoked) && (
          <div>
            <dt>{status === ContributionStatus.Revoked ? "Credits taken back" : "Credits earned"}</dt>
            <dd data-testid="credits">{formatCredits(contribution.credits)}</dd>
          </div>
        )}
        {contribution.attestedAt > 0n && (
          <div>
            <dt>Attested</dt>
            <dd>{formatTime(contribution.attestedAt)}</dd>
          </div>
        )}
        {status === ContributionStatus.Pending && kind !== undefined && (
          <div>
            <dt>Earns once attested</dt>
            <dd>{formatCredits(contribution.quantity * kind.creditsPerUnit)} credits</dd>
          </div>
        )}
      </dl>
      {!contribution.countedFromRound && <ContributionEvidenceBlock pointer={contribution.evidencePointer} />}
      {history.attestedBy.length > 0 && (
        <p>
          Attested by{" "}
          {history.attestedBy.map((steward, index) => (
            <span key={steward}>
              {index > 0 && ", "}
              <AccountLink address={steward} />
            </span>
          ))}
          .
        </p>
      )}
      {history.rejection !== undefined && (
        <ReasonBlock pointer={history.rejection.reasonPointer} label="The stewards' reason for rejecting it" />
      )}
      {history.disputes.map((dispute, index) => (
        <ReasonBlock key={index} pointer={dispute.reasonPointer} label="Disputed, because" />
      ))}
      {history.revocation !== undefined && (
        <ReasonBlock pointer={history.revocation.reasonPointer} label="The stewards' reason for revoking it" />
      )}
      {status === ContributionStatus.Pending && (
        <p className="hint">
          Waiting for the stewards of {node?.name ?? "its node"}: they see it in their{" "}
          <Link href="/network/stewards">queue</Link>.
        </p>
      )}
    </>
  );
}
