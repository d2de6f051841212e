import { Link } from "wouter";
import { useConnection } from "wagmi";
import { ApplicationStatus } from "../data/contracts.ts";
import { roundPhase, type RoundSummary } from "../data/rounds.ts";
import { LoadError, Loading } from "../components/Loading.tsx";
import { useRoundName } from "../components/RoundName.tsx";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useApplications, useStewardedRounds } from "../hooks/useRegistry.ts";
import { useRounds } from "../hooks/useRounds.ts";
import { describePhase } from "../lib/phases.ts";

/** A steward's desk: the rounds they steward and what is waiting for them in each. */
export function ManagePage() {
  const { isConnected } = useConnection();
  const rounds = useRounds();
  const stewarded = useStewardedRounds(rounds.data?.map((round) => round.address));
  const now = useChainTime();
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
      ) : rounds.error ? (
        <LoadError error={rounds.error} what="the rounds" />
      ) : stewarded.error ? (
        <LoadError error={stewarded.error} what="your rounds" />
      ) : rounds.data === undefined || stewarded.data === undefined || now === undefined ? (
        <Loading what="your rounds" />
      ) : (
        <StewardedRounds rounds={rounds.data.filter((round) => stewarded.data.has(round.address))} now={now} />
      )}
    </>
  );
}

function StewardedRounds({ rounds, now }: { rounds: RoundSummary[]; now: bigint }) {
  if (rounds.length === 0) {
    return <p className="empty">This account is not a steward of any round. Create one to become its steward.</p>;
  }
  return (
    <ul className="grid plain-list" aria-label="Rounds you steward">
      {[...rounds].reverse().map((round) => (
        <StewardedRound key={round.address} round={round} now={now} />
      ))}
    </ul>
  );
}

function StewardedRound({ round, now }: { round: RoundSummary; now: bigint }) {
  const name = useRoundName(round.address, round.metadataPointer);
  const applications = useApplications(round.address);
  const phase = roundPhase(round, now);
  const reviewsOpen = round.status === 0 && now < round.donationsEnd;
  const pending = (applications.data ?? []).filter((application) => application.status === ApplicationStatus.Pending);
  const waiting: string[] = [];
  if (reviewsOpen && pending.length > 0) {
    waiting.push(`${pending.length} ${pending.length === 1 ? "application" : "applications"} to review`);
  }
  if (phase === "awaitingFinalization") waiting.push("ready to finalize");
  if (phase === "settlingMatchCaps") waiting.push("match caps to apply");
  return (
    <li className="card round-card">
      <h2 className="card-title">
        <Link href={`/manage/rounds/${round.address}`}>{name}</Link>
      </h2>
      <p className={`phase phase-${phase}`}>{describePhase(round, phase, now)}</p>
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
