import { type Address, getAddress, type Hex, isAddress, isAddressEqual, zeroAddress } from "viem";
import type { CountingRules } from "../../../lib/quadratic-funding.ts";
import { formatTokenAmount } from "./format.ts";

/**
 * Who may donate in a funding round and what counts toward its match, in the app's terms and in plain words.
 * The rule is `EligibilityRules.Rule` of contracts/libraries/EligibilityRules.sol, as `eligibility()` returns it.
 */

/** The kinds of rule, as `EligibilityRules.Kind` numbers them. */
export const EligibilityKind = { Open: 0, TokenBalance: 1, Allowlist: 2, Attestation: 3 } as const;
export type EligibilityKind = (typeof EligibilityKind)[keyof typeof EligibilityKind];

/** A round's eligibility rule. Fields a kind does not use are zero. */
export interface EligibilityRule {
  kind: EligibilityKind;
  /** The token or NFT (TokenBalance), or the attestation service (Attestation). */
  source: Address;
  /** The allowlist's Merkle root (Allowlist), or the attestation schema's id (Attestation). */
  key: Hex;
  /** The smallest balance that qualifies, in the token's base units (TokenBalance). */
  minimum: bigint;
  /** Whose attestations count (Attestation). */
  attester: Address;
}

export const ZERO_KEY: Hex = `0x${"0".repeat(64)}`;

/** The rule of a round open to everyone (every round created without rules). */
export const OPEN_RULE: EligibilityRule = {
  kind: EligibilityKind.Open,
  source: zeroAddress,
  key: ZERO_KEY,
  minimum: 0n,
  attester: zeroAddress,
};

/** The rule as `eligibility()` returns it (viem's decoding), checked to be one of the known kinds. */
export function ruleFromChain(value: {
  kind: number;
  source: Address;
  key: Hex;
  minimum: bigint;
  attester: Address;
}): EligibilityRule {
  if (!Object.values(EligibilityKind).includes(value.kind as EligibilityKind)) {
    throw new Error(`unknown eligibility rule kind ${value.kind}`);
  }
  return { ...value, kind: value.kind as EligibilityKind };
}

/** Whether donors must send a proof with their donation (a Merkle proof, or an attestation id). */
export function needsProof(rule: EligibilityRule): boolean {
  return rule.kind === EligibilityKind.Allowlist || rule.kind === EligibilityKind.Attestation;
}

/** What the app knows of the token of a TokenBalance rule, to name it. */
export interface RuleToken {
  symbol: string;
  /** 0 for an NFT or a token without decimals. */
  decimals: number;
  /** Whether it is the network's commons credits. */
  isCommonsCredits: boolean;
}

/** The round's rule in plain words: one sentence. */
export function describeEligibility(
  rule: EligibilityRule,
  context: { token?: RuleToken | undefined; allowlistSize?: number | undefined } = {},
): string {
  switch (rule.kind) {
    case EligibilityKind.Open:
      return "Open to everyone.";
    case EligibilityKind.TokenBalance: {
      const { token } = context;
      if (token === undefined) {
        return `Only holders of at least ${rule.minimum.toString()} base units of the token ${rule.source}.`;
      }
      const amount = formatTokenAmount(rule.minimum, token.decimals, token.decimals);
      const what = token.isCommonsCredits ? "commons credits" : token.symbol;
      return `Only holders of at least ${amount} ${what}.`;
    }
    case EligibilityKind.Allowlist:
      return context.allowlistSize === undefined
        ? "Only members of the round's allowlist."
        : `Only members of the round's allowlist (${context.allowlistSize} ${context.allowlistSize === 1 ? "address" : "addresses"}).`;
    case EligibilityKind.Attestation:
      return `Only people attested by ${rule.attester}.`;
  }
}

/** The counting rules in plain words, one sentence each; none for a round without them. */
export function describeCountingRules(rules: CountingRules, token: { symbol: string; decimals: number }): string[] {
  const amount = (value: bigint) => `${formatTokenAmount(value, token.decimals, token.decimals)} ${token.symbol}`;
  const lines: string[] = [];
  if (rules.minCountedDonation !== 0n) {
    lines.push(`Donations below ${amount(rules.minCountedDonation)} do not count toward the match.`);
  }
  if (rules.countedContributionCap !== 0n) {
    lines.push(
      `At most ${amount(rules.countedContributionCap)} of a person's gifts to a project counts toward the match.`,
    );
  }
  return lines;
}

/** The most addresses an allowlist may hold: its document stays well under the 2 MiB the app reads. */
export const MAX_ALLOWLIST = 10_000;

/**
 * The addresses of an allowlist typed or pasted by a steward: separated by new lines, commas, semicolons or
 * spaces, each checksummed once; duplicates are dropped (a leaf twice would make the tree no different). Every
 * piece that is not an address is reported by its position.
 */
export function parseAllowlist(text: string): { addresses: Address[]; invalid: string[] } {
  const pieces = text
    .split(/[\s,;]+/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== "");
  const addresses: Address[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const piece of pieces) {
    if (!isAddress(piece, { strict: false })) {
      invalid.push(piece);
      continue;
    }
    const address = getAddress(piece);
    if (seen.has(address)) continue;
    seen.add(address);
    addresses.push(address);
  }
  return { addresses, invalid };
}

/** Whether `account` is on the allowlist. */
export function isOnAllowlist(addresses: readonly Address[], account: Address): boolean {
  return addresses.some((address) => isAddressEqual(address, account));
}

/** An attestation or schema id: 0x and 64 hexadecimal digits. */
export function isBytes32(value: string): value is Hex {
  return /^0x[0-9a-fA-F]{64}$/.test(value.trim());
}

/** What an attestation id looks like, said to a donor who typed something else. */
export const ATTESTATION_ID_SHAPE = "An attestation id is 0x followed by 64 hexadecimal digits (0–9, a–f).";

/** What is wrong with an attestation id a donor typed, if anything (empty is not wrong: not given yet). */
export function attestationIdProblem(value: string): string | undefined {
  return value.trim() === "" || isBytes32(value) ? undefined : ATTESTATION_ID_SHAPE;
}
