import type { Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { quadraticFundingRoundAbi } from "../data/contracts.ts";
import { useActiveChain } from "./useActiveChain.ts";
import { useTransaction } from "./useTransaction.ts";

type RoundAbi = typeof quadraticFundingRoundAbi;
type RoundWriteName = ContractFunctionName<RoundAbi, "nonpayable" | "payable">;

/**
 * Sends transactions to one round from the connected wallet: each is simulated first (a revert is explained
 * before anything is signed), then written, then waited for, and every chain read refreshes on its receipt.
 */
export function useRoundWrite(round: Address) {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const transaction = useTransaction();
  const canSend = isConnected && account !== undefined && active !== undefined && !active.walletOnOtherChain;

  /** Simulates and submits a call now, without tracking it: for use inside `run`. */
  async function sendNow<name extends RoundWriteName>(
    functionName: name,
    args: ContractFunctionArgs<RoundAbi, "nonpayable" | "payable", name>,
    value?: bigint,
  ): Promise<Hash> {
    if (account === undefined || active === undefined) throw new Error("Connect a wallet first.");
    // viem cannot narrow a generic call inside; the signature of `sendNow` is what checks names and arguments.
    const { request } = await simulateContract(config, {
      chainId: active.chain.id,
      account,
      address: round,
      abi: quadraticFundingRoundAbi,
      functionName,
      args,
      ...(value === undefined ? {} : { value }),
    } as never);
    return writeContract(config, request as never);
  }

  /** Sends one call, tracked: pending, confirmed or failed, with every read refreshed on its receipt. */
  function send<name extends RoundWriteName>(
    label: string,
    functionName: name,
    args: ContractFunctionArgs<RoundAbi, "nonpayable" | "payable", name>,
    value?: bigint,
  ) {
    return transaction.run(label, () => sendNow(functionName, args, value));
  }

  return { ...transaction, canSend, send, sendNow };
}
