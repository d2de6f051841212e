import { expect } from "chai";
import {
  computeDistribution,
  contributionsByProject,
  idealMatch,
  leftoverShare,
  normalisationFactor,
  sqrtDown,
} from "../../lib/quadratic-funding.js";

describe("lib/quadratic-funding (the TypeScript reference of the CLR rule)", () => {
  it("takes integer square roots rounded down, up to 256-bit values", () => {
    const cases: [bigint, bigint][] = [
      [0n, 0n],
      [1n, 1n],
      [2n, 1n],
      [3n, 1n],
      [4n, 2n],
      [99n, 9n],
      [100n, 10n],
      [10n ** 36n, 10n ** 18n],
      [10n ** 36n - 1n, 10n ** 18n - 1n],
      [2n ** 256n - 1n, 2n ** 128n - 1n],
    ];
    for (const [value, root] of cases) expect(sqrtDown(value)).to.equal(root);
    expect(() => sqrtDown(-1n)).to.throw(RangeError);
  });

  it("gives the integer root by its definition, r² ≤ v < (r + 1)², on both sides of the double-precision shortcut", () => {
    let seed = 0x5eed;
    const randomBits = (bits: number): bigint => {
      let value = 0n;
      for (let i = 0; i < bits; i += 16) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        value = (value << 16n) | BigInt(seed & 0xffff);
      }
      return value >> BigInt((16 - (bits % 16)) % 16);
    };
    const values: bigint[] = [];
    for (const bits of [8, 52, 53, 64, 103, 104, 105, 128, 200, 256]) {
      for (let i = 0; i < 200; i++) values.push(randomBits(bits));
      const edge = 1n << BigInt(bits);
      const root = sqrtDown(edge);
      values.push(edge - 1n, edge, edge + 1n, root * root, root * root - 1n, (root + 1n) * (root + 1n) - 1n);
    }
    for (const value of values.filter((item) => item >= 0n && item < 1n << 256n)) {
      const root = sqrtDown(value);
      expect(root * root <= value && (root + 1n) * (root + 1n) > value, `sqrtDown(${value}) = ${root}`).to.equal(true);
    }
  });

  it("normalises to 18 decimals and refuses tokens with more", () => {
    expect(normalisationFactor(18)).to.equal(1n);
    expect(normalisationFactor(6)).to.equal(10n ** 12n);
    expect(normalisationFactor(0)).to.equal(10n ** 18n);
    expect(() => normalisationFactor(19)).to.throw(RangeError);
    expect(() => normalisationFactor(6.5)).to.throw(RangeError);
  });

  it("clamps the ideal match of a lone contributor at zero", () => {
    expect(idealMatch(sqrtDown(10n), 10n)).to.equal(0n);
    expect(idealMatch(3n + 4n, 9n + 16n)).to.equal(24n);
  });

  it("splits a pool in proportion to the ideals of a hand-computed round", () => {
    // Project 1: 1 and 4 → S = 3, ideal = 9 − 5 = 4. Project 2: 9 and 16 and 25 → S = 12, ideal = 144 − 50 = 94.
    // In 18-decimal units, the pool of 49 is smaller than Σ ideal = 98: each gets half its ideal.
    const distribution = computeDistribution({
      matchingPool: 49n,
      decimals: 18,
      matchCapBps: 0,
      projects: [
        { projectId: 1n, contributions: [1n, 4n] },
        { projectId: 2n, contributions: [9n, 16n, 25n, 0n] },
      ],
    });
    expect(distribution.idealMatchSum).to.equal(98n);
    expect(distribution.projects.map((p) => p.matchAmount)).to.deep.equal([2n, 47n]);
    expect(distribution.projects.map((p) => p.contributors)).to.deep.equal([2, 3]);
    expect(distribution.unallocated).to.equal(0n);
    expect(distribution.totalMatched).to.equal(49n);
  });

  it("pays ideals in full when the pool is larger, and leaves the rest unallocated", () => {
    const distribution = computeDistribution({
      matchingPool: 1_000n,
      decimals: 18,
      matchCapBps: 0,
      projects: [{ projectId: 1n, contributions: [1n, 4n] }],
    });
    expect(distribution.projects[0]!.matchAmount).to.equal(4n);
    expect(distribution.unallocated).to.equal(996n);
    expect(leftoverShare(250n, distribution.unallocated, 1_000n)).to.equal(249n);
    expect(leftoverShare(1n, 5n, 0n)).to.equal(0n);
  });

  it("caps and redistributes until no project exceeds the cap", () => {
    // Ideals 94 and 4 with a 40 % cap of a pool of 49 (19): project 2 is capped, project 1 then gets its ideal.
    const distribution = computeDistribution({
      matchingPool: 49n,
      decimals: 18,
      matchCapBps: 4_000,
      projects: [
        { projectId: 1n, contributions: [1n, 4n] },
        { projectId: 2n, contributions: [9n, 16n, 25n] },
      ],
    });
    expect(distribution.matchCap).to.equal(19n);
    expect(distribution.projects.map((p) => [p.matchAmount, p.matchCapped])).to.deep.equal([
      [4n, false],
      [19n, true],
    ]);
    expect(distribution.unallocated).to.equal(26n);
  });

  it("sums each contributor's donations to a project, whatever the address case", () => {
    const projects = contributionsByProject(
      [7n, 8n],
      [
        { projectId: 7n, contributor: "0xAbC", amount: 1n },
        { projectId: 7n, contributor: "0xabc", amount: 2n },
        { projectId: 7n, contributor: "0xdef", amount: 5n },
      ],
    );
    expect(projects).to.deep.equal([
      { projectId: 7n, contributions: [3n, 5n] },
      { projectId: 8n, contributions: [] },
    ]);
    expect(() => contributionsByProject([7n], [{ projectId: 9n, contributor: "0x1", amount: 1n }])).to.throw(
      /not approved/,
    );
  });
});
