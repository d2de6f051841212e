import { type Address, getAddress } from "viem";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../generated/deployments.ts";
import { TEST_CHAIN } from "../testing/fakeChain.ts";
import { RoundStatus } from "./contracts.ts";
import type { RoundSummary } from "./rounds.ts";
import { fetchRecoverable, fetchSeasonFunders, fetchSeasonSummaries, type SeasonDraw } from "./seasons.ts";
import { roundSummaryWith } from "../testing/roundSummary.ts";
import { fakeClient } from "./testClient.ts";

const SEASON = "0x00000000000000000000000000000000000000a1";
const CANCELLED = "0x00000000000000000000000000000000000000c1";
const FINALIZED = "0x00000000000000000000000000000000000000f1";
const ACTIVE = "0x00000000000000000000000000000000000000e1";
const TOKEN = "0x0000000000000000000000000000000000000009";
const ALICE = "0x0000000000000000000000000000000000000001";
const BOB = "0x0000000000000000000000000000000000000002";

function round(address: string, status: RoundStatus, matchingPool: bigint): RoundSummary {
  return roundSummaryWith({
    address: address as Address,
    nodeId: 2n,
    token: { address: TOKEN, isNative: false, name: "CUSD", symbol: "CUSD", decimals: 6 },
    applicationsEnd: 1n,
    donationsStart: 1n,
    donationsEnd: 2n,
    status,
    matchingPool,
    metadataPointer: "ipfs://round",
    season: SEASON,
  });
}

/** A draw of the season: `amount` drawn, of which `undelivered` still waits in the season. */
function draw(address: string, amount: bigint, undelivered = 0n): SeasonDraw {
  return { round: address as `0x${string}`, ideal: amount, amount, undelivered };
}

/** The season as `fetchRecoverable` needs it, with its rounds' draws. */
function seasonWith(...draws: SeasonDraw[]) {
  return { address: SEASON as `0x${string}`, draws };
}

describe("fetchRecoverable", () => {
  it("takes back a cancelled round's whole draw and the season's part of a finalized round's leftover", async () => {
    const { client, viewCalls } = fakeClient({
      view: (call) => {
        if (call.functionName === "funderAccount") {
          return call.address === CANCELLED ? [139_000_000n, false] : [1_860_000_000n, false];
        }
        if (call.functionName === "matchDistribution") {
          // Only a finalized round has a distribution: the view reverts on any other.
          if (call.address !== FINALIZED) throw new Error("UnexpectedRoundStatus");
          return { numerator: 1n, denominator: 1n, matchCap: 0n, unallocated: 33_600_000n };
        }
        throw new Error(`unexpected ${call.functionName}`);
      },
    });
    const recoverable = await fetchRecoverable(
      client,
      seasonWith(draw(CANCELLED, 139_000_000n), draw(FINALIZED, 1_860_000_000n)),
      [
        round(CANCELLED, RoundStatus.Cancelled, 439_000_000n),
        round(ACTIVE, RoundStatus.Active, 100n),
        round(FINALIZED, RoundStatus.Finalized, 3_360_000_000n),
      ],
    );
    expect(recoverable).toEqual([
      { round: CANCELLED, funded: 139_000_000n, undelivered: 0n, recovered: false, amount: 139_000_000n },
      // 1,860 of a 3,360 pool; 33.6 unallocated: 1,860 × 33.6 / 3,360 = 18.6.
      { round: FINALIZED, funded: 1_860_000_000n, undelivered: 0n, recovered: false, amount: 18_600_000n },
    ]);
    // A round still running is not asked anything.
    expect(viewCalls.some((call) => call.address === ACTIVE)).toBe(false);
  });

  it("has nothing to take back from a round the season recovered from already", async () => {
    const { client } = fakeClient({ view: () => [139_000_000n, true] });
    const [item] = await fetchRecoverable(client, seasonWith(draw(CANCELLED, 139_000_000n)), [
      round(CANCELLED, RoundStatus.Cancelled, 1n),
    ]);
    expect(item).toEqual({ round: CANCELLED, funded: 139_000_000n, undelivered: 0n, recovered: true, amount: 0n });
  });

  it("takes back a cancelled round's draw that never reached it, from the season itself", async () => {
    // The round refused its draw when the season settled: the season put nothing in its pool.
    const { client } = fakeClient({ view: () => [0n, false] });
    const [item] = await fetchRecoverable(client, seasonWith(draw(CANCELLED, 139_000_000n, 139_000_000n)), [
      round(CANCELLED, RoundStatus.Cancelled, 0n),
    ]);
    expect(item).toEqual({
      round: CANCELLED,
      funded: 0n,
      undelivered: 139_000_000n,
      recovered: false,
      amount: 139_000_000n,
    });
  });

  it("says a cancelled round's draw that never reached it came back once it no longer waits", async () => {
    const { client } = fakeClient({ view: () => [0n, false] });
    const [item] = await fetchRecoverable(client, seasonWith(draw(CANCELLED, 139_000_000n)), [
      round(CANCELLED, RoundStatus.Cancelled, 0n),
    ]);
    expect(item).toEqual({ round: CANCELLED, funded: 0n, undelivered: 0n, recovered: true, amount: 0n });
  });

  it("has nothing to take back from a round cancelled before settling, which drew nothing", async () => {
    const { client } = fakeClient({ view: () => [0n, false] });
    const [item] = await fetchRecoverable(client, seasonWith(draw(CANCELLED, 0n)), [
      round(CANCELLED, RoundStatus.Cancelled, 0n),
    ]);
    expect(item).toEqual({ round: CANCELLED, funded: 0n, undelivered: 0n, recovered: false, amount: 0n });
  });
});

describe("fetchSeasonSummaries", () => {
  /** A season's views: settled or not, with the Cancelled, Finalized and Active rounds' draws and what waits. */
  function seasonViews(settled: boolean, waiting: Record<string, bigint>) {
    return (call: { address: string; functionName: string; args: readonly unknown[] }) => {
      switch (call.functionName) {
        case "parameters":
          return { payoutToken: TOKEN, closesAt: 10n, nodeId: 1n, metadata: "ipfs://season" };
        case "isSettled":
          return settled;
        case "pool":
          return 2_000_000_000n;
        case "returned":
          return 0n;
        case "draws":
          return [
            [CANCELLED, FINALIZED, ACTIVE],
            [5n, 7n, 0n],
            [139_000_000n, 1_860_000_000n, 0n],
          ];
        case "undeliveredDraw":
          return waiting[getAddress(call.args[0] as string)] ?? 0n;
        case "name":
          return "Commons Dollar";
        case "symbol":
          return "CUSD";
        case "decimals":
          return 6;
        default:
          throw new Error(`unexpected ${call.functionName}`);
      }
    };
  }

  it("reads which draws wait in a settled season, asking only about rounds that drew something", async () => {
    const { client, viewCalls } = fakeClient({ view: seasonViews(true, { [getAddress(CANCELLED)]: 139_000_000n }) });
    const [season] = await fetchSeasonSummaries(client, TEST_CHAIN, [SEASON]);
    expect(season?.draws).toEqual([
      { round: getAddress(CANCELLED), ideal: 5n, amount: 139_000_000n, undelivered: 139_000_000n },
      { round: getAddress(FINALIZED), ideal: 7n, amount: 1_860_000_000n, undelivered: 0n },
      { round: getAddress(ACTIVE), ideal: 0n, amount: 0n, undelivered: 0n },
    ]);
    expect(viewCalls.filter((call) => call.functionName === "undeliveredDraw")).toEqual([
      { address: SEASON, functionName: "undeliveredDraw", args: [getAddress(CANCELLED)] },
      { address: SEASON, functionName: "undeliveredDraw", args: [getAddress(FINALIZED)] },
    ]);
  });

  it("asks nothing about waiting draws before the season settles: none can wait yet", async () => {
    const { client, viewCalls } = fakeClient({ view: seasonViews(false, {}) });
    const [season] = await fetchSeasonSummaries(client, TEST_CHAIN, [SEASON]);
    expect(season?.draws.map((item) => item.undelivered)).toEqual([0n, 0n, 0n]);
    expect(viewCalls.some((call) => call.functionName === "undeliveredDraw")).toBe(false);
  });
});

describe("fetchSeasonFunders", () => {
  it("sums each funder's gifts from the season's events, the largest first", async () => {
    const funded = (funder: string, amount: bigint) => ({
      eventName: "SeasonFunded",
      args: { funder, amount, funderTotal: 0n, poolTotal: 0n },
    });
    const { client } = fakeClient({
      events: [funded(BOB, 500_000_000n), funded(ALICE, 1_000_000_000n), funded(ALICE, 500_000_000n)],
    });
    expect(await fetchSeasonFunders(client, { fromBlock: 0 } as Deployment, SEASON)).toEqual([
      { funder: ALICE, funded: 1_500_000_000n },
      { funder: BOB, funded: 500_000_000n },
    ]);
  });
});
