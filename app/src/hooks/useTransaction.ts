import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { Hash, TransactionReceipt } from "viem";
import { useConfig } from "wagmi";
import { waitForTransactionReceipt } from "wagmi/actions";
import { describeError } from "../lib/errors.ts";

/** Where a wallet action stands, for the status line under the button that started it. */
export type TransactionState =
  | { status: "idle" }
  | { status: "signing"; label: string }
  | { status: "pending"; label: string; hash: Hash }
  | { status: "confirmed"; label: string; hash: Hash }
  | { status: "rejected"; label: string; message: string }
  | { status: "failed"; label: string; message: string };

/**
 * Runs one transaction: `send` simulates and submits it (a revert is caught before anything is signed), then
 * this waits for the receipt and refreshes every chain read, so the change shows at once.
 */
export function useTransaction() {
  const config = useConfig();
  const queryClient = useQueryClient();
  const [state, setState] = useState<TransactionState>({ status: "idle" });

  const run = useCallback(
    async (label: string, send: () => Promise<Hash>): Promise<TransactionReceipt | undefined> => {
      setState({ status: "signing", label });
      try {
        const hash = await send();
        setState({ status: "pending", label, hash });
        const receipt = await waitForTransactionReceipt(config, { hash });
        if (receipt.status !== "success") throw new Error("The transaction was reverted on chain.");
        setState({ status: "confirmed", label, hash });
        await queryClient.invalidateQueries();
        return receipt;
      } catch (error) {
        const described = describeError(error);
        setState({ status: described.rejected ? "rejected" : "failed", label, message: described.message });
        return undefined;
      }
    },
    [config, queryClient],
  );

  const reset = useCallback(() => {
    setState({ status: "idle" });
  }, []);

  return { state, run, reset, busy: state.status === "signing" || state.status === "pending" };
}
