import { type Address, type Chain, getAddress, type PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { projectRoundAbi, roundFactoryAbi } from "./contracts.ts";
import { readLogRanges } from "./logs.ts";
import { fetchPayoutTokens, type PayoutToken } from "./rounds.ts";

/** The rounds (of those given, funding or voting) where `account` is a steward. */
export async function fetchStewardedRounds(
  client: PublicClient,
  rounds: readonly Address[],
  account: Address,
): Promise<Set<Address>> {
  const flags = (await readAll(
    client,
    rounds.map((round) => ({
      address: round,
      abi: projectRoundAbi,
      functionName: "isSteward",
      args: [account],
    })),
  )) as boolean[];
  return new Set(rounds.filter((_, index) => flags[index] === true));
}

/** The payout tokens a round may use: the chain's coin and every ERC-20 the network's governors allow now. */
export async function fetchAllowedPayoutTokens(
  client: PublicClient,
  chain: Chain,
  deployment: Deployment,
): Promise<PayoutToken[]> {
  const logs = await readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
    client.getContractEvents({
      address: deployment.roundFactory,
      abi: roundFactoryAbi,
      eventName: "PayoutTokenAllowanceSet",
      ...range,
      strict: true,
    }),
  );
  const latest = new Map<Address, boolean>();
  for (const log of logs) latest.set(getAddress(log.args.token), log.args.allowed);
  const allowed = [...latest.entries()].filter(([, isAllowed]) => isAllowed).map(([token]) => token);
  const zero = "0x0000000000000000000000000000000000000000" as const;
  const tokens = await fetchPayoutTokens(client, chain, [zero, ...allowed]);
  return [...tokens.values()];
}
