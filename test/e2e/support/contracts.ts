import { type Abi, decodeFunctionResult, encodeFunctionData, type Hex } from "viem";
import {
  coMatchingSeasonAbi,
  commonsCreditsAbi,
  contributionLedgerAbi,
  nodeRegistryAbi,
  permitTokenAbi,
  quadraticFundingRoundAbi,
  quadraticVotingRoundAbi,
} from "../../../app/src/generated/abis.ts";
import { rpc } from "./chain.ts";

/** Sends a contract call from one of the node's accounts (it signs for them) and waits for it to be mined. */
export async function sendAs(
  from: string,
  to: string,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
): Promise<void> {
  const data = encodeFunctionData({ abi, functionName, args });
  const hash = await rpc<string>("eth_sendTransaction", [{ from, to, data }]);
  const receipt = await rpc<{ status: string } | null>("eth_getTransactionReceipt", [hash]);
  if (receipt?.status !== "0x1") throw new Error(`${functionName} from ${from} failed`);
}

/** Reads a view of a contract at the latest block, decoded (for checking what the app did, on chain). */
export async function readView(
  to: string,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
): Promise<unknown> {
  const data = encodeFunctionData({ abi, functionName, args });
  const result = await rpc<Hex>("eth_call", [{ to, data }, "latest"]);
  return decodeFunctionResult({ abi, functionName, data: result });
}

export {
  coMatchingSeasonAbi,
  commonsCreditsAbi,
  contributionLedgerAbi,
  nodeRegistryAbi,
  permitTokenAbi,
  quadraticFundingRoundAbi,
  quadraticVotingRoundAbi,
};
