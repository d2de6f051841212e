import type { Address, PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { contributionLedgerAbi, quadraticFundingRoundAbi, RoundStatus } from "./contracts.ts";
import { readLogRanges } from "./logs.ts";
import type { RoundSummary } from "./rounds.ts";

/** One project an account gave to in a round, and whether the ledger counted that gift already. */
export interface GiftToProject {
  projectId: bigint;
  /** In token units. */
  amount: bigint;
  counted: boolean;
}

/** What an account gave in a finalized round, as the contribution ledger can count it. */
export interface GivingInRound {
  /** The money kind the network counts the round's token as; 0 if it does not count it. */
  moneyKind: number;
  gifts: GiftToProject[];
  /** The part of the account's matching funds the rule distributed (the rest went back), in token units. */
  matchingFunds: bigint;
  matchingFundsCounted: boolean;
}

/** What is left to count: the projects to name in `countRoundMoney`, and the amount it will record. */
export function uncountedGiving(giving: GivingInRound): { projectIds: bigint[]; amount: bigint } {
  const open = giving.gifts.filter((gift) => !gift.counted);
  const funds = giving.matchingFundsCounted ? 0n : giving.matchingFunds;
  return {
    projectIds: open.map((gift) => gift.projectId),
    amount: open.reduce((sum, gift) => sum + gift.amount, funds),
  };
}

/**
 * What `account` gave in a finalized round: the projects it donated to (from the round's `Donated` events
 * filtered by contributor, so only its own logs are read), each gift's total and whether it was counted, and
 * its distributed matching funds, exactly as `ContributionLedger.countRoundMoney` will count them.
 */
export async function fetchGivingInRound(
  client: PublicClient,
  deployment: Deployment,
  round: RoundSummary,
  account: Address,
): Promise<GivingInRound | undefined> {
  if (round.status !== RoundStatus.Finalized) return undefined;
  const logs = await readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
    client.getContractEvents({
      address: round.address,
      abi: quadraticFundingRoundAbi,
      eventName: "Donated",
      args: { contributor: account },
      ...range,
      strict: true,
    }),
  );
  const projectIds = [...new Set(logs.map((log) => log.args.projectId))].sort((a, b) => (a < b ? -1 : 1));
  const ledger = { address: deployment.contributionLedger, abi: contributionLedgerAbi } as const;
  const roundContract = { address: round.address, abi: quadraticFundingRoundAbi } as const;
  const results = await readAll(client, [
    { ...ledger, functionName: "moneyKind", args: [round.token.address] },
    { ...ledger, functionName: "isFundingCounted", args: [round.address, account] },
    { ...roundContract, functionName: "funderAccount", args: [account] },
    { ...roundContract, functionName: "matchDistribution" },
    ...projectIds.flatMap((projectId) => [
      { ...roundContract, functionName: "contributionOf", args: [projectId, account] } as const,
      { ...ledger, functionName: "isDonationCounted", args: [round.address, account, projectId] } as const,
    ]),
  ]);
  const [moneyKind, fundingCounted, [funded], distribution] = results as [
    number,
    boolean,
    readonly [bigint, boolean],
    { unallocated: bigint },
  ];
  const gifts = projectIds.map((projectId, index) => ({
    projectId,
    amount: results[4 + 2 * index] as bigint,
    counted: results[5 + 2 * index] as boolean,
  }));
  // As the ledger rounds it: down. The commons share is counted as the node's gift to the commons, not as the
  // funders' to the node.
  const matchingFunds =
    funded === 0n || round.matchingPool === 0n
      ? 0n
      : (funded * (round.matchingPool - distribution.unallocated - round.commonsShare)) / round.matchingPool;
  return { moneyKind, gifts, matchingFunds, matchingFundsCounted: fundingCounted };
}
