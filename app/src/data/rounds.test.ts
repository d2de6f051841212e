import { describe, expect, it } from "vitest";
import { NO_COUNTING_RULES } from "../../../lib/quadratic-funding.ts";
import { OPEN_RULE } from "../lib/eligibility.ts";
import { RoundStatus } from "./contracts.ts";
import { roundsOfNode, type RoundSummary } from "./rounds.ts";

const NOW = 1_000n;

function round(address: string, nodeId: bigint, status: RoundStatus, donationsEnd: bigint): RoundSummary {
  return {
    address: address as `0x${string}`,
    chainId: 31337,
    nodeId,
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
    donationsEnd,
    matchCapBps: 0,
    status,
    matchingPool: 0n,
    idealMatchSum: 0n,
    metadataPointer: "ipfs://round",
    approvedProjectIds: [],
    totalDonations: 0n,
    eligibility: OPEN_RULE,
    countingRules: NO_COUNTING_RULES,
  };
}

describe("roundsOfNode", () => {
  it("splits a node's rounds into open ones (active, donations not over) and the rest, in creation order", () => {
    const rounds = [
      round("0x01", 2n, RoundStatus.Active, NOW + 1n),
      round("0x02", 3n, RoundStatus.Active, NOW + 1n),
      round("0x03", 2n, RoundStatus.Finalized, NOW - 1n),
      // Donations over but not finalized yet: no longer open.
      round("0x04", 2n, RoundStatus.Active, NOW),
      round("0x05", 2n, RoundStatus.Cancelled, NOW + 100n),
      round("0x06", 2n, RoundStatus.Active, NOW + 100n),
    ];
    const { open, closed } = roundsOfNode(rounds, 2n, NOW);
    expect(open.map((item) => item.address)).toEqual(["0x01", "0x06"]);
    expect(closed.map((item) => item.address)).toEqual(["0x03", "0x04", "0x05"]);
    expect(roundsOfNode(rounds, 4n, NOW)).toEqual({ open: [], closed: [] });
  });
});
