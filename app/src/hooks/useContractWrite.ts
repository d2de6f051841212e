import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { useActiveChain } from "./useActiveChain.ts";
import { useTransaction } from "./useTransaction.ts";

type WriteName<abi extends Abi> = ContractFunctionName<abi, "nonpayable" | "payable">;

/**
 * Sends transactions to one contract from the connected wallet: each is simulated first (a revert is explained
 * before anything is signed), then written, then waited for, and every chain read refreshes on its receipt.
 */
export function useContractWrite<const abi extends Abi>(address: Address, abi: abi) {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const transaction = useTransaction();
  const canSend = isConnected && account !== undefined && active !== undefined && !active.walletOnOtherChain;

  /** Simulates and submits a call now, without tracking it: for use inside `run`. */
  async function sendNow<name extends WriteName<abi>>(
    functionName: name,
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>,
    value?: bigint,
  ): Promise<Hash> {
    if (account === undefined || active === undefined) throw new Error("Connect a wallet first.");
    // viem cannot narrow a generic call inside; the signature of `sendNow` is what checks names and arguments.
    const { request } = await simulateContract(config, {
      chainId: active.chain.id,
      account,
      address,
      abi,
      functionName,
      args,
      ...(value === undefined ? {} : { value }),
    } as never);
    return writeContract(config, request as never);
  }

  /** Sends one call, tracked: pending, confirmed or failed, with every read refreshed on its receipt. */
  function send<name extends WriteName<abi>>(
    label: string,
    functionName: name,
    args: ContractFunctionArgs<abi, "nonpayable" | "payable", name>,
    value?: bigint,
  ) {
    return transaction.run(label, () => sendNow(functionName, args, value));
  }

  return { ...transaction, account, canSend, send, sendNow };
}
