import type { Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { quadraticVotingRoundAbi } from "../data/contracts.ts";
import { useActiveChain } from "./useActiveChain.ts";
import { useTransaction } from "./useTransaction.ts";

type VotingRoundAbi = typeof quadraticVotingRoundAbi;
type VotingWriteName = ContractFunctionName<VotingRoundAbi, "nonpayable" | "payable">;

/**
 * Sends transactions to one voting round from the connected wallet: simulated first (a revert is explained
 * before anything is signed), then written and waited for; every chain read refreshes on the receipt.
 */
export function useVotingRoundWrite(round: Address) {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const transaction = useTransaction();
  const canSend = isConnected && account !== undefined && active !== undefined && !active.walletOnOtherChain;

  /** Simulates and submits a call now, without tracking it: for use inside `transaction.run`. */
  async function sendNow<name extends VotingWriteName>(
    functionName: name,
    args: ContractFunctionArgs<VotingRoundAbi, "nonpayable" | "payable", name>,
    value?: bigint,
  ): Promise<Hash> {
    if (account === undefined || active === undefined) throw new Error("Connect a wallet first.");
    // viem cannot narrow a generic call inside; the signature of `sendNow` is what checks names and arguments.
    const { request } = await simulateContract(config, {
      chainId: active.chain.id,
      account,
      address: round,
      abi: quadraticVotingRoundAbi,
      functionName,
      args,
      ...(value === undefined ? {} : { value }),
    } as never);
    return writeContract(config, request as never);
  }

  /** Sends one call, tracked: pending, confirmed or failed, with every read refreshed on its receipt. */
  function send<name extends VotingWriteName>(
    label: string,
    functionName: name,
    args: ContractFunctionArgs<VotingRoundAbi, "nonpayable" | "payable", name>,
  ) {
    return transaction.run(label, () => sendNow(functionName, args));
  }

  return { ...transaction, account, canSend, send, sendNow };
}
