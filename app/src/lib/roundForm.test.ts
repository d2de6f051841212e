import { describe, expect, it } from "vitest";
import {
  capToBps,
  OPEN_PARTICIPATION_VALUES,
  type RoundFormValues,
  toLocalInput,
  toUnixSeconds,
  validateRoundForm,
} from "./roundForm.ts";

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
