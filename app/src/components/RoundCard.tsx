import { Link } from "wouter";
import { parseRoundDescription } from "../data/documents.ts";
import { roundPhase, type RoundSummary } from "../data/rounds.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { formatTime, formatTokenAmount } from "../lib/format.ts";
import { describePhase } from "../lib/phases.ts";
import { NodeName } from "./NodeName.tsx";
import { roundNameOf } from "./RoundName.tsx";

export function RoundCard({ round, now }: { round: RoundSummary; now: bigint }) {
  const { data: description } = useDocument(round.metadataPointer, "round", parseRoundDescription);
  const name = roundNameOf(round.address, description);
  const phase = roundPhase(round, now);
  return (
    <article className="card round-card">
      <h3>
        <Link href={`/rounds/${round.address}`}>{name}</Link>
      </h3>
      <p className="eyebrow">
        <NodeName nodeId={round.nodeId} />
      </p>
      <p className={`phase phase-${phase}`}>{describePhase(round, phase, now)}</p>
      <dl className="figures">
        <div>
          <dt>Matching pool</dt>
          <dd>
            {formatTokenAmount(round.matchingPool, round.token.decimals, 2)} {round.token.symbol}
          </dd>
        </div>
        <div>
          <dt>Donated</dt>
          <dd>
            {formatTokenAmount(round.totalDonations, round.token.decimals, 2)} {round.token.symbol}
          </dd>
        </div>
        <div>
          <dt>Projects</dt>
          <dd>{round.approvedProjectIds.length}</dd>
        </div>
      </dl>
      <p className="windows">
        Applications {formatTime(round.applicationsStart)} – {formatTime(round.applicationsEnd)}
        <br />
        Donations {formatTime(round.donationsStart)} – {formatTime(round.donationsEnd)}
      </p>
    </article>
  );
}
