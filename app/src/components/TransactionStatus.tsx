import type { TransactionState } from "../hooks/useTransaction.ts";
import { shortAddress } from "../lib/format.ts";

/** The pending, confirmed or failed state of a wallet action, announced to screen readers. */
export function TransactionStatus({ state }: { state: TransactionState }) {
  let content: React.ReactNode = null;
  switch (state.status) {
    case "idle":
      break;
    case "signing":
      content = <span className="status status-pending">{state.label}: confirm in your wallet…</span>;
      break;
    case "pending":
      content = (
        <span className="status status-pending">
          {state.label}: waiting for confirmation (transaction {shortAddress(state.hash)})…
        </span>
      );
      break;
    case "confirmed":
      content = <span className="status status-ok">{state.label}: confirmed.</span>;
      break;
    case "rejected":
      content = <span className="status status-neutral">{state.message}</span>;
      break;
    case "failed":
      content = (
        <span className="status status-error" role="alert">
          {state.label} failed: {state.message}
        </span>
      );
      break;
  }
  return (
    <p className="transaction-status" aria-live="polite">
      {content}
    </p>
  );
}
