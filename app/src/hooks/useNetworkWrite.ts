import type { Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { commonsCreditsAbi, contributionLedgerAbi } from "../data/contracts.ts";
import { useActiveChain } from "./useActiveChain.ts";
import { useTransaction } from "./useTransaction.ts";

type LedgerAbi = typeof contributionLedgerAbi;
type LedgerWriteName = ContractFunctionName<LedgerAbi, "nonpayable">;
type CreditsAbi = typeof commonsCreditsAbi;
type CreditsWriteName = ContractFunctionName<CreditsAbi, "nonpayable">;

/**
 * Sends transactions to the contribution ledger and the commons credits from the connected wallet, as
 * useRoundWrite does to a round: each is simulated first (a revert is explained before anything is signed), then
 * written, then waited for, and every chain read refreshes on its receipt.
 */
export function useNetworkWrite() {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const transaction = useTransaction();
  const canSend = isConnected && account !== undefined && active !== undefined && !active.walletOnOtherChain;

  async function simulateAndWrite(address: Address, abi: LedgerAbi | CreditsAbi, functionName: string, args: unknown) {
    if (account === undefined || active === undefined) throw new Error("Connect a wallet first.");
    // viem cannot narrow a generic call inside; the signatures of the callers check names and arguments.
    const { request } = await simulateContract(config, {
      chainId: active.chain.id,
      account,
      address,
      abi,
      functionName,
      args,
    } as never);
    return writeContract(config, request as never);
  }

  /** Simulates and submits a ledger call now, without tracking it: for use inside `run`. */
  function sendLedgerNow<name extends LedgerWriteName>(
    functionName: name,
    args: ContractFunctionArgs<LedgerAbi, "nonpayable", name>,
  ): Promise<Hash> {
    if (active === undefined) throw new Error("Connect a wallet first.");
    return simulateAndWrite(active.deployment.contributionLedger, contributionLedgerAbi, functionName, args);
  }

  /** Sends one ledger call, tracked: pending, confirmed or failed. */
  function sendLedger<name extends LedgerWriteName>(
    label: string,
    functionName: name,
    args: ContractFunctionArgs<LedgerAbi, "nonpayable", name>,
  ) {
    return transaction.run(label, () => sendLedgerNow(functionName, args));
  }

  /** Sends one call to the commons credits token (its address comes from the ledger), tracked. */
  function sendCredits<name extends CreditsWriteName>(
    label: string,
    creditsToken: Address,
    functionName: name,
    args: ContractFunctionArgs<CreditsAbi, "nonpayable", name>,
  ) {
    return transaction.run(label, () => simulateAndWrite(creditsToken, commonsCreditsAbi, functionName, args));
  }

  return { ...transaction, account, canSend, sendLedger, sendLedgerNow, sendCredits };
}
