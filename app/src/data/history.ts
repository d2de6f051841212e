import type { Address, PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { quadraticFundingRoundAbi } from "./contracts.ts";
import { readLogRanges } from "./logs.ts";

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

/** Every donation of a round, oldest first, read from its events in bounded block ranges. */
export async function fetchDonationEvents(
  client: PublicClient,
  deployment: Deployment,
  round: Address,
): Promise<DonationEvent[]> {
  const chainId = client.chain?.id;
  // A round's donations are its largest history (100,000 in a large round): final ranges are kept across visits.
  const cache = chainId === undefined ? undefined : { key: `${chainId}:${round.toLowerCase()}:Donated` };
  return readLogRanges(
    client,
    BigInt(deployment.fromBlock),
    async (range) => {
      const logs = await client.getContractEvents({
        address: round,
        abi: quadraticFundingRoundAbi,
        eventName: "Donated",
        ...range,
        strict: true,
      });
      // `strict` decoding: a log whose arguments do not decode is left out by viem, never half-read.
      return logs.map((log) => ({
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
        logIndex: log.logIndex,
        ...log.args,
      }));
    },
    cache,
  );
}
