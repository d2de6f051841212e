import type { Address } from "viem";
import { NO_COUNTING_RULES } from "../../../lib/quadratic-funding.ts";
import { RoundStatus } from "../data/contracts.ts";
import type { RoundSummary } from "../data/rounds.ts";
import { OPEN_RULE } from "../lib/eligibility.ts";

/**
 * A funding round as the app reads it, for unit tests: active, in the local chain's ETH, open to everyone, with an
 * empty pool, no project, no commons share and no season. `overrides` say what a test is about; the distributable
 * pool follows the matching pool unless given.
 */
export function roundSummaryWith(overrides: Partial<RoundSummary> & { address: Address }): RoundSummary {
  const matchingPool = overrides.matchingPool ?? 0n;
  return {
    chainId: 31337,
    nodeId: 1n,
    token: {
      address: "0x0000000000000000000000000000000000000000",
      isNative: true,
      name: "Ether",
      symbol: "ETH",
      decimals: 18,
    },
    applicationsStart: 0n,
    applicationsEnd: 10n,
    donationsStart: 10n,
    donationsEnd: 20n,
    matchCapBps: 0,
    status: RoundStatus.Active,
    idealMatchSum: 0n,
    metadataPointer: "",
    approvedProjectIds: [],
    totalDonations: 0n,
    eligibility: OPEN_RULE,
    countingRules: NO_COUNTING_RULES,
    commonsShareBps: 0,
    commonsShare: 0n,
    commonsShareSent: false,
    distributablePool: matchingPool,
    season: undefined,
    ...overrides,
    matchingPool,
  };
}
