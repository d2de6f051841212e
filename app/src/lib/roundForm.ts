import { type Address, getAddress, type Hex, isAddress, zeroAddress } from "viem";
import {
  ELIGIBILITY_KINDS,
  type EligibilityRuleInput,
  isCountedCapBelowMinimum,
  isDefaultParticipation,
  isWellFormedParticipation,
  MAX_COMMONS_SHARE_BPS,
  MAX_MATCH_CAP_BPS,
  MIN_MATCH_CAP_BPS,
  OPEN_ELIGIBILITY,
  type ParticipationRulesInput,
  roundConfigProblems,
  type RoundConfigInput,
  roundLinksProblems,
  type RoundRulesContext,
  type SeasonFacts,
} from "../../../lib/round-rules.ts";
import { InvalidDocumentError, LIMITS, parseRoundDescription, type RoundDescription } from "../data/documents.ts";
import type { TokenFacts } from "../data/eligibility.ts";
import { buildAllowlist } from "./allowlist.ts";
import { isBytes32, MAX_ALLOWLIST, parseAllowlist } from "./eligibility.ts";
import { parseTokenAmount } from "./format.ts";

/** What the steward typed in the "create a round" form. */
export interface RoundFormValues {
  name: string;
  description: string;
  /** The id of the node that runs the round, as a decimal; "" until one is chosen. */
  node: string;
  eligibility: string;
  payoutToken: string;
  applicationsStart: string;
  applicationsEnd: string;
  donationsStart: string;
  donationsEnd: string;
  /** Percent of the pool, "" for no cap. */
  matchCap: string;
  /** Who may donate. */
  donorRule: DonorRuleChoice;
  /** The token or NFT whose holders may donate ("token"). */
  ruleToken: string;
  /** The smallest balance that qualifies, in whole tokens ("token") or commons credits ("credits"). */
  ruleMinimum: string;
  /** The addresses that may donate ("allowlist"), one per line. */
  allowlist: string;
  /** The EAS-compatible attestation service ("attestation"). */
  attestationService: string;
  /** The schema id of the attestations that count ("attestation"). */
  attestationSchema: string;
  /** Whose attestations count ("attestation"). */
  attester: string;
  /** In the payout token; "" for none. */
  minCountedDonation: string;
  /** In the payout token; "" for no cap. */
  countedContributionCap: string;
  /** Percent of the matching pool routed to the translocal commons (0–20), "" for none. */
  commonsShare: string;
  /** The co-matching season the round joins, "" for none. */
  season: string;
}

/** The form's links to the commons, empty: no commons share, no season. */
export const NO_LINKS_VALUES: Pick<RoundFormValues, "commonsShare" | "season"> = { commonsShare: "", season: "" };

/** The rules a steward can choose from, in the form's words. */
export type DonorRuleChoice = "open" | "token" | "credits" | "allowlist" | "attestation";

export const DONOR_RULE_CHOICES: readonly { value: DonorRuleChoice; label: string }[] = [
  { value: "open", label: "Everyone" },
  { value: "token", label: "Holders of a token or NFT" },
  { value: "credits", label: "Holders of commons credits" },
  { value: "allowlist", label: "An allowlist of addresses" },
  { value: "attestation", label: "People attested by an attester" },
];

/** The form's fields for who may donate and what counts, empty: an open round where every gift counts. */
export const OPEN_PARTICIPATION_VALUES: Pick<
  RoundFormValues,
  | "donorRule"
  | "ruleToken"
  | "ruleMinimum"
  | "allowlist"
  | "attestationService"
  | "attestationSchema"
  | "attester"
  | "minCountedDonation"
  | "countedContributionCap"
> = {
  donorRule: "open",
  ruleToken: "",
  ruleMinimum: "",
  allowlist: "",
  attestationService: "",
  attestationSchema: "",
  attester: "",
  minCountedDonation: "",
  countedContributionCap: "",
};

export type RoundFormErrors = Partial<Record<keyof RoundFormValues, string>>;

/** What the form needs to know beyond the factory's rules: the contracts a donor rule names. */
export interface RoundFormContext extends RoundRulesContext {
  /** The payout token's symbol, for the counting rules' messages. */
  tokenSymbol?: (token: string) => string | undefined;
  /** What the chain says of a contract the rule names; undefined while it is being read. */
  contractFacts?: (address: Address) => TokenFacts | undefined;
  /** The network's commons credits token (`ContributionLedger.credits()`); undefined while it is being read. */
  creditsToken?: Address | undefined;
  /** The network's co-matching seasons a round may be offered to join. */
  seasons?: readonly (SeasonFacts & { address: string })[];
  /** The parent of a node (its translocal commons), or 0. */
  parentOf?: (nodeId: bigint) => bigint;
}

export interface ValidRound {
  nodeId: bigint;
  config: RoundConfigInput & { payoutToken: Address };
  document: RoundDescription;
  /** Who may donate and what counts; undefined for an open round where every gift counts (`createRound`). */
  rules?: ParticipationRulesInput & { eligibility: { source: Address; key: Hex; attester: Address } };
  /** A commons share, a season, or both; undefined for neither (then `createLinkedRound` is not needed). */
  links?: { commonsShareBps: number; season: Address };
}

/** Commons credits have 18 decimals. */
const CREDIT_DECIMALS = 18;
const MAX_UINT128 = (1n << 128n) - 1n;

/** The last allowlist turned into a root, so typing elsewhere in the form does not rebuild its tree. */
let lastAllowlist: { key: string; root: Hex } | undefined;

function allowlistRoot(addresses: readonly Address[]): Hex {
  const key = addresses.join(",");
  if (lastAllowlist?.key !== key) lastAllowlist = { key, root: buildAllowlist(addresses).root };
  return lastAllowlist.root;
}

/** An optional amount of the payout token ("" for none), or an error. */
function optionalAmount(text: string, decimals: number, symbol: string): { value?: bigint; error?: string } {
  if (text.trim() === "") return { value: 0n };
  const parsed = parseTokenAmount(text, decimals, symbol);
  if (!parsed.ok) return { error: parsed.error };
  if (parsed.value > MAX_UINT128) return { error: "This amount is larger than a round can hold." };
  return { value: parsed.value };
}

type RuleResult = {
  eligibility?: EligibilityRuleInput & { source: Address; key: Hex; attester: Address };
  allowlist?: Address[];
};

/** The eligibility rule the form describes, or errors on its fields. */
function donorRule(values: RoundFormValues, context: RoundFormContext, errors: RoundFormErrors): RuleResult {
  const zeroKey: Hex = `0x${"0".repeat(64)}`;
  const contract = (field: keyof RoundFormValues, text: string, what: string): Address | undefined => {
    if (!isAddress(text.trim(), { strict: false })) {
      errors[field] = `Enter the address of ${what}: 0x followed by 40 hexadecimal digits (0–9, a–f).`;
      return undefined;
    }
    const address = getAddress(text.trim());
    const facts = context.contractFacts?.(address);
    if (facts === undefined) {
      errors[field] = `Checking ${what} on chain…`;
      return undefined;
    }
    if (!facts.hasCode) {
      errors[field] = `There is no contract at this address: enter the address of ${what}.`;
      return undefined;
    }
    return address;
  };
  const minimum = (decimals: number, symbol: string, what: string): bigint | undefined => {
    if (values.ruleMinimum.trim() === "") {
      errors.ruleMinimum = `Enter how much ${what} a donor must hold, more than zero.`;
      return undefined;
    }
    const parsed = parseTokenAmount(values.ruleMinimum, decimals, symbol);
    if (!parsed.ok) {
      errors.ruleMinimum = parsed.error;
      return undefined;
    }
    return parsed.value;
  };
  switch (values.donorRule) {
    case "open":
      return { eligibility: { ...OPEN_ELIGIBILITY, source: zeroAddress, key: zeroKey, attester: zeroAddress } };
    case "token": {
      const source = contract("ruleToken", values.ruleToken, "the token or NFT");
      const facts = source === undefined ? undefined : context.contractFacts?.(source);
      const amount = minimum(facts?.decimals ?? 0, facts?.symbol ?? "tokens", "of the token");
      if (source === undefined || amount === undefined) return {};
      return {
        eligibility: {
          kind: ELIGIBILITY_KINDS.TokenBalance,
          source,
          key: zeroKey,
          minimum: amount,
          attester: zeroAddress,
        },
      };
    }
    case "credits": {
      const amount = minimum(CREDIT_DECIMALS, "credits", "commons credits");
      if (context.creditsToken === undefined) {
        errors.ruleMinimum ??= "Reading the network's commons credits token…";
        return {};
      }
      if (amount === undefined) return {};
      return {
        eligibility: {
          kind: ELIGIBILITY_KINDS.TokenBalance,
          source: context.creditsToken,
          key: zeroKey,
          minimum: amount,
          attester: zeroAddress,
        },
      };
    }
    case "allowlist": {
      const { addresses, invalid } = parseAllowlist(values.allowlist);
      if (invalid.length > 0) {
        const shown = invalid.slice(0, 3).map((piece) => `“${piece.slice(0, 20)}”`);
        errors.allowlist = `Not ${invalid.length === 1 ? "an address" : "addresses"}: ${shown.join(", ")}${invalid.length > 3 ? ` and ${invalid.length - 3} more` : ""}. Put one address (0x and 40 hexadecimal digits) per line.`;
        return {};
      }
      if (addresses.length === 0) {
        errors.allowlist = "Add at least one address to the allowlist.";
        return {};
      }
      if (addresses.length > MAX_ALLOWLIST) {
        errors.allowlist = `An allowlist holds at most ${MAX_ALLOWLIST.toLocaleString("en-US")} addresses; this one has ${addresses.length.toLocaleString("en-US")}.`;
        return {};
      }
      return {
        eligibility: {
          kind: ELIGIBILITY_KINDS.Allowlist,
          source: zeroAddress,
          key: allowlistRoot(addresses),
          minimum: 0n,
          attester: zeroAddress,
        },
        allowlist: addresses,
      };
    }
    case "attestation": {
      const source = contract("attestationService", values.attestationService, "the attestation service");
      const schema = values.attestationSchema.trim();
      let key: Hex | undefined;
      if (!isBytes32(schema)) {
        errors.attestationSchema = "A schema id is 0x followed by 64 hexadecimal digits (0–9, a–f).";
      } else if (/^0x0{64}$/.test(schema)) {
        errors.attestationSchema = "The schema id cannot be zero.";
      } else key = schema;
      let attester: Address | undefined;
      if (!isAddress(values.attester.trim(), { strict: false })) {
        errors.attester = "Enter the attester's address: 0x followed by 40 hexadecimal digits (0–9, a–f).";
      } else if (getAddress(values.attester.trim()) === zeroAddress) {
        errors.attester = "The attester cannot be the zero address.";
      } else attester = getAddress(values.attester.trim());
      if (source === undefined || key === undefined || attester === undefined) return {};
      return { eligibility: { kind: ELIGIBILITY_KINDS.Attestation, source, key, minimum: 0n, attester } };
    }
  }
}

/** The node id a form holds, or undefined if none is chosen. */
export function chosenNode(values: Pick<RoundFormValues, "node">): bigint | undefined {
  return /^[1-9]\d*$/.test(values.node) ? BigInt(values.node) : undefined;
}

/** A `datetime-local` value (the reader's time zone) as unix seconds, or undefined if it is not a date. */
export function toUnixSeconds(local: string): bigint | undefined {
  if (local.trim() === "") return undefined;
  const milliseconds = new Date(local).getTime();
  return Number.isNaN(milliseconds) ? undefined : BigInt(Math.floor(milliseconds / 1000));
}

/** Unix seconds as a `datetime-local` value in the reader's time zone, to the minute. */
export function toLocalInput(seconds: bigint): string {
  const date = new Date(Number(seconds) * 1000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A commons share typed in percent ("10", "12.5") as basis points, or undefined if it is not one. */
export function commonsShareToBps(percent: string): number | undefined {
  const text = percent.trim();
  if (text === "") return 0;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return undefined;
  return Math.round(Number(text) * 100);
}

/** A match cap typed in percent ("12.5") as basis points, or undefined if it is not a number with ≤ 2 decimals. */
export function capToBps(percent: string): number | undefined {
  const text = percent.trim();
  if (text === "") return 0;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return undefined;
  return Math.round(Number(text) * 100);
}

const FIELD_OF_RULE: Record<string, keyof RoundFormValues> = {
  node: "node",
  applicationsEnd: "applicationsEnd",
  donationsEnd: "donationsEnd",
  donationsStart: "donationsStart",
  matchCap: "matchCap",
  payoutToken: "payoutToken",
  metadata: "description",
};

/**
 * Checks the form with the same rules as the contracts (lib/round-rules.ts) and the same document schema as
 * the app reads; returns the round to create, or a message for each field that is wrong.
 */
export function validateRoundForm(
  values: RoundFormValues,
  context: RoundFormContext,
): { errors: RoundFormErrors; round?: ValidRound } {
  const errors: RoundFormErrors = {};
  const document: Record<string, unknown> = { name: values.name, description: values.description };
  const eligibility = values.eligibility
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (eligibility.length > 0) document.eligibility = eligibility;
  // Each field on its own first, so every problem shows at once; then the reader's own schema as the last word.
  const textProblems: [keyof RoundFormValues, string, string, number, boolean][] = [
    ["name", values.name, "The name", LIMITS.name, true],
    ["description", values.description, "The description", LIMITS.description, true],
  ];
  for (const [field, value, label, max, required] of textProblems) {
    if (required && value.trim() === "") errors[field] = `${label} is empty.`;
    else if (value.trim().length > max) errors[field] = `${label} is longer than ${max} characters.`;
  }
  if (eligibility.length > LIMITS.listItems) errors.eligibility = `At most ${LIMITS.listItems} rules.`;
  let description: RoundDescription | undefined;
  try {
    description = parseRoundDescription(document);
  } catch (error) {
    if (Object.keys(errors).length === 0) {
      errors.eligibility = error instanceof InvalidDocumentError ? error.message : "The description is invalid.";
    }
  }

  const times = {
    applicationsStart: toUnixSeconds(values.applicationsStart),
    applicationsEnd: toUnixSeconds(values.applicationsEnd),
    donationsStart: toUnixSeconds(values.donationsStart),
    donationsEnd: toUnixSeconds(values.donationsEnd),
  };
  for (const [field, value] of Object.entries(times)) {
    if (value === undefined) errors[field as keyof RoundFormValues] = "Choose a date and time.";
  }
  const matchCapBps = capToBps(values.matchCap);
  if (matchCapBps === undefined) errors.matchCap = "Enter a percentage like 10 or 12.5, or leave it empty for no cap.";
  else if (matchCapBps !== 0 && (matchCapBps < MIN_MATCH_CAP_BPS || matchCapBps > MAX_MATCH_CAP_BPS)) {
    // Also checked with every other rule below; said here so it shows while a date is still missing.
    errors.matchCap = "The match cap must be between 1 % and 100 % of the pool, or none.";
  }

  const nodeId = chosenNode(values);
  if (nodeId === undefined) errors.node = "Choose the node that runs the round.";

  // Links to the commons: a share of the pool, a season to join.
  const commonsShareBps = commonsShareToBps(values.commonsShare);
  if (commonsShareBps === undefined) {
    errors.commonsShare = "Enter a percentage like 10 or 12.5, or leave it empty for none.";
  } else if (commonsShareBps > MAX_COMMONS_SHARE_BPS) {
    errors.commonsShare = `The commons share can be at most ${MAX_COMMONS_SHARE_BPS / 100} % of the matching pool.`;
  }
  const season = values.season.trim() === "" ? zeroAddress : values.season.trim();
  if (season !== zeroAddress && !isAddress(season, { strict: false })) errors.season = "Choose a season.";

  if (!isAddress(values.payoutToken, { strict: false })) errors.payoutToken = "Choose a payout token.";

  // Who may donate and what counts toward the match.
  const rule = donorRule(values, context, errors);
  const payoutDecimals = errors.payoutToken === undefined ? context.tokenDecimals(values.payoutToken) : undefined;
  const payoutSymbol =
    (errors.payoutToken === undefined ? context.tokenSymbol?.(values.payoutToken) : undefined) ?? "tokens";
  let minCounted: bigint | undefined;
  let countedCap: bigint | undefined;
  if (payoutDecimals !== undefined) {
    const min = optionalAmount(values.minCountedDonation, payoutDecimals, payoutSymbol);
    const cap = optionalAmount(values.countedContributionCap, payoutDecimals, payoutSymbol);
    if (min.error !== undefined) errors.minCountedDonation = min.error;
    if (cap.error !== undefined) errors.countedContributionCap = cap.error;
    minCounted = min.value;
    countedCap = cap.value;
    if (
      minCounted !== undefined &&
      countedCap !== undefined &&
      isCountedCapBelowMinimum({ minCountedDonation: minCounted, countedContributionCap: countedCap })
    ) {
      errors.countedContributionCap = "The cap on what counts must be at least the smallest donation that counts.";
    }
  }
  let rules: ValidRound["rules"];
  if (rule.eligibility !== undefined && minCounted !== undefined && countedCap !== undefined) {
    const candidate = {
      eligibility: rule.eligibility,
      minCountedDonation: minCounted,
      countedContributionCap: countedCap,
    };
    // Checked last, as the factory would; every field's own check above explains what is wrong.
    // The credits token is the ledger's own contract; the other contracts were read for the rule's fields.
    const hasCode = (address: string) =>
      isAddress(address, { strict: false }) &&
      (getAddress(address) === context.creditsToken || context.contractFacts?.(getAddress(address))?.hasCode === true);
    if (isWellFormedParticipation(candidate, hasCode)) {
      if (!isDefaultParticipation(candidate)) rules = candidate;
    } else if (!isCountedCapBelowMinimum(candidate)) {
      // A cap below the minimum is explained at its own field above.
      errors.donorRule ??= "These rules are incomplete.";
    }
  }

  if (
    times.applicationsStart !== undefined &&
    times.applicationsEnd !== undefined &&
    times.donationsStart !== undefined &&
    times.donationsEnd !== undefined &&
    matchCapBps !== undefined &&
    errors.payoutToken === undefined
  ) {
    const config: RoundConfigInput & { payoutToken: Address } = {
      payoutToken: getAddress(values.payoutToken),
      applicationsStart: times.applicationsStart,
      applicationsEnd: times.applicationsEnd,
      donationsStart: times.donationsStart,
      donationsEnd: times.donationsEnd,
      matchCapBps,
    };
    // The document is published once the form is valid; its pointer is an ipfs:// CID of this length.
    const pointerShape = `ipfs://${"b".repeat(59)}`;
    const problems = roundConfigProblems(config, pointerShape, context);
    for (const problem of problems) {
      const field = FIELD_OF_RULE[problem.field] ?? "description";
      errors[field] ??= problem.message;
    }
    let links: ValidRound["links"];
    if (nodeId !== undefined && commonsShareBps !== undefined && errors.season === undefined) {
      const candidate = { commonsShareBps, season: getAddress(season) };
      const linkProblems = roundLinksProblems(
        candidate,
        { nodeId, parentId: context.parentOf?.(nodeId) ?? 0n, config },
        (address) => context.seasons?.find((item) => item.address.toLowerCase() === address.toLowerCase()),
      );
      for (const problem of linkProblems) errors[problem.field] ??= problem.message;
      if (commonsShareBps !== 0 || candidate.season !== zeroAddress) links = candidate;
    }
    if (Object.keys(errors).length === 0 && description !== undefined && nodeId !== undefined) {
      const document = rule.allowlist === undefined ? description : { ...description, allowlist: rule.allowlist };
      return {
        errors,
        round: {
          nodeId,
          config,
          document,
          ...(rules === undefined ? {} : { rules }),
          ...(links === undefined ? {} : { links }),
        },
      };
    }
  }
  return { errors };
}
