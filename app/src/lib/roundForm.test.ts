import { describe, expect, it } from "vitest";
import {
  capToBps,
  NO_LINKS_VALUES,
  OPEN_PARTICIPATION_VALUES,
  type RoundFormValues,
  toLocalInput,
  toUnixSeconds,
  validateRoundForm,
} from "./roundForm.ts";
import { buildAllowlist } from "./allowlist.ts";

const NATIVE = "0x0000000000000000000000000000000000000000";
const TOKEN = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
const NOW = 1_800_000_000n;
const HOUR = 3_600n;

const context = {
  isNodeSteward: true,
  now: NOW,
  isTokenAllowed: (token: string) => token.toLowerCase() === TOKEN.toLowerCase(),
  tokenDecimals: () => 6,
};

function form(overrides: Partial<RoundFormValues> = {}): RoundFormValues {
  return {
    name: "Lower Fraser Soil Round",
    description: "Soil regeneration commons.",
    node: "2",
    eligibility: "Based in the Lower Fraser\nOpen results",
    payoutToken: TOKEN,
    applicationsStart: toLocalInput(NOW + HOUR),
    applicationsEnd: toLocalInput(NOW + 24n * HOUR),
    donationsStart: toLocalInput(NOW + 24n * HOUR),
    donationsEnd: toLocalInput(NOW + 240n * HOUR),
    matchCap: "",
    ...OPEN_PARTICIPATION_VALUES,
    ...NO_LINKS_VALUES,
    ...overrides,
  };
}

describe("validateRoundForm", () => {
  it("turns a valid form into the round to create, with its node and document", () => {
    const { errors, round } = validateRoundForm(form({ matchCap: "12.5" }), context);
    expect(errors).toEqual({});
    expect(round?.nodeId).toBe(2n);
    expect(round?.config).toEqual({
      payoutToken: TOKEN,
      applicationsStart: NOW + HOUR,
      applicationsEnd: NOW + 24n * HOUR,
      donationsStart: NOW + 24n * HOUR,
      donationsEnd: NOW + 240n * HOUR,
      matchCapBps: 1_250,
    });
    expect(round?.document).toEqual({
      name: "Lower Fraser Soil Round",
      description: "Soil regeneration commons.",
      eligibility: ["Based in the Lower Fraser", "Open results"],
    });
  });

  it("reports every empty or malformed field at once, and gives no round", () => {
    const { errors, round } = validateRoundForm(
      form({ name: " ", description: "", matchCap: "0.5", node: "", donationsEnd: "" }),
      context,
    );
    expect(round).toBeUndefined();
    expect(errors).toMatchObject({
      name: "The name is empty.",
      description: "The description is empty.",
      matchCap: "The match cap must be between 1 % and 100 % of the pool, or none.",
      node: "Choose the node that runs the round.",
      donationsEnd: "Choose a date and time.",
    });
  });

  it("applies the contracts' window rules", () => {
    expect(validateRoundForm(form({ applicationsEnd: toLocalInput(NOW + HOUR) }), context).errors.applicationsEnd).toBe(
      "Applications must close after they open.",
    );
    expect(
      validateRoundForm(form({ donationsStart: toLocalInput(NOW + HOUR / 2n) }), context).errors.donationsStart,
    ).toBe("Applications must open no later than donations, and close no later than donations close.");
    expect(
      validateRoundForm(
        form({
          applicationsStart: toLocalInput(NOW - 48n * HOUR),
          applicationsEnd: toLocalInput(NOW - 24n * HOUR),
          donationsStart: toLocalInput(NOW - 24n * HOUR),
          donationsEnd: toLocalInput(NOW - HOUR),
        }),
        context,
      ).errors.donationsEnd,
    ).toBe("The donation window must end in the future.");
  });

  it("accepts the chain's coin and refuses a token the network does not allow", () => {
    expect(validateRoundForm(form({ payoutToken: NATIVE }), context).errors).toEqual({});
    expect(
      validateRoundForm(form({ payoutToken: "0x1111111111111111111111111111111111111111" }), context).errors
        .payoutToken,
    ).toBe("The network does not allow this payout token.");
  });

  it("refuses a node the account does not steward, as the factory would", () => {
    const { errors, round } = validateRoundForm(form(), { ...context, isNodeSteward: false });
    expect(round).toBeUndefined();
    expect(errors.node).toBe("Only a steward of this node can open its rounds.");
  });
});

describe("validateRoundForm: who may donate and what counts", () => {
  const CREDITS = "0x2279B7A0a67DB372996a5FaB50D91eAA73d2eBe6";
  const NFT = "0x8A791620dd6260079BF849Dc5567aDC3F2FdC318";
  const SERVICE = "0x610178dA211FEF7D417bC0e6FeD39F05609AD788";
  const NOBODY = "0x9999999999999999999999999999999999999999";
  const ATTESTER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  const SCHEMA = `0x${"5e".repeat(32)}`;
  const MEMBERS = [
    "0xBcd4042DE499D14e55001CcbB24a551F3b954096",
    "0x71bE63f3384f5fb98995898A86B02Fb2426c5788",
    "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a",
  ];
  const facts = new Map<string, { hasCode: boolean; symbol?: string; decimals?: number }>([
    [TOKEN, { hasCode: true, symbol: "CUSD", decimals: 6 }],
    [NFT, { hasCode: true, symbol: "MEMBER" }],
    [SERVICE, { hasCode: true }],
    [NOBODY, { hasCode: false }],
  ]);
  const ruled = {
    ...context,
    tokenSymbol: () => "CUSD",
    contractFacts: (address: string) => facts.get(address),
    creditsToken: CREDITS as `0x${string}`,
  };

  it("opens the round to everyone, every gift counting, unless told otherwise: no rules to send", () => {
    const { errors, round } = validateRoundForm(form(), ruled);
    expect(errors).toEqual({});
    expect(round?.rules).toBeUndefined();
    expect(round?.document.allowlist).toBeUndefined();
  });

  it("sends counting rules alone, in the payout token's units, with an open rule", () => {
    const { errors, round } = validateRoundForm(
      form({ minCountedDonation: "2.5", countedContributionCap: "1,000" }),
      ruled,
    );
    expect(errors).toEqual({});
    expect(round?.rules).toEqual({
      eligibility: {
        kind: 0,
        source: NATIVE,
        key: `0x${"0".repeat(64)}`,
        minimum: 0n,
        attester: NATIVE,
      },
      minCountedDonation: 2_500_000n,
      countedContributionCap: 1_000_000_000n,
    });
  });

  it("refuses a cap below the minimum that counts, and amounts the token cannot hold", () => {
    const { errors } = validateRoundForm(form({ minCountedDonation: "10", countedContributionCap: "5" }), ruled);
    expect(errors.countedContributionCap).toBe(
      "The cap on what counts must be at least the smallest donation that counts.",
    );
    // The factory refuses it too (CountedCapBelowMinimum); the donor rule itself is complete.
    expect(errors.donorRule).toBeUndefined();
    expect(validateRoundForm(form({ minCountedDonation: "0.0000001" }), ruled).errors.minCountedDonation).toBe(
      "CUSD has 6 decimals: use at most 6 digits after the point.",
    );
    expect(validateRoundForm(form({ countedContributionCap: "ten" }), ruled).errors.countedContributionCap).toBe(
      "Enter a number of CUSD, like 10 or 2.5.",
    );
    expect(validateRoundForm(form({ minCountedDonation: "1".repeat(40) }), ruled).errors.minCountedDonation).toBe(
      "This amount is larger than a round can hold.",
    );
  });

  it("lets holders of a token or an NFT donate, with the minimum in the token's own units", () => {
    const token = validateRoundForm(form({ donorRule: "token", ruleToken: TOKEN, ruleMinimum: "50" }), ruled);
    expect(token.errors).toEqual({});
    expect(token.round?.rules?.eligibility).toMatchObject({ kind: 1, source: TOKEN, minimum: 50_000_000n });
    const nft = validateRoundForm(form({ donorRule: "token", ruleToken: NFT.toLowerCase(), ruleMinimum: "1" }), ruled);
    expect(nft.errors).toEqual({});
    expect(nft.round?.rules?.eligibility).toMatchObject({ kind: 1, source: NFT, minimum: 1n });
    expect(
      validateRoundForm(form({ donorRule: "token", ruleToken: NFT, ruleMinimum: "1.5" }), ruled).errors.ruleMinimum,
    ).toBe("MEMBER has 0 decimals: use at most 0 digits after the point.");
  });

  it("explains a token rule without a contract, a minimum or an address", () => {
    expect(validateRoundForm(form({ donorRule: "token", ruleToken: "0x12", ruleMinimum: "1" }), ruled).errors).toEqual({
      ruleToken: "Enter the address of the token or NFT: 0x followed by 40 hexadecimal digits (0–9, a–f).",
    });
    expect(
      validateRoundForm(form({ donorRule: "token", ruleToken: NOBODY, ruleMinimum: "1" }), ruled).errors.ruleToken,
    ).toBe("There is no contract at this address: enter the address of the token or NFT.");
    const unread = "0x1234567890123456789012345678901234567890";
    const pending = validateRoundForm(form({ donorRule: "token", ruleToken: unread, ruleMinimum: "1" }), ruled);
    expect(pending.errors.ruleToken).toBe("Checking the token or NFT on chain…");
    expect(pending.round).toBeUndefined();
    expect(validateRoundForm(form({ donorRule: "token", ruleToken: TOKEN }), ruled).errors.ruleMinimum).toBe(
      "Enter how much of the token a donor must hold, more than zero.",
    );
  });

  it("lets holders of commons credits donate, with the ledger's credits token", () => {
    const { errors, round } = validateRoundForm(form({ donorRule: "credits", ruleMinimum: "12.5" }), ruled);
    expect(errors).toEqual({});
    expect(round?.rules?.eligibility).toMatchObject({ kind: 1, source: CREDITS, minimum: 12_500_000_000_000_000_000n });
    expect(validateRoundForm(form({ donorRule: "credits", ruleMinimum: "0" }), ruled).errors.ruleMinimum).toBe(
      "The amount must be more than zero.",
    );
    const withoutCredits = { ...ruled, creditsToken: undefined };
    expect(validateRoundForm(form({ donorRule: "credits", ruleMinimum: "1" }), withoutCredits).errors.ruleMinimum).toBe(
      "Reading the network's commons credits token…",
    );
  });

  it("commits to an allowlist by its Merkle root and keeps the list in the round's document", () => {
    const text = `${MEMBERS.join("\n")}\n${MEMBERS[0]?.toLowerCase() ?? ""}`;
    const { errors, round } = validateRoundForm(form({ donorRule: "allowlist", allowlist: text }), ruled);
    expect(errors).toEqual({});
    expect(round?.document.allowlist).toEqual(MEMBERS);
    expect(round?.rules?.eligibility).toMatchObject({ kind: 2, source: NATIVE, minimum: 0n, attester: NATIVE });
    expect(round?.rules?.eligibility.key).toBe(buildAllowlist(MEMBERS as `0x${string}`[]).root);
    expect(validateRoundForm(form({ donorRule: "allowlist", allowlist: " \n" }), ruled).errors.allowlist).toBe(
      "Add at least one address to the allowlist.",
    );
    expect(
      validateRoundForm(form({ donorRule: "allowlist", allowlist: `${MEMBERS[0] ?? ""}\nalice.eth` }), ruled).errors
        .allowlist,
    ).toBe("Not an address: “alice.eth”. Put one address (0x and 40 hexadecimal digits) per line.");
  });

  it("lets people attested by a named attester donate, and checks the service, schema and attester", () => {
    const valid = validateRoundForm(
      form({ donorRule: "attestation", attestationService: SERVICE, attestationSchema: SCHEMA, attester: ATTESTER }),
      ruled,
    );
    expect(valid.errors).toEqual({});
    expect(valid.round?.rules?.eligibility).toEqual({
      kind: 3,
      source: SERVICE,
      key: SCHEMA,
      minimum: 0n,
      attester: ATTESTER,
    });
    const invalid = validateRoundForm(
      form({
        donorRule: "attestation",
        attestationService: NOBODY,
        attestationSchema: `0x${"0".repeat(64)}`,
        attester: NATIVE,
      }),
      ruled,
    );
    expect(invalid.errors).toEqual({
      attestationService: "There is no contract at this address: enter the address of the attestation service.",
      attestationSchema: "The schema id cannot be zero.",
      attester: "The attester cannot be the zero address.",
    });
    expect(
      validateRoundForm(
        form({ donorRule: "attestation", attestationService: SERVICE, attestationSchema: "0x12", attester: "bob" }),
        ruled,
      ).errors,
    ).toEqual({
      attestationSchema: "A schema id is 0x followed by 64 hexadecimal digits (0–9, a–f).",
      attester: "Enter the attester's address: 0x followed by 40 hexadecimal digits (0–9, a–f).",
    });
  });
});

describe("form conversions", () => {
  it("reads match caps in percent with at most two decimals", () => {
    expect(capToBps("")).toBe(0);
    expect(capToBps("1")).toBe(100);
    expect(capToBps("12.25")).toBe(1_225);
    expect(capToBps("100")).toBe(10_000);
    expect(capToBps("1.234")).toBeUndefined();
    expect(capToBps("-5")).toBeUndefined();
    expect(capToBps("ten")).toBeUndefined();
  });

  it("round-trips a minute-aligned time through the datetime-local format", () => {
    const aligned = (NOW / 60n) * 60n;
    expect(toUnixSeconds(toLocalInput(aligned))).toBe(aligned);
    expect(toUnixSeconds("")).toBeUndefined();
    expect(toUnixSeconds("not a date")).toBeUndefined();
  });
});

describe("validateRoundForm: links to the commons", () => {
  const SEASON = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
  const OTHER_SEASON = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
  /** Node 2 (Cascadia) belongs to node 1 (the translocal commons), whose season in TOKEN closes after donations. */
  const linked = {
    ...context,
    parentOf: (nodeId: bigint) => (nodeId === 2n ? 1n : 0n),
    seasons: [
      { address: SEASON, nodeId: 1n, payoutToken: TOKEN, closesAt: NOW + 240n * HOUR },
      { address: OTHER_SEASON, nodeId: 3n, payoutToken: TOKEN, closesAt: NOW + 500n * HOUR },
    ],
  };

  it("creates no links for a round without a commons share or a season", () => {
    expect(validateRoundForm(form(), linked).round?.links).toBeUndefined();
  });

  it("turns a commons share in percent into basis points, with no season", () => {
    const { errors, round } = validateRoundForm(form({ commonsShare: "12.5" }), linked);
    expect(errors).toEqual({});
    expect(round?.links).toEqual({ commonsShareBps: 1_250, season: NATIVE });
  });

  it("refuses a share above 20 % or that is not a percentage", () => {
    expect(validateRoundForm(form({ commonsShare: "20.01" }), linked).errors.commonsShare).toBe(
      "The commons share can be at most 20 % of the matching pool.",
    );
    expect(validateRoundForm(form({ commonsShare: "ten" }), linked).errors.commonsShare).toBe(
      "Enter a percentage like 10 or 12.5, or leave it empty for none.",
    );
    expect(validateRoundForm(form({ commonsShare: "20" }), linked).round?.links?.commonsShareBps).toBe(2_000);
  });

  it("joins a season of the node's parent in the same token that closes when donations do", () => {
    const { errors, round } = validateRoundForm(form({ season: SEASON, commonsShare: "10" }), linked);
    expect(errors).toEqual({});
    expect(round?.links).toEqual({ commonsShareBps: 1_000, season: SEASON });
  });

  it("says why a season does not take the round, as the factory would refuse it", () => {
    expect(validateRoundForm(form({ season: OTHER_SEASON }), linked).errors.season).toBe(
      "A round joins a season of its own node or of the node it belongs to.",
    );
    expect(validateRoundForm(form({ season: SEASON, payoutToken: NATIVE }), linked).errors.season).toBe(
      "The round must pay out in the season's token.",
    );
    expect(
      validateRoundForm(form({ season: SEASON, donationsEnd: toLocalInput(NOW + 241n * HOUR) }), linked).errors.season,
    ).toBe("The round's donations must close by the season's close.");
    expect(
      validateRoundForm(form({ season: "0x0000000000000000000000000000000000000bad" }), linked).errors.season,
    ).toBe("This is not a season of the network.");
    expect(validateRoundForm(form({ season: "not a season" }), linked).errors.season).toBe("Choose a season.");
  });
});
