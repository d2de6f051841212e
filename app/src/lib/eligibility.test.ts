import { zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import {
  attestationIdProblem,
  describeCountingRules,
  describeEligibility,
  EligibilityKind,
  type EligibilityRule,
  isBytes32,
  isOnAllowlist,
  needsProof,
  OPEN_RULE,
  parseAllowlist,
  ruleFromChain,
} from "./eligibility.ts";

const TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ATTESTER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const SCHEMA = `0x${"ab".repeat(32)}` as const;
const CUSD = { symbol: "CUSD", decimals: 6 };

function rule(overrides: Partial<EligibilityRule>): EligibilityRule {
  return { ...OPEN_RULE, ...overrides };
}

describe("describeEligibility", () => {
  it("says who may donate in plain words, for every kind of rule", () => {
    expect(describeEligibility(OPEN_RULE)).toBe("Open to everyone.");
    const holders = rule({ kind: EligibilityKind.TokenBalance, source: TOKEN, minimum: 2_500_000_000_000_000_000n });
    expect(describeEligibility(holders, { token: { symbol: "SOIL", decimals: 18, isCommonsCredits: false } })).toBe(
      "Only holders of at least 2.5 SOIL.",
    );
    expect(describeEligibility(holders, { token: { symbol: "HCC", decimals: 18, isCommonsCredits: true } })).toBe(
      "Only holders of at least 2.5 commons credits.",
    );
    const nft = rule({ kind: EligibilityKind.TokenBalance, source: TOKEN, minimum: 1n });
    expect(describeEligibility(nft, { token: { symbol: "MEMBER", decimals: 0, isCommonsCredits: false } })).toBe(
      "Only holders of at least 1 MEMBER.",
    );
    const allowlist = rule({ kind: EligibilityKind.Allowlist, key: SCHEMA });
    expect(describeEligibility(allowlist)).toBe("Only members of the round's allowlist.");
    expect(describeEligibility(allowlist, { allowlistSize: 12 })).toBe(
      "Only members of the round's allowlist (12 addresses).",
    );
    expect(describeEligibility(allowlist, { allowlistSize: 1 })).toBe(
      "Only members of the round's allowlist (1 address).",
    );
    const attested = rule({ kind: EligibilityKind.Attestation, source: TOKEN, key: SCHEMA, attester: ATTESTER });
    expect(describeEligibility(attested)).toBe(`Only people attested by ${ATTESTER}.`);
  });

  it("names the token by its address while its symbol is unknown", () => {
    const holders = rule({ kind: EligibilityKind.TokenBalance, source: TOKEN, minimum: 5n });
    expect(describeEligibility(holders)).toBe(`Only holders of at least 5 base units of the token ${TOKEN}.`);
  });
});

describe("describeCountingRules", () => {
  it("says what does not count toward the match, in the payout token", () => {
    expect(describeCountingRules({ minCountedDonation: 0n, countedContributionCap: 0n }, CUSD)).toEqual([]);
    expect(describeCountingRules({ minCountedDonation: 5_000_000n, countedContributionCap: 0n }, CUSD)).toEqual([
      "Donations below 5 CUSD do not count toward the match.",
    ]);
    expect(
      describeCountingRules({ minCountedDonation: 2_500_000n, countedContributionCap: 1_000_000_000n }, CUSD),
    ).toEqual([
      "Donations below 2.5 CUSD do not count toward the match.",
      "At most 1,000 CUSD of a person's gifts to a project counts toward the match.",
    ]);
  });
});

describe("allowlists and proofs", () => {
  it("reads addresses separated by lines, commas or spaces, checksummed once each, and names what is not one", () => {
    const text = `${ATTESTER.toLowerCase()}\n ${TOKEN}, ${ATTESTER}\n\n0x1234; not-an-address`;
    expect(parseAllowlist(text)).toEqual({ addresses: [ATTESTER, TOKEN], invalid: ["0x1234", "not-an-address"] });
    expect(parseAllowlist("  \n ")).toEqual({ addresses: [], invalid: [] });
    expect(isOnAllowlist([TOKEN], TOKEN.toLowerCase() as `0x${string}`)).toBe(true);
    expect(isOnAllowlist([TOKEN], ATTESTER)).toBe(false);
  });

  it("knows which rules need a proof, and what an id looks like", () => {
    expect(needsProof(OPEN_RULE)).toBe(false);
    expect(needsProof(rule({ kind: EligibilityKind.TokenBalance }))).toBe(false);
    expect(needsProof(rule({ kind: EligibilityKind.Allowlist }))).toBe(true);
    expect(needsProof(rule({ kind: EligibilityKind.Attestation }))).toBe(true);
    expect(isBytes32(SCHEMA)).toBe(true);
    expect(isBytes32(`0x${"ab".repeat(31)}`)).toBe(false);
    expect(isBytes32("ab".repeat(32))).toBe(false);
  });

  it("says what an attestation id looks like when a donor typed something else, and nothing before they type", () => {
    const shape = "An attestation id is 0x followed by 64 hexadecimal digits (0–9, a–f).";
    expect(attestationIdProblem("")).toBeUndefined();
    expect(attestationIdProblem("  ")).toBeUndefined();
    expect(attestationIdProblem(` ${SCHEMA} `)).toBeUndefined();
    expect(attestationIdProblem(`0x${"ab".repeat(31)}`)).toBe(shape);
    expect(attestationIdProblem(`0x${"zz".repeat(32)}`)).toBe(shape);
    expect(attestationIdProblem("attestation 7")).toBe(shape);
  });

  it("reads the rule as the round returns it, and refuses a kind it does not know", () => {
    const raw = { kind: 2, source: zeroAddress, key: SCHEMA, minimum: 0n, attester: zeroAddress } as const;
    expect(ruleFromChain(raw)).toEqual({ ...raw, kind: EligibilityKind.Allowlist });
    expect(() => ruleFromChain({ ...raw, kind: 4 })).toThrow("unknown eligibility rule kind 4");
  });
});
