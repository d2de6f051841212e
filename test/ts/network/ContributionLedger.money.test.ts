import { expect } from "chai";
import { ethers, networkHelpers } from "../helpers/hyphae.js";
import { ContributionStatus, deployNetwork, LABOUR, MONEY } from "../helpers/network.js";

const CUSD = (whole: bigint) => whole * 10n ** 6n;
/** One credit (18 decimals) per CUSD (6 decimals). */
const CREDITS_PER_BASE_UNIT = 10n ** 12n;
const DAY = 86_400n;
const RoundStatus = { Active: 0n, SettlingMatchCaps: 1n, Finalized: 2n, Cancelled: 3n } as const;

describe("ContributionLedger: money given in rounds", () => {
  /**
   * A Cascadia round in CUSD, counted as money at 1 credit per CUSD: the commons steward funds 1,000 CUSD, the
   * contributor gives 100 to one project and 44 to another, the outsider 25 to the first. Donations are still
   * open.
   */
  async function roundInCusd(matchCapBps: number) {
    const network = await deployNetwork();
    const { nodes, registry, factory, ledger, accounts, CASCADIA } = network;
    const { governor, cascadiaSteward, commonsSteward, contributor, outsider } = accounts;
    const token = await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6]);
    await factory.connect(governor).setPayoutTokenAllowed(token, true);
    await ledger.connect(governor).setKind(MONEY, "money", "CUSD", CREDITS_PER_BASE_UNIT, false);
    await ledger.connect(governor).setMoneyKind(token, MONEY);

    const now = BigInt(await networkHelpers.time.latest());
    const config = {
      payoutToken: await token.getAddress(),
      applicationsStart: now + 10n,
      applicationsEnd: now + DAY,
      donationsStart: now + DAY,
      donationsEnd: now + 8n * DAY,
      matchCapBps,
    };
    const roundAddress = await factory
      .connect(cascadiaSteward)
      .createRound.staticCall(CASCADIA, config, "ipfs://round");
    await factory.connect(cascadiaSteward).createRound(CASCADIA, config, "ipfs://round");
    const round = await ethers.getContractAt("QuadraticFundingRound", roundAddress);
    await networkHelpers.time.increaseTo(config.applicationsStart);
    for (const owner of [outsider, outsider]) {
      const id = await registry.connect(owner).registerProject.staticCall(CASCADIA, owner, "ipfs://project");
      await registry.connect(owner).registerProject(CASCADIA, owner, "ipfs://project");
      await round.connect(owner).submitApplication(id, "ipfs://application");
      await round.connect(cascadiaSteward).approveApplication(id, "");
    }
    for (const giver of [commonsSteward, contributor, outsider]) {
      await token.mint(giver, CUSD(10_000n));
      await token.connect(giver).approve(round, ethers.MaxUint256);
    }
    await round.connect(commonsSteward).fundMatchingPool(CUSD(1_000n));
    await networkHelpers.time.increaseTo(config.donationsStart);
    await round.connect(contributor).donate([1n, 2n], [CUSD(100n), CUSD(44n)]);
    await round.connect(outsider).donate([1n], [CUSD(25n)]);
    const closeDonations = () => networkHelpers.time.increaseTo(config.donationsEnd);
    return { ...network, token, round, roundAddress, nodes, closeDonations };
  }

  const withRound = () => roundInCusd(0);

  async function finalized(matchCapBps: number) {
    const setup = await roundInCusd(matchCapBps);
    await setup.closeDonations();
    await setup.round.finalize();
    while ((await setup.round.status()) === RoundStatus.SettlingMatchCaps) await setup.round.settleMatchCaps(100);
    return setup;
  }

  const finalizedRound = () => finalized(0);
  const cappedRound = () => finalized(500);

  it("counts a donor's donations as money given to the round's node, credited at once at the money weight", async () => {
    const { ledger, round, roundAddress, accounts, CASCADIA } = await networkHelpers.loadFixture(finalizedRound);
    const { contributor, outsider } = accounts;
    const given = CUSD(144n);
    await expect(ledger.connect(outsider).countRoundMoney(roundAddress, contributor, [1n, 2n]))
      .to.emit(ledger, "ContributionRecorded")
      .withArgs(1n, contributor.address, CASCADIA, MONEY, given, await round.metadata(), "")
      .and.to.emit(ledger, "RoundMoneyCounted")
      .withArgs(1n, roundAddress, contributor.address, given, 0n)
      .and.to.emit(ledger, "ContributionCredited")
      .withArgs(1n, contributor.address, given * CREDITS_PER_BASE_UNIT);
    const counted = await ledger.contribution(1n);
    expect(counted.status).to.equal(BigInt(ContributionStatus.Attested));
    expect([counted.nodeId, counted.kind, counted.quantity, counted.attestations]).to.deep.equal([
      CASCADIA,
      BigInt(MONEY),
      given,
      0n,
    ]);
    expect(await ledger.unclaimedCredits(contributor)).to.equal(given * CREDITS_PER_BASE_UNIT);
    expect(await ledger.nodeTotal(CASCADIA, MONEY)).to.deep.equal([given, given * CREDITS_PER_BASE_UNIT]);
    expect(await ledger.contributorTotal(contributor, MONEY)).to.deep.equal([given, given * CREDITS_PER_BASE_UNIT]);
    expect(await ledger.isDonationCounted(roundAddress, contributor, 1n)).to.equal(true);
  });

  it("counts the matching funds a funder gave, once, and each donation once", async () => {
    const { ledger, roundAddress, accounts } = await networkHelpers.loadFixture(finalizedRound);
    const { commonsSteward, contributor } = accounts;
    // The ideal matches add up to 100 CUSD: (√100 + √25)² − 125 for the first project, none for the second.
    await expect(ledger.countRoundMoney(roundAddress, commonsSteward, []))
      .to.emit(ledger, "RoundMoneyCounted")
      .withArgs(1n, roundAddress, commonsSteward.address, 0n, CUSD(100n));
    expect(await ledger.isFundingCounted(roundAddress, commonsSteward)).to.equal(true);
    await expect(ledger.countRoundMoney(roundAddress, commonsSteward, []))
      .to.be.revertedWithCustomError(ledger, "NothingToCount")
      .withArgs(roundAddress, commonsSteward.address);

    // Donations may be counted in parts, but never twice.
    await ledger.countRoundMoney(roundAddress, contributor, [2n]);
    await expect(ledger.countRoundMoney(roundAddress, contributor, [1n, 2n]))
      .to.be.revertedWithCustomError(ledger, "AlreadyCounted")
      .withArgs(roundAddress, contributor.address, 2n);
    await ledger.countRoundMoney(roundAddress, contributor, [1n]);
    expect(await ledger.contributorTotal(contributor, MONEY)).to.deep.equal([
      CUSD(144n),
      CUSD(144n) * CREDITS_PER_BASE_UNIT,
    ]);
  });

  it("does not count the part of a funder's money the rule handed back", async () => {
    const { ledger, round, roundAddress, accounts } = await networkHelpers.loadFixture(cappedRound);
    // A 5 % cap on a 1,000 CUSD pool: the first project's ideal 100 is capped at 50, the rest goes back.
    const { unallocated } = await round.matchDistribution();
    expect(unallocated).to.equal(CUSD(950n));
    const distributed = CUSD(50n);
    await expect(ledger.countRoundMoney(roundAddress, accounts.commonsSteward, []))
      .to.emit(ledger, "RoundMoneyCounted")
      .withArgs(1n, roundAddress, accounts.commonsSteward.address, 0n, distributed);
  });

  it("refuses rounds the factory did not make, rounds not finalized, uncounted tokens and givers with nothing", async () => {
    const setup = await networkHelpers.loadFixture(withRound);
    const { ledger, roundAddress, token, accounts } = setup;
    const { contributor, governor } = accounts;
    await expect(ledger.countRoundMoney(contributor.address, contributor, []))
      .to.be.revertedWithCustomError(ledger, "UnknownRound")
      .withArgs(contributor.address);
    await expect(ledger.countRoundMoney(roundAddress, contributor, [1n]))
      .to.be.revertedWithCustomError(ledger, "RoundNotFinalized")
      .withArgs(roundAddress, RoundStatus.Active);
    await setup.closeDonations();
    await setup.round.finalize();
    await expect(ledger.countRoundMoney(roundAddress, governor, [1n, 2n]))
      .to.be.revertedWithCustomError(ledger, "NothingToCount")
      .withArgs(roundAddress, governor.address);
    await ledger.connect(governor).setMoneyKind(token, 0);
    await expect(ledger.countRoundMoney(roundAddress, contributor, [1n]))
      .to.be.revertedWithCustomError(ledger, "TokenNotCounted")
      .withArgs(await token.getAddress());
  });

  it("refuses to count more than a contribution's quantity can hold (2^96 - 1 base units)", async () => {
    // In the chain's coin (18 decimals), where one donation can reach 2^96 wei.
    const { registry, factory, ledger, accounts, CASCADIA } = await networkHelpers.loadFixture(deployNetwork);
    const { governor, cascadiaSteward, outsider } = accounts;
    await ledger.connect(governor).setKind(MONEY, "money", "ETH", 1n, false);
    await ledger.connect(governor).setMoneyKind(ethers.ZeroAddress, MONEY);
    const now = BigInt(await networkHelpers.time.latest());
    const config = {
      payoutToken: ethers.ZeroAddress,
      applicationsStart: now + 10n,
      applicationsEnd: now + DAY,
      donationsStart: now + DAY,
      donationsEnd: now + 2n * DAY,
      matchCapBps: 0,
    };
    const roundAddress = await factory.connect(cascadiaSteward).createRound.staticCall(CASCADIA, config, "ipfs://r");
    await factory.connect(cascadiaSteward).createRound(CASCADIA, config, "ipfs://r");
    const round = await ethers.getContractAt("QuadraticFundingRound", roundAddress);
    await networkHelpers.time.increaseTo(config.applicationsStart);
    await registry.connect(outsider).registerProject(CASCADIA, outsider, "ipfs://project");
    await round.connect(outsider).submitApplication(1n, "ipfs://application");
    await round.connect(cascadiaSteward).approveApplication(1n, "");
    await networkHelpers.time.increaseTo(config.donationsStart);
    const huge = 2n ** 96n;
    await networkHelpers.setBalance(governor.address, huge * 2n);
    await round.connect(governor).donate([1n], [huge], { value: huge });
    await networkHelpers.time.increaseTo(config.donationsEnd);
    await round.finalize();
    await expect(ledger.countRoundMoney(roundAddress, governor, [1n]))
      .to.be.revertedWithCustomError(ledger, "InvalidQuantity")
      .withArgs(huge);
    expect(await ledger.isDonationCounted(roundAddress, governor, 1n)).to.equal(false);
    expect(await ledger.contributionCount()).to.equal(0n);
  });

  it("never lets money counted from a round be disputed or revoked", async () => {
    const { ledger, roundAddress, accounts } = await networkHelpers.loadFixture(finalizedRound);
    await ledger.countRoundMoney(roundAddress, accounts.contributor, [1n]);
    await expect(ledger.connect(accounts.outsider).dispute(1n, "ipfs://why"))
      .to.be.revertedWithCustomError(ledger, "CountedFromRound")
      .withArgs(1n);
    await expect(ledger.connect(accounts.cascadiaSteward).revoke(1n, "ipfs://why"))
      .to.be.revertedWithCustomError(ledger, "CountedFromRound")
      .withArgs(1n);
  });

  it("lets governors alone name a protocol-counted kind as a token's money", async () => {
    const { ledger, token, accounts, factory } = await networkHelpers.loadFixture(withRound);
    const { governor, cascadiaSteward } = accounts;
    await expect(ledger.connect(cascadiaSteward).setMoneyKind(token, MONEY))
      .to.be.revertedWithCustomError(ledger, "NotGovernor")
      .withArgs(cascadiaSteward.address);
    await expect(ledger.connect(governor).setMoneyKind(token, LABOUR))
      .to.be.revertedWithCustomError(ledger, "KindSelfReported")
      .withArgs(BigInt(LABOUR));
    await expect(ledger.connect(governor).setMoneyKind(token, 9))
      .to.be.revertedWithCustomError(ledger, "KindNotFound")
      .withArgs(9n);
    // One token per money kind: the chain's coin cannot join CUSD under kind MONEY.
    expect(await ledger.moneyTokenOf(MONEY)).to.deep.equal([await token.getAddress(), true]);
    await expect(ledger.connect(governor).setMoneyKind(ethers.ZeroAddress, MONEY))
      .to.be.revertedWithCustomError(ledger, "MoneyKindTaken")
      .withArgs(BigInt(MONEY), await token.getAddress());
    await expect(ledger.connect(governor).setMoneyKind(token, 0))
      .to.emit(ledger, "MoneyKindSet")
      .withArgs(await token.getAddress(), 0n);
    expect(await ledger.moneyKind(token)).to.equal(0n);
    expect(await ledger.moneyTokenOf(MONEY)).to.deep.equal([ethers.ZeroAddress, false]);
    // Once free, the kind can count the chain's coin (address zero, told apart from "none" by `named`).
    await ledger.connect(governor).setMoneyKind(ethers.ZeroAddress, MONEY);
    expect(await ledger.moneyTokenOf(MONEY)).to.deep.equal([ethers.ZeroAddress, true]);
    await expect(ledger.connect(governor).setMoneyKind(token, MONEY))
      .to.be.revertedWithCustomError(ledger, "MoneyKindTaken")
      .withArgs(BigInt(MONEY), ethers.ZeroAddress);
    expect(await ledger.roundFactory()).to.equal(await factory.getAddress());
  });

  it("counts every gift exactly once, whoever counts and however the counting is split (random lives)", async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const { ledger, round, roundAddress, token, accounts } = await networkHelpers.loadFixture(withRound);
      const pick = mulberry32(seed);
      const signers = await ethers.getSigners();
      const givers = signers.slice(7, 12);
      // Random gifts on top of the fixture's: giver × project × amount.
      const given = new Map<string, bigint>();
      for (const giver of givers) {
        await token.mint(giver, CUSD(10_000n));
        await token.connect(giver).approve(round, ethers.MaxUint256);
        for (const projectId of [1n, 2n]) {
          if (pick(3) === 0) continue;
          const amount = BigInt(1 + pick(5_000)) * 1_000n;
          await round.connect(giver).donate([projectId], [amount]);
          given.set(`${giver.address}:${projectId}`, amount);
        }
      }
      await networkHelpers.time.increase(8n * DAY);
      await round.finalize();

      let counted = 0n;
      for (const giver of givers) {
        // Each giver's projects in a random order and in random parts, counted by a random account.
        const projects = [1n, 2n].sort(() => pick(2) - 0.5);
        const parts = pick(2) === 0 ? [projects] : [[projects[0] ?? 1n], [projects[1] ?? 2n]];
        for (const part of parts) {
          const counter = signers[pick(signers.length)] ?? accounts.outsider;
          const expected = part.reduce((sum, id) => sum + (given.get(`${giver.address}:${id}`) ?? 0n), 0n);
          if (expected === 0n) {
            await expect(
              ledger.connect(counter).countRoundMoney(roundAddress, giver, part),
            ).to.be.revertedWithCustomError(ledger, "NothingToCount");
            continue;
          }
          await ledger.connect(counter).countRoundMoney(roundAddress, giver, part);
          counted += expected;
          // Never twice.
          await expect(
            ledger.connect(counter).countRoundMoney(roundAddress, giver, part),
          ).to.be.revertedWithCustomError(ledger, "AlreadyCounted");
        }
        const total = [...given.entries()]
          .filter(([key]) => key.startsWith(giver.address))
          .reduce((sum, [, amount]) => sum + amount, 0n);
        expect((await ledger.contributorTotal(giver, MONEY)).quantity, `giver ${giver.address}, seed ${seed}`).to.equal(
          total,
        );
        expect(await ledger.unclaimedCredits(giver)).to.equal(total * CREDITS_PER_BASE_UNIT);
      }
      const cascadiaTotal = await ledger.nodeTotal(2n, MONEY);
      expect(cascadiaTotal.quantity).to.equal(counted);
      expect(cascadiaTotal.credits).to.equal(counted * CREDITS_PER_BASE_UNIT);
    }
  });
});

/** A deterministic pseudo-random sequence, so a failing seed can be replayed. */
function mulberry32(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}
