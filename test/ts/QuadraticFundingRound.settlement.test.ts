import { expect } from "chai";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { computeDistribution, leftoverShare } from "../../lib/quadratic-funding.js";
import {
  ApplicationStatus,
  ETH,
  RoundStatus,
  USDC,
  deployHyphae,
  ethers,
  networkHelpers,
  registerProject,
  roundInDonationWindow,
  warpTo,
  NODE_ID,
} from "./helpers/hyphae.js";

describe("QuadraticFundingRound: finalizing, payouts and refunds", () => {
  /** Three approved projects, two funders, four contributors; the donation window has ended. */
  async function endedRound() {
    const hyphae = await deployHyphae();
    const fixture = await roundInDonationWindow(hyphae, 3);
    const { round, projectIds } = fixture;
    const { funder, secondFunder, alice, bob, carol, dave } = hyphae.accounts;
    const [p1, p2, p3] = projectIds as [bigint, bigint, bigint];
    // A pool of 100 USDC, below the ideal matches (134 USDC): it is shared in proportion.
    await round.connect(funder).fundMatchingPool(USDC(60));
    await round.connect(secondFunder).fundMatchingPool(USDC(40));
    await round.connect(alice).donate([p1, p2], [USDC(100), USDC(1)]);
    await round.connect(bob).donate([p1, p2], [USDC(25), USDC(1)]);
    await round.connect(carol).donate([p2, p3], [USDC(9), USDC(50)]);
    await round.connect(dave).donate([p2], [USDC(4)]);
    await warpTo(fixture.config.donationsEnd);
    const reference = (pool: bigint, matchCapBps = 0) =>
      computeDistribution({
        matchingPool: pool,
        decimals: 6,
        matchCapBps,
        projects: [
          { projectId: p1, contributions: [USDC(100), USDC(25)] },
          { projectId: p2, contributions: [USDC(1), USDC(1), USDC(9), USDC(4)] },
          { projectId: p3, contributions: [USDC(50)] },
        ],
      });
    return { hyphae, ...fixture, reference };
  }

  describe("finalize", () => {
    it("cannot happen before the donation window ends", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, config } = await roundInDonationWindow(hyphae, 1);
      await networkHelpers.time.setNextBlockTimestamp(config.donationsEnd - 1n);
      await expect(round.finalize())
        .to.be.revertedWithCustomError(round, "DonationWindowNotEnded")
        .withArgs(config.donationsEnd);
    });

    it("can be called by anyone once the window has ended, exactly once", async () => {
      const { hyphae, round, reference } = await networkHelpers.loadFixture(endedRound);
      const expected = reference(USDC(100));
      await expect(round.connect(hyphae.accounts.dave).finalize())
        .to.emit(round, "RoundFinalized")
        .withArgs(USDC(100), expected.idealMatchSum, [
          expected.numerator,
          expected.denominator,
          0n,
          expected.unallocated,
        ]);
      expect(await round.status()).to.equal(RoundStatus.Finalized);
      await expect(round.finalize())
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Finalized);
      await expect(round.settleMatchCaps(10n))
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Finalized);
    });

    it("freezes donations, the pool and reviews", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(endedRound);
      await round.finalize();
      const { alice, funder, steward } = hyphae.accounts;
      await expect(round.connect(alice).donate([projectIds[0]!], [1n])).to.be.revertedWithCustomError(
        round,
        "UnexpectedRoundStatus",
      );
      await expect(round.connect(funder).fundMatchingPool(1n)).to.be.revertedWithCustomError(
        round,
        "UnexpectedRoundStatus",
      );
      await expect(round.connect(steward).cancel())
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Finalized);
    });

    it("fixes matches that equal the reference CLR to the wei", async () => {
      const { round, projectIds, reference } = await networkHelpers.loadFixture(endedRound);
      await round.finalize();
      const expected = reference(USDC(100));
      for (const [i, projectId] of projectIds.entries()) {
        const outcome = expected.projects[i]!;
        expect(await round.payoutOf(projectId)).to.deep.equal([outcome.donations, outcome.matchAmount]);
        expect(await round.estimatedMatch(projectId)).to.equal(outcome.matchAmount);
      }
      const distribution = await round.matchDistribution();
      expect(distribution.unallocated).to.equal(expected.unallocated);
      // The pool is smaller than the ideals, so it is spent whole, less the rounding dust.
      expect(expected.unallocated).to.equal(0n);
      expect(USDC(100) - expected.totalMatched).to.be.lessThan(3n);
    });

    it("pays each project its ideal when the pool exceeds the ideals, leaving the rest to funders", async () => {
      const { hyphae, round, projectIds, reference } = await networkHelpers.loadFixture(endedRound);
      await round.connect(hyphae.accounts.funder).fundMatchingPool(USDC(100_000));
      await round.finalize();
      const expected = reference(USDC(100_100));
      expect(expected.unallocated).to.be.greaterThan(0n);
      for (const [i, projectId] of projectIds.entries()) {
        const outcome = expected.projects[i]!;
        expect((await round.payoutOf(projectId))[1]).to.equal(outcome.idealMatch / 10n ** 12n);
      }
      expect((await round.matchDistribution()).unallocated).to.equal(expected.unallocated);
    });

    it("has no distribution or payouts to show before it is final", async () => {
      const { round, projectIds } = await networkHelpers.loadFixture(endedRound);
      await expect(round.matchDistribution())
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Active);
      await expect(round.payoutOf(projectIds[0]!))
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Active);
    });
  });

  describe("match cap", () => {
    async function cappedRound(matchCapBps: number, pool: bigint) {
      const hyphae = await deployHyphae();
      const fixture = await roundInDonationWindow(hyphae, 4, { matchCapBps });
      const { round, projectIds } = fixture;
      const { funder, alice, bob, carol, dave } = hyphae.accounts;
      await round.connect(funder).fundMatchingPool(pool);
      // One project with broad support, one with some, two with little.
      await round.connect(alice).donate(projectIds, [USDC(100), USDC(10), USDC(1), USDC(2)]);
      await round.connect(bob).donate(projectIds, [USDC(100), USDC(10), USDC(1), USDC(1)]);
      await round.connect(carol).donate(projectIds.slice(0, 2), [USDC(100), USDC(10)]);
      await round.connect(dave).donate([projectIds[0]!], [USDC(100)]);
      await warpTo(fixture.config.donationsEnd);
      const reference = computeDistribution({
        matchingPool: pool,
        decimals: 6,
        matchCapBps,
        projects: [
          { projectId: projectIds[0]!, contributions: [USDC(100), USDC(100), USDC(100), USDC(100)] },
          { projectId: projectIds[1]!, contributions: [USDC(10), USDC(10), USDC(10)] },
          { projectId: projectIds[2]!, contributions: [USDC(1), USDC(1)] },
          { projectId: projectIds[3]!, contributions: [USDC(2), USDC(1)] },
        ],
      });
      return { hyphae, ...fixture, reference };
    }

    it("caps a project's match at its share of the pool and gives the excess to the others, exactly", async () => {
      const { round, projectIds, reference } = await cappedRound(5_000, USDC(1_000));
      await expect(round.finalize()).to.emit(round, "MatchCapSettlementStarted").withArgs(4n);
      expect(await round.status()).to.equal(RoundStatus.SettlingMatchCaps);
      await expect(round.finalize())
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.SettlingMatchCaps);
      // Batches of one project: the settlement can be spread over as many transactions as needed.
      let finalized = false;
      let calls = 0;
      while (!finalized) {
        finalized = await round.settleMatchCaps.staticCall(1n);
        await round.settleMatchCaps(1n);
        calls++;
      }
      expect(calls).to.be.greaterThan(4);
      expect(await round.status()).to.equal(RoundStatus.Finalized);
      expect(reference.projects[0]!.matchCapped).to.equal(true);
      expect(reference.projects[0]!.matchAmount).to.equal(USDC(500));
      for (const [i, projectId] of projectIds.entries()) {
        const outcome = reference.projects[i]!;
        expect((await round.payoutOf(projectId))[1]).to.equal(outcome.matchAmount);
        expect((await round.projectTally(projectId)).matchCapped).to.equal(outcome.matchCapped);
      }
      const distribution = await round.matchDistribution();
      expect(distribution.matchCap).to.equal(USDC(500));
      expect(distribution.unallocated).to.equal(reference.unallocated);
      expect(reference.totalMatched + reference.unallocated).to.be.closeTo(USDC(1_000), 4n);
    });

    it("takes any batch size, the largest included, after a first batch", async () => {
      const { round, projectIds, reference } = await cappedRound(5_000, USDC(1_000));
      await round.finalize();
      await round.settleMatchCaps(1n);
      while ((await round.status()) !== BigInt(RoundStatus.Finalized)) await round.settleMatchCaps(ethers.MaxUint256);
      for (const [i, projectId] of projectIds.entries()) {
        expect((await round.payoutOf(projectId))[1]).to.equal(reference.projects[i]!.matchAmount);
      }
    });

    it("caps in several passes when capping one project lifts another over the cap", async () => {
      // Pool 100, cap 30: the first project is capped; the second then gets its whole ideal (60) and is
      // capped in the next pass.
      const { round, projectIds, reference } = await cappedRound(3_000, USDC(100));
      await round.finalize();
      await expect(round.settleMatchCaps(100n))
        .to.emit(round, "MatchCapped")
        .withArgs(projectIds[0]!, reference.projects[0]!.idealMatch);
      await round.settleMatchCaps(100n);
      if ((await round.status()) !== BigInt(RoundStatus.Finalized)) await round.settleMatchCaps(100n);
      expect(await round.status()).to.equal(RoundStatus.Finalized);
      expect(reference.projects.filter((p) => p.matchCapped)).to.have.length(2);
      for (const [i, projectId] of projectIds.entries()) {
        expect((await round.payoutOf(projectId))[1]).to.equal(reference.projects[i]!.matchAmount);
      }
    });

    it("finalizes at once when no project can reach the cap", async () => {
      // The ideals (1,265 USDC) fit under a cap of 9,000.
      const { round, reference } = await cappedRound(9_000, USDC(10_000));
      await expect(round.finalize()).to.emit(round, "RoundFinalized");
      expect(reference.projects.every((p) => !p.matchCapped)).to.equal(true);
      expect((await round.matchDistribution()).matchCap).to.equal(USDC(9_000));
    });

    it("returns a dust pool whose cap rounds to zero to its funder, capping only projects with a match", async () => {
      // A 1 % cap of 50 base units is 0: no project may be matched at all.
      const hyphae = await deployHyphae();
      const { round, projectIds, config } = await roundInDonationWindow(hyphae, 3, { matchCapBps: 100 });
      const [p1, p2, p3] = projectIds as [bigint, bigint, bigint];
      const { funder, alice, bob, carol } = hyphae.accounts;
      await round.connect(funder).fundMatchingPool(50n);
      await round.connect(alice).donate([p1, p2], [USDC(4), USDC(1)]);
      await round.connect(bob).donate([p1, p2], [USDC(9), USDC(1)]);
      await round.connect(carol).donate([p3], [USDC(25)]); // a lone contributor: no ideal match
      await warpTo(config.donationsEnd);

      await expect(round.finalize()).to.emit(round, "MatchCapSettlementStarted");
      const firstPass = round.settleMatchCaps(10n);
      await expect(firstPass).to.emit(round, "MatchCapped").withArgs(p1, anyValue);
      await expect(firstPass).to.emit(round, "MatchCapped").withArgs(p2, anyValue);
      await expect(firstPass).not.to.emit(round, "RoundFinalized");
      await expect(round.settleMatchCaps(10n)).to.emit(round, "RoundFinalized");

      const reference = computeDistribution({
        matchingPool: 50n,
        decimals: 6,
        matchCapBps: 100,
        projects: [
          { projectId: p1, contributions: [USDC(4), USDC(9)] },
          { projectId: p2, contributions: [USDC(1), USDC(1)] },
          { projectId: p3, contributions: [USDC(25)] },
        ],
      });
      expect(reference.projects.map((p) => p.matchCapped)).to.deep.equal([true, true, false]);
      expect((await round.projectTally(p3)).matchCapped).to.equal(false);
      for (const projectId of projectIds) expect((await round.payoutOf(projectId))[1]).to.equal(0n);
      expect((await round.matchDistribution()).unallocated).to.equal(50n);
      expect(reference.unallocated).to.equal(50n);
      await expect(round.connect(funder).claimLeftover()).to.changeTokenBalances(
        ethers,
        hyphae.token,
        [funder, round],
        [50n, -50n],
      );
    });

    it("rejects a settlement batch of zero projects", async () => {
      const { round } = await cappedRound(5_000, USDC(1_000));
      await round.finalize();
      await expect(round.settleMatchCaps(0n)).to.be.revertedWithCustomError(round, "ZeroAmount");
    });
  });

  describe("payouts", () => {
    async function finalizedRound() {
      const fixture = await endedRound();
      await fixture.round.finalize();
      return fixture;
    }

    it("pays a project's donations plus match to its payout address, whoever triggers it", async () => {
      const { hyphae, round, projectIds, reference } = await networkHelpers.loadFixture(finalizedRound);
      const { projectOwner, dave } = hyphae.accounts;
      const outcome = reference(USDC(100)).projects[0]!;
      const total = outcome.donations + outcome.matchAmount;
      await expect(round.connect(dave).claimPayout(projectIds[0]!))
        .to.emit(round, "PayoutClaimed")
        .withArgs(projectIds[0]!, projectOwner.address, outcome.donations, outcome.matchAmount);
      expect(await hyphae.token.balanceOf(projectOwner)).to.equal(total);
      expect((await round.projectTally(projectIds[0]!)).paid).to.equal(true);
      await expect(round.claimPayout(projectIds[0]!))
        .to.be.revertedWithCustomError(round, "AlreadyPaid")
        .withArgs(projectIds[0]!);
    });

    it("pays the payout address current at claim time", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(finalizedRound);
      const { projectOwner, carol } = hyphae.accounts;
      await hyphae.registry.connect(projectOwner).updatePayoutAddress(projectIds[1]!, carol.address);
      const before = await hyphae.token.balanceOf(carol);
      await round.claimPayout(projectIds[1]!);
      const [donations, matchAmount] = await round.payoutOf(projectIds[1]!);
      expect(await hyphae.token.balanceOf(carol)).to.equal(before + donations + matchAmount);
    });

    it("pays many projects in one call, skipping those already paid, in any order with the same result", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(finalizedRound);
      const expected = await Promise.all(projectIds.map((id) => round.payoutOf(id)));
      await round.claimPayout(projectIds[2]!);
      await round.claimPayouts([projectIds[1]!, projectIds[0]!, projectIds[2]!]);
      const paid = expected.reduce((sum, [d, m]) => sum + d + m, 0n);
      expect(await hyphae.token.balanceOf(hyphae.accounts.projectOwner)).to.equal(paid);
      for (const id of projectIds) expect((await round.projectTally(id)).paid).to.equal(true);
    });

    it("rejects payouts before finalization and for projects that were never approved", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(endedRound);
      await expect(round.claimPayout(projectIds[0]!))
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Active);
      await expect(round.claimPayouts([projectIds[0]!])).to.be.revertedWithCustomError(round, "UnexpectedRoundStatus");
      await round.finalize();
      const stranger = await registerProject(hyphae, hyphae.accounts.otherOwner);
      await expect(round.claimPayout(stranger))
        .to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus")
        .withArgs(stranger, ApplicationStatus.None);
      await expect(round.payoutOf(stranger)).to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus");
      await expect(round.claimPayouts([stranger])).to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus");
    });

    it("returns what the rule left unallocated to funders pro rata, once each", async () => {
      const { hyphae, round, reference } = await networkHelpers.loadFixture(endedRound);
      const { funder, secondFunder, alice } = hyphae.accounts;
      await round.connect(funder).fundMatchingPool(USDC(99_000));
      await round.finalize();
      const { unallocated } = reference(USDC(99_100));
      expect(unallocated).to.be.greaterThan(0n);
      const expectedFirst = leftoverShare(USDC(99_060), unallocated, USDC(99_100));
      const expectedSecond = leftoverShare(USDC(40), unallocated, USDC(99_100));
      await expect(round.connect(funder).claimLeftover())
        .to.emit(round, "LeftoverClaimed")
        .withArgs(funder.address, expectedFirst);
      await expect(round.connect(secondFunder).claimLeftover()).to.changeTokenBalance(
        ethers,
        hyphae.token,
        secondFunder,
        expectedSecond,
      );
      await expect(round.connect(funder).claimLeftover())
        .to.be.revertedWithCustomError(round, "NothingToClaim")
        .withArgs(funder.address);
      await expect(round.connect(alice).claimLeftover())
        .to.be.revertedWithCustomError(round, "NothingToClaim")
        .withArgs(alice.address);
      expect(await round.funderAccount(funder.address)).to.deep.equal([USDC(99_060), true]);
    });

    it("settles a project without donations or match, paying nothing", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds, config } = await roundInDonationWindow(hyphae, 1);
      await warpTo(config.donationsEnd);
      await round.finalize();
      await expect(round.claimPayout(projectIds[0]!))
        .to.emit(round, "PayoutClaimed")
        .withArgs(projectIds[0]!, hyphae.accounts.projectOwner.address, 0n, 0n);
      expect((await round.projectTally(projectIds[0]!)).paid).to.equal(true);
    });

    it("lets a funder settle a leftover of zero when the pool was spent whole", async () => {
      const { hyphae, round } = await networkHelpers.loadFixture(finalizedRound);
      await expect(round.connect(hyphae.accounts.funder).claimLeftover())
        .to.emit(round, "LeftoverClaimed")
        .withArgs(hyphae.accounts.funder.address, 0n);
    });

    it("leaves at most rounding dust once everyone has been paid", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(endedRound);
      await round.connect(hyphae.accounts.funder).fundMatchingPool(USDC(12_345));
      await round.finalize();
      await round.claimPayouts(projectIds);
      await round.connect(hyphae.accounts.funder).claimLeftover();
      await round.connect(hyphae.accounts.secondFunder).claimLeftover();
      const dust = await hyphae.token.balanceOf(round);
      expect(dust).to.be.lessThanOrEqual(BigInt(projectIds.length + 2));
    });
  });

  describe("payout addresses that refuse payment (native coin)", () => {
    async function nativeRoundWithRefusingPayee() {
      const hyphae = await deployHyphae();
      const fixture = await roundInDonationWindow(hyphae, 2, { payoutToken: ethers.ZeroAddress });
      const { round, projectIds, config } = fixture;
      const refusing = await ethers.deployContract("RefusingPayee", [1]);
      const burning = await ethers.deployContract("RefusingPayee", [2]);
      const { projectOwner, funder, alice, bob } = hyphae.accounts;
      await hyphae.registry.connect(projectOwner).updatePayoutAddress(projectIds[0]!, refusing);
      await round.connect(funder).fundMatchingPool(ETH(10), { value: ETH(10) });
      await round.connect(alice).donate(projectIds, [ETH(1), ETH(1)], { value: ETH(2) });
      await round.connect(bob).donate(projectIds, [ETH(1), ETH(2)], { value: ETH(3) });
      await warpTo(config.donationsEnd);
      await round.finalize();
      return { hyphae, ...fixture, refusing, burning };
    }

    it("cannot block the others in a batch, and stays claimable", async () => {
      const { hyphae, round, projectIds, refusing } = await networkHelpers.loadFixture(nativeRoundWithRefusingPayee);
      const [refused, healthy] = projectIds as [bigint, bigint];
      const [, healthyMatch] = await round.payoutOf(healthy);
      const tx = round.claimPayouts([refused, healthy]);
      await expect(tx)
        .to.emit(round, "PayoutDeferred")
        .withArgs(refused, await refusing.getAddress());
      await expect(tx).to.changeEtherBalance(ethers, hyphae.accounts.projectOwner, ETH(3) + healthyMatch);
      expect((await round.projectTally(refused)).paid).to.equal(false);

      await expect(round.claimPayout(refused))
        .to.be.revertedWithCustomError(round, "PayoutFailed")
        .withArgs(refused, await refusing.getAddress());
      await refusing.setMode(0);
      const [donations, matchAmount] = await round.payoutOf(refused);
      await expect(round.claimPayout(refused)).to.changeEtherBalance(ethers, refusing, donations + matchAmount);
    });

    it("bounds the gas a payout address can burn in a batch", async () => {
      const { hyphae, round, projectIds, burning } = await networkHelpers.loadFixture(nativeRoundWithRefusingPayee);
      await hyphae.registry.connect(hyphae.accounts.projectOwner).updatePayoutAddress(projectIds[1]!, burning);
      const tx = await round.claimPayouts([projectIds[1]!], { gasLimit: 1_000_000n });
      const receipt = await tx.wait();
      expect(receipt?.gasUsed).to.be.lessThan(300_000n);
      expect((await round.projectTally(projectIds[1]!)).paid).to.equal(false);
    });
  });

  describe("cancellation", () => {
    async function cancelledRound() {
      const fixture = await endedRound();
      await fixture.round.connect(fixture.hyphae.accounts.steward).cancel();
      return fixture;
    }

    it("can only be done by a steward, before finalization", async () => {
      const { hyphae, round } = await networkHelpers.loadFixture(endedRound);
      await expect(round.connect(hyphae.accounts.alice).cancel())
        .to.be.revertedWithCustomError(round, "NotNodeSteward")
        .withArgs(NODE_ID, hyphae.accounts.alice.address);
      await expect(round.connect(hyphae.accounts.steward).cancel())
        .to.emit(round, "RoundCancelled")
        .withArgs(hyphae.accounts.steward.address);
      expect(await round.status()).to.equal(RoundStatus.Cancelled);
      await expect(round.finalize()).to.be.revertedWithCustomError(round, "UnexpectedRoundStatus");
      await expect(round.claimPayout(1n)).to.be.revertedWithCustomError(round, "UnexpectedRoundStatus");
      await expect(round.claimLeftover()).to.be.revertedWithCustomError(round, "UnexpectedRoundStatus");
    });

    it("gives every donor and funder back exactly what it put in, once", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(cancelledRound);
      const { funder, secondFunder, alice, carol } = hyphae.accounts;
      await expect(round.connect(funder).refundFunding()).to.changeTokenBalance(ethers, hyphae.token, funder, USDC(60));
      await expect(round.connect(secondFunder).refundFunding())
        .to.emit(round, "FundingRefunded")
        .withArgs(secondFunder.address, USDC(40));
      await expect(round.connect(funder).refundFunding()).to.be.revertedWithCustomError(round, "NothingToClaim");

      const tx = round.connect(alice).refundDonations(projectIds);
      await expect(tx).to.emit(round, "DonationRefunded").withArgs(projectIds[0]!, alice.address, USDC(100));
      await expect(tx).to.emit(round, "DonationRefunded").withArgs(projectIds[1]!, alice.address, USDC(1));
      await expect(tx).to.changeTokenBalance(ethers, hyphae.token, alice, USDC(101));
      await expect(round.connect(alice).refundDonations(projectIds))
        .to.be.revertedWithCustomError(round, "NothingToClaim")
        .withArgs(alice.address);
      await expect(round.connect(carol).refundDonations([projectIds[2]!])).to.changeTokenBalance(
        ethers,
        hyphae.token,
        carol,
        USDC(50),
      );
      await expect(round.connect(carol).refundDonations([projectIds[1]!])).to.changeTokenBalance(
        ethers,
        hyphae.token,
        carol,
        USDC(9),
      );
    });

    it("has no refunds while the round is not cancelled", async () => {
      const { hyphae, round, projectIds } = await networkHelpers.loadFixture(endedRound);
      await expect(round.connect(hyphae.accounts.funder).refundFunding())
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Active);
      await expect(round.connect(hyphae.accounts.alice).refundDonations(projectIds)).to.be.revertedWithCustomError(
        round,
        "UnexpectedRoundStatus",
      );
    });

    it("refunds native-coin rounds too, and reports a recipient that refuses the refund", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds } = await roundInDonationWindow(hyphae, 1, { payoutToken: ethers.ZeroAddress });
      const { funder, alice, steward } = hyphae.accounts;
      await round.connect(funder).fundMatchingPool(ETH(5), { value: ETH(5) });
      await round.connect(alice).donate(projectIds, [ETH(1)], { value: ETH(1) });
      await round.connect(steward).cancel();
      await expect(round.connect(funder).refundFunding()).to.changeEtherBalance(ethers, funder, ETH(5));
      await expect(round.connect(alice).refundDonations(projectIds)).to.changeEtherBalance(ethers, alice, ETH(1));
    });

    it("reports a refund its recipient refuses, and keeps it withdrawable", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds } = await roundInDonationWindow(hyphae, 1, { payoutToken: ethers.ZeroAddress });
      const account = await ethers.deployContract("RefusingPayee", [1]);
      const roundAddress = await round.getAddress();
      await account.forward(roundAddress, round.interface.encodeFunctionData("fundMatchingPool", [ETH(1)]), {
        value: ETH(1),
      });
      await account.forward(roundAddress, round.interface.encodeFunctionData("donate", [projectIds, [ETH(2)]]), {
        value: ETH(2),
      });
      await round.connect(hyphae.accounts.steward).cancel();
      const refundFunding = round.interface.encodeFunctionData("refundFunding");
      await expect(account.forward(roundAddress, refundFunding))
        .to.be.revertedWithCustomError(round, "TransferFailed")
        .withArgs(await account.getAddress(), ETH(1));
      await account.setMode(0);
      await expect(account.forward(roundAddress, refundFunding)).to.changeEtherBalance(ethers, account, ETH(1));
      const refundDonations = round.interface.encodeFunctionData("refundDonations", [projectIds]);
      await expect(account.forward(roundAddress, refundDonations)).to.changeEtherBalance(ethers, account, ETH(2));
    });
  });
});
