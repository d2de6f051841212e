import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import { RoundStatus } from "./contracts.ts";
import type { Deployment } from "../generated/deployments.ts";
import {
  fetchCountedDonations,
  NotARoundOfThisNetworkError,
  readRoundOfDeployment,
  roundsOfNode,
  type RoundSummary,
} from "./rounds.ts";
import { roundSummaryWith } from "../testing/roundSummary.ts";
import { fakeClient } from "./testClient.ts";
import { TEST_DEPLOYMENT } from "../testing/fakeChain.ts";

const NOW = 1_000n;

function round(address: string, nodeId: bigint, status: RoundStatus, donationsEnd: bigint): RoundSummary {
  return roundSummaryWith({
    address: address as Address,
    nodeId,
    status,
    donationsEnd,
    metadataPointer: "ipfs://round",
  });
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

describe("fetchCountedDonations", () => {
  it("recomputes what counts of each project's donations from the round's events, gift by gift", async () => {
    const donated = (projectId: bigint, contributor: string, amount: bigint) => ({
      eventName: "Donated",
      args: { projectId, contributor, amount, contributorTotal: 0n, projectTotal: 0n },
    });
    const { client } = fakeClient({
      events: [
        donated(1n, "0x0000000000000000000000000000000000000001", 3_000_000n),
        donated(1n, "0x0000000000000000000000000000000000000002", 20_000_000n),
        donated(2n, "0x0000000000000000000000000000000000000001", 250_000_000n),
        // A gift to a project that is no longer approved does not count.
        donated(3n, "0x0000000000000000000000000000000000000001", 9_000_000n),
        donated(1n, "0x0000000000000000000000000000000000000001", 4_000_000n),
      ],
    });
    const cusd = { address: "0x0000000000000000000000000000000000000009", isNative: false, name: "Commons Dollar" };
    const summary = {
      ...round("0x07", 4n, RoundStatus.Active, NOW + 1n),
      token: { ...cusd, symbol: "CUSD", decimals: 6 },
      approvedProjectIds: [1n, 2n],
      countingRules: { minCountedDonation: 5_000_000n, countedContributionCap: 200_000_000n },
    } as RoundSummary;
    const deployment = { fromBlock: 0 } as Deployment;
    const counted = await fetchCountedDonations(client, deployment, summary);
    // Project 1: 3 and 4 are each below the minimum, 20 counts. Project 2: 250 is capped at 200.
    expect(counted).toEqual(
      new Map([
        [1n, 20_000_000n * 10n ** 12n],
        [2n, 200_000_000n * 10n ** 12n],
      ]),
    );
  });
});

describe("readRoundOfDeployment", () => {
  const deployment = TEST_DEPLOYMENT;
  const ROUND = "0x00000000000000000000000000000000000000a1";
  const POSER = "0x00000000000000000000000000000000000000b2";
  /** A chain where each factory created the rounds listed for it. */
  function chain(created: Record<string, string[]>) {
    return fakeClient({
      view: ({ address, functionName, args }) => {
        if (functionName !== "isRound") throw new Error(`unexpected ${functionName}`);
        return (created[address] ?? []).includes(args[0] as string);
      },
    });
  }

  it("returns the round's reads when the deployment's RoundFactory created it", async () => {
    const { client, viewCalls } = chain({ [deployment.roundFactory]: [ROUND] });
    expect(await readRoundOfDeployment(client, deployment, "funding", ROUND, () => Promise.resolve("the round"))).toBe(
      "the round",
    );
    expect(viewCalls).toEqual([{ address: deployment.roundFactory, functionName: "isRound", args: [ROUND] }]);
  });

  it("refuses an address the factory did not create, however round-like its own answers", async () => {
    const { client } = chain({ [deployment.roundFactory]: [ROUND] });
    const refused = readRoundOfDeployment(client, deployment, "funding", POSER, () => Promise.resolve("a lookalike"));
    await expect(refused).rejects.toBeInstanceOf(NotARoundOfThisNetworkError);
    await expect(refused).rejects.toThrow(`${POSER} is not a round of this network`);
  });

  it("refuses it even when its own reads fail: the factory's no is what the page says", async () => {
    const { client } = chain({});
    await expect(
      readRoundOfDeployment(client, deployment, "funding", POSER, () => Promise.reject(new Error("reverted"))),
    ).rejects.toBeInstanceOf(NotARoundOfThisNetworkError);
  });

  it("asks the VotingRoundFactory for a voting round, and a funding round is not one", async () => {
    const { client, viewCalls } = chain({ [deployment.roundFactory]: [ROUND] });
    const refused = readRoundOfDeployment(client, deployment, "voting", ROUND, () => Promise.resolve("the round"));
    await expect(refused).rejects.toThrow(`${ROUND} is not a voting round of this network`);
    expect(viewCalls[0]?.address).toBe(deployment.votingRoundFactory);
  });

  it("asks the RoundFactory's isSeason for a co-matching season", async () => {
    const { client, viewCalls } = fakeClient({ view: ({ functionName }) => functionName === "isSeason" });
    expect(await readRoundOfDeployment(client, deployment, "season", ROUND, () => Promise.resolve("the season"))).toBe(
      "the season",
    );
    expect(viewCalls).toEqual([{ address: deployment.roundFactory, functionName: "isSeason", args: [ROUND] }]);
    const lookalike = fakeClient({ view: () => false }).client;
    await expect(
      readRoundOfDeployment(lookalike, deployment, "season", POSER, () => Promise.resolve("a lookalike")),
    ).rejects.toThrow(`${POSER} is not a co-matching season of this network`);
  });

  it("passes on a failure of the round's reads once the factory said yes", async () => {
    const { client } = chain({ [deployment.roundFactory]: [ROUND] });
    await expect(
      readRoundOfDeployment(client, deployment, "funding", ROUND, () => Promise.reject(new Error("node down"))),
    ).rejects.toThrow("node down");
  });
});
