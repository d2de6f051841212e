/**
 * The CLR (quadratic funding) rule of Hyphae, in exact integer arithmetic.
 *
 * This is the TypeScript twin of `contracts/libraries/QuadraticFundingMath.sol` and of the distribution a
 * `QuadraticFundingRound` fixes when it is finalized. It is computed from scratch from each contributor's
 * total per project (not from running sums), so tests can hold the contracts to it to the wei, and the app
 * uses it to show estimates before anything is signed.
 *
 *     S_p = Σ_i sqrt(c[i][p])    ideal_p = max(0, S_p² − Σ_i c[i][p])
 *     match_p = pool × ideal_p / Σ_q ideal_q   (or ideal_p itself if Σ ideal ≤ pool)
 *
 * Amounts entering a square root are normalised to 18 decimals; every division rounds down.
 *
 * A round may have counting rules (`CountingRules`): then `c[i][p]` is what *counts* of contributor i's gifts to p,
 * not all of them. Each gift is taken as it comes, as the contract takes it: a gift below the minimum adds nothing
 * to what counts, and what counts never exceeds the cap. Donations still sum everything given.
 */

export const NORMALISED_DECIMALS = 18;
export const BASIS_POINTS = 10_000n;

/** Below this, a double's square root is within one of the integer root (the root has at most 52 bits). */
const DOUBLE_EXACT_LIMIT = 1n << 104n;

/** The integer square root of `value`, rounded down. */
export function sqrtDown(value: bigint): bigint {
  if (value < 0n) throw new RangeError("square root of a negative number");
  if (value < 2n) return value;
  const approximate = Math.sqrt(Number(value));
  if (value < DOUBLE_EXACT_LIMIT) {
    // Every amount a round sees in practice: the double's root, corrected by at most one either way.
    let root = BigInt(Math.floor(approximate));
    while (root * root > value) root -= 1n;
    while ((root + 1n) * (root + 1n) <= value) root += 1n;
    return root;
  }
  // Newton's method from an estimate above the root decreases monotonically to floor(sqrt(value)); the double's
  // root, raised by more than its relative error (2^-52), is such an estimate and only a few steps away.
  let estimate = BigInt(Math.ceil(approximate * (1 + 2 ** -40))) + 1n;
  for (;;) {
    const next = (estimate + value / estimate) >> 1n;
    if (next >= estimate) return estimate;
    estimate = next;
  }
}

/** The factor that turns an amount of a token with `decimals` decimals into 18-decimal units. */
export function normalisationFactor(decimals: number): bigint {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > NORMALISED_DECIMALS) {
    throw new RangeError(`unsupported token decimals: ${decimals}`);
  }
  return 10n ** BigInt(NORMALISED_DECIMALS - decimals);
}

/** A project's ideal match `max(0, S² − Σc)`. */
export function idealMatch(sqrtSum: bigint, donations: bigint): bigint {
  const squared = sqrtSum * sqrtSum;
  return squared > donations ? squared - donations : 0n;
}

/** The fraction that turns a normalised ideal into a match in token units when `available` is shared. */
export function matchLevel(available: bigint, idealSum: bigint, factor: bigint): [bigint, bigint] {
  return idealSum <= available * factor ? [1n, factor] : [available, idealSum];
}

/** `amount × bps / 10,000`, rounded down. */
export function bpsDown(amount: bigint, bps: bigint): bigint {
  return (amount * bps) / BASIS_POINTS;
}

/**
 * A linked round's commons share: `commonsShareBps` of its whole matching pool (a season's draw included), rounded
 * down, which goes to the translocal commons treasury when the round is finalized.
 */
export function commonsShareOf(matchingPool: bigint, commonsShareBps: number): bigint {
  return bpsDown(matchingPool, BigInt(commonsShareBps));
}

/** What a round's own rule distributes to its projects: the matching pool without the commons share. */
export function distributablePool(matchingPool: bigint, commonsShareBps: number): bigint {
  return matchingPool - commonsShareOf(matchingPool, commonsShareBps);
}

/**
 * A round's counting rules, in token units, as `countingRules()` returns them: a gift below
 * `minCountedDonation` is accepted but counts nothing toward the match; at most `countedContributionCap` of a
 * contributor's gifts to one project counts. 0 means no minimum, and no cap.
 */
export interface CountingRules {
  minCountedDonation: bigint;
  countedContributionCap: bigint;
}

/** The rules of a round without counting rules: everything given counts. */
export const NO_COUNTING_RULES: CountingRules = { minCountedDonation: 0n, countedContributionCap: 0n };

/** Whether `rules` change anything (a round created without them has both at 0). */
export function hasCountingRules(rules: CountingRules | undefined): boolean {
  return rules !== undefined && (rules.minCountedDonation !== 0n || rules.countedContributionCap !== 0n);
}

/**
 * What counts of a contributor's gifts to one project after one more gift of `gift` (token units), given that
 * `countedBefore` counted before it — the contract's `_countedAfter`: a gift below the minimum adds nothing,
 * and what counts is capped at the cap.
 */
export function countedAfter(countedBefore: bigint, gift: bigint, rules: CountingRules): bigint {
  if (gift < 0n || countedBefore < 0n) throw new RangeError("amounts cannot be negative");
  if (gift < rules.minCountedDonation) return countedBefore;
  const counted = countedBefore + gift;
  const cap = rules.countedContributionCap;
  return cap !== 0n && counted > cap ? cap : counted;
}

/** What counts of a contributor's gifts to one project, taken one by one in the order they were made. */
export function countedContribution(gifts: readonly bigint[], rules: CountingRules): bigint {
  return gifts.reduce((counted, gift) => countedAfter(counted, gift, rules), 0n);
}

/** One approved project and what each of its contributors gave it in total, in token units. */
export interface ProjectContributions {
  projectId: bigint;
  /** Each contributor's total to this project, in token units (zero totals are ignored). */
  contributions: readonly bigint[];
  /**
   * What counts toward the match of each total of `contributions`, in the same order (token units), for a
   * round with counting rules; without it, every total counts in full.
   */
  counted?: readonly bigint[];
}

/** A round as the rule sees it. */
export interface RoundInput {
  /** The matching pool, in token units. */
  matchingPool: bigint;
  /** The payout token's decimals. */
  decimals: number;
  /** The match cap in basis points of the pool; 0 for none. */
  matchCapBps: number;
  /** The approved projects, in order of approval. */
  projects: readonly ProjectContributions[];
}

/** What the rule gives one project. */
export interface ProjectOutcome {
  projectId: bigint;
  /** Donations in token units. */
  donations: bigint;
  /** What counts of the donations toward the match, in token units: all of them without counting rules. */
  countedDonations: bigint;
  contributors: number;
  /** S_p over normalised amounts. */
  sqrtSum: bigint;
  /** ideal_p over normalised amounts. */
  idealMatch: bigint;
  /** The match in token units. */
  matchAmount: bigint;
  matchCapped: boolean;
}

/** The whole distribution of a round. */
export interface Distribution {
  projects: ProjectOutcome[];
  idealMatchSum: bigint;
  numerator: bigint;
  denominator: bigint;
  /** The match of capped projects (token units); 0 when the round has no cap. */
  matchCap: bigint;
  /** What the rule leaves of the pool: returned to funders pro rata. */
  unallocated: bigint;
  /** Σ matches actually paid: pool − unallocated − rounding dust. */
  totalMatched: bigint;
}

interface Tally {
  projectId: bigint;
  donations: bigint;
  countedDonations: bigint;
  normalisedDonations: bigint;
  contributors: number;
  sqrtSum: bigint;
  idealMatch: bigint;
  matchCapped: boolean;
}

function tally(project: ProjectContributions, factor: bigint): Tally {
  const { counted } = project;
  if (counted !== undefined && counted.length !== project.contributions.length) {
    throw new RangeError("counted must have one entry per contribution");
  }
  let donations = 0n;
  let countedDonations = 0n;
  let sqrtSum = 0n;
  let contributors = 0;
  for (const [index, amount] of project.contributions.entries()) {
    const counts = counted === undefined ? amount : (counted[index] ?? 0n);
    if (amount < 0n || counts < 0n) throw new RangeError("a contribution cannot be negative");
    if (counts > amount) throw new RangeError("what counts cannot exceed what was given");
    if (amount === 0n) continue;
    donations += amount;
    countedDonations += counts;
    // The round counts every contributor who gave, and takes the root of what counts of their gifts.
    sqrtSum += sqrtDown(counts * factor);
    contributors += 1;
  }
  const normalisedDonations = donations * factor;
  return {
    projectId: project.projectId,
    donations,
    countedDonations,
    normalisedDonations,
    contributors,
    sqrtSum,
    idealMatch: idealMatch(sqrtSum, countedDonations * factor),
    matchCapped: false,
  };
}

/**
 * The distribution a round fixes at finalization. With a cap, projects whose share reaches the cap are
 * capped pass after pass, in approval order, until a pass caps nobody new — the same steps the contract takes.
 */
export function computeDistribution(round: RoundInput): Distribution {
  const factor = normalisationFactor(round.decimals);
  const pool = round.matchingPool;
  const capBps = BigInt(round.matchCapBps);
  const tallies = round.projects.map((project) => tally(project, factor));
  const idealMatchSum = tallies.reduce((sum, t) => sum + t.idealMatch, 0n);
  const matchCap = capBps === 0n ? 0n : bpsDown(pool, capBps);

  let cappedCount = 0n;
  let cappedIdealSum = 0n;
  const distributed = (available: bigint, uncappedIdeal: bigint) =>
    available < uncappedIdeal / factor ? available : uncappedIdeal / factor;
  const capBinds = capBps !== 0n && distributed(pool, idealMatchSum) > matchCap;
  if (capBinds) {
    for (;;) {
      const [numerator, denominator] = matchLevel(
        pool - cappedCount * matchCap,
        idealMatchSum - cappedIdealSum,
        factor,
      );
      let nextCount = cappedCount;
      let nextIdealSum = cappedIdealSum;
      for (const t of tallies) {
        if (t.matchCapped) continue;
        if (t.idealMatch !== 0n && (t.idealMatch * numerator) / denominator >= matchCap) {
          t.matchCapped = true;
          nextCount += 1n;
          nextIdealSum += t.idealMatch;
        }
      }
      if (nextCount === cappedCount) break;
      cappedCount = nextCount;
      cappedIdealSum = nextIdealSum;
    }
  }

  const available = pool - cappedCount * matchCap;
  const uncappedIdeal = idealMatchSum - cappedIdealSum;
  const [numerator, denominator] = matchLevel(available, uncappedIdeal, factor);
  const unallocated = pool - cappedCount * matchCap - distributed(available, uncappedIdeal);
  const projects = tallies.map<ProjectOutcome>((t) => ({
    projectId: t.projectId,
    donations: t.donations,
    countedDonations: t.countedDonations,
    contributors: t.contributors,
    sqrtSum: t.sqrtSum,
    idealMatch: t.idealMatch,
    matchAmount: t.matchCapped ? matchCap : (t.idealMatch * numerator) / denominator,
    matchCapped: t.matchCapped,
  }));
  const totalMatched = projects.reduce((sum, p) => sum + p.matchAmount, 0n);
  return {
    projects,
    idealMatchSum,
    numerator,
    denominator,
    matchCap: capBps === 0n ? 0n : matchCap,
    unallocated,
    totalMatched,
  };
}

/** One donation as it appears in a round's `Donated` events. */
export interface DonationRecord {
  projectId: bigint;
  contributor: string;
  amount: bigint;
}

/**
 * Sums donations per contributor and project (a split gift counts as one), keeping projects in the
 * order given by `approvedProjectIds`. With counting rules, `donations` must be in the order they were made
 * (as a round's `Donated` events are): each one is a gift the rules take on its own, and each project's
 * `counted` says what counts of each contributor's total.
 */
export function contributionsByProject(
  approvedProjectIds: readonly bigint[],
  donations: readonly DonationRecord[],
  rules?: CountingRules,
): ProjectContributions[] {
  const totals = new Map<bigint, Map<string, { total: bigint; counted: bigint }>>(
    approvedProjectIds.map((id) => [id, new Map()]),
  );
  for (const donation of donations) {
    const perContributor = totals.get(donation.projectId);
    if (!perContributor) throw new Error(`donation to a project that is not approved: ${donation.projectId}`);
    const contributor = donation.contributor.toLowerCase();
    const before = perContributor.get(contributor) ?? { total: 0n, counted: 0n };
    perContributor.set(contributor, {
      total: before.total + donation.amount,
      counted: rules === undefined ? 0n : countedAfter(before.counted, donation.amount, rules),
    });
  }
  return approvedProjectIds.map((projectId) => {
    const perContributor = [...(totals.get(projectId)?.values() ?? [])];
    const contributions = perContributor.map(({ total }) => total);
    return rules === undefined
      ? { projectId, contributions }
      : { projectId, contributions, counted: perContributor.map(({ counted }) => counted) };
  });
}

/** A funder's share of what the rule left unallocated, rounded down. */
export function leftoverShare(funded: bigint, unallocated: bigint, matchingPool: bigint): bigint {
  return matchingPool === 0n ? 0n : (funded * unallocated) / matchingPool;
}

/** A project's running tally as the round keeps it (`projectTally`), normalised amounts. */
export interface RunningTally {
  projectId: bigint;
  /** S_p, over normalised amounts. */
  sqrtSum: bigint;
  /** Σ c, normalised. */
  donations: bigint;
  /**
   * What counts of `donations` toward the match, normalised, in a round with counting rules (see
   * `contributionsByProject`); without it, all of `donations` counts.
   */
  countedDonations?: bigint;
}

/** The round's live state an estimate needs. */
export interface LiveRound {
  matchingPool: bigint;
  decimals: number;
  matchCapBps: number;
  /** The round's running Σ ideal (`idealMatchSum`). */
  idealMatchSum: bigint;
  /** The round's counting rules (`countingRules()`, token units); without them, every gift counts in full. */
  countingRules?: CountingRules;
}

/**
 * The match a project would get if the round ended now: its share of the pool at the current level, capped at
 * the match cap — the contract's `estimatedMatch` before finalization. With a cap that binds, the final match
 * of uncapped projects can be higher (the excess of capped ones is redistributed at settlement).
 */
export function estimateMatch(ideal: bigint, idealMatchSum: bigint, round: Omit<LiveRound, "idealMatchSum">): bigint {
  const factor = normalisationFactor(round.decimals);
  const [numerator, denominator] = matchLevel(round.matchingPool, idealMatchSum, factor);
  const estimate = (ideal * numerator) / denominator;
  if (round.matchCapBps === 0) return estimate;
  const cap = bpsDown(round.matchingPool, BigInt(round.matchCapBps));
  return estimate < cap ? estimate : cap;
}

/** One line of a cart: `amount` (token units) from `contributor`, who has already given `previous` (token units). */
export interface PlannedDonation {
  tally: RunningTally;
  previous: bigint;
  amount: bigint;
  /**
   * What counts of `previous` toward the match (`countedContributionOf`, token units), in a round with
   * counting rules; without it, all of `previous` counts.
   */
  previousCounted?: bigint;
}

/** How one planned donation changes its project's estimated match. */
export interface DonationPreview {
  projectId: bigint;
  matchBefore: bigint;
  matchAfter: bigint;
}

/**
 * The estimated match of each project before and after a set of donations to one round in one checkout —
 * the contract's `previewDonation`, extended to many projects at once: every donation changes Σ ideal, and so
 * every project's share, so the "after" figures assume all of them are made. Lines for the same project are
 * summed, as the contract sums a contributor's gifts before the square root; with counting rules they are one
 * gift, so the checkout must send them as one amount.
 */
export function previewDonations(round: LiveRound, donations: readonly PlannedDonation[]): DonationPreview[] {
  const factor = normalisationFactor(round.decimals);
  const rules = round.countingRules ?? NO_COUNTING_RULES;
  const merged = new Map<bigint, PlannedDonation>();
  for (const donation of donations) {
    if (donation.amount < 0n || donation.previous < 0n) throw new RangeError("amounts cannot be negative");
    const existing = merged.get(donation.tally.projectId);
    merged.set(
      donation.tally.projectId,
      existing === undefined ? donation : { ...existing, amount: existing.amount + donation.amount },
    );
  }
  let idealSumAfter = round.idealMatchSum;
  const changes = [...merged.values()].map(({ tally, previous, previousCounted, amount }) => {
    const counted = tally.countedDonations ?? tally.donations;
    const before = idealMatch(tally.sqrtSum, counted);
    const countedBefore = previousCounted ?? previous;
    if (countedBefore < 0n) throw new RangeError("amounts cannot be negative");
    const countedNext = countedAfter(countedBefore, amount, rules);
    const beforeNormalised = countedBefore * factor;
    const nextNormalised = countedNext * factor;
    const sqrtSum = tally.sqrtSum + sqrtDown(nextNormalised) - sqrtDown(beforeNormalised);
    const after = idealMatch(sqrtSum, counted + nextNormalised - beforeNormalised);
    idealSumAfter = idealSumAfter + after - before;
    return { projectId: tally.projectId, before, after };
  });
  return changes.map(({ projectId, before, after }) => ({
    projectId,
    matchBefore: estimateMatch(before, round.idealMatchSum, round),
    matchAfter: estimateMatch(after, idealSumAfter, round),
  }));
}
