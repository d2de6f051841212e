/**
 * The JSON the indexer's HTTP API serves (indexer/src/api/index.ts), for the app to import. Every integer
 * of the chain is a decimal string (JSON numbers lose precision beyond 2^53); small counts and enums are numbers.
 * Amounts say whether they are in token units (as the round's views return them to people) or normalised to
 * 18 decimals (as `projectTally` returns them).
 *
 *     GET /rounds                               → RoundsResponse
 *     GET /rounds/:round                        → RoundPageResponse
 *     GET /rounds/:round?contributor=0x…        → RoundPageResponse with each project's `contribution`
 *     GET /ready  (Ponder)                      → 200 once the history is indexed, 503 before
 *     GET /status (Ponder)                      → { hyphae: { id, block: { number, timestamp } } }
 */

/** An unsigned integer of the chain, in base 10. */
export type DecimalString = string;

export type HexAddress = `0x${string}`;

/** A round's payout token. For the chain's coin, `name` and `symbol` are null: the app takes them from its chain. */
export interface IndexedToken {
  address: HexAddress;
  isNative: boolean;
  name: string | null;
  symbol: string | null;
  decimals: number;
}

/** A round's settings and live totals: the fields of the app's `RoundSummary`. */
export interface IndexedRound {
  address: HexAddress;
  chainId: number;
  nodeId: DecimalString;
  creator: HexAddress;
  metadataPointer: string;
  token: IndexedToken;
  applicationsStart: DecimalString;
  applicationsEnd: DecimalString;
  donationsStart: DecimalString;
  donationsEnd: DecimalString;
  /** 0 for none; otherwise 100–10,000. */
  matchCapBps: number;
  /** RoundStatus: 0 active, 1 settling match caps, 2 finalized, 3 cancelled. */
  status: number;
  /** Token units. */
  matchingPool: DecimalString;
  /** `idealMatchSum()`: Σ ideal over approved projects, normalised. */
  idealMatchSum: DecimalString;
  /** `approvedProjectIds()`: in order of approval. */
  approvedProjectIds: DecimalString[];
  /** Σ donations to approved projects, token units. */
  totalDonations: DecimalString;
  donationCount: number;
  eligibility: {
    kind: number;
    source: HexAddress;
    key: `0x${string}`;
    minimum: DecimalString;
    attester: HexAddress;
  };
  /** `countingRules()`, token units; both "0" for a round without them. */
  countingRules: { minCountedDonation: DecimalString; countedContributionCap: DecimalString };
  commonsShareBps: number;
  /** Token units, of the pool as it stands (fixed once finalized). */
  commonsShare: DecimalString;
  commonsShareSent: boolean;
  /** The matching pool without the commons share, token units. */
  distributablePool: DecimalString;
  /** The co-matching season the round joined, or null. */
  season: HexAddress | null;
  /** `matchDistribution()` once finalized, else null. */
  distribution: {
    numerator: DecimalString;
    denominator: DecimalString;
    matchCap: DecimalString;
    unallocated: DecimalString;
  } | null;
  createdAtBlock: DecimalString;
}

/** `projectTally(id)`, field for field; amounts normalised to 18 decimals. */
export interface IndexedProjectTally {
  /** ApplicationStatus: 1 pending, 2 approved, 3 rejected. */
  status: number;
  matchCapped: boolean;
  paid: boolean;
  contributors: number;
  sqrtSum: DecimalString;
  donations: DecimalString;
}

/** One contributor's gifts to one project: `contributionOf` and `countedContributionOf`, token units. */
export interface IndexedContribution {
  contributionOf: DecimalString;
  countedContributionOf: DecimalString;
}

/** An approved project of a round: the fields of the app's `RoundProject`. */
export interface IndexedRoundProject {
  projectId: DecimalString;
  /** From the ProjectRegistry. */
  owner: HexAddress;
  payoutAddress: HexAddress;
  homeNode: DecimalString;
  profilePointer: string;
  /** `applicationMetadata(id)`. */
  applicationPointer: string;
  tally: IndexedProjectTally;
  /** The tally's donations in token units (`tally.donations` ÷ the round's normalisation factor). */
  donations: DecimalString;
  /** What of the donations counts toward the match, normalised (all of them without counting rules). */
  countedDonations: DecimalString;
  /** `max(0, S² − Σ counted)`, normalised. */
  idealMatch: DecimalString;
  /** `estimatedMatch(id)`: the match if the round ended now, or the final match once finalized; token units. */
  estimatedMatch: DecimalString;
  donationCount: number;
  /** The asked contributor's gifts; null when no contributor was asked for. */
  contribution: IndexedContribution | null;
}

export interface RoundsResponse {
  chainId: number;
  /** Oldest first, as `RoundFactory.rounds` lists them. */
  rounds: IndexedRound[];
}

/** Everything the round page's project list reads from the chain, in one response. */
export interface RoundPageResponse {
  chainId: number;
  round: IndexedRound;
  /** The approved projects, in order of approval. */
  projects: IndexedRoundProject[];
  /** The contributor asked for (checksummed), or null. */
  contributor: HexAddress | null;
}

/** Any error: 400 for a malformed address, 404 for a round the indexer does not know. */
export interface ErrorResponse {
  error: string;
}
