/**
 * What the indexer keeps of a Hyphae deployment. Amounts that enter a square root are stored normalised to 18
 * decimals, exactly as the round stores them, so every tally can be held to the contract's views to the wei;
 * the API converts to token units the way the views do (dividing by the round's normalisation factor).
 */
import { index, onchainTable, primaryKey } from "ponder";

/** A quadratic funding round created by the RoundFactory, its settings and its running totals. */
export const round = onchainTable("round", (t) => ({
  address: t.hex().primaryKey(),
  nodeId: t.bigint().notNull(),
  creator: t.hex().notNull(),
  metadata: t.text().notNull(),
  payoutToken: t.hex().notNull(),
  /** Null for the chain's coin, whose name and symbol the app knows from its chain. */
  tokenName: t.text(),
  tokenSymbol: t.text(),
  tokenDecimals: t.integer().notNull(),
  /** `10 ** (18 − decimals)`, from the round's `parameters()`. */
  normalisationFactor: t.bigint().notNull(),
  applicationsStart: t.bigint().notNull(),
  applicationsEnd: t.bigint().notNull(),
  donationsStart: t.bigint().notNull(),
  donationsEnd: t.bigint().notNull(),
  matchCapBps: t.integer().notNull(),
  /** Counting rules in token units (`RoundRulesSet`); both 0 for a round without them. */
  minCountedDonation: t.bigint().notNull(),
  countedContributionCap: t.bigint().notNull(),
  /** Who may donate (`RoundRulesSet`); kind 0 (open) by default. */
  eligibilityKind: t.integer().notNull(),
  eligibilitySource: t.hex().notNull(),
  eligibilityKey: t.hex().notNull(),
  eligibilityMinimum: t.bigint().notNull(),
  eligibilityAttester: t.hex().notNull(),
  /** Links to the translocal commons (`RoundLinked`). */
  commonsShareBps: t.integer().notNull(),
  season: t.hex().notNull(),
  commonsShareSent: t.boolean().notNull(),
  /** RoundStatus: 0 active, 1 settling match caps, 2 finalized, 3 cancelled. */
  status: t.integer().notNull(),
  matchingPool: t.bigint().notNull(),
  /** The running Σ ideal over approved projects, normalised, as `idealMatchSum()`. */
  idealMatchSum: t.bigint().notNull(),
  /** Σ donations to the round's projects, normalised. */
  donations: t.bigint().notNull(),
  donationCount: t.integer().notNull(),
  approvedCount: t.integer().notNull(),
  /** What `MatchCapped` events capped: with the distribution, every final match follows. */
  cappedCount: t.integer().notNull(),
  cappedIdealSum: t.bigint().notNull(),
  /** `matchDistribution()`, from `RoundFinalized`; null before. */
  distributionNumerator: t.bigint(),
  distributionDenominator: t.bigint(),
  distributionMatchCap: t.bigint(),
  distributionUnallocated: t.bigint(),
  createdBlock: t.bigint().notNull(),
  createdAt: t.bigint().notNull(),
}));

/** A project in a round: its application and the tally the round keeps for it (`projectTally`). */
export const roundProject = onchainTable(
  "round_project",
  (t) => ({
    round: t.hex().notNull(),
    projectId: t.bigint().notNull(),
    applicant: t.hex().notNull(),
    applicationMetadata: t.text().notNull(),
    /** ApplicationStatus: 1 pending, 2 approved, 3 rejected. */
    status: t.integer().notNull(),
    reviewReason: t.text(),
    /** The project's place in `approvedProjectIds()`; null until approved. */
    approvalIndex: t.integer(),
    matchCapped: t.boolean().notNull(),
    paid: t.boolean().notNull(),
    contributors: t.integer().notNull(),
    /** `S_p`, over what counts of each contributor's normalised total. */
    sqrtSum: t.bigint().notNull(),
    /** `Σ c`, everything given, normalised. */
    donations: t.bigint().notNull(),
    /** What of `donations` counts toward the match, normalised (all of it without counting rules). */
    countedDonations: t.bigint().notNull(),
    donationCount: t.integer().notNull(),
    /** From `PayoutClaimed`, in token units; null until paid. */
    payoutDonations: t.bigint(),
    payoutMatch: t.bigint(),
    payoutAddress: t.hex(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.round, table.projectId] }),
  }),
);

/** What one contributor has given one project of a round, as the round stores it. */
export const contribution = onchainTable(
  "contribution",
  (t) => ({
    round: t.hex().notNull(),
    projectId: t.bigint().notNull(),
    contributor: t.hex().notNull(),
    /** Everything given, normalised (`contributionOf` × factor); zero once refunded. */
    total: t.bigint().notNull(),
    /** What of it counts toward the match, normalised (`countedContributionOf` × factor); zero once refunded. */
    counted: t.bigint().notNull(),
    donationCount: t.integer().notNull(),
    /** What `DonationRefunded` returned after a cancellation, in token units. */
    refunded: t.bigint().notNull(),
  }),
  (table) => ({
    pk: primaryKey({ columns: [table.round, table.projectId, table.contributor] }),
    // The round page asks for one contributor's gifts to every project of a round.
    byContributor: index().on(table.round, table.contributor),
  }),
);

/** Every `Donated` event, for history and exports without scanning logs. */
export const donation = onchainTable(
  "donation",
  (t) => ({
    id: t.text().primaryKey(),
    round: t.hex().notNull(),
    projectId: t.bigint().notNull(),
    contributor: t.hex().notNull(),
    /** In token units, as the event gives it. */
    amount: t.bigint().notNull(),
    contributorTotal: t.bigint().notNull(),
    projectTotal: t.bigint().notNull(),
    blockNumber: t.bigint().notNull(),
    logIndex: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
  }),
  (table) => ({
    byRound: index().on(table.round, table.blockNumber, table.logIndex),
  }),
);

/** A project profile of the ProjectRegistry. */
export const project = onchainTable("project", (t) => ({
  projectId: t.bigint().primaryKey(),
  owner: t.hex().notNull(),
  homeNode: t.bigint().notNull(),
  payoutAddress: t.hex().notNull(),
  metadata: t.text().notNull(),
}));
