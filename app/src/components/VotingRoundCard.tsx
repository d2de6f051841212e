import { Link } from "wouter";
import { parseRoundDescription } from "../data/documents.ts";
import { type VotingRoundSummary, votingPhase } from "../data/votingRounds.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { formatTime, formatTokenAmount } from "../lib/format.ts";
import { describeVotingPhase } from "../lib/phases.ts";
import { NodeName } from "./NodeName.tsx";
import { roundNameOf } from "./RoundName.tsx";

/** A quadratic voting round in a list of rounds, marked as such beside the funding rounds. */
export function VotingRoundCard({ round, now }: { round: VotingRoundSummary; now: bigint }) {
  const { data: description } = useDocument(round.metadataPointer, "round", parseRoundDescription);
  const name = roundNameOf(round.address, description);
  const phase = votingPhase(round, now);
  return (
    <article className="card round-card">
      <h3>
        <Link href={`/voting/${round.address}`}>{name}</Link>
      </h3>
      <p className="eyebrow">
        <NodeName nodeId={round.nodeId} /> · <span className="round-kind">Quadratic voting</span>
      </p>
      <p className={`phase phase-${phase}`}>{describeVotingPhase(round, phase, now)}</p>
      <dl className="figures">
        <div>
          <dt>Matching pool</dt>
          <dd>
            {formatTokenAmount(round.matchingPool, round.token.decimals, 2)} {round.token.symbol}
          </dd>
        </div>
        <div>
          <dt>Votes</dt>
          <dd>{round.totalVotes.toLocaleString("en-US")}</dd>
        </div>
        <div>
          <dt>Projects</dt>
          <dd>{round.approvedProjectIds.length}</dd>
        </div>
      </dl>
      <p className="windows">
        Applications {formatTime(round.applicationsStart)} – {formatTime(round.applicationsEnd)}
        <br />
        Voting {formatTime(round.votingStart)} – {formatTime(round.votingEnd)}
      </p>
    </article>
  );
}
