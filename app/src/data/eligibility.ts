/**
 * The contracts a round's eligibility rule names, read from the chain: what a token or NFT calls itself, and
 * whether it is the network's commons credits. (Whether an account meets the rule: data/donorEligibility.ts.)
 */
import { type Address, getAddress, type PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { EligibilityKind, type EligibilityRule, type RuleToken } from "../lib/eligibility.ts";
import { fetchCreditsToken } from "./credits.ts";
import { permitTokenAbi } from "./contracts.ts";

/** What an address holds for a rule: code at all, and the ERC-20 (or ERC-721) facts it reports. */
export interface TokenFacts {
  hasCode: boolean;
  name?: string;
  symbol?: string;
  /** Undefined for a contract without `decimals()` (an NFT, for one). */
  decimals?: number;
}

/** The facts of a token or NFT contract; each read may fail without failing the others. */
export async function fetchTokenFacts(client: PublicClient, address: Address): Promise<TokenFacts> {
  const code = await client.getCode({ address });
  if (code === undefined || code === "0x") return { hasCode: false };
  const [name, symbol, decimals] = await client.multicall({
    contracts: [
      { address, abi: permitTokenAbi, functionName: "name" },
      { address, abi: permitTokenAbi, functionName: "symbol" },
      { address, abi: permitTokenAbi, functionName: "decimals" },
    ],
    allowFailure: true,
    deployless: client.chain?.contracts?.multicall3 === undefined,
  });
  const facts: TokenFacts = { hasCode: true };
  if (name.status === "success") facts.name = name.result;
  if (symbol.status === "success") facts.symbol = symbol.result;
  if (decimals.status === "success" && decimals.result <= 36) facts.decimals = decimals.result;
  return facts;
}

/** How to name the token of a TokenBalance rule; undefined for the other kinds. */
export async function fetchRuleToken(
  client: PublicClient,
  deployment: Deployment,
  rule: EligibilityRule,
): Promise<RuleToken | undefined> {
  if (rule.kind !== EligibilityKind.TokenBalance) return undefined;
  const [facts, credits] = await Promise.all([
    fetchTokenFacts(client, rule.source),
    fetchCreditsToken(client, deployment),
  ]);
  return {
    symbol: facts.symbol ?? `tokens of ${rule.source}`,
    decimals: facts.decimals ?? 0,
    isCommonsCredits: getAddress(rule.source) === credits,
  };
}
