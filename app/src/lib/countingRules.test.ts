import { describe, expect, it } from "vitest";
import {
  computeDistribution,
  contributionsByProject,
  countedAfter,
  countedContribution,
  type CountingRules,
  type DonationRecord,
  estimateMatch,
  hasCountingRules,
  idealMatch,
  NO_COUNTING_RULES,
  normalisationFactor,
  previewDonations,
  sqrtDown,
} from "../../../lib/quadratic-funding.ts";

const RULES: CountingRules = { minCountedDonation: 5n, countedContributionCap: 200n };

describe("counting rules in the TypeScript reference of the CLR rule", () => {
  it("counts nothing of a gift below the minimum, all of one at the minimum, and never more than the cap", () => {
    expect(countedAfter(0n, 4n, RULES)).toBe(0n);
    expect(countedAfter(0n, 5n, RULES)).toBe(5n);
    expect(countedAfter(10n, 4n, RULES)).toBe(10n);
    expect(countedAfter(190n, 20n, RULES)).toBe(200n);
    expect(countedAfter(200n, 50n, RULES)).toBe(200n);
    // No cap: everything at or above the minimum counts.
    expect(countedAfter(190n, 20n, { minCountedDonation: 5n, countedContributionCap: 0n })).toBe(210n);
    // No minimum: every gift counts, up to the cap.
    expect(countedAfter(0n, 1n, { minCountedDonation: 0n, countedContributionCap: 3n })).toBe(1n);
    expect(countedAfter(0n, 7n, NO_COUNTING_RULES)).toBe(7n);
    expect(() => countedAfter(0n, -1n, RULES)).toThrow(RangeError);
  });

  it("takes each gift on its own: many gifts below the minimum count nothing, one gift of their sum counts", () => {
    expect(countedContribution([4n, 4n, 4n], RULES)).toBe(0n);
    expect(countedContribution([12n], RULES)).toBe(12n);
    expect(countedContribution([3n, 10n, 300n], RULES)).toBe(200n);
    expect(countedContribution([], RULES)).toBe(0n);
    expect(hasCountingRules(RULES)).toBe(true);
    expect(hasCountingRules(NO_COUNTING_RULES)).toBe(false);
    expect(hasCountingRules(undefined)).toBe(false);
  });

  it("sums what counts per contributor and project, in the order the gifts were made", () => {
    const donations: DonationRecord[] = [
      { projectId: 1n, contributor: "0xA", amount: 3n },
      { projectId: 1n, contributor: "0xa", amount: 10n },
      { projectId: 1n, contributor: "0xB", amount: 4n },
      { projectId: 2n, contributor: "0xB", amount: 250n },
      { projectId: 1n, contributor: "0xA", amount: 300n },
    ];
    expect(contributionsByProject([1n, 2n], donations, RULES)).toEqual([
      { projectId: 1n, contributions: [313n, 4n], counted: [200n, 0n] },
      { projectId: 2n, contributions: [250n], counted: [200n] },
    ]);
    // Without rules, nothing changes from before: totals only.
    expect(contributionsByProject([1n, 2n], donations)).toEqual([
      { projectId: 1n, contributions: [313n, 4n] },
      { projectId: 2n, contributions: [250n] },
    ]);
  });

  it("matches on what counts while paying out every donation, and counts every contributor who gave", () => {
    // Project 1: A gave 9 (counts 9), B gave 16 (counts 16), C gave 2 (below the minimum of 5: counts 0).
    //   S = 3 + 4 = 7, what counts = 25, ideal = 49 − 25 = 24.
    // Project 2: D gave 100, capped at 16: S = 4, ideal = 16 − 16 = 0.
    const distribution = computeDistribution({
      matchingPool: 1_000n,
      decimals: 18,
      matchCapBps: 0,
      projects: [
        { projectId: 1n, contributions: [9n, 16n, 2n], counted: [9n, 16n, 0n] },
        { projectId: 2n, contributions: [100n], counted: [16n] },
      ],
    });
    const [first, second] = distribution.projects;
    expect(first).toMatchObject({
      donations: 27n,
      countedDonations: 25n,
      contributors: 3,
      sqrtSum: 7n,
      idealMatch: 24n,
      matchAmount: 24n,
    });
    expect(second).toMatchObject({
      donations: 100n,
      countedDonations: 16n,
      contributors: 1,
      sqrtSum: 4n,
      idealMatch: 0n,
    });
    expect(distribution.idealMatchSum).toBe(24n);
    // Counted amounts given in full are the same as no rules at all.
    const plain = computeDistribution({
      matchingPool: 49n,
      decimals: 6,
      matchCapBps: 0,
      projects: [{ projectId: 1n, contributions: [1n, 4n] }],
    });
    const counted = computeDistribution({
      matchingPool: 49n,
      decimals: 6,
      matchCapBps: 0,
      projects: [{ projectId: 1n, contributions: [1n, 4n], counted: [1n, 4n] }],
    });
    expect(counted).toEqual(plain);
  });

  it("refuses counted amounts that do not line up with the contributions", () => {
    const round = (counted: bigint[]) => ({
      matchingPool: 1n,
      decimals: 18,
      matchCapBps: 0,
      projects: [{ projectId: 1n, contributions: [5n, 6n], counted }],
    });
    expect(() => computeDistribution(round([5n]))).toThrow(RangeError);
    expect(() => computeDistribution(round([6n, 6n]))).toThrow(RangeError);
  });

  it("previews a gift below the minimum as adding no match, and one beyond the cap as adding only up to it", () => {
    const decimals = 6;
    const factor = normalisationFactor(decimals);
    const unit = 1_000_000n;
    // One project: A's 100 and C's 25 count, B's 3 does not (minimum 5 CUSD): 128 was given and 125 counts.
    const sqrtSum = sqrtDown(100n * unit * factor) + sqrtDown(25n * unit * factor);
    const counted = 125n * unit * factor;
    const tally = { projectId: 1n, sqrtSum, donations: 128n * unit * factor, countedDonations: counted };
    const rules = { minCountedDonation: 5n * unit, countedContributionCap: 120n * unit };
    const ideal = idealMatch(sqrtSum, counted);
    const round = { matchingPool: 1_000n * unit, decimals, matchCapBps: 0, idealMatchSum: ideal, countingRules: rules };

    const [belowMinimum] = previewDonations(round, [{ tally, previous: 0n, previousCounted: 0n, amount: 4n * unit }]);
    expect(belowMinimum?.matchBefore).toBe(estimateMatch(ideal, ideal, round));
    expect(belowMinimum?.matchAfter).toBe(belowMinimum?.matchBefore);

    // B gives 30 more: 30 counts (B's 3 never will), so S = sqrt(100) + sqrt(25) + sqrt(30).
    const [counts] = previewDonations(round, [{ tally, previous: 3n * unit, previousCounted: 0n, amount: 30n * unit }]);
    const expectedIdeal = idealMatch(sqrtSum + sqrtDown(30n * unit * factor), counted + 30n * unit * factor);
    expect(counts?.matchAfter).toBe(estimateMatch(expectedIdeal, expectedIdeal, round));

    // A gives 50 more, but only 20 can count (cap 120): the same as a gift of 20 without a cap, less than 50.
    const [capped] = previewDonations(round, [{ tally, previous: 100n * unit, amount: 50n * unit }]);
    const uncapped = { ...round, countingRules: NO_COUNTING_RULES };
    const [twenty] = previewDonations(uncapped, [{ tally, previous: 100n * unit, amount: 20n * unit }]);
    const [fifty] = previewDonations(uncapped, [{ tally, previous: 100n * unit, amount: 50n * unit }]);
    expect(capped?.matchAfter).toBe(twenty?.matchAfter);
    expect(capped?.matchAfter).toBeGreaterThan(capped?.matchBefore ?? 0n);
    expect(capped?.matchAfter).toBeLessThan(fifty?.matchAfter ?? 0n);
  });

  it("keeps every running figure equal to a recomputation from the donations, as the round keeps them", () => {
    // A deterministic pseudo-random round: gifts of 1–40 units to 3 projects from 6 contributors, minimum 8,
    // cap 60. The running state is kept gift by gift, as the contract does, and previews are checked against it.
    let seed = 7n;
    const next = (bound: bigint) => {
      seed = (seed * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) % 2n ** 64n;
      return seed % bound;
    };
    const decimals = 6;
    const factor = normalisationFactor(decimals);
    const rules = { minCountedDonation: 8n, countedContributionCap: 60n };
    const projectIds = [1n, 2n, 3n];
    const contributors = ["0x1", "0x2", "0x3", "0x4", "0x5", "0x6"];
    const state = new Map(projectIds.map((id) => [id, { sqrtSum: 0n, donations: 0n, counted: 0n }]));
    const given = new Map<string, { total: bigint; counted: bigint }>();
    let idealSum = 0n;
    const donations: DonationRecord[] = [];
    const pool = 500n;
    for (let step = 0; step < 120; step++) {
      const projectId = projectIds[Number(next(3n))] ?? 1n;
      const contributor = contributors[Number(next(6n))] ?? "0x1";
      const amount = next(40n) + 1n;
      const key = `${projectId}:${contributor}`;
      const before = given.get(key) ?? { total: 0n, counted: 0n };
      const tally = state.get(projectId) ?? { sqrtSum: 0n, donations: 0n, counted: 0n };
      const live = { matchingPool: pool, decimals, matchCapBps: 0, idealMatchSum: idealSum, countingRules: rules };
      const [preview] = previewDonations(live, [
        {
          tally: {
            projectId,
            sqrtSum: tally.sqrtSum,
            donations: tally.donations * factor,
            countedDonations: tally.counted * factor,
          },
          previous: before.total,
          previousCounted: before.counted,
          amount,
        },
      ]);
      // The round's update: what counts after this gift, S_p and Σ ideal.
      const countedNow = countedAfter(before.counted, amount, rules);
      const idealBefore = idealMatch(tally.sqrtSum, tally.counted * factor);
      tally.sqrtSum = tally.sqrtSum + sqrtDown(countedNow * factor) - sqrtDown(before.counted * factor);
      tally.donations += amount;
      tally.counted += countedNow - before.counted;
      const idealAfter = idealMatch(tally.sqrtSum, tally.counted * factor);
      idealSum = idealSum + idealAfter - idealBefore;
      given.set(key, { total: before.total + amount, counted: countedNow });
      donations.push({ projectId, contributor, amount });
      expect(preview?.matchAfter).toBe(estimateMatch(idealAfter, idealSum, live));
    }
    const distribution = computeDistribution({
      matchingPool: pool,
      decimals,
      matchCapBps: 0,
      projects: contributionsByProject(projectIds, donations, rules),
    });
    expect(distribution.idealMatchSum).toBe(idealSum);
    for (const outcome of distribution.projects) {
      const tally = state.get(outcome.projectId);
      expect(outcome.sqrtSum).toBe(tally?.sqrtSum);
      expect(outcome.donations).toBe(tally?.donations);
      expect(outcome.countedDonations).toBe(tally?.counted);
    }
  });
});
