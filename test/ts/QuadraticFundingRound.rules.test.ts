import { expect } from "chai";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { sqrtDown } from "../../lib/quadratic-funding.js";
import { NODE_ID, USDC, defaultWindows, deployHyphae, ethers, networkHelpers, warpTo } from "./helpers/hyphae.js";
import { EligibilityKind, NO_RULES, OPEN, ruledRound } from "./helpers/voting.js";

const FACTOR = 10n ** 12n; // the 6-decimal test token

/** `S² − Σ c` over what counts of each contributor's total (normalised), clamped at zero. */
function idealOf(countedTotals: bigint[]): bigint {
  const normalised = countedTotals.map((amount) => amount * FACTOR);
  const sqrtSum = normalised.reduce((sum, amount) => sum + sqrtDown(amount), 0n);
  const total = normalised.reduce((sum, amount) => sum + amount, 0n);
  return sqrtSum * sqrtSum > total ? sqrtSum * sqrtSum - total : 0n;
}

describe("QuadraticFundingRound: participation rules", () => {
  describe("eligibility", () => {
    it("lets only the allowlist's members donate, each with its Merkle proof", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { alice, bob } = hyphae.accounts;
      const tree = StandardMerkleTree.of([[alice.address], [hyphae.accounts.carol.address]], ["address"]);
      const { round, projectIds } = await ruledRound(hyphae, {
        eligibility: { ...OPEN, kind: EligibilityKind.Allowlist, key: tree.root },
      });
      const id = projectIds[0]!;
      const proof = tree.getProof([alice.address]);
      expect(await round.isEligible(alice, proof)).to.equal(true);
      expect(await round.isEligible(alice, [])).to.equal(false);
      await expect(round.connect(bob).donateWithProof([id], [USDC(5)], proof))
        .to.be.revertedWithCustomError(round, "NotEligible")
        .withArgs(bob.address, EligibilityKind.Allowlist);
      await expect(round.connect(alice).donate([id], [USDC(5)]))
        .to.be.revertedWithCustomError(round, "NotEligible")
        .withArgs(alice.address, EligibilityKind.Allowlist);
      await expect(round.connect(alice).donateWithProof([id], [USDC(5)], proof)).to.emit(round, "Donated");
      expect(await round.contributionOf(id, alice)).to.equal(USDC(5));
      expect((await round.eligibility()).key).to.equal(tree.root);
    });

    it("lets only holders of enough of a token donate (a commons credits threshold is such a rule)", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const credits = await ethers.deployContract("TestVotesToken", [true]);
      const { alice, bob } = hyphae.accounts;
      await credits.mint(alice, 10n ** 18n);
      await credits.mint(bob, 10n ** 18n - 1n);
      const { round, projectIds } = await ruledRound(hyphae, {
        eligibility: {
          ...OPEN,
          kind: EligibilityKind.TokenBalance,
          source: await credits.getAddress(),
          minimum: 10n ** 18n,
        },
      });
      await round.connect(alice).donate([projectIds[0]!], [USDC(1)]);
      await expect(round.connect(bob).donate([projectIds[0]!], [USDC(1)]))
        .to.be.revertedWithCustomError(round, "NotEligible")
        .withArgs(bob.address, EligibilityKind.TokenBalance);
    });

    it("lets only recipients of a standing attestation of the schema by the named attester donate", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const service = await ethers.deployContract("TestAttestationService");
      const { alice, bob, carol, dave, governor: attester } = hyphae.accounts;
      const schema = ethers.id("hyphae.member");
      const attest = async (by: typeof attester, recipient: string, schemaId = schema, expiry = 0n) => {
        const uid = await service.connect(by).attest.staticCall(schemaId, recipient, expiry);
        await service.connect(by).attest(schemaId, recipient, expiry);
        return uid;
      };
      const now = BigInt(await networkHelpers.time.latest());
      const aliceUid = await attest(attester, alice.address);
      const byStranger = await attest(carol, bob.address);
      const otherSchema = await attest(attester, carol.address, ethers.id("other"));
      // Expires long before donations open.
      const expiring = await attest(attester, dave.address, schema, now + 60n);
      const { round, projectIds } = await ruledRound(hyphae, {
        eligibility: {
          ...OPEN,
          kind: EligibilityKind.Attestation,
          source: await service.getAddress(),
          key: schema,
          attester: attester.address,
        },
      });
      const id = projectIds[0]!;
      await round.connect(alice).donateWithProof([id], [USDC(1)], [aliceUid]);
      // Someone else's attestation, another attester's, another schema's, and an expired one do not qualify.
      expect(await round.isEligible(bob, [aliceUid])).to.equal(false);
      expect(await round.isEligible(bob, [byStranger])).to.equal(false);
      expect(await round.isEligible(carol, [otherSchema])).to.equal(false);
      expect(await round.isEligible(dave, [expiring])).to.equal(false);
      expect(await round.isEligible(alice, [])).to.equal(false);
      // A revoked attestation stops qualifying.
      await service.connect(attester).revoke(aliceUid);
      await expect(round.connect(alice).donateWithProof([id], [USDC(1)], [aliceUid]))
        .to.be.revertedWithCustomError(round, "NotEligible")
        .withArgs(alice.address, EligibilityKind.Attestation);
    });

    it("treats an attestation service that reverts as attesting nothing", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const service = await ethers.deployContract("TestAttestationService");
      const { alice, bob, governor: attester } = hyphae.accounts;
      const uid = await service.connect(attester).attest.staticCall(ethers.id("s"), alice, 0n);
      await service.connect(attester).attest(ethers.id("s"), alice, 0n);
      await expect(service.connect(bob).revoke(uid))
        .to.be.revertedWithCustomError(service, "NotAttester")
        .withArgs(uid, bob.address);
      // A token has code but no getAttestation: every lookup reverts.
      const { round } = await ruledRound(hyphae, {
        eligibility: {
          ...OPEN,
          kind: EligibilityKind.Attestation,
          source: await hyphae.token.getAddress(),
          key: ethers.id("s"),
          attester: attester.address,
        },
      });
      expect(await round.isEligible(alice, [uid])).to.equal(false);
    });

    it("refuses malformed rules at creation", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const config = { payoutToken: await hyphae.token.getAddress(), matchCapBps: 0, ...(await defaultWindows()) };
      const factory = hyphae.factory.connect(hyphae.accounts.steward);
      for (const eligibility of [
        { ...OPEN, key: ethers.id("x") },
        { ...OPEN, kind: EligibilityKind.TokenBalance, source: hyphae.accounts.alice.address, minimum: 1n },
        { ...OPEN, kind: EligibilityKind.Allowlist, key: ethers.id("root"), minimum: 1n },
        { ...OPEN, kind: EligibilityKind.Attestation, source: await hyphae.token.getAddress(), key: ethers.id("s") },
      ]) {
        await expect(
          factory.createRoundWithRules(NODE_ID, config, { ...NO_RULES, eligibility }, "ipfs://round"),
        ).to.be.revertedWithCustomError(hyphae.factory, "InvalidEligibilityRule");
      }
    });
  });

  describe("counting rules", () => {
    it("accepts a donation below the minimum but counts nothing of it toward the match", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds } = await ruledRound(hyphae, { minCountedDonation: USDC(1) });
      const id = projectIds[0]!;
      const { alice, bob } = hyphae.accounts;
      expect(await round.countingRules()).to.deep.equal([USDC(1), 0n]);
      await round.connect(alice).donate([id], [USDC(4)]);
      await round.connect(bob).donate([id], [USDC(4)]);
      const idealBefore = await round.idealMatchSum();
      // Splitting money into dust gifts from many accounts adds nothing.
      const sybils = hyphae.accounts.others;
      for (const sybil of sybils) await round.connect(sybil).donate([id], [USDC(1) - 1n]);
      expect(await round.idealMatchSum()).to.equal(idealBefore);
      expect(idealBefore).to.equal(idealOf([USDC(4), USDC(4)]));
      expect((await round.projectTally(id)).donations).to.equal(
        (USDC(8) + BigInt(sybils.length) * (USDC(1) - 1n)) * FACTOR,
      );
      expect(await round.countedContributionOf(id, hyphae.accounts.others[0]!)).to.equal(0n);
      // A gift at the minimum counts in full, on top of what a contributor gave before.
      await round.connect(alice).donate([id], [USDC(1) - 1n]);
      await round.connect(alice).donate([id], [USDC(1)]);
      expect(await round.contributionOf(id, alice)).to.equal(USDC(6) - 1n);
      expect(await round.countedContributionOf(id, alice)).to.equal(USDC(5));
      expect(await round.idealMatchSum()).to.equal(idealOf([USDC(5), USDC(4)]));
    });

    it("counts at most the cap of a contributor's total, so one large donor cannot dominate the match", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds, config } = await ruledRound(hyphae, { countedContributionCap: USDC(25) });
      const [whaleProject, broadProject] = [projectIds[0]!, projectIds[1]!];
      const { alice, bob, carol, dave } = hyphae.accounts;
      await round.connect(alice).donate([whaleProject], [USDC(900)]);
      await round.connect(carol).donate([whaleProject], [USDC(10)]);
      for (const donor of [bob, carol, dave]) await round.connect(donor).donate([broadProject], [USDC(25)]);
      expect(await round.countedContributionOf(whaleProject, alice)).to.equal(USDC(25));
      const whaleIdeal = idealOf([USDC(25), USDC(10)]);
      const broadIdeal = idealOf([USDC(25), USDC(25), USDC(25)]);
      expect(await round.idealMatchSum()).to.equal(whaleIdeal + broadIdeal);
      expect(broadIdeal).to.be.greaterThan(whaleIdeal);
      // Payouts still carry everything that was given.
      await warpTo(config.donationsEnd);
      await round.finalize();
      const [donations] = await round.payoutOf(whaleProject);
      expect(donations).to.equal(USDC(910));
      const [, whaleMatch] = await round.payoutOf(whaleProject);
      const [, broadMatch] = await round.payoutOf(broadProject);
      expect(broadMatch).to.be.greaterThan(whaleMatch);
    });

    it("previews a donation's match with the counting rules", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds } = await ruledRound(hyphae, {
        minCountedDonation: USDC(2),
        countedContributionCap: USDC(10),
      });
      const id = projectIds[0]!;
      const { alice, bob } = hyphae.accounts;
      await round.connect(bob).donate([id], [USDC(9)]);
      for (const amount of [USDC(1), USDC(5), USDC(50)]) {
        const [, previewed] = await round.previewDonation(id, alice, amount);
        const snapshot = await networkHelpers.takeSnapshot();
        await round.connect(alice).donate([id], [amount]);
        expect(await round.estimatedMatch(id)).to.equal(previewed);
        await snapshot.restore();
      }
    });

    it("refunds everything given, counted or not, after a cancellation", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds } = await ruledRound(hyphae, { countedContributionCap: USDC(10) });
      const { alice, steward } = hyphae.accounts;
      await round.connect(alice).donate([projectIds[0]!], [USDC(30)]);
      await round.connect(steward).cancel();
      await expect(round.connect(alice).refundDonations([projectIds[0]!])).to.changeTokenBalances(
        ethers,
        hyphae.token,
        [alice, round],
        [USDC(30), -USDC(30)],
      );
    });
  });
});
