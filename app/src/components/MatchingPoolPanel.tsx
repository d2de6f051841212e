import { useState } from "react";
import { useConfig, useConnection } from "wagmi";
import { RoundStatus } from "../data/contracts.ts";
import type { RoundProject, RoundSummary } from "../data/rounds.ts";
import { prepareSpending, requireBalance } from "../data/spending.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useAccountInRound, useFinalDistribution } from "../hooks/useRounds.ts";
import { useRoundWrite } from "../hooks/useRoundWrite.ts";
import { formatShare, formatTokenAmount } from "../lib/format.ts";
import { AmountInput, parsedAmount } from "./AmountInput.tsx";
import { TransactionStatus } from "./TransactionStatus.tsx";

/**
 * The funder's view of a round: add to the matching pool, see one's share, and — once the round is over —
 * where the pool went and what one can take back; donors withdraw here after a cancellation.
 */
export function MatchingPoolPanel({ round, projects }: { round: RoundSummary; projects: RoundProject[] | undefined }) {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const now = useChainTime();
  const mine = useAccountInRound(round);
  const distribution = useFinalDistribution(round);
  const write = useRoundWrite(round.address);
  const [amount, setAmount] = useState("");
  const token = round.token;
  const fmt = (value: bigint) => `${formatTokenAmount(value, token.decimals)} ${token.symbol}`;

  const fund = async () => {
    const parsed = parsedAmount(amount, token);
    if (!parsed.ok || account === undefined || active === undefined || now === undefined) return;
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

  const simple = (label: string, functionName: "claimLeftover" | "refundFunding") => () => {
    void write.send(label, functionName, []);
  };

  const donatedTo = (projects ?? []).filter((project) => project.contributionOfAccount > 0n);
  const donatedTotal = donatedTo.reduce((sum, project) => sum + project.contributionOfAccount, 0n);
  const refundDonations = () => {
    void write.send("Withdrawing your donations", "refundDonations", [donatedTo.map((project) => project.projectId)]);
  };

  const funded = mine.data?.funded ?? 0n;
  const parsed = parsedAmount(amount, token);
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

      {round.status === RoundStatus.Finalized && distribution.data && (
        <>
          <dl className="figures">
            <div>
              <dt>Matched to projects</dt>
              <dd>{fmt(round.distributablePool - distribution.data.unallocated)}</dd>
            </div>
            {round.commonsShareBps > 0 && (
              <div>
                <dt>Commons share</dt>
                <dd>{fmt(round.commonsShare)}</dd>
              </div>
            )}
            <div>
              <dt>Returned to funders</dt>
              <dd>{fmt(distribution.data.unallocated)}</dd>
            </div>
          </dl>
          {funded > 0n &&
            (mine.data?.settled ? (
              <p className="status status-ok">You have taken your share of what was returned.</p>
            ) : distribution.data.unallocated === 0n ? (
              <p>Nothing was returned to funders: the whole pool went to projects.</p>
            ) : (
              <p>
                Your share of what was returned: <strong>{fmt(mine.data?.leftover ?? 0n)}</strong>{" "}
                <button
                  type="button"
                  className="button-primary"
                  disabled={!write.canSend || write.busy}
                  onClick={simple("Claiming your leftover", "claimLeftover")}
                >
                  Claim leftover
                </button>
              </p>
            ))}
        </>
      )}

      {round.status === RoundStatus.Cancelled && (
        <>
          <p>This round was cancelled: every funder and donor can take back exactly what they put in.</p>
          {funded > 0n && !mine.data?.settled && (
            <button
              type="button"
              className="button-primary"
              disabled={!write.canSend || write.busy}
              onClick={simple("Withdrawing your funding", "refundFunding")}
            >
              Withdraw your {fmt(funded)}
            </button>
          )}
          {donatedTotal > 0n && (
            <button
              type="button"
              className="button-primary"
              disabled={!write.canSend || write.busy}
              onClick={refundDonations}
            >
              Withdraw your donations ({fmt(donatedTotal)})
            </button>
          )}
          {funded === 0n && donatedTotal === 0n && isConnected && (
            <p className="hint">This account has nothing to withdraw here.</p>
          )}
        </>
      )}
      <TransactionStatus state={write.state} />
    </section>
  );
}
