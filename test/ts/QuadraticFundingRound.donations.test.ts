import { expect } from "chai";
import {
  computeDistribution,
  estimateMatch,
  idealMatch,
  previewDonations,
  sqrtDown,
} from "../../lib/quadratic-funding.js";
import {
  ETH,
  RoundStatus,
  USDC,
  createRound,
  deployHyphae,
  ethers,
  networkHelpers,
  roundInDonationWindow,
  signPermit,
  warpTo,
} from "./helpers/hyphae.js";

const FACTOR = 10n ** 12n; // 6-decimal token

describe("QuadraticFundingRound: matching pool and donations", () => {
  async function tokenRound() {
    const hyphae = await deployHyphae();
    return { hyphae, ...(await roundInDonationWindow(hyphae, 3)) };
  }

  async function nativeRound() {
    const hyphae = await deployHyphae();
    return { hyphae, ...(await roundInDonationWindow(hyphae, 2, { payoutToken: ethers.ZeroAddress })) };
  }

  describe("matching pool", () => {
    it("records each funder's total and names the funder in the event", async () => {
      const { hyphae, round } = await networkHelpers.loadFixture(tokenRound);
      const { funder, secondFunder } = hyphae.accounts;
      await expect(round.connect(funder).fundMatchingPool(USDC(1_000)))
        .to.emit(round, "MatchingPoolFunded")
        .withArgs(funder.address, USDC(1_000), USDC(1_000), USDC(1_000));
      await expect(round.connect(secondFunder).fundMatchingPool(USDC(500)))
        .to.emit(round, "MatchingPoolFunded")
        .withArgs(secondFunder.address, USDC(500), USDC(500), USDC(1_500));
      await expect(round.connect(funder).fundMatchingPool(USDC(250)))
        .to.emit(round, "MatchingPoolFunded")
        .withArgs(funder.address, USDC(250), USDC(1_250), USDC(1_750));
      expect(await round.matchingPool()).to.equal(USDC(1_750));
      expect(await round.funderAccount(funder.address)).to.deep.equal([USDC(1_250), false]);
      expect(await hyphae.token.balanceOf(round)).to.equal(USDC(1_750));
    });

    it("can be funded before the donation window opens and after it closes, until finalized", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, config } = await createRound(hyphae);
      const funder = hyphae.accounts.funder;
      await hyphae.token.connect(funder).approve(round, ethers.MaxUint256);
      await round.connect(funder).fundMatchingPool(USDC(10));
      await warpTo(config.donationsEnd);
      await round.connect(funder).fundMatchingPool(USDC(10));
      await round.finalize();
      await expect(round.connect(funder).fundMatchingPool(USDC(10)))
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Finalized);
      expect(await round.matchingPool()).to.equal(USDC(20));
    });

    it("rejects zero amounts, native value in a token round, and pools beyond 128 bits", async () => {
      const { hyphae, round } = await networkHelpers.loadFixture(tokenRound);
      const { funder } = hyphae.accounts;
      await expect(round.connect(funder).fundMatchingPool(0n)).to.be.revertedWithCustomError(round, "ZeroAmount");
      await expect(round.connect(funder).fundMatchingPool(1n, { value: 1n }))
        .to.be.revertedWithCustomError(round, "NativeValueMismatch")
        .withArgs(0n, 1n);
      const max = 2n ** 128n - 1n;
      await hyphae.token.mint(funder, max);
      await round.connect(funder).fundMatchingPool(USDC(1));
      await expect(round.connect(funder).fundMatchingPool(max))
        .to.be.revertedWithCustomError(round, "AmountTooLarge")
        .withArgs(max + USDC(1), max);
      expect(await round.matchingPool()).to.equal(USDC(1));
    });

    it("takes an EIP-2612 permit in the same call", async () => {
      const { hyphae, round, config } = await networkHelpers.loadFixture(tokenRound);
      const permitFunder = hyphae.accounts.newcomer;
      const permit = await signPermit(
        hyphae.token,
        permitFunder,
        await round.getAddress(),
        USDC(300),
        config.donationsEnd,
      );
      await round.connect(permitFunder).fundMatchingPoolWithPermit(USDC(300), permit);
      expect(await round.matchingPool()).to.equal(USDC(300));
      expect(await hyphae.token.allowance(permitFunder, round)).to.equal(0n);
    });

    it("takes exactly the native coin sent in a native-coin round", async () => {
      const { hyphae, round } = await networkHelpers.loadFixture(nativeRound);
      const { funder } = hyphae.accounts;
      await expect(round.connect(funder).fundMatchingPool(ETH(2), { value: ETH(2) })).to.changeEtherBalances(
        ethers,
        [funder, round],
        [-ETH(2), ETH(2)],
      );
      await expect(round.connect(funder).fundMatchingPool(ETH(1), { value: ETH(2) }))
        .to.be.revertedWithCustomError(round, "NativeValueMismatch")
        .withArgs(ETH(1), ETH(2));
      await expect(round.connect(funder).fundMatchingPool(ETH(1), { value: 0n }))
        .to.be.revertedWithCustomError(round, "NativeValueMismatch")
        .withArgs(ETH(1), 0n);
    });

    it("refuses to credit more than arrived when a payout token starts taking fees", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const feeToken = await ethers.deployContract("FeeOnTransferToken");
      // The governors vetted it before it turned on fees.
      await hyphae.factory.setPayoutTokenAllowed(feeToken, true);
      const { round } = await createRound(hyphae, { payoutToken: await feeToken.getAddress() });
      const { funder } = hyphae.accounts;
      await feeToken.mint(funder, 1_000n);
      await feeToken.connect(funder).approve(round, 1_000n);
      await expect(round.connect(funder).fundMatchingPool(1_000n))
        .to.be.revertedWithCustomError(round, "TokenTransferMismatch")
        .withArgs(1_000n, 990n);
      expect(await round.matchingPool()).to.equal(0n);
    });
  });

  describe("donations", () => {
    it("donates to several projects with one token transfer and updates every tally", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(tokenRound);
      const { alice } = hyphae.accounts;
      const [p1, p2] = projectIds as [bigint, bigint];
      const tx = round.connect(alice).donate([p1, p2], [USDC(4), USDC(9)]);
      await expect(tx).to.emit(round, "Donated").withArgs(p1, alice.address, USDC(4), USDC(4), USDC(4));
      await expect(tx).to.emit(round, "Donated").withArgs(p2, alice.address, USDC(9), USDC(9), USDC(9));
      await expect(tx).to.changeTokenBalances(ethers, hyphae.token, [alice, round], [-USDC(13), USDC(13)]);
      const receipt = await (await tx).wait();
      const tokenAddress = await hyphae.token.getAddress();
      const transfers = receipt?.logs.filter((log) => log.address === tokenAddress);
      expect(transfers).to.have.length(1);

      const tally = await round.projectTally(p1);
      expect(tally.contributors).to.equal(1n);
      expect(tally.donations).to.equal(USDC(4) * FACTOR);
      expect(tally.sqrtSum).to.equal(sqrtDown(USDC(4) * FACTOR));
      expect(await round.contributionOf(p1, alice.address)).to.equal(USDC(4));
      expect(await round.contributionOf(p2, alice.address)).to.equal(USDC(9));
    });

    it("sums a contributor's donations to a project before the square root: splitting a gift gains nothing", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(tokenRound);
      const { alice, bob, carol } = hyphae.accounts;
      const [split, whole] = projectIds as [bigint, bigint];
      await round.connect(carol).donate([split, whole], [USDC(1), USDC(1)]);
      await round.connect(alice).donate([split], [USDC(3)]);
      await round.connect(alice).donate([split], [USDC(5)]);
      await expect(round.connect(alice).donate([split], [USDC(8)]))
        .to.emit(round, "Donated")
        .withArgs(split, alice.address, USDC(8), USDC(16), USDC(17));
      await round.connect(bob).donate([whole], [USDC(16)]);

      const a = await round.projectTally(split);
      const b = await round.projectTally(whole);
      expect(a.contributors).to.equal(2n);
      expect(a.sqrtSum).to.equal(b.sqrtSum);
      expect(a.donations).to.equal(b.donations);
      expect(await round.estimatedMatch(split)).to.equal(await round.estimatedMatch(whole));
    });

    it("keeps the running ideal-match sum equal to the sum of each project's ideal", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(tokenRound);
      const { alice, bob, carol } = hyphae.accounts;
      await round.connect(alice).donate(projectIds, [USDC(1), USDC(2), USDC(3)]);
      await round.connect(bob).donate(projectIds.slice(0, 2), [USDC(7), 1n]);
      await round.connect(carol).donate([projectIds[2]!], [USDC(11)]);
      const expected = computeDistribution({
        matchingPool: 0n,
        decimals: 6,
        matchCapBps: 0,
        projects: [
          { projectId: projectIds[0]!, contributions: [USDC(1), USDC(7)] },
          { projectId: projectIds[1]!, contributions: [USDC(2), 1n] },
          { projectId: projectIds[2]!, contributions: [USDC(3), USDC(11)] },
        ],
      });
      expect(await round.idealMatchSum()).to.equal(expected.idealMatchSum);
    });

    it("accepts donations from the window's first second to its last, and not at its end", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, config, projectIds } = await roundInDonationWindow(hyphae, 1);
      const { alice } = hyphae.accounts;
      await networkHelpers.time.setNextBlockTimestamp(config.donationsEnd - 1n);
      await round.connect(alice).donate(projectIds, [USDC(1)]);
      await expect(round.connect(alice).donate(projectIds, [USDC(1)]))
        .to.be.revertedWithCustomError(round, "OutsideDonationWindow")
        .withArgs(config.donationsStart, config.donationsEnd);
    });

    it("rejects donations before the window opens", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, config } = await createRound(hyphae);
      await expect(round.connect(hyphae.accounts.alice).donate([1n], [1n]))
        .to.be.revertedWithCustomError(round, "OutsideDonationWindow")
        .withArgs(config.donationsStart, config.donationsEnd);
    });

    it("rejects donations to projects that are not approved, zero amounts and malformed batches", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(tokenRound);
      const { alice } = hyphae.accounts;
      const p1 = projectIds[0]!;
      await expect(round.connect(alice).donate([p1, 42n], [1n, 1n]))
        .to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus")
        .withArgs(42n, 0);
      await expect(round.connect(alice).donate([p1, p1], [1n, 0n])).to.be.revertedWithCustomError(round, "ZeroAmount");
      await expect(round.connect(alice).donate([p1], [1n, 2n]))
        .to.be.revertedWithCustomError(round, "InvalidBatch")
        .withArgs(1n, 2n);
      await expect(round.connect(alice).donate([], []))
        .to.be.revertedWithCustomError(round, "InvalidBatch")
        .withArgs(0n, 0n);
      await expect(round.connect(alice).donate([p1], [1n], { value: 1n }))
        .to.be.revertedWithCustomError(round, "NativeValueMismatch")
        .withArgs(0n, 1n);
      expect((await round.projectTally(p1)).contributors).to.equal(0n);
      expect(await hyphae.token.balanceOf(round)).to.equal(0n);
    });

    it("rejects a project's donations beyond what the tally can hold", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(tokenRound);
      const { alice } = hyphae.accounts;
      const limit = 2n ** 112n - 1n;
      const tooMuch = limit / FACTOR + 1n;
      await hyphae.token.mint(alice, tooMuch);
      await expect(round.connect(alice).donate([projectIds[0]!], [tooMuch]))
        .to.be.revertedWithCustomError(round, "AmountTooLarge")
        .withArgs(tooMuch * FACTOR, limit);
    });

    it("takes exactly the native coin of a native-coin round's batch", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(nativeRound);
      const { alice } = hyphae.accounts;
      await expect(round.connect(alice).donate(projectIds, [ETH(1), ETH(2)], { value: ETH(3) })).to.changeEtherBalances(
        ethers,
        [alice, round],
        [-ETH(3), ETH(3)],
      );
      await expect(round.connect(alice).donate(projectIds, [ETH(1), ETH(2)], { value: ETH(4) }))
        .to.be.revertedWithCustomError(round, "NativeValueMismatch")
        .withArgs(ETH(3), ETH(4));
      await expect(round.connect(alice).donate(projectIds, [ETH(1), ETH(2)], { value: ETH(2) }))
        .to.be.revertedWithCustomError(round, "NativeValueMismatch")
        .withArgs(ETH(3), ETH(2));
      expect((await round.projectTally(projectIds[1]!)).donations).to.equal(ETH(2));
    });

    it("donates with a permit in the same call, even when someone submitted the permit first", async () => {
      const { hyphae, round, projectIds, config } = await networkHelpers.loadFixture(tokenRound);
      const { newcomer: contributor, frontRunner } = hyphae.accounts;
      const spender = await round.getAddress();
      const permit = await signPermit(hyphae.token, contributor, spender, USDC(5), config.donationsEnd);
      await round.connect(contributor).donateWithPermit([projectIds[0]!], [USDC(5)], permit, []);
      expect(await round.contributionOf(projectIds[0]!, contributor.address)).to.equal(USDC(5));

      const second = await signPermit(hyphae.token, contributor, spender, USDC(2), config.donationsEnd);
      await hyphae.token
        .connect(frontRunner)
        .permit(contributor.address, spender, second.value, second.deadline, second.v, second.r, second.s);
      await round.connect(contributor).donateWithPermit([projectIds[0]!], [USDC(2)], second, []);
      expect(await round.contributionOf(projectIds[0]!, contributor.address)).to.equal(USDC(7));
    });

    it("fails with the token's error when a permit is invalid and no allowance exists", async () => {
      const { hyphae, round, projectIds, config } = await networkHelpers.loadFixture(tokenRound);
      const contributor = hyphae.accounts.newcomer;
      const permit = await signPermit(
        hyphae.token,
        contributor,
        await round.getAddress(),
        USDC(5),
        config.donationsEnd,
      );
      await expect(
        round.connect(contributor).donateWithPermit([projectIds[0]!], [USDC(5)], { ...permit, value: USDC(6) }, []),
      ).to.be.revertedWithCustomError(hyphae.token, "ERC20InsufficientAllowance");
    });
  });

  describe("estimates", () => {
    async function roundWithDonations() {
      const fixture = await tokenRound();
      const { alice, bob, carol, funder } = fixture.hyphae.accounts;
      await fixture.round.connect(funder).fundMatchingPool(USDC(100));
      await fixture.round.connect(alice).donate(fixture.projectIds, [USDC(1), USDC(4), USDC(9)]);
      await fixture.round.connect(bob).donate(fixture.projectIds.slice(0, 2), [USDC(1), USDC(1)]);
      await fixture.round.connect(carol).donate([fixture.projectIds[0]!], [USDC(25)]);
      return fixture;
    }

    it("estimates each project's match with the same rule as finalization", async () => {
      const { round, projectIds } = await networkHelpers.loadFixture(roundWithDonations);
      const reference = computeDistribution({
        matchingPool: USDC(100),
        decimals: 6,
        matchCapBps: 0,
        projects: [
          { projectId: projectIds[0]!, contributions: [USDC(1), USDC(1), USDC(25)] },
          { projectId: projectIds[1]!, contributions: [USDC(4), USDC(1)] },
          { projectId: projectIds[2]!, contributions: [USDC(9)] },
        ],
      });
      for (const [i, projectId] of projectIds.entries()) {
        expect(await round.estimatedMatch(projectId)).to.equal(reference.projects[i]!.matchAmount);
      }
      expect(await round.estimatedMatch(999n)).to.equal(0n);
    });

    it("previews the match a donation would add, equal to the estimate after making it", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(roundWithDonations);
      const { dave, alice } = hyphae.accounts;
      for (const [who, amount] of [
        [dave, USDC(3)],
        [alice, USDC(2)],
      ] as const) {
        const [before, after] = await round.previewDonation(projectIds[1]!, who.address, amount);
        expect(before).to.equal(await round.estimatedMatch(projectIds[1]!));
        await round.connect(who).donate([projectIds[1]!], [amount]);
        expect(await round.estimatedMatch(projectIds[1]!)).to.equal(after);
        expect(after).to.be.greaterThan(before);
      }
      expect(await round.previewDonation(999n, dave.address, 1n)).to.deep.equal([0n, 0n]);
    });

    it("previews a whole cart in TypeScript exactly as the round estimates it once donated", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(roundWithDonations);
      const { alice } = hyphae.accounts;
      const parameters = await round.parameters();
      const live = async () => ({
        matchingPool: await round.matchingPool(),
        decimals: 6,
        matchCapBps: Number(parameters.config.matchCapBps),
        idealMatchSum: await round.idealMatchSum(),
      });
      const cart = [
        { projectId: projectIds[0]!, amount: USDC(3) },
        { projectId: projectIds[2]!, amount: USDC(16) },
        { projectId: projectIds[0]!, amount: USDC(2) }, // two lines for one project are summed
      ];
      const planned = await Promise.all(
        cart.map(async ({ projectId, amount }) => {
          const tally = await round.projectTally(projectId);
          return {
            tally: { projectId, sqrtSum: tally.sqrtSum, donations: tally.donations },
            previous: await round.contributionOf(projectId, alice.address),
            amount,
          };
        }),
      );
      const preview = previewDonations(await live(), planned);
      expect(preview.map((p) => p.projectId)).to.deep.equal([projectIds[0]!, projectIds[2]!]);
      for (const line of preview) expect(line.matchBefore).to.equal(await round.estimatedMatch(line.projectId));

      await round.connect(alice).donate(
        cart.map((line) => line.projectId),
        cart.map((line) => line.amount),
      );
      for (const line of preview) expect(await round.estimatedMatch(line.projectId)).to.equal(line.matchAfter);
      // The project left out of the cart is estimated on the new Σ ideal too.
      const untouched = await round.projectTally(projectIds[1]!);
      expect(await round.estimatedMatch(projectIds[1]!)).to.equal(
        estimateMatch(idealMatch(untouched.sqrtSum, untouched.donations), await round.idealMatchSum(), await live()),
      );
    });

    it("clamps estimates at the match cap", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds } = await roundInDonationWindow(hyphae, 2, { matchCapBps: 1_000 });
      const { alice, bob, funder } = hyphae.accounts;
      await round.connect(funder).fundMatchingPool(USDC(100));
      await round.connect(alice).donate(projectIds, [USDC(50), USDC(1)]);
      await round.connect(bob).donate(projectIds, [USDC(50), USDC(1)]);
      expect(await round.estimatedMatch(projectIds[0]!)).to.equal(USDC(10));
      const [, after] = await round.previewDonation(projectIds[0]!, alice.address, USDC(1));
      expect(after).to.equal(USDC(10));
    });
  });
});
