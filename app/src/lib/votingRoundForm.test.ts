import { zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import { toLocalInput } from "./roundForm.ts";
import { validateVotingRoundForm, type VotingRoundFormValues } from "./votingRoundForm.ts";

const NOW = 1_800_000_000n;
const HOUR = 3_600n;
const DAY = 24n * HOUR;
const CUSD = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

function values(overrides: Partial<VotingRoundFormValues> = {}): VotingRoundFormValues {
  return {
    name: "Commons priorities",
    description: "Where the commons pool goes next.",
    node: "1",
    eligibility: "",
    payoutToken: CUSD,
    applicationsStart: toLocalInput(NOW + HOUR),
    applicationsEnd: toLocalInput(NOW + 7n * DAY),
    snapshot: toLocalInput(NOW + 7n * DAY),
    votingStart: toLocalInput(NOW + 7n * DAY + HOUR),
    votingEnd: toLocalInput(NOW + 21n * DAY),
    powerPerVoiceCredit: "1",
    baseVoiceCredits: "0",
    ...overrides,
  };
}

const context = {
  isNodeSteward: true,
  now: NOW,
  isTokenAllowed: (token: string) => token.toLowerCase() === CUSD.toLowerCase(),
  votingTokenDecimals: 18,
};

describe("the voting round form", () => {
  it("turns valid values into the factory's configuration, voting with the commons credits", () => {
    const { errors, round } = validateVotingRoundForm(
      values({ powerPerVoiceCredit: "2.5", baseVoiceCredits: "0" }),
      context,
    );
    expect(errors).toEqual({});
    expect(round?.nodeId).toBe(1n);
    expect(round?.config).toMatchObject({
      payoutToken: CUSD,
      votingToken: zeroAddress,
      applicationsStart: NOW + HOUR,
      votingStart: NOW + 7n * DAY + HOUR,
      snapshot: Number(NOW + 7n * DAY),
      powerPerVoiceCredit: 2_500_000_000_000_000_000n,
      baseVoiceCredits: 0n,
      eligibility: { kind: 0 },
    });
    expect(round?.document).toEqual({ name: "Commons priorities", description: "Where the commons pool goes next." });
  });

  it("holds the snapshot before voting opens, as the factory does for a timestamp clock", () => {
    const { errors } = validateVotingRoundForm(values({ snapshot: toLocalInput(NOW + 7n * DAY + HOUR) }), context);
    expect(errors.snapshot).toBe(
      "The snapshot must come before voting opens, so every budget is fixed while people vote.",
    );
  });

  it("checks the windows in the factory's terms", () => {
    expect(
      validateVotingRoundForm(values({ applicationsEnd: toLocalInput(NOW + HOUR) }), context).errors.applicationsEnd,
    ).toBe("Applications must close after they open.");
    expect(validateVotingRoundForm(values({ votingEnd: toLocalInput(NOW + 7n * DAY) }), context).errors.votingEnd).toBe(
      "Voting must close after it opens.",
    );
    expect(
      validateVotingRoundForm(values({ applicationsEnd: toLocalInput(NOW + 30n * DAY) }), context).errors.votingStart,
    ).toBe("Applications must open no later than voting, and close no later than voting closes.");
    expect(
      validateVotingRoundForm(
        values({
          applicationsStart: toLocalInput(NOW - 30n * DAY),
          applicationsEnd: toLocalInput(NOW - 20n * DAY),
          snapshot: toLocalInput(NOW - 20n * DAY),
          votingStart: toLocalInput(NOW - 19n * DAY),
          votingEnd: toLocalInput(NOW - DAY),
        }),
        context,
      ).errors.votingEnd,
    ).toBe("The voting window has already ended.");
    expect(validateVotingRoundForm(values({ votingStart: "" }), context).errors.votingStart).toBe(
      "Choose a date and time.",
    );
  });

  it("needs a voice credit rule with some voting power per credit and whole base credits", () => {
    expect(validateVotingRoundForm(values({ powerPerVoiceCredit: "0" }), context).errors.powerPerVoiceCredit).toBe(
      "One voice credit needs some voting power: more than 0.",
    );
    expect(validateVotingRoundForm(values({ powerPerVoiceCredit: "one" }), context).errors.powerPerVoiceCredit).toMatch(
      /^Enter how many credits/,
    );
    expect(
      validateVotingRoundForm(values({ powerPerVoiceCredit: "0.0000000000000000001" }), context).errors
        .powerPerVoiceCredit,
    ).toBe("Use at most 18 digits after the point.");
    expect(validateVotingRoundForm(values({ baseVoiceCredits: "1.5" }), context).errors.baseVoiceCredits).toBe(
      "Enter a whole number of voice credits, or 0.",
    );
    // An open round would give them to every key anyone makes: the factory refuses, and so does the form.
    const { errors, round } = validateVotingRoundForm(values({ baseVoiceCredits: "4" }), context);
    expect(errors.baseVoiceCredits).toMatch(/^Base credits need a rule for who may vote/);
    expect(round).toBeUndefined();
  });

  it("needs a steward of the chosen node, an allowed token, a name and a description", () => {
    const { errors, round } = validateVotingRoundForm(
      values({ name: " ", description: "", node: "", payoutToken: "0x0000000000000000000000000000000000000abc" }),
      context,
    );
    expect(round).toBeUndefined();
    expect(errors).toMatchObject({
      name: "The name is empty.",
      description: "The description is empty.",
      node: "Choose the node that runs the round.",
      payoutToken: "The network does not allow this payout token.",
    });
    expect(validateVotingRoundForm(values(), { ...context, isNodeSteward: false }).errors.node).toBe(
      "Only a steward of this node can open its rounds.",
    );
  });
});
