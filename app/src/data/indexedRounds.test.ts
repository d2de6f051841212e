import { hardhat } from "viem/chains";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { IndexedRound, RoundPageResponse } from "../../../indexer/api-types.ts";
import { fetchEarly } from "./earlyFetch.ts";
import { fetchIndexedRound, IndexerUnavailableError } from "./indexedRounds.ts";

const ROUND = "0x00000000000000000000000000000000000000aa";
const ZERO = "0x0000000000000000000000000000000000000000";

const round: IndexedRound = {
  address: ROUND,
  chainId: 31337,
  nodeId: "2",
  creator: ZERO,
  metadataPointer: "ipfs://bafkrei",
  token: { address: ZERO, isNative: true, name: null, symbol: null, decimals: 18 },
  applicationsStart: "1",
  applicationsEnd: "2",
  donationsStart: "2",
  donationsEnd: "3",
  matchCapBps: 0,
  status: 0,
  matchingPool: "1000000000000000000000",
  idealMatchSum: "123456789012345678901234567890",
  approvedProjectIds: ["7"],
  totalDonations: "5",
  donationCount: 1,
  eligibility: { kind: 0, source: ZERO, key: `0x${"0".repeat(64)}`, minimum: "0", attester: ZERO },
  countingRules: { minCountedDonation: "0", countedContributionCap: "0" },
  commonsShareBps: 1000,
  commonsShare: "100",
  commonsShareSent: false,
  distributablePool: "900",
  season: null,
  distribution: null,
  createdAtBlock: "1",
};

const page: RoundPageResponse = {
  chainId: 31337,
  round,
  contributor: null,
  projects: [
    {
      projectId: "7",
      owner: ZERO,
      payoutAddress: ZERO,
      homeNode: "2",
      profilePointer: "ipfs://bafkreiprofile",
      applicationPointer: "ipfs://bafkreiapplication",
      tally: { status: 2, matchCapped: false, paid: false, contributors: 1, sqrtSum: "2236067977", donations: "5" },
      donations: "5",
      countedDonations: "5",
      idealMatch: "0",
      estimatedMatch: "900000000000000000000",
      donationCount: 1,
      contribution: { contributionOf: "5", countedContributionOf: "4" },
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchIndexedRound", () => {
  it("asks for the round with the account's gifts and turns the decimal strings back into amounts", async () => {
    const fetchMock = vi.fn(() => Promise.resolve(Response.json(page)));
    vi.stubGlobal("fetch", fetchMock);
    const account = "0x00000000000000000000000000000000000000bb";

    const { round: summary, projects } = await fetchIndexedRound("http://indexer", hardhat, ROUND, account);

    expect(fetchMock).toHaveBeenCalledWith(`http://indexer/rounds/${ROUND}?contributor=${account}`);
    expect(summary.idealMatchSum).toBe(123456789012345678901234567890n);
    expect(summary.token).toMatchObject({ isNative: true, symbol: "ETH", decimals: 18 });
    expect(summary.approvedProjectIds).toEqual([7n]);
    expect(summary.season).toBeUndefined();
    expect(projects[0]).toMatchObject({
      projectId: 7n,
      sqrtSum: 2236067977n,
      estimatedMatch: 900000000000000000000n,
      contributionOfAccount: 5n,
      countedContributionOfAccount: 4n,
    });
  });

  it("is unavailable when the indexer fails or serves another chain, so the app reads the chain instead", async () => {
    vi.stubGlobal("fetch", () => Promise.resolve(Response.json({ error: "down" }, { status: 503 })));
    await expect(fetchIndexedRound("http://indexer", hardhat, ROUND, undefined)).rejects.toBeInstanceOf(
      IndexerUnavailableError,
    );
    vi.stubGlobal("fetch", () => Promise.resolve(Response.json({ ...page, chainId: 10 })));
    await expect(fetchIndexedRound("http://indexer", hardhat, ROUND, undefined)).rejects.toThrow(
      "the indexer serves chain 10, not 31337",
    );
    vi.stubGlobal("fetch", () => Promise.reject(new TypeError("fetch failed")));
    await expect(fetchIndexedRound("http://indexer", hardhat, ROUND, undefined)).rejects.toBeInstanceOf(
      IndexerUnavailableError,
    );
  });

  it("takes the request the page's first script started for the same round, once", async () => {
    const early = vi.fn(() => Promise.resolve(Response.json(page)));
    vi.stubGlobal("fetch", early);
    fetchEarly(`http://indexer/rounds/${ROUND}`);
    const later = vi.fn(() => Promise.resolve(Response.json({ ...page, projects: [] })));
    vi.stubGlobal("fetch", later);

    // The address as the route gives it, checksummed or not, is the same request.
    const first = await fetchIndexedRound(
      "http://indexer",
      hardhat,
      "0x00000000000000000000000000000000000000AA",
      undefined,
    );
    const second = await fetchIndexedRound("http://indexer", hardhat, ROUND, undefined);

    expect(early).toHaveBeenCalledTimes(1);
    expect(first.projects).toHaveLength(1);
    expect(later).toHaveBeenCalledTimes(1);
    expect(second.projects).toHaveLength(0);
  });

  it("does not take an early request for another account's view of the round", async () => {
    vi.stubGlobal("fetch", () => Promise.resolve(Response.json({ ...page, projects: [] })));
    fetchEarly(`http://indexer/rounds/${ROUND}`);
    const own = vi.fn(() => Promise.resolve(Response.json(page)));
    vi.stubGlobal("fetch", own);

    const { projects } = await fetchIndexedRound(
      "http://indexer",
      hardhat,
      ROUND,
      "0x00000000000000000000000000000000000000bb",
    );

    expect(own).toHaveBeenCalledTimes(1);
    expect(projects[0]?.contributionOfAccount).toBe(5n);
  });
});
