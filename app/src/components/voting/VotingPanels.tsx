import { useState } from "react";
import { useConfig, useConnection } from "wagmi";
import { RoundStatus } from "../../data/contracts.ts";
import { prepareSpending, requireBalance } from "../../data/spending.ts";
import type { VoterInRound, VotingProject, VotingRoundSummary } from "../../data/votingRounds.ts";
import { useActiveChain } from "../../hooks/useActiveChain.ts";
import { useVotingRoundWrite } from "../../hooks/useVotingRoundWrite.ts";
import { formatShare, formatTokenAmount, shortAddress } from "../../lib/format.ts";
import { AmountInput, parsedAmount } from "../AmountInput.tsx";
import { TransactionStatus } from "../TransactionStatus.tsx";

/**
 * A voting round's matching pool: its total and the account's part; funders add to it until the round is final,
 * take it back if nobody voted, or after a cancellation.
 */
export function VotingPoolPanel({
  round,
  voter,
  now,
}: {
  round: VotingRoundSummary;
  voter: VoterInRound | undefined;
  now: bigint;
}) {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const write = useVotingRoundWrite(round.address);
  const [amount, setAmount] = useState("");
  const token = round.token;
  const fmt = (value: bigint) => `${formatTokenAmount(value, token.decimals)} ${token.symbol}`;
  const parsed = parsedAmount(amount, token);
  const funded = voter?.funded ?? 0n;

  const fund = async () => {
    if (!parsed.ok || account === undefined || active === undefined) return;
    const chainId = active.chain.id;
    const receipt = await write.run("Adding to the matching pool", async () => {
      await requireBalance(config, { chainId, token, owner: account, amount: parsed.value }, "you are adding");
      const permit = token.isNative
        ? undefined
        : await prepareSpending(
            config,
            { chainId, token, owner: account, spender: round.address, amount: parsed.value, now },
            () => undefined,
          );
      if (permit !== undefined) return write.sendNow("fundMatchingPoolWithPermit", [parsed.value, permit]);
      return write.sendNow("fundMatchingPool", [parsed.value], token.isNative ? parsed.value : undefined);
    });
    if (receipt) setAmount("");
  };

  return (
    <section className="card panel" aria-labelledby="pool-heading">
      <h2 id="pool-heading">Matching pool</h2>
      <p className="pool-total">
        {fmt(round.matchingPool)}
        {funded > 0n && (
          <span className="share">
            {" "}
            · you gave {fmt(funded)} ({formatShare(funded, round.matchingPool)} of the pool)
          </span>
        )}
      </p>
      <p className="hint">Split between the approved projects in proportion to the votes they receive.</p>
      {round.status === RoundStatus.Active && (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void fund();
          }}
        >
          <AmountInput label="Add to the pool" token={token} value={amount} onChange={setAmount} />
          <button type="submit" className="button-primary" disabled={!write.canSend || !parsed.ok || write.busy}>
            Add to the pool
          </button>
          {!isConnected && <p className="hint">Connect a wallet to add to the pool.</p>}
        </form>
      )}
      {round.status === RoundStatus.Finalized && round.totalVotes === 0n && (
        <p>Nobody voted in this round: the whole pool goes back to its funders, each taking what it put in.</p>
      )}
      {voter !== undefined && voter.claimable > 0n && (
        <button
          type="button"
          className="button-primary"
          disabled={!write.canSend || write.busy}
          onClick={() =>
            void write.send(
              round.status === RoundStatus.Cancelled ? "Taking back your funding" : "Claiming your leftover",
              round.status === RoundStatus.Cancelled ? "refundFunding" : "claimLeftover",
              [],
            )
          }
        >
          Take back {fmt(voter.claimable)}
        </button>
      )}
      {voter?.settled === true && <p className="status status-ok">You have taken back your part of the pool.</p>}
      <TransactionStatus state={write.state} />
    </section>
  );
}

/**
 * Closing a voting round needs no steward: once voting ends, anyone finalizes it; then anyone pays each project
 * its share, always to its payout address. The node's stewards may cancel the round before it is final.
 */
export function VotingClosingPanel(props: {
  round: VotingRoundSummary;
  projects: VotingProject[] | undefined;
  voter: VoterInRound | undefined;
  now: bigint;
}) {
  const { round, projects, voter, now } = props;
  const { isConnected } = useConnection();
  const write = useVotingRoundWrite(round.address);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const unpaid = (projects ?? []).filter((project) => !project.paid && project.estimatedPayout > 0n);
  const ended = now >= round.votingEnd;

  let body: React.ReactNode = null;
  if (round.status === RoundStatus.Active && ended) {
    body = (
      <>
        <p>Voting has closed. Anyone can finalize the round; then every project can be paid its share of the pool.</p>
        <button
          type="button"
          className="button-primary"
          disabled={!write.canSend || write.busy}
          onClick={() => void write.send("Finalizing the round", "finalize", [])}
        >
          Finalize the round
        </button>
      </>
    );
  } else if (round.status === RoundStatus.Finalized && round.totalVotes > 0n) {
    body =
      unpaid.length === 0 ? (
        <p className="status status-ok">Every project with votes has been paid.</p>
      ) : (
        <>
          <p>
            The round is final. {unpaid.length} {unpaid.length === 1 ? "project has" : "projects have"} not been paid
            yet; anyone can pay them, always to their payout address.
          </p>
          <button
            type="button"
            className="button-primary"
            disabled={!write.canSend || write.busy}
            onClick={() =>
              void write.send("Paying out projects", "claimPayouts", [unpaid.map((project) => project.projectId)])
            }
          >
            Pay out {unpaid.length === 1 ? "the project" : `all ${unpaid.length} projects`}
          </button>
          <ul className="plain-list payout-list">
            {unpaid.map((project) => (
              <li key={project.projectId.toString()}>
                Project #{project.projectId.toString()}:{" "}
                {formatTokenAmount(project.estimatedPayout, round.token.decimals, 2)} {round.token.symbol} to{" "}
                {shortAddress(project.payoutAddress)}
              </li>
            ))}
          </ul>
        </>
      );
  } else if (round.status === RoundStatus.Active && voter?.isSteward === true) {
    body = confirmCancel ? (
      <>
        <p role="alert">
          Cancelling ends the round for good: no ballot counts and every funder takes back what it put in. Cancel it?
        </p>
        <button
          type="button"
          className="button-danger"
          disabled={!write.canSend || write.busy}
          onClick={() => void write.send("Cancelling the round", "cancel", [])}
        >
          Yes, cancel the round
        </button>{" "}
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setConfirmCancel(false);
          }}
        >
          Keep it
        </button>
      </>
    ) : (
      <>
        <p>As a steward of the round&apos;s node you may cancel it before it is final.</p>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setConfirmCancel(true);
          }}
        >
          Cancel the round…
        </button>
      </>
    );
  }
  if (body === null && write.state.status !== "idle") {
    // A finalize or a cancel sent from here took away what this panel offered: it stays, with the status, so that
    // the confirmation (or the failure) stays in view once the round reads as final or cancelled.
    body =
      round.status === RoundStatus.Cancelled ? (
        <p className="status status-ok">The round is cancelled: every funder can take back what it put in.</p>
      ) : round.status === RoundStatus.Finalized ? (
        <p className="status status-ok">The round is final. Nobody voted, so there is nothing to pay out.</p>
      ) : null;
  }
  if (body === null && write.state.status === "idle") return null;
  return (
    <section className="card panel" aria-labelledby="closing-heading">
      <h2 id="closing-heading">{round.status === RoundStatus.Finalized ? "Payouts" : "Closing"}</h2>
      {body}
      {!isConnected && <p className="hint">Connect a wallet to send the transaction.</p>}
      <TransactionStatus state={write.state} />
    </section>
  );
}
