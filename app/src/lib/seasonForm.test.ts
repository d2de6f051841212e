import { describe, expect, it } from "vitest";
import { toLocalInput } from "./roundForm.ts";
import { type SeasonFormValues, validateSeasonForm } from "./seasonForm.ts";

const TOKEN = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9";
const NOW = 1_800_000_000n;
const context = {
  stewardOf: (nodeId: bigint) => nodeId === 1n,
  nodeName: () => "Hyphae Translocal Commons",
  isTokenAllowed: (token: string) => token.toLowerCase() === TOKEN.toLowerCase(),
  now: NOW,
};

function form(overrides: Partial<SeasonFormValues> = {}): SeasonFormValues {
  return {
    name: "Autumn Co-matching Season",
    description: "The commons co-funds the local rounds of the autumn.",
    node: "1",
    payoutToken: TOKEN,
    closesAt: toLocalInput(NOW + 30n * 86_400n),
    ...overrides,
  };
}

describe("validateSeasonForm", () => {
  it("turns a valid form into the season to open, with its document naming the node", () => {
    const { errors, season } = validateSeasonForm(form(), context);
    expect(errors).toEqual({});
    expect(season).toEqual({
      nodeId: 1n,
      payoutToken: TOKEN,
      closesAt: NOW + 30n * 86_400n,
      document: {
        name: "Autumn Co-matching Season",
        description: "The commons co-funds the local rounds of the autumn.",
        node: "Hyphae Translocal Commons",
      },
    });
  });

  it("refuses what createSeason would refuse, each on its field", () => {
    const { errors, season } = validateSeasonForm(
      form({
        name: "",
        node: "2",
        payoutToken: "0x0000000000000000000000000000000000000bad",
        closesAt: toLocalInput(NOW - 60n),
      }),
      context,
    );
    expect(season).toBeUndefined();
    expect(errors).toEqual({
      name: "The name is empty.",
      node: "Only a steward of this node can open its seasons.",
      payoutToken: "The network does not allow this token.",
      closesAt: "The season must close in the future.",
    });
    expect(validateSeasonForm(form({ node: "", closesAt: "" }), context).errors).toEqual({
      node: "Choose the node that opens the season.",
      closesAt: "Choose a date and time.",
    });
  });
});
