import { expect } from "chai";
import { splitSeason } from "../../lib/co-matching.js";

const USDC = (whole: number) => BigInt(whole) * 10n ** 6n;

describe("lib/co-matching: splitting a season's pool among its rounds", () => {
  it("gives a round with broad local support more than a round with one large donor", () => {
    const split = splitSeason({
      pool: USDC(1_000),
      decimals: 6,
      rounds: [
        { round: "broad", cancelled: false, counted: Array.from({ length: 25 }, () => USDC(4)) },
        { round: "whale", cancelled: false, counted: [USDC(100), USDC(1)] },
      ],
    });
    const [broad, whale] = split.draws;
    expect(broad!.amount).to.be.greaterThan(whale!.amount * 10n);
    expect(split.distributed + split.returned).to.equal(USDC(1_000));
  });

  it("pays each round its ideal when the ideals fit in the pool, and returns the rest", () => {
    // Two contributors of 1 each: S = 2, S² − Σ = 2 (normalised), so the ideal is 2 CUSD.
    const split = splitSeason({
      pool: USDC(10),
      decimals: 6,
      rounds: [{ round: "a", cancelled: false, counted: [USDC(1), USDC(1)] }],
    });
    expect(split.draws[0]!.amount).to.equal(USDC(2));
    expect(split.returned).to.equal(USDC(8));
  });

  it("gives a cancelled round, a round with one contributor and an empty season nothing", () => {
    const split = splitSeason({
      pool: USDC(10),
      decimals: 6,
      rounds: [
        { round: "cancelled", cancelled: true, counted: [USDC(1), USDC(1)] },
        { round: "alone", cancelled: false, counted: [USDC(50)] },
        { round: "empty", cancelled: false, counted: [] },
      ],
    });
    expect(split.draws.map((draw) => draw.amount)).to.deep.equal([0n, 0n, 0n]);
    expect(split.returned).to.equal(USDC(10));
  });

  it("never distributes more than the pool, losing less than a base unit per round to rounding", () => {
    const split = splitSeason({
      pool: 1_000_003n,
      decimals: 6,
      rounds: [
        { round: "a", cancelled: false, counted: [USDC(3), USDC(7), USDC(11)] },
        { round: "b", cancelled: false, counted: [USDC(5), USDC(5)] },
        { round: "c", cancelled: false, counted: [USDC(1), USDC(2), USDC(3), USDC(4)] },
      ],
    });
    // The ideals (about 62 CUSD) exceed the pool of 1.000003 CUSD, so the pool is shared in full.
    expect(split.distributed).to.be.lessThanOrEqual(1_000_003n);
    expect(split.returned).to.be.lessThan(3n);
  });
});
