import { uncountedGiving } from "../data/roundGiving.ts";
import type { RoundSummary } from "../data/rounds.ts";
import { useGivingInRound } from "../hooks/useGivingInRound.ts";
import { useNetworkWrite } from "../hooks/useNetworkWrite.ts";
import { formatTokenAmount } from "../lib/format.ts";
import { LoadError } from "./Loading.tsx";
import { NodeName } from "./NodeName.tsx";
import { TransactionStatus } from "./TransactionStatus.tsx";
import { firstReadError } from "../lib/queryFailure.ts";

/**
 * Once a round is final, what the connected account gave in it (donations, and the matching funds the rule
 * distributed) can be counted in the commons ledger as money given to the round's node: credited at once, since
 * the round's own records are the evidence. Nothing shows for an account that gave nothing here.
 */
export function CountGivingPanel({ round }: { round: RoundSummary }) {
  const giving = useGivingInRound(round);
  const write = useNetworkWrite();
  if (firstReadError(giving)) return <LoadError error={giving.error} what="what you gave in this round" />;
  const data = giving.data;
  if (data === undefined || data === null) return null;
  const gaveSomething = data.gifts.length > 0 || data.matchingFunds > 0n;
  if (!gaveSomething) return null;
  const token = round.token;
  const amount = (value: bigint) => `${formatTokenAmount(value, token.decimals, 2)} ${token.symbol}`;
  const left = uncountedGiving(data);
  const given = data.gifts.reduce((sum, gift) => sum + gift.amount, data.matchingFunds);

  const count = async () => {
    if (write.account === undefined) return;
    await write.sendLedger("Counting your giving in the commons ledger", "countRoundMoney", [
      round.address,
      write.account,
      left.projectIds,
    ]);
  };

  return (
    <section className="card panel" aria-labelledby="giving-heading">
      <h2 id="giving-heading">Your giving in the commons ledger</h2>
      <p>
        You gave {amount(given)} in this round
        {data.matchingFunds > 0n && <> ({amount(data.matchingFunds)} of it matching funds the rule distributed)</>}.
      </p>
      {data.moneyKind === 0 ? (
        <p className="hint">The network does not count {token.symbol} as money given to the commons.</p>
      ) : left.amount === 0n ? (
        <p className="status status-ok">
          Counted as money given to <NodeName nodeId={round.nodeId} />.
        </p>
      ) : (
        <>
          <p>
            {amount(left.amount)} of it is not counted yet. Counting it records it as money given to{" "}
            <NodeName nodeId={round.nodeId} /> and earns commons credits at once.
          </p>
          <button
            type="button"
            className="button-primary"
            disabled={write.busy || !write.canSend}
            onClick={() => {
              void count();
            }}
          >
            Count my giving
          </button>
        </>
      )}
      <TransactionStatus state={write.state} />
    </section>
  );
}
