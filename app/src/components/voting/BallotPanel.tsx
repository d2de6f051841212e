import { useId, useState } from "react";
import { Link } from "wouter";
import { useConfig, useConnection } from "wagmi";
import { signTypedData } from "wagmi/actions";
import { RoundStatus } from "../../data/contracts.ts";
import type { VoterInRound, VotingProject, VotingRoundSummary } from "../../data/votingRounds.ts";
import { votingWindow } from "../../data/votingRounds.ts";
import { useActiveChain } from "../../hooks/useActiveChain.ts";
import type { useVotingRoundWrite } from "../../hooks/useVotingRoundWrite.ts";
import {
  type Ballot,
  ballotTypedData,
  hashBallot,
  ballotVotes,
  checkBallot,
  maxVotesFor,
  type SignedBallotData,
  signedBallotToJson,
  voiceCredits,
  voteCost,
  votesOfBallot,
  votesText,
} from "../../lib/ballot.ts";
import { describeError } from "../../lib/errors.ts";
import { formatTime, formatTokenAmount } from "../../lib/format.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";

export interface NamedVotingProject {
  project: VotingProject;
  name: string;
}

/**
 * The ballot: the voter's voice credits, a stepper per approved project with the quadratic cost of its votes as
 * they are set, what is left, the ballot already cast (which a new one replaces), and two ways to send it: a
 * transaction, or a signature (no gas) that anyone can relay. `write` is the page's, so that a ballot's status
 * outlives the voting window closing while it is on its way.
 */
export function BallotPanel(props: {
  round: VotingRoundSummary;
  projects: NamedVotingProject[];
  now: bigint;
  voter: VoterInRound | undefined;
  voterError: unknown;
  write: ReturnType<typeof useVotingRoundWrite>;
}) {
  const { round, projects, now, voter, voterError, write } = props;
  const { address: account, isConnected } = useConnection();
  // The status is outside the form, which starts again once a new ballot is read.
  const window = votingWindow(round, now);
  // The form starts from the ballot already cast, and starts again from the new one once it is cast.
  const key = `${account ?? "none"}:${voter === undefined ? "loading" : serialize(voter.ballot)}`;
  return (
    <section className="card panel ballot-panel" aria-labelledby="ballot-heading">
      <h2 id="ballot-heading">Your ballot</h2>
      {voterError !== null && voterError !== undefined ? (
        <p className="status status-error" role="alert">
          Could not read your voice credits and ballot: {describeError(voterError).message}
        </p>
      ) : isConnected && voter === undefined && window === "open" ? (
        <p className="loading" role="status">
          Loading your voice credits…
        </p>
      ) : (
        <BallotForm
          key={key}
          round={round}
          projects={projects}
          now={now}
          voter={voter}
          connected={isConnected}
          write={write}
        />
      )}
      <TransactionStatus state={write.state} />
    </section>
  );
}

function serialize(ballot: Ballot): string {
  return ballot.projectIds.map((id, index) => `${id}=${ballot.votes[index] ?? 0n}`).join(",");
}

function BallotForm(props: {
  round: VotingRoundSummary;
  projects: NamedVotingProject[];
  now: bigint;
  voter: VoterInRound | undefined;
  connected: boolean;
  write: ReturnType<typeof useVotingRoundWrite>;
}) {
  const { round, projects, now, voter, connected, write } = props;
  const config = useConfig();
  const active = useActiveChain();
  const current = voter?.ballot ?? { projectIds: [], votes: [] };
  const [draft, setDraft] = useState<Map<string, string>>(() => {
    const votes = votesOfBallot(current);
    return new Map(
      projects.map(({ project }) => [
        project.projectId.toString(),
        (votes.get(project.projectId.toString()) ?? 0n).toString(),
      ]),
    );
  });
  const [signed, setSigned] = useState<{ json: string } | { error: string; rejected: boolean }>();
  const [copied, setCopied] = useState(false);
  const budget = voter?.voiceCredits;
  const check = checkBallot(draft, {
    connected,
    window: votingWindow(round, now),
    budget,
    approvedIds: round.approvedProjectIds,
    current,
    eligible: voter?.eligible ?? true,
  });
  const problem = check.problem;
  const blocked = problem !== undefined;
  const nameOf = new Map(projects.map(({ project, name }) => [project.projectId.toString(), name]));

  const setVotes = (id: string, text: string) => {
    setDraft((previous) => new Map(previous).set(id, text));
    setSigned(undefined);
  };

  const cast = () => {
    void write.send(current.projectIds.length === 0 ? "Casting your ballot" : "Replacing your ballot", "castBallot", [
      { projectIds: [...current.projectIds], votes: [...current.votes] },
      { projectIds: [...check.ballot.projectIds], votes: [...check.ballot.votes] },
      [],
    ]);
  };

  const sign = async () => {
    if (voter === undefined || write.account === undefined || active === undefined) return;
    setSigned(undefined);
    setCopied(false);
    const data: Omit<SignedBallotData, "signature"> = {
      chainId: active.chain.id,
      round: round.address,
      voter: write.account,
      // It replaces only the ballot the voter has now: a later ballot of theirs cannot be undone with it.
      previousBallot: hashBallot(current),
      ballot: check.ballot,
      nonce: voter.nonce,
      // A signed ballot cannot count after voting closes anyway.
      deadline: round.votingEnd,
    };
    try {
      const signature = await signTypedData(config, { account: write.account, ...ballotTypedData(data) });
      setSigned({ json: signedBallotToJson({ ...data, signature }) });
    } catch (error) {
      const described = describeError(error);
      setSigned({ error: described.message, rejected: described.rejected });
    }
  };

  const copy = async () => {
    if (signed === undefined || !("json" in signed)) return;
    try {
      await navigator.clipboard.writeText(signed.json);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <form
      className="ballot-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!blocked) cast();
      }}
    >
      <BudgetFigures round={round} voter={voter} cost={check.cost} remaining={check.remaining} />
      <CurrentBallot current={current} nameOf={nameOf} />
      <ul className="ballot-list" aria-label="Votes per project">
        {projects.map(({ project, name }) => {
          const id = project.projectId.toString();
          return (
            <VoteStepper
              key={id}
              name={name}
              project={project}
              round={round}
              text={draft.get(id) ?? ""}
              votes={check.votes.get(id) ?? 0n}
              error={check.fieldErrors.get(id)}
              max={budget === undefined ? undefined : maxVotesFor(id, check.votes, budget)}
              disabled={
                check.problem !== undefined &&
                !["invalidVotes", "overBudget", "empty", "unchanged"].includes(check.problem.kind)
              }
              onChange={(text) => {
                setVotes(id, text);
              }}
            />
          );
        })}
      </ul>
      {problem !== undefined && <ProblemNote problem={problem} round={round} account={write.account} />}
      {!blocked && check.ballot.projectIds.length === 0 && (
        <p className="hint">An empty ballot withdraws every vote you cast in this round.</p>
      )}
      <div className="ballot-actions">
        <button type="submit" className="button-primary" disabled={blocked || !write.canSend || write.busy}>
          {current.projectIds.length === 0 ? "Cast ballot" : "Replace my ballot"}
        </button>
        <button type="button" className="button-secondary" disabled={blocked || write.busy} onClick={() => void sign()}>
          Sign ballot (no gas)
        </button>
      </div>
      {signed !== undefined && "error" in signed && (
        <p className={signed.rejected ? "status status-neutral" : "status status-error"} role="alert">
          {signed.rejected ? signed.error : `Signing failed: ${signed.error}`}
        </p>
      )}
      {signed !== undefined && "json" in signed && (
        <div className="signed-ballot">
          <p className="status status-ok" role="status">
            Ballot signed. Nothing was sent: give this signed ballot to anyone who will submit it (below, “Submit signed
            ballots”). It counts once submitted, until {formatTime(round.votingEnd)}, and replaces your ballot then.
          </p>
          <label htmlFor="signed-ballot-json">Signed ballot (JSON)</label>
          <textarea id="signed-ballot-json" readOnly rows={12} value={signed.json} className="code" />
          <button type="button" className="button-secondary" onClick={() => void copy()}>
            Copy the signed ballot
          </button>
          {copied && <span className="status status-ok"> Copied.</span>}
        </div>
      )}
    </form>
  );
}

function BudgetFigures(props: {
  round: VotingRoundSummary;
  voter: VoterInRound | undefined;
  cost: bigint;
  remaining: bigint | undefined;
}) {
  const { round, voter, cost, remaining } = props;
  const budget = voter?.voiceCredits;
  return (
    <dl className="figures ballot-figures">
      <div>
        <dt>Your voice credits</dt>
        <dd data-testid="budget">{budget === undefined ? "—" : budget.toLocaleString("en-US")}</dd>
      </div>
      <div>
        <dt>This ballot costs</dt>
        <dd data-testid="cost">{cost.toLocaleString("en-US")}</dd>
      </div>
      <div>
        <dt>Left</dt>
        <dd data-testid="remaining" className={remaining !== undefined && remaining < 0n ? "over-budget" : undefined}>
          {remaining === undefined ? "—" : remaining.toLocaleString("en-US")}
        </dd>
      </div>
      {voter?.votingPower !== undefined && (
        <div>
          <dt>Voting power at the snapshot</dt>
          <dd>
            {formatTokenAmount(voter.votingPower, round.votingToken.decimals, 2)} {round.votingToken.symbol}
          </dd>
        </div>
      )}
    </dl>
  );
}

function CurrentBallot({ current, nameOf }: { current: Ballot; nameOf: Map<string, string> }) {
  if (current.projectIds.length === 0) {
    return <p data-testid="current-ballot">You have not cast a ballot in this round yet.</p>;
  }
  const parts = current.projectIds.map((id, index) => {
    const votes = current.votes[index] ?? 0n;
    return `${votesText(votes)} for ${nameOf.get(id.toString()) ?? `project #${id}`}`;
  });
  const cost = current.votes.reduce((sum, votes) => sum + voteCost(votes), 0n);
  return (
    <div className="current-ballot" data-testid="current-ballot">
      <p>
        Your ballot: {parts.join(", ")} ({votesText(ballotVotes(current))}, {voiceCredits(cost)}).
      </p>
      <p className="hint">
        Casting again replaces this ballot entirely: only your latest ballot counts. Set a project to 0 to take your
        votes from it.
      </p>
    </div>
  );
}

function VoteStepper(props: {
  name: string;
  project: VotingProject;
  round: VotingRoundSummary;
  text: string;
  votes: bigint;
  error: string | undefined;
  /** The most votes this project can take within the budget, given the others. */
  max: bigint | undefined;
  disabled: boolean;
  onChange: (text: string) => void;
}) {
  const { name, project, round, text, votes, error, max, disabled, onChange } = props;
  const id = useId();
  const errorId = `${id}-error`;
  const costId = `${id}-cost`;
  const nextCost = voteCost(votes + 1n) - voteCost(votes);
  return (
    <li className="ballot-row" aria-label={name} data-project={project.projectId.toString()}>
      <div className="ballot-project">
        <h3>{name}</h3>
        <p className="hint" data-testid="tally">
          {votesText(project.votes)} from {project.voters} {project.voters === 1 ? "voter" : "voters"} ·{" "}
          {round.status === RoundStatus.Finalized ? "payout" : "estimated payout"}{" "}
          {formatTokenAmount(project.estimatedPayout, round.token.decimals, 2)} {round.token.symbol}
        </p>
      </div>
      <div className="stepper">
        <button
          type="button"
          className="button-secondary stepper-button"
          aria-label={`One vote less for ${name}`}
          disabled={disabled || votes === 0n}
          onClick={() => {
            onChange((votes - 1n).toString());
          }}
        >
          −
        </button>
        <label htmlFor={id} className="visually-hidden">
          Votes for {name}
        </label>
        <input
          id={id}
          className="stepper-input"
          inputMode="numeric"
          autoComplete="off"
          value={text}
          disabled={disabled}
          aria-invalid={error !== undefined}
          aria-describedby={error === undefined ? costId : `${costId} ${errorId}`}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
        <button
          type="button"
          className="button-secondary stepper-button"
          aria-label={`One vote more for ${name}`}
          disabled={disabled || (max !== undefined && votes >= max)}
          title={`The next vote costs ${voiceCredits(nextCost)}`}
          onClick={() => {
            onChange((votes + 1n).toString());
          }}
        >
          +
        </button>
      </div>
      <p id={costId} className="vote-cost" data-testid="vote-cost" aria-live="polite">
        {votesText(votes)} = {voiceCredits(voteCost(votes))}
        {max !== undefined && max > votes && (
          <span className="hint"> · the next costs {nextCost.toLocaleString("en-US")}</span>
        )}
      </p>
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </li>
  );
}

function ProblemNote(props: {
  problem: NonNullable<ReturnType<typeof checkBallot>["problem"]>;
  round: VotingRoundSummary;
  account: string | undefined;
}) {
  const { problem, round, account } = props;
  const className =
    problem.kind === "overBudget" || problem.kind === "invalidVotes" || problem.kind === "cancelled"
      ? "status status-error"
      : "status status-neutral";
  return (
    <div className="ballot-problem" role={problem.kind === "overBudget" ? "alert" : "status"}>
      <p className={className} data-testid="ballot-problem">
        {problem.message}
        {problem.kind === "notOpen" && ` It opens on ${formatTime(round.votingStart)}.`}
        {problem.kind === "closed" &&
          round.status !== RoundStatus.Finalized &&
          " Anyone can now finalize the round (below)."}
      </p>
      {problem.kind === "noCredits" && (
        <p className="hint">
          Voice credits come from {round.votingToken.isCommonsCredits ? "commons credits" : round.votingToken.symbol}{" "}
          held at the round&apos;s snapshot ({formatTime(round.snapshot)}): commons credits are minted for contributions
          the stewards of a node attest, once the contributor claims them. Credits claimed after the snapshot count in
          later rounds, not this one.{" "}
          {account !== undefined && (
            <Link href={`/network/contributors/${account}`}>See your contributions and credits</Link>
          )}
        </p>
      )}
    </div>
  );
}
