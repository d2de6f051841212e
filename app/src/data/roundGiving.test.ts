import { describe, expect, it } from "vitest";
import { uncountedGiving } from "./roundGiving.ts";

describe("uncountedGiving", () => {
  it("names the gifts not counted yet and adds the matching funds if they are not counted", () => {
    const left = uncountedGiving({
      moneyKind: 5,
      gifts: [
        { projectId: 1n, amount: 20n, counted: true },
        { projectId: 3n, amount: 15n, counted: false },
        { projectId: 4n, amount: 5n, counted: false },
      ],
      matchingFunds: 100n,
      matchingFundsCounted: false,
    });
    expect(left).toEqual({ projectIds: [3n, 4n], amount: 120n });
  });

  it("leaves nothing once every gift and the matching funds are counted", () => {
    expect(
      uncountedGiving({
        moneyKind: 5,
        gifts: [{ projectId: 1n, amount: 20n, counted: true }],
        matchingFunds: 100n,
        matchingFundsCounted: true,
      }),
    ).toEqual({ projectIds: [], amount: 0n });
  });
});
