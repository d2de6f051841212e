/**
 * One donation applied to a project's tally, step for step as `QuadraticFundingRound._recordDonation` applies
 * it, with the CLR primitives of lib/quadratic-funding.ts (the TypeScript twin of QuadraticFundingMath.sol).
 *
 * Running sums, not a recomputation: `S_p` moves by `sqrt(counted after) − sqrt(counted before)` of the one
 * contributor who gave, with integer square roots rounded down, which is what keeps it equal to the round's
 * `projectTally(id).sqrtSum` to the wei (a recomputed Σ sqrt would be equal too, but costs a scan per donation).
 */
import { type CountingRules, countedAfter, hasCountingRules, idealMatch, sqrtDown } from "../lib/quadratic-funding.ts";

/** What the round keeps for a project, normalised to 18 decimals. */
export interface ProjectTallyState {
  contributors: number;
  sqrtSum: bigint;
  /** Σ c: everything given. */
  donations: bigint;
  /** What of it counts toward the match. */
  countedDonations: bigint;
}

/** One contributor's gifts to one project, normalised. */
export interface ContributionState {
  total: bigint;
  counted: bigint;
}

export interface DonationOutcome {
  tally: ProjectTallyState;
  contribution: ContributionState;
  /** How the project's ideal match changed: the round adds it to its running Σ ideal. */
  idealBefore: bigint;
  idealAfter: bigint;
}

/**
 * Applies a gift of `amount` token units. `rules` are the round's counting rules in token units: a gift below
 * the minimum counts nothing, and what counts of a contributor's gifts is capped. They are applied in token
 * units because the contract's normalised minimum and cap are the token-unit ones times the factor, so both
 * give the same counted amount.
 */
export function applyDonation(
  tally: ProjectTallyState,
  contribution: ContributionState,
  amount: bigint,
  factor: bigint,
  rules: CountingRules,
): DonationOutcome {
  const added = amount * factor;
  const total = contribution.total + added;
  const counted = hasCountingRules(rules)
    ? countedAfter(contribution.counted / factor, amount, rules) * factor
    : contribution.counted + added;
  const countedDonations = tally.countedDonations + counted - contribution.counted;
  const sqrtSum = tally.sqrtSum + sqrtDown(counted) - sqrtDown(contribution.counted);
  return {
    tally: {
      // The round counts a contributor once, at its first gift to the project.
      contributors: tally.contributors + (contribution.total === 0n ? 1 : 0),
      sqrtSum,
      donations: tally.donations + added,
      countedDonations,
    },
    contribution: { total, counted },
    idealBefore: idealMatch(tally.sqrtSum, tally.countedDonations),
    idealAfter: idealMatch(sqrtSum, countedDonations),
  };
}
