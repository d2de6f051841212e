import type { Address, PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { quadraticFundingRoundAbi } from "./contracts.ts";

/** One donation as the round's `Donated` event recorded it (amounts in token units). */
export interface DonationEvent {
  blockNumber: bigint;
  transactionHash: `0x${string}`;
  logIndex: number;
  projectId: bigint;
  contributor: Address;
  amount: bigint;
  contributorTotal: bigint;
  projectTotal: bigint;
}

/** Blocks per `eth_getLogs` request: public RPCs limit the range. */
const LOG_RANGE = 10_000n;

/** Every donation of a round, oldest first, read from its events in bounded block ranges. */
export async function fetchDonationEvents(
  client: PublicClient,
  deployment: Deployment,
  round: Address,
): Promise<DonationEvent[]> {
  const latest = await client.getBlockNumber();
  const events: DonationEvent[] = [];
  for (let from = BigInt(deployment.fromBlock); from <= latest; from += LOG_RANGE) {
    const to = from + LOG_RANGE - 1n < latest ? from + LOG_RANGE - 1n : latest;
    const logs = await client.getContractEvents({
      address: round,
      abi: quadraticFundingRoundAbi,
      eventName: "Donated",
      fromBlock: from,
      toBlock: to,
      strict: true,
    });
    for (const log of logs) {
      // `strict` decoding: a log whose arguments do not decode is left out by viem, never half-read.
      const { projectId, contributor, amount, contributorTotal, projectTotal } = log.args;
      events.push({
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
        logIndex: log.logIndex,
        projectId,
        contributor,
        amount,
        contributorTotal,
        projectTotal,
      });
    }
  }
  return events;
}
