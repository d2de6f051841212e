import { expect } from "chai";
import {
  computeDistribution,
  contributionsByProject,
  leftoverShare,
  type DonationRecord,
} from "../../lib/quadratic-funding.js";
import { deployHyphae, ethers, networkHelpers, roundInDonationWindow, warpTo } from "./helpers/hyphae.js";

/** A small deterministic generator (xorshift32), so a failing round can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return {
    int: (max: number) => next() % max,
    bigint: (max: bigint) => (BigInt(next()) * 2n ** 32n + BigInt(next())) % max,
  };
}

interface Scenario {
  seed: number;
  decimals: number;
  matchCapBps: number;
  projects: number;
  donations: number;
}

const scenarios: Scenario[] = [
  { seed: 1, decimals: 6, matchCapBps: 0, projects: 6, donations: 200 },
  { seed: 2, decimals: 18, matchCapBps: 0, projects: 5, donations: 200 },
  { seed: 3, decimals: 6, matchCapBps: 2_000, projects: 8, donations: 150 },
  { seed: 4, decimals: 18, matchCapBps: 1_500, projects: 8, donations: 150 },
  { seed: 5, decimals: 8, matchCapBps: 0, projects: 4, donations: 100 },
];

describe("QuadraticFundingRound: random rounds against the reference CLR", () => {
  for (const scenario of scenarios) {
    it(`pays exactly the reference distribution (seed ${scenario.seed}, ${scenario.decimals} decimals, cap ${scenario.matchCapBps} bps)`, async () => {
      const rng = random(scenario.seed);
      const hyphae = await deployHyphae();
      const token = await ethers.deployContract("TestToken", ["Random", "RND", scenario.decimals]);
      await hyphae.factory.setPayoutTokenAllowed(token, true);
      const { round, projectIds, config } = await roundInDonationWindow(hyphae, scenario.projects, {
        payoutToken: await token.getAddress(),
        matchCapBps: scenario.matchCapBps,
      });
      const unit = 10n ** BigInt(scenario.decimals);
      const contributors = [...(await ethers.getSigners())].slice(4, 18);
      const funders = contributors.slice(0, 3);
      for (const account of contributors) {
        await token.mint(account, 10n ** 12n * unit);
        await token.connect(account).approve(round, ethers.MaxUint256);
      }

      let pool = 0n;
      const funded = new Map<string, bigint>();
      for (const funder of funders) {
        const amount = rng.bigint(5_000n * unit) + 1n;
        await round.connect(funder).fundMatchingPool(amount);
        pool += amount;
        funded.set(funder.address, amount);
      }

      // Donations in batches: a contributor gives to one to three projects, from dust to large gifts.
      const donations: DonationRecord[] = [];
      let made = 0;
      while (made < scenario.donations) {
        const contributor = contributors[rng.int(contributors.length)]!;
        const batch = 1 + rng.int(3);
        const ids: bigint[] = [];
        const amounts: bigint[] = [];
        for (let i = 0; i < batch; i++) {
          const projectId = projectIds[rng.int(projectIds.length)]!;
          const scale = [1n, unit / 100n || 1n, unit, 50n * unit][rng.int(4)]!;
          const amount = rng.bigint(scale * 10n) + 1n;
          ids.push(projectId);
          amounts.push(amount);
          donations.push({ projectId, contributor: contributor.address, amount });
        }
        await round.connect(contributor).donate(ids, amounts);
        made += batch;
      }

      const donated = donations.reduce((sum, d) => sum + d.amount, 0n);
      expect(await token.balanceOf(round)).to.equal(pool + donated);

      const reference = computeDistribution({
        matchingPool: pool,
        decimals: scenario.decimals,
        matchCapBps: scenario.matchCapBps,
        projects: contributionsByProject(projectIds, donations),
      });
      expect(await round.idealMatchSum()).to.equal(reference.idealMatchSum);
      // The capped scenarios are chosen so that the cap binds and its excess is redistributed.
      expect(reference.projects.some((p) => p.matchCapped)).to.equal(scenario.matchCapBps !== 0);

      await warpTo(config.donationsEnd);
      await round.finalize();
      while ((await round.status()) !== 2n) await round.settleMatchCaps(3n);

      for (const outcome of reference.projects) {
        const tally = await round.projectTally(outcome.projectId);
        expect(tally.sqrtSum).to.equal(outcome.sqrtSum);
        expect(tally.contributors).to.equal(BigInt(outcome.contributors));
        expect(await round.payoutOf(outcome.projectId)).to.deep.equal([outcome.donations, outcome.matchAmount]);
      }
      expect((await round.matchDistribution()).unallocated).to.equal(reference.unallocated);
      expect(reference.totalMatched + reference.unallocated).to.be.lessThanOrEqual(pool);

      // Pay everyone in a random order; the round keeps only rounding dust.
      const order = [...projectIds].sort(() => rng.int(3) - 1);
      await round.claimPayouts(order);
      let leftovers = 0n;
      for (const funder of funders) {
        const share = leftoverShare(funded.get(funder.address)!, reference.unallocated, pool);
        if (share > 0n) {
          await round.connect(funder).claimLeftover();
          leftovers += share;
        }
      }
      const paidOut = donated + reference.totalMatched + leftovers;
      const dust = await token.balanceOf(round);
      expect(paidOut + dust).to.equal(pool + donated);
      expect(dust).to.be.lessThanOrEqual(BigInt(projectIds.length + funders.length));
    });
  }

  it("matches a 6-decimal round and an 18-decimal round with the same precision", async () => {
    const hyphae = await networkHelpers.loadFixture(deployHyphae);
    const wide = await ethers.deployContract("TestToken", ["Wide", "WIDE", 18]);
    await hyphae.factory.setPayoutTokenAllowed(wide, true);
    const narrowRound = await roundInDonationWindow(hyphae, 2);
    const wideRound = await roundInDonationWindow(hyphae, 2, { payoutToken: await wide.getAddress() });
    const [alice, bob] = [hyphae.accounts.alice, hyphae.accounts.bob];
    for (const account of [alice, bob, hyphae.accounts.funder]) {
      await wide.mint(account, 10n ** 30n);
      await wide.connect(account).approve(wideRound.round, ethers.MaxUint256);
    }
    // The same gifts in each token: 1.5 and 2.25 of project one, 3 of project two, pool 10.
    await narrowRound.round.connect(hyphae.accounts.funder).fundMatchingPool(10n * 10n ** 6n);
    await wideRound.round.connect(hyphae.accounts.funder).fundMatchingPool(10n * 10n ** 18n);
    await narrowRound.round.connect(alice).donate(narrowRound.projectIds, [1_500_000n, 3_000_000n]);
    await narrowRound.round.connect(bob).donate([narrowRound.projectIds[0]!], [2_250_000n]);
    await wideRound.round.connect(alice).donate(wideRound.projectIds, [15n * 10n ** 17n, 3n * 10n ** 18n]);
    await wideRound.round.connect(bob).donate([wideRound.projectIds[0]!], [225n * 10n ** 16n]);
    for (let i = 0; i < 2; i++) {
      const narrow = await narrowRound.round.projectTally(narrowRound.projectIds[i]!);
      const broad = await wideRound.round.projectTally(wideRound.projectIds[i]!);
      expect(narrow.sqrtSum).to.equal(broad.sqrtSum);
      expect(narrow.donations).to.equal(broad.donations);
    }
    expect(await narrowRound.round.idealMatchSum()).to.equal(await wideRound.round.idealMatchSum());
  });
});
