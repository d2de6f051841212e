import type { Address, ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { coMatchingSeasonAbi } from "../data/contracts.ts";
import { useActiveChain } from "./useActiveChain.ts";
import { useTransaction } from "./useTransaction.ts";

type SeasonAbi = typeof coMatchingSeasonAbi;
type SeasonWriteName = ContractFunctionName<SeasonAbi, "nonpayable" | "payable">;

/**
 * Sends transactions to one co-matching season from the connected wallet, as useRoundWrite does to a round:
 * simulated first (a revert is explained before anything is signed), then written and waited for; every chain
 * read refreshes on the receipt. Without a season (a round that joined none) it sends nothing.
 */
export function useSeasonWrite(season: Address | undefined) {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const transaction = useTransaction();
  const canSend =
    season !== undefined && isConnected && account !== undefined && active !== undefined && !active.walletOnOtherChain;

  /** Simulates and submits a call now, without tracking it: for use inside `run`. */
  async function sendNow<name extends SeasonWriteName>(
    functionName: name,
    args: ContractFunctionArgs<SeasonAbi, "nonpayable" | "payable", name>,
    value?: bigint,
  ): Promise<Hash> {
    if (season === undefined) throw new Error("This round is part of no co-matching season.");
    if (account === undefined || active === undefined) throw new Error("Connect a wallet first.");
    // viem cannot narrow a generic call inside; the signature of `sendNow` is what checks names and arguments.
    const { request } = await simulateContract(config, {
      chainId: active.chain.id,
      account,
      address: season,
      abi: coMatchingSeasonAbi,
      functionName,
      args,
      ...(value === undefined ? {} : { value }),
    } as never);
    return writeContract(config, request as never);
  }

  /** Sends one call, tracked: pending, confirmed or failed. */
  function send<name extends SeasonWriteName>(
    label: string,
    functionName: name,
    args: ContractFunctionArgs<SeasonAbi, "nonpayable" | "payable", name>,
  ) {
    return transaction.run(label, () => sendNow(functionName, args));
  }

  return { ...transaction, account, canSend, send, sendNow };
}
