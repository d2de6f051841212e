import { useMemo } from "react";
import { Link } from "wouter";
import { useConnection } from "wagmi";
import { latestApplicationsFirst, projectRoundOf } from "../data/applications.ts";
import { ApplicationStatus, RoundStatus } from "../data/contracts.ts";
import { roundPhase, type RoundSummary } from "../data/rounds.ts";
import { type VotingRoundSummary, votingPhase } from "../data/votingRounds.ts";
import { LoadError, Loading } from "../components/Loading.tsx";
import { useRoundName } from "../components/RoundName.tsx";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useApplications, useStewardedRounds } from "../hooks/useRegistry.ts";
import { useRounds } from "../hooks/useRounds.ts";
import { useVotingRounds } from "../hooks/useVotingRounds.ts";
import { describePhase, describeVotingPhase } from "../lib/phases.ts";
import { firstReadError } from "../lib/queryFailure.ts";

type AnyRound = RoundSummary | VotingRoundSummary;

/** A steward's desk: the rounds they steward, funding and voting, and what is waiting for them in each. */
export function ManagePage() {
  const { isConnected } = useConnection();
  const rounds = useRounds();
  const votingRounds = useVotingRounds();
  const all = useMemo<AnyRound[] | undefined>(
    () =>
      rounds.data === undefined || votingRounds.data === undefined
        ? undefined
        : latestApplicationsFirst<AnyRound>([...[...rounds.data].reverse(), ...[...votingRounds.data].reverse()]),
    [rounds.data, votingRounds.data],
  );
  const addresses = useMemo(() => all?.map((round) => round.address), [all]);
  const stewarded = useStewardedRounds(addresses);
  const now = useChainTime();
  const error = firstReadError(rounds) ?? firstReadError(votingRounds);
  return (
    <>
      <div className="list-header">
        <h1>Manage</h1>
        <div className="header-actions">
          <Link href="/manage/new" className="button-primary">
            Create a round
          </Link>
          <Link href="/manage/new-vote" className="button-secondary">
            Create a voting round
          </Link>
          <Link href="/manage/new-season" className="button-secondary">
            Open a co-matching season
          </Link>
        </div>
      </div>
      {!isConnected ? (
        <p>Connect a wallet to see the rounds you steward.</p>
      ) : error ? (
        <LoadError error={error} what="the rounds" />
      ) : firstReadError(stewarded) ? (
        <LoadError error={stewarded.error} what="your rounds" />
      ) : all === undefined || stewarded.data === undefined || now === undefined ? (
        <Loading what="your rounds" />
      ) : (
        <StewardedRounds rounds={all.filter((round) => stewarded.data.has(round.address))} now={now} />
      )}
    </>
  );
}

function StewardedRounds({ rounds, now }: { rounds: AnyRound[]; now: bigint }) {
  if (rounds.length === 0) {
    return <p className="empty">This account is not a steward of any round. Create one to become its steward.</p>;
  }
  return (
    <ul className="grid plain-list" aria-label="Rounds you steward">
      {rounds.map((round) => (
        <StewardedRound key={round.address} round={round} now={now} />
      ))}
    </ul>
  );
}

/** Where a round stands and what waits for its stewards, in words, for either kind of round. */
function standing(round: AnyRound, now: bigint): { phase: string; description: string; toFinalize: boolean } {
  if ("kind" in round) {
    const phase = votingPhase(round, now);
    return {
      phase,
      description: describeVotingPhase(round, phase, now),
      toFinalize: phase === "awaitingFinalization",
    };
  }
  const phase = roundPhase(round, now);
  return { phase, description: describePhase(round, phase, now), toFinalize: phase === "awaitingFinalization" };
}

function StewardedRound({ round, now }: { round: AnyRound; now: bigint }) {
  const name = useRoundName(round.address, round.metadataPointer);
  const projectRound = projectRoundOf(round);
  const applications = useApplications(projectRound);
  const { phase, description, toFinalize } = standing(round, now);
  const reviewsOpen = round.status === RoundStatus.Active && now < projectRound.reviewsEnd;
  const pending = (applications.data ?? []).filter((application) => application.status === ApplicationStatus.Pending);
  const waiting: string[] = [];
  if (reviewsOpen && pending.length > 0) {
    waiting.push(`${pending.length} ${pending.length === 1 ? "application" : "applications"} to review`);
  }
  if (toFinalize) waiting.push("ready to finalize");
  if (phase === "settlingMatchCaps") waiting.push("match caps to apply");
  return (
    <li className="card round-card">
      <h2 className="card-title">
        <Link href={`/manage/rounds/${round.address}`}>{name}</Link>
      </h2>
      {projectRound.kind === "voting" && (
        <p className="eyebrow">
          <span className="round-kind">Quadratic voting</span>
        </p>
      )}
      <p className={`phase phase-${phase}`}>{description}</p>
      {applications.data === undefined ? (
        <p className="loading">Checking what is waiting…</p>
      ) : waiting.length > 0 ? (
        <p className="waiting">
          <strong>Waiting for you:</strong> {waiting.join(" · ")}
        </p>
      ) : (
        <p className="hint">Nothing is waiting for you.</p>
      )}
    </li>
  );
}
