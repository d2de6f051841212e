/**
 * Whether an account may donate in a round, checked with the round's own `isEligible` and the proof its donation
 * would carry, with the reason in plain words when it may not. Loaded with the cart only: it builds allowlist
 * Merkle trees.
 */
import { type Address, type Hex, type PublicClient } from "viem";
import { buildAllowlist } from "../lib/allowlist.ts";
import {
  ATTESTATION_ID_SHAPE,
  EligibilityKind,
  type EligibilityRule,
  isBytes32,
  type RuleToken,
} from "../lib/eligibility.ts";
import { formatTokenAmount } from "../lib/format.ts";
import { permitTokenAbi, quadraticFundingRoundAbi } from "./contracts.ts";

/** Whether an account may donate, and the proof its donation must carry. */
export type DonorEligibility =
  | { state: "eligible"; proof: Hex[] }
  /** The account may not donate; `reason` says why, in plain words. */
  | { state: "ineligible"; reason: string }
  /** The donor must give something first (the id of their attestation). */
  | { state: "needsInput"; reason: string };

/** The round's allowlist as its metadata document holds it, or why it cannot be used. */
export type AllowlistSource = { addresses: readonly Address[] } | { problem: string };

export interface EligibilityQuestion {
  round: Address;
  rule: EligibilityRule;
  account: Address;
  /** For an Allowlist rule: the list from the round's metadata document. */
  allowlist?: AllowlistSource;
  /** For an Attestation rule: what the donor typed as the id of their attestation. */
  attestationUid?: string;
  /** For a TokenBalance rule: how to name the token. */
  ruleToken?: RuleToken;
}

async function isEligible(client: PublicClient, round: Address, account: Address, proof: Hex[]): Promise<boolean> {
  return client.readContract({
    address: round,
    abi: quadraticFundingRoundAbi,
    functionName: "isEligible",
    args: [account, proof],
  });
}

/**
 * Whether `account` may donate in the round, checked with the round's own `isEligible` and the proof the
 * donation would carry — built from the allowlist of the round's document, or the attestation id the donor gives.
 */
export async function assessEligibility(
  client: PublicClient,
  question: EligibilityQuestion,
): Promise<DonorEligibility> {
  const { rule, account, round } = question;
  switch (rule.kind) {
    case EligibilityKind.Open:
      return { state: "eligible", proof: [] };
    case EligibilityKind.TokenBalance: {
      if (await isEligible(client, round, account, [])) return { state: "eligible", proof: [] };
      const token = question.ruleToken;
      const what = token === undefined ? "of its token" : token.isCommonsCredits ? "commons credits" : token.symbol;
      const decimals = token?.decimals ?? 0;
      const held = await client
        .readContract({ address: rule.source, abi: permitTokenAbi, functionName: "balanceOf", args: [account] })
        .catch(() => undefined);
      const holds =
        held === undefined
          ? "its balance could not be read"
          : `it holds ${formatTokenAmount(held, decimals, decimals)}`;
      return {
        state: "ineligible",
        reason: `This round only takes donations from holders of at least ${formatTokenAmount(rule.minimum, decimals, decimals)} ${what}, and ${holds}.`,
      };
    }
    case EligibilityKind.Allowlist: {
      const source = question.allowlist;
      if (source === undefined) return { state: "needsInput", reason: "Reading the round's allowlist…" };
      if ("problem" in source) return { state: "ineligible", reason: source.problem };
      const allowlist = buildAllowlist(source.addresses);
      if (allowlist.root.toLowerCase() !== rule.key.toLowerCase()) {
        return {
          state: "ineligible",
          reason:
            "The allowlist in the round's description is not the one the round holds, so no one can prove they are on it. Ask the round's stewards.",
        };
      }
      const proof = allowlist.proofOf(account);
      if (proof === undefined || !(await isEligible(client, round, account, proof))) {
        return {
          state: "ineligible",
          reason: `This account (${account}) is not on the round's allowlist: only its members can donate.`,
        };
      }
      return { state: "eligible", proof };
    }
    case EligibilityKind.Attestation: {
      const uid = question.attestationUid?.trim() ?? "";
      if (uid === "") {
        return {
          state: "needsInput",
          reason: `Enter the id of your attestation by ${rule.attester} to donate.`,
        };
      }
      if (!isBytes32(uid)) return { state: "ineligible", reason: ATTESTATION_ID_SHAPE };
      if (await isEligible(client, round, account, [uid])) return { state: "eligible", proof: [uid] };
      return {
        state: "ineligible",
        reason: `This attestation does not let this account donate: it must be made by ${rule.attester} to this account, with the round's schema, and be neither revoked nor expired.`,
      };
    }
  }
}
