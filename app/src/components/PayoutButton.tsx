import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { quadraticFundingRoundAbi } from "../data/contracts.ts";
import type { RoundProject, RoundSummary } from "../data/rounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useTransaction } from "../hooks/useTransaction.ts";
import { formatTokenAmount, shortAddress } from "../lib/format.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";

/** Pays one project its donations and match, to its payout address; anyone may press it. */
export function PayoutButton({ round, project, name }: { round: RoundSummary; project: RoundProject; name: string }) {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const transaction = useTransaction();
  if (project.paid) {
    return <p className="status status-ok">Paid to {shortAddress(project.payoutAddress)}</p>;
  }
  const total = project.donations + project.estimatedMatch;
  const canAct = isConnected && account !== undefined && active !== undefined && !active.walletOnOtherChain;
  return (
    <>
      <button
        type="button"
        className="button-primary"
        disabled={!canAct || transaction.busy}
        onClick={() => {
          if (account === undefined || active === undefined) return;
          void transaction.run(`Paying ${name}`, async () => {
            const { request } = await simulateContract(config, {
              chainId: active.chain.id,
              account,
              address: round.address,
              abi: quadraticFundingRoundAbi,
              functionName: "claimPayout",
              args: [project.projectId],
            });
            return writeContract(config, request);
          });
        }}
      >
        Pay out {formatTokenAmount(total, round.token.decimals, 2)} {round.token.symbol}
        <span className="visually-hidden"> to {name}</span>
      </button>
      <TransactionStatus state={transaction.state} />
    </>
  );
}
