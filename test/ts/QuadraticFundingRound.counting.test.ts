import { expect } from "chai";
import { computeDistribution, contributionsByProject, type DonationRecord } from "../../lib/quadratic-funding.js";
import { RoundStatus, defaultWindows, deployHyphae, ethers, registerProject, warpTo } from "./helpers/hyphae.js";
import { OPEN } from "./helpers/voting.js";

/** A deterministic pseudo-random sequence (xorshift32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return { next, below: (limit: bigint) => (BigInt(next()) * 2n ** 32n + BigInt(next())) % limit };
}

describe("QuadraticFundingRound: counting rules against the TypeScript reference", () => {
  for (const [seed, decimals, matchCapBps] of [
    [1, 6, 0],
    [2, 18, 2_000],
    [3, 6, 1_500],
  ] as const) {
    it(`seed ${seed}, ${decimals} decimals, cap ${matchCapBps} bps: every tally and payout to the wei`, async () => {
      const { next, below } = random(seed);
      const hyphae = await deployHyphae();
      const token = await ethers.deployContract("TestToken", ["Round", "RND", decimals]);
      await hyphae.factory.connect(hyphae.accounts.governor).setPayoutTokenAllowed(token, true);
      const unit = 10n ** BigInt(decimals);
      // A gift below one token counts nothing; at most 30 tokens of a person's gifts to a project count.
      const rules = { minCountedDonation: unit, countedContributionCap: 30n * unit };
      const config = { payoutToken: await token.getAddress(), matchCapBps, ...(await defaultWindows()) };
      const factory = hyphae.factory.connect(hyphae.accounts.steward);
      const all = { eligibility: OPEN, ...rules };
      const address = await factory.createRoundWithRules.staticCall(1n, config, all, "ipfs://round");
      await factory.createRoundWithRules(1n, config, all, "ipfs://round");
      const round = await ethers.getContractAt("QuadraticFundingRound", address);
      await warpTo(config.applicationsStart);
      const ids: bigint[] = [];
      for (let i = 0; i < 5; i++) {
        const id = await registerProject(hyphae, hyphae.accounts.projectOwner);
        await round.connect(hyphae.accounts.projectOwner).submitApplication(id, "ipfs://application");
        await round.connect(hyphae.accounts.steward).approveApplication(id, "");
        ids.push(id);
      }
      await warpTo(config.donationsStart);
      const people = (await ethers.getSigners()).slice(4, 16);
      for (const person of people) {
        await token.mint(person, 10n ** 9n * unit);
        await token.connect(person).approve(round, ethers.MaxUint256);
      }
      const pool = 200n * unit;
      await round.connect(people[0]).fundMatchingPool(pool);

      // Gifts of about half a token (below the minimum), two tokens, and twenty (which reach the cap).
      const donations: DonationRecord[] = [];
      for (let n = 0; n < 80; n++) {
        const person = people[next() % people.length]!;
        const projectId = ids[next() % ids.length]!;
        const amount = below([unit / 2n, 2n * unit, 20n * unit][next() % 3]!) + 1n;
        await round.connect(person).donate([projectId], [amount]);
        donations.push({ projectId, contributor: person.address, amount });
      }
      const reference = computeDistribution({
        matchingPool: pool,
        decimals,
        matchCapBps,
        projects: contributionsByProject(ids, donations, rules),
      });
      for (const person of people) {
        const own = contributionsByProject(
          ids,
          donations.filter((donation) => donation.contributor === person.address),
          rules,
        );
        for (const project of own) {
          expect(await round.countedContributionOf(project.projectId, person)).to.equal(project.counted?.[0] ?? 0n);
        }
      }
      expect(await round.idealMatchSum()).to.equal(reference.idealMatchSum);
      // The rules bound what counts in this sample: some gifts counted nothing, some contributors hit the cap.
      expect(reference.projects.some((project) => project.countedDonations < project.donations)).to.equal(true);

      await warpTo(config.donationsEnd);
      await round.finalize();
      while ((await round.status()) !== BigInt(RoundStatus.Finalized)) await round.settleMatchCaps(3n);
      for (const outcome of reference.projects) {
        const tally = await round.projectTally(outcome.projectId);
        expect(tally.sqrtSum).to.equal(outcome.sqrtSum);
        expect(tally.contributors).to.equal(BigInt(outcome.contributors));
        expect(await round.payoutOf(outcome.projectId)).to.deep.equal([outcome.donations, outcome.matchAmount]);
      }
    });
  }
});
