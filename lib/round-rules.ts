/**
 * The rules a new round must follow, exactly as `RoundFactory.createRound` and
 * `QuadraticFundingRound.initialize` enforce them, in the same order — so the app can explain a problem in
 * the form before anything is signed, and a test can hold the two to the same verdicts.
 */

export const MIN_MATCH_CAP_BPS = 100;
export const MAX_MATCH_CAP_BPS = 10_000;
export const MAX_METADATA_POINTER_BYTES = 256;
const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

export interface RoundConfigInput {
  /** The zero address for the chain's coin. */
  payoutToken: string;
  applicationsStart: bigint;
  applicationsEnd: bigint;
  donationsStart: bigint;
  donationsEnd: bigint;
  /** 0 for no cap; otherwise 100–10,000 basis points of the pool. */
  matchCapBps: number;
}

/** The contract error a configuration would revert with, the form field it concerns, and plain words. */
export interface RoundConfigProblem {
  error:
    | "NotNodeSteward"
    | "InvalidApplicationWindow"
    | "InvalidDonationWindow"
    | "WindowsOutOfOrder"
    | "DonationWindowInPast"
    | "MatchCapOutOfRange"
    | "PayoutTokenNotAllowed"
    | "UnsupportedPayoutToken"
    | "InvalidMetadataPointer";
  field: "node" | "applicationsEnd" | "donationsEnd" | "donationsStart" | "matchCap" | "payoutToken" | "metadata";
  message: string;
}

export interface RoundRulesContext {
  /** Whether the account opening the round is a steward of the node that will run it. */
  isNodeSteward: boolean;
  /** The chain's current time, in seconds. */
  now: bigint;
  /** Whether the network's governors allow this ERC-20 (the chain's coin is always allowed). */
  isTokenAllowed: (token: string) => boolean;
  /** The token's decimals, or undefined if it reports none the factory can use. */
  tokenDecimals: (token: string) => number | undefined;
}

/** Every rule the configuration breaks, in the order the contracts check them; empty if it is valid. */
export function roundConfigProblems(
  config: RoundConfigInput,
  metadataPointer: string,
  context: RoundRulesContext,
): RoundConfigProblem[] {
  const problems: RoundConfigProblem[] = [];
  if (!context.isNodeSteward) {
    problems.push({
      error: "NotNodeSteward",
      field: "node",
      message: "Only a steward of this node can open its rounds.",
    });
  }
  if (config.applicationsStart >= config.applicationsEnd) {
    problems.push({
      error: "InvalidApplicationWindow",
      field: "applicationsEnd",
      message: "Applications must close after they open.",
    });
  }
  if (config.donationsStart >= config.donationsEnd) {
    problems.push({
      error: "InvalidDonationWindow",
      field: "donationsEnd",
      message: "Donations must close after they open.",
    });
  }
  if (config.applicationsStart > config.donationsStart || config.applicationsEnd > config.donationsEnd) {
    problems.push({
      error: "WindowsOutOfOrder",
      field: "donationsStart",
      message: "Applications must open no later than donations, and close no later than donations close.",
    });
  }
  if (config.donationsEnd <= context.now) {
    problems.push({
      error: "DonationWindowInPast",
      field: "donationsEnd",
      message: "The donation window must end in the future.",
    });
  }
  const cap = config.matchCapBps;
  if (!Number.isInteger(cap) || (cap !== 0 && (cap < MIN_MATCH_CAP_BPS || cap > MAX_MATCH_CAP_BPS))) {
    problems.push({
      error: "MatchCapOutOfRange",
      field: "matchCap",
      message: "The match cap must be between 1 % and 100 % of the pool, or none.",
    });
  }
  if (config.payoutToken.toLowerCase() !== ZERO_ADDRESS) {
    if (!context.isTokenAllowed(config.payoutToken)) {
      problems.push({
        error: "PayoutTokenNotAllowed",
        field: "payoutToken",
        message: "The network does not allow this payout token.",
      });
    } else {
      const decimals = context.tokenDecimals(config.payoutToken);
      if (decimals === undefined || decimals > 18) {
        problems.push({
          error: "UnsupportedPayoutToken",
          field: "payoutToken",
          message: "This token does not report usable decimals (at most 18).",
        });
      }
    }
  }
  // `initialize` checks the pointer last.
  const pointerBytes = new TextEncoder().encode(metadataPointer).length;
  if (pointerBytes === 0 || pointerBytes > MAX_METADATA_POINTER_BYTES) {
    problems.push({
      error: "InvalidMetadataPointer",
      field: "metadata",
      message: "The round description could not be stored.",
    });
  }
  return problems;
}

/** The kinds of eligibility rule, as `EligibilityRules.Kind` numbers them. */
export const ELIGIBILITY_KINDS = { Open: 0, TokenBalance: 1, Allowlist: 2, Attestation: 3 } as const;

/** `EligibilityRules.Rule`: who may donate. Fields a kind does not use must be zero. */
export interface EligibilityRuleInput {
  kind: (typeof ELIGIBILITY_KINDS)[keyof typeof ELIGIBILITY_KINDS];
  source: string;
  key: string;
  minimum: bigint;
  attester: string;
}

/** `IQuadraticFundingRound.ParticipationRules`: who may donate and what counts toward the match. */
export interface ParticipationRulesInput {
  eligibility: EligibilityRuleInput;
  /** Token units; 0 for none. */
  minCountedDonation: bigint;
  /** Token units; 0 for no cap. */
  countedContributionCap: bigint;
}

const ZERO_KEY = `0x${"0".repeat(64)}`;
const MAX_UINT128 = (1n << 128n) - 1n;
const MAX_UINT256 = (1n << 256n) - 1n;

const isZeroAddress = (address: string) => address.toLowerCase() === ZERO_ADDRESS;
const isZeroKey = (key: string) => /^0x0{64}$/i.test(key);

/** Whether rules change nothing: an open round where every gift counts, which `createRound` makes. */
export function isDefaultParticipation(rules: ParticipationRulesInput): boolean {
  const { eligibility } = rules;
  return (
    eligibility.kind === ELIGIBILITY_KINDS.Open &&
    isZeroAddress(eligibility.source) &&
    isZeroKey(eligibility.key) &&
    eligibility.minimum === 0n &&
    isZeroAddress(eligibility.attester) &&
    rules.minCountedDonation === 0n &&
    rules.countedContributionCap === 0n
  );
}

/** The rule of a round open to everyone. */
export const OPEN_ELIGIBILITY: EligibilityRuleInput = {
  kind: ELIGIBILITY_KINDS.Open,
  source: ZERO_ADDRESS,
  key: ZERO_KEY,
  minimum: 0n,
  attester: ZERO_ADDRESS,
};

/**
 * Whether the cap on what counts toward the match is below the smallest donation that counts, so that nothing
 * could ever count: `RoundFactory` refuses it with `CountedCapBelowMinimum` (a cap of 0 is no cap).
 */
export function isCountedCapBelowMinimum(
  rules: Pick<ParticipationRulesInput, "minCountedDonation" | "countedContributionCap">,
): boolean {
  return rules.countedContributionCap !== 0n && rules.countedContributionCap < rules.minCountedDonation;
}

/**
 * Whether `RoundFactory.createRoundWithRules` takes these rules: `EligibilityRules.isWellFormed` (every field the
 * kind uses is set, a token or attestation service has code, and fields the kind does not use are zero), amounts
 * that fit their `uint128` / `uint256` fields, and a cap on what counts that is none or at least the minimum
 * (`isCountedCapBelowMinimum`). `hasCode` says whether an address holds a contract.
 */
export function isWellFormedParticipation(
  rules: ParticipationRulesInput,
  hasCode: (address: string) => boolean,
): boolean {
  const { eligibility: rule } = rules;
  if (rules.minCountedDonation < 0n || rules.minCountedDonation > MAX_UINT128) return false;
  if (rules.countedContributionCap < 0n || rules.countedContributionCap > MAX_UINT128) return false;
  if (rule.minimum < 0n || rule.minimum > MAX_UINT256) return false;
  if (isCountedCapBelowMinimum(rules)) return false;
  switch (rule.kind) {
    case ELIGIBILITY_KINDS.Open:
      return isZeroAddress(rule.source) && isZeroKey(rule.key) && rule.minimum === 0n && isZeroAddress(rule.attester);
    case ELIGIBILITY_KINDS.TokenBalance:
      return hasCode(rule.source) && isZeroKey(rule.key) && rule.minimum !== 0n && isZeroAddress(rule.attester);
    case ELIGIBILITY_KINDS.Allowlist:
      return isZeroAddress(rule.source) && !isZeroKey(rule.key) && rule.minimum === 0n && isZeroAddress(rule.attester);
    case ELIGIBILITY_KINDS.Attestation:
      return hasCode(rule.source) && !isZeroKey(rule.key) && rule.minimum === 0n && !isZeroAddress(rule.attester);
  }
}

/** The most a round may route to the translocal commons, in basis points of its matching pool. */
export const MAX_COMMONS_SHARE_BPS = 2_000;

/** `IQuadraticFundingRound.CommonsLinks`: a share of the pool for the commons, and a season to join (or zero). */
export interface CommonsLinksInput {
  commonsShareBps: number;
  season: string;
}

/** What `RoundFactory` reads of a season (`parameters()`), or undefined for an address it did not create. */
export interface SeasonFacts {
  nodeId: bigint;
  /** The zero address for the chain's coin. */
  payoutToken: string;
  closesAt: bigint;
}

/** The contract error links would revert with, the form field it concerns, and plain words. */
export interface RoundLinksProblem {
  error: "CommonsShareOutOfRange" | "UnknownSeason" | "SeasonMismatch";
  field: "commonsShare" | "season";
  message: string;
}

/**
 * Every rule the links of `RoundFactory.createLinkedRound` break, in the order it checks them (before the round's
 * own configuration): the share at most `MAX_COMMONS_SHARE_BPS`; a season the factory created, of the round's node
 * or of that node's parent (`parentId`, 0 for none), in the round's token, closing no earlier than its donations.
 */
export function roundLinksProblems(
  links: CommonsLinksInput,
  round: { nodeId: bigint; parentId: bigint; config: Pick<RoundConfigInput, "payoutToken" | "donationsEnd"> },
  seasonOf: (address: string) => SeasonFacts | undefined,
): RoundLinksProblem[] {
  const problems: RoundLinksProblem[] = [];
  const share = links.commonsShareBps;
  if (!Number.isInteger(share) || share < 0 || share > MAX_COMMONS_SHARE_BPS) {
    problems.push({
      error: "CommonsShareOutOfRange",
      field: "commonsShare",
      message: `The commons share can be at most ${MAX_COMMONS_SHARE_BPS / 100} % of the matching pool.`,
    });
  }
  if (isZeroAddress(links.season)) return problems;
  const season = seasonOf(links.season);
  if (season === undefined) {
    problems.push({ error: "UnknownSeason", field: "season", message: "This is not a season of the network." });
    return problems;
  }
  let message: string | undefined;
  if (season.nodeId !== round.nodeId && (round.parentId === 0n || season.nodeId !== round.parentId)) {
    message = "A round joins a season of its own node or of the node it belongs to.";
  } else if (season.payoutToken.toLowerCase() !== round.config.payoutToken.toLowerCase()) {
    message = "The round must pay out in the season's token.";
  } else if (round.config.donationsEnd > season.closesAt) {
    message = "The round's donations must close by the season's close.";
  }
  if (message !== undefined) problems.push({ error: "SeasonMismatch", field: "season", message });
  return problems;
}
