import type { RoundProject, RoundSummary } from "../data/rounds.ts";
import { useRoundWrite } from "../hooks/useRoundWrite.ts";
import { formatTokenAmount, shortAddress } from "../lib/format.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";

/**
 * Pays one project its donations and match, to its payout address; anyone may press it. A payout sent from here
 * keeps its status beside "Paid" once the project reads as paid (which can come before the wallet's receipt).
 */
export function PayoutButton({ round, project, name }: { round: RoundSummary; project: RoundProject; name: string }) {
  const write = useRoundWrite(round.address);
  const total = project.donations + project.estimatedMatch;
  return (
    <>
      {project.paid ? (
        <p className="status status-ok">Paid to {shortAddress(project.payoutAddress)}</p>
      ) : (
        <button
          type="button"
          className="button-primary"
          disabled={!write.canSend || write.busy}
          onClick={() => void write.send(`Paying ${name}`, "claimPayout", [project.projectId])}
        >
          Pay out {formatTokenAmount(total, round.token.decimals, 2)} {round.token.symbol}
          <span className="visually-hidden"> to {name}</span>
        </button>
      )}
      {(!project.paid || write.state.status !== "idle") && <TransactionStatus state={write.state} />}
    </>
  );
}
