import type { Address, Hex } from "viem";
import { describe, expect, it } from "vitest";
import { buildAllowlist } from "../lib/allowlist.ts";
import { EligibilityKind, type EligibilityRule, OPEN_RULE } from "../lib/eligibility.ts";
import { assessEligibility } from "./donorEligibility.ts";
import { fakeClient, type ViewCall } from "./testClient.ts";

const ROUND: Address = "0x75537828f2ce51be7289709686A69CbFDbB714F1";
const MEMBER: Address = "0xBcd4042DE499D14e55001CcbB24a551F3b954096";
const OTHER_MEMBER: Address = "0x71bE63f3384f5fb98995898A86B02Fb2426c5788";
const OUTSIDER: Address = "0xcd3B766CCDd6AE721141F452C550Ca635964ce71";
const TOKEN: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ATTESTER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const UID: Hex = `0x${"a1".repeat(32)}`;

const members = [MEMBER, OTHER_MEMBER];
const allowlistRule: EligibilityRule = {
  ...OPEN_RULE,
  kind: EligibilityKind.Allowlist,
  key: buildAllowlist(members).root,
};

/** A round whose `isEligible` answers `verdict`, and a token whose balances are `balances`. */
function chain(verdict: (call: ViewCall) => boolean, balances: Record<string, bigint> = {}) {
  return fakeClient({
    view: (call) => {
      if (call.functionName === "isEligible") return verdict(call);
      if (call.functionName === "balanceOf") return balances[call.args[0] as string] ?? 0n;
      throw new Error(`unexpected ${call.functionName}`);
    },
  });
}

describe("assessEligibility", () => {
  it("lets anyone donate in an open round without asking the chain", async () => {
    const { client, viewCalls } = chain(() => false);
    const verdict = await assessEligibility(client, { round: ROUND, rule: OPEN_RULE, account: OUTSIDER });
    expect(verdict).toEqual({ state: "eligible", proof: [] });
    expect(viewCalls).toEqual([]);
  });

  it("builds a member's proof from the allowlist of the round's document, and has the round confirm it", async () => {
    const { client, viewCalls } = chain(() => true);
    const verdict = await assessEligibility(client, {
      round: ROUND,
      rule: allowlistRule,
      account: MEMBER,
      allowlist: { addresses: members },
    });
    const proof = buildAllowlist(members).proofOf(MEMBER);
    expect(verdict).toEqual({ state: "eligible", proof });
    expect(viewCalls).toEqual([{ address: ROUND, functionName: "isEligible", args: [MEMBER, proof] }]);
  });

  it("tells an account that is not on the allowlist so, by its address", async () => {
    const { client } = chain(() => true);
    const verdict = await assessEligibility(client, {
      round: ROUND,
      rule: allowlistRule,
      account: OUTSIDER,
      allowlist: { addresses: members },
    });
    expect(verdict).toEqual({
      state: "ineligible",
      reason: `This account (${OUTSIDER}) is not on the round's allowlist: only its members can donate.`,
    });
  });

  it("refuses a document whose allowlist is not the one the round holds, or that could not be read", async () => {
    const { client } = chain(() => true);
    const altered = await assessEligibility(client, {
      round: ROUND,
      rule: allowlistRule,
      account: MEMBER,
      allowlist: { addresses: [MEMBER, OUTSIDER] },
    });
    expect(altered.state).toBe("ineligible");
    expect(altered.state === "ineligible" && altered.reason).toContain("is not the one the round holds");
    const missing = await assessEligibility(client, {
      round: ROUND,
      rule: allowlistRule,
      account: MEMBER,
      allowlist: { problem: "The round's description is missing." },
    });
    expect(missing).toEqual({ state: "ineligible", reason: "The round's description is missing." });
  });

  it("says how much a holder needs and how much the account holds", async () => {
    const rule = { ...OPEN_RULE, kind: EligibilityKind.TokenBalance, source: TOKEN, minimum: 10n ** 19n };
    const { client } = chain(() => false, { [OUTSIDER]: 25n * 10n ** 17n });
    const verdict = await assessEligibility(client, {
      round: ROUND,
      rule,
      account: OUTSIDER,
      ruleToken: { symbol: "HCC", decimals: 18, isCommonsCredits: true },
    });
    expect(verdict).toEqual({
      state: "ineligible",
      reason: "This round only takes donations from holders of at least 10 commons credits, and it holds 2.5.",
    });
    const holder = await assessEligibility(chain(() => true).client, { round: ROUND, rule, account: MEMBER });
    expect(holder).toEqual({ state: "eligible", proof: [] });
  });

  it("asks for the attestation id, checks its shape, and sends it as the proof", async () => {
    const rule = {
      kind: EligibilityKind.Attestation,
      source: TOKEN,
      key: `0x${"5e".repeat(32)}` as const,
      minimum: 0n,
      attester: ATTESTER,
    };
    const { client, viewCalls } = chain((call) => (call.args[1] as Hex[])[0] === UID);
    expect(await assessEligibility(client, { round: ROUND, rule, account: MEMBER })).toEqual({
      state: "needsInput",
      reason: `Enter the id of your attestation by ${ATTESTER} to donate.`,
    });
    expect(await assessEligibility(client, { round: ROUND, rule, account: MEMBER, attestationUid: "0x12" })).toEqual({
      state: "ineligible",
      reason: "An attestation id is 0x followed by 64 hexadecimal digits (0–9, a–f).",
    });
    expect(viewCalls).toEqual([]);
    expect(
      await assessEligibility(client, { round: ROUND, rule, account: MEMBER, attestationUid: ` ${UID} ` }),
    ).toEqual({ state: "eligible", proof: [UID] });
    const other = await assessEligibility(client, {
      round: ROUND,
      rule,
      account: MEMBER,
      attestationUid: `0x${"b2".repeat(32)}`,
    });
    expect(other.state).toBe("ineligible");
    expect(other.state === "ineligible" && other.reason).toContain(`it must be made by ${ATTESTER} to this account`);
  });
});
