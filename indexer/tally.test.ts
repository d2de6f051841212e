/**
 * The indexer's running tally (one donation at a time, as the round keeps it) against the CLR rule computed
 * from scratch (lib/quadratic-funding.ts, itself held to the contracts to the wei): on random sequences of gifts,
 * with 6- and 18-decimal tokens, with and without counting rules, every project's `S_p`, contributors, donations
 * and what counts, and the round's `Σ ideal`, come out equal.
 */
import { describe, expect, it } from "vitest";
import {
  computeDistribution,
  contributionsByProject,
  type CountingRules,
  type DonationRecord,
  NO_COUNTING_RULES,
  normalisationFactor,
} from "../lib/quadratic-funding.ts";
import { applyDonation, type ContributionState, type ProjectTallyState } from "./tally.ts";

/** A small deterministic generator (a linear congruential one), so a failure can be replayed. */
function generator(seed: number): (below: number) => number {
  let state = BigInt(seed);
  return (below) => {
    state = (state * 6_364_136_223_846_793_005n + 1_442_695_040_888_963_407n) % 2n ** 64n;
    return Number((state >> 16n) % BigInt(below));
  };
}

function randomDonations(seed: number, decimals: number): DonationRecord[] {
  const next = generator(seed);
  const unit = 10n ** BigInt(decimals);
  return Array.from({ length: 400 }, () => ({
    projectId: BigInt(1 + next(5)),
    contributor: `0x${next(40).toString(16).padStart(40, "0")}`,
    // From dust to a few hundred tokens, with odd fractions, so square roots round.
    amount: BigInt(next(300)) * unit + BigInt(next(1_000_000)) * (unit / 1_000_000n || 1n) + 1n,
  }));
}

function runningTallies(donations: readonly DonationRecord[], decimals: number, rules: CountingRules) {
  const factor = normalisationFactor(decimals);
  const tallies = new Map<bigint, ProjectTallyState>();
  const contributions = new Map<string, ContributionState>();
  let idealMatchSum = 0n;
  for (const { projectId, contributor, amount } of donations) {
    const key = `${projectId}:${contributor}`;
    const outcome = applyDonation(
      tallies.get(projectId) ?? { contributors: 0, sqrtSum: 0n, donations: 0n, countedDonations: 0n },
      contributions.get(key) ?? { total: 0n, counted: 0n },
      amount,
      factor,
      rules,
    );
    tallies.set(projectId, outcome.tally);
    contributions.set(key, outcome.contribution);
    idealMatchSum = idealMatchSum + outcome.idealAfter - outcome.idealBefore;
  }
  return { tallies, idealMatchSum };
}

const CASES = [6, 18].flatMap((decimals) =>
  [
    ["no counting rules", NO_COUNTING_RULES],
    [
      "a minimum and a cap",
      { minCountedDonation: 20n * 10n ** BigInt(decimals), countedContributionCap: 400n * 10n ** BigInt(decimals) },
    ],
  ].map(([name, rules]) => ({ decimals, name: name as string, rules: rules as CountingRules })),
);

describe("the indexer's running tally", () => {
  it.each(CASES)("equals the rule from scratch with $decimals decimals and $name", ({ decimals, rules }) => {
    for (let seed = 1; seed <= 5; seed++) {
      const donations = randomDonations(seed * 7 + decimals, decimals);
      const projectIds = [1n, 2n, 3n, 4n, 5n];
      const hasRules = rules !== NO_COUNTING_RULES;
      const expected = computeDistribution({
        matchingPool: 1_000n * 10n ** BigInt(decimals),
        decimals,
        matchCapBps: 0,
        projects: contributionsByProject(projectIds, donations, hasRules ? rules : undefined),
      });
      const { tallies, idealMatchSum } = runningTallies(donations, decimals, rules);
      const factor = normalisationFactor(decimals);
      expect(idealMatchSum).toBe(expected.idealMatchSum);
      for (const project of expected.projects) {
        const tally = tallies.get(project.projectId);
        expect({ projectId: project.projectId, ...tally }).toEqual({
          projectId: project.projectId,
          contributors: project.contributors,
          sqrtSum: project.sqrtSum,
          donations: project.donations * factor,
          countedDonations: project.countedDonations * factor,
        });
      }
      if (hasRules) {
        // The rules bit on these gifts: some of what was given does not count.
        expect(expected.projects.some((project) => project.countedDonations < project.donations)).toBe(true);
      }
    }
  });
});
