import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { splitSeason } from "../../../lib/co-matching.js";
import { DAY, USDC, ethers, networkHelpers, warpTo } from "../helpers/hyphae.js";
import { deployNetwork, NodeKind, type Network } from "../helpers/network.js";
import { OPEN } from "../helpers/voting.js";

const NO_RULES = { eligibility: OPEN, minCountedDonation: 0n, countedContributionCap: 0n };

/**
 * A season at the translocal commons (node 1) in CUSD, funded with 1,000 CUSD, closing in ten days. With
 * `blocklist`, the token's issuer can block accounts (`BlocklistToken`, reached through the same ERC-20 calls).
 */
async function seasonWith({ blocklist }: { blocklist: boolean }) {
  const network = await deployNetwork();
  const { factory, nodes, accounts } = network;
  const token = blocklist
    ? await ethers.getContractAt("TestToken", await (await ethers.deployContract("BlocklistToken")).getAddress())
    : await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6]);
  await factory.connect(accounts.governor).setPayoutTokenAllowed(token, true);
  const now = BigInt(await networkHelpers.time.latest());
  const closesAt = now + 10n * DAY;
  const commons = factory.connect(accounts.commonsSteward);
  const seasonAddress = await commons.createSeason.staticCall(1n, token, closesAt, "ipfs://season");
  await expect(commons.createSeason(1n, token, closesAt, "ipfs://season"))
    .to.emit(factory, "SeasonCreated")
    .withArgs(seasonAddress, 1n, await token.getAddress(), accounts.commonsSteward.address, closesAt, "ipfs://season");
  const season = await ethers.getContractAt("CoMatchingSeason", seasonAddress);
  const signers = await ethers.getSigners();
  const funder = signers[7]!;
  const donors = signers.slice(8);
  for (const account of [funder, ...donors]) await token.mint(account, USDC(100_000));
  await token.connect(funder).approve(season, ethers.MaxUint256);
  await season.connect(funder).fund(USDC(1_000));
  return { network, nodes, token, season, closesAt, funder, donors, now };
}

/** The season in a plain token (a fixture: `loadFixture` passes its own argument, so none is taken). */
async function seasonFixture() {
  return seasonWith({ blocklist: false });
}

type SeasonFixture = Awaited<ReturnType<typeof seasonFixture>>;

/** A round of `nodeId`, run by `steward`, joining the season, with two approved projects; donations open. */
async function seasonRound(
  fixture: SeasonFixture,
  nodeId: bigint,
  steward: HardhatEthersSigner,
  options: { minCountedDonation?: bigint; commonsShareBps?: number } = {},
) {
  const { network, token, season, now } = fixture;
  const config = {
    payoutToken: await token.getAddress(),
    applicationsStart: now + 60n,
    applicationsEnd: now + 2n * DAY,
    donationsStart: now + DAY,
    donationsEnd: now + 8n * DAY,
    matchCapBps: 0,
  };
  const rules = { ...NO_RULES, minCountedDonation: options.minCountedDonation ?? 0n };
  const links = { commonsShareBps: options.commonsShareBps ?? 0, season: await season.getAddress() };
  const factory = network.factory.connect(steward);
  const address = await factory.createLinkedRound.staticCall(nodeId, config, rules, links, "ipfs://round");
  await expect(factory.createLinkedRound(nodeId, config, rules, links, "ipfs://round"))
    .to.emit(season, "RoundJoined")
    .withArgs(address, nodeId);
  const round = await ethers.getContractAt("QuadraticFundingRound", address);
  if (BigInt(await networkHelpers.time.latest()) < config.applicationsStart) await warpTo(config.applicationsStart);
  const owner = network.accounts.contributor;
  const projectIds: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    const id = await network.registry.connect(owner).registerProject.staticCall(nodeId, owner, "ipfs://project");
    await network.registry.connect(owner).registerProject(nodeId, owner, "ipfs://project");
    await round.connect(owner).submitApplication(id, "ipfs://application");
    await round.connect(steward).approveApplication(id, "");
    projectIds.push(id);
  }
  for (const donor of fixture.donors) await token.connect(donor).approve(round, ethers.MaxUint256);
  return { round, config, projectIds };
}

/** The season with a Cascadia round of broad support and a Colorado round of one large donor. */
async function twoRoundsWith(options: { blocklist: boolean }) {
  const fixture = await seasonWith(options);
  const { accounts } = fixture.network;
  const cascadia = await seasonRound(fixture, 2n, accounts.cascadiaSteward);
  const colorado = await seasonRound(fixture, 3n, accounts.coloradoSteward);
  await warpTo(cascadia.config.donationsStart);
  const broad = fixture.donors.slice(0, 8);
  for (const [i, donor] of broad.entries()) {
    await cascadia.round.connect(donor).donate([cascadia.projectIds[i % 2]!], [USDC(5)]);
  }
  // One donor gives to both projects: its gifts in the round add up before the square root.
  await cascadia.round.connect(broad[0]).donate(cascadia.projectIds, [USDC(1), USDC(2)]);
  const [whale, small] = [fixture.donors[8]!, fixture.donors[9]!];
  await colorado.round.connect(whale).donate([colorado.projectIds[0]!], [USDC(300)]);
  await colorado.round.connect(small).donate([colorado.projectIds[1]!], [USDC(2)]);
  const counted = {
    cascadia: broad.map((_, i) => (i === 0 ? USDC(8) : USDC(5))),
    colorado: [USDC(300), USDC(2)],
  };
  return { ...fixture, cascadia, colorado, counted };
}

/** The two rounds in a plain token. */
async function twoRounds() {
  return twoRoundsWith({ blocklist: false });
}

/** The same two rounds, in a token whose issuer can block accounts. */
async function twoRoundsOfABlocklist() {
  return twoRoundsWith({ blocklist: true });
}

describe("CoMatchingSeason", () => {
  it("splits its pool among its rounds quadratically, to the wei of the reference, and conserves it", async () => {
    const { season, token, cascadia, colorado, counted, closesAt } = await networkHelpers.loadFixture(twoRounds);
    const expected = splitSeason({
      pool: USDC(1_000),
      decimals: 6,
      rounds: [
        { round: await cascadia.round.getAddress(), cancelled: false, counted: counted.cascadia },
        { round: await colorado.round.getAddress(), cancelled: false, counted: counted.colorado },
      ],
    });
    // The draws as the season forms, before it settles.
    const [, ideals, amounts] = await season.draws();
    expect(ideals).to.deep.equal(expected.draws.map((draw) => draw.ideal));
    expect(amounts).to.deep.equal(expected.draws.map((draw) => draw.amount));
    expect(await cascadia.round.countedInRoundOf((await ethers.getSigners())[8]!)).to.equal(USDC(8));

    await warpTo(closesAt);
    const poolsBefore = [await cascadia.round.matchingPool(), await colorado.round.matchingPool()];
    await expect(season.settle())
      .to.emit(season, "SeasonSettled")
      .withArgs(USDC(1_000), expected.draws[0]!.ideal + expected.draws[1]!.ideal, expected.distributed)
      .and.to.emit(season, "RoundDrew")
      .withArgs(await cascadia.round.getAddress(), expected.draws[0]!.ideal, expected.draws[0]!.amount);
    expect(await cascadia.round.matchingPool()).to.equal(poolsBefore[0]! + expected.draws[0]!.amount);
    expect(await colorado.round.matchingPool()).to.equal(poolsBefore[1]! + expected.draws[1]!.amount);
    expect(await token.balanceOf(season)).to.equal(expected.returned);
    expect(await season.returned()).to.equal(expected.returned);
    // Broad local support draws more than one large donor.
    expect(expected.draws[0]!.amount).to.be.greaterThan(expected.draws[1]!.amount * 5n);
    const [, settledIdeals, drawn] = await season.draws();
    expect(drawn).to.deep.equal(expected.draws.map((draw) => draw.amount));
    expect(settledIdeals).to.deep.equal(expected.draws.map((draw) => draw.ideal));
  });

  it("holds its rounds' finalization until it settles, and settles once, from its close", async () => {
    const { season, cascadia, closesAt } = await networkHelpers.loadFixture(twoRounds);
    await warpTo(cascadia.config.donationsEnd);
    await expect(cascadia.round.finalize())
      .to.be.revertedWithCustomError(cascadia.round, "SeasonNotSettled")
      .withArgs(await season.getAddress());
    await expect(season.settle()).to.be.revertedWithCustomError(season, "SeasonNotOver").withArgs(closesAt);
    await warpTo(closesAt);
    await season.settle();
    await expect(season.settle()).to.be.revertedWithCustomError(season, "SeasonAlreadySettled");
    await cascadia.round.finalize();
    // The draw is in the round's pool, distributed by the round's own rule: matches plus what the rule leaves
    // to the round's funders (the season among them) make up the pool, but for rounding.
    const [, first] = await cascadia.round.payoutOf(cascadia.projectIds[0]!);
    const [, second] = await cascadia.round.payoutOf(cascadia.projectIds[1]!);
    const { unallocated } = await cascadia.round.matchDistribution();
    const pool = await cascadia.round.matchingPool();
    expect((await season.funderAccount(season)).funded).to.equal(0n);
    expect((await cascadia.round.funderAccount(season)).funded).to.equal(pool);
    expect(pool - first - second - unallocated).to.be.lessThan(2n);
  });

  it("gives a cancelled round nothing, takes back what its rounds return, and shares it with its funders", async () => {
    const { season, token, cascadia, colorado, closesAt, funder, network } =
      await networkHelpers.loadFixture(twoRounds);
    await colorado.round.connect(network.accounts.coloradoSteward).cancel();
    await warpTo(closesAt);
    await season.settle();
    const [, , drawn] = await season.draws();
    expect(drawn[1]).to.equal(0n);
    await expect(season.recover(colorado.round))
      .to.be.revertedWithCustomError(colorado.round, "NothingToClaim")
      .withArgs(await season.getAddress());
    // Cascadia is cancelled after drawing: its draw comes back.
    await cascadia.round.connect(network.accounts.cascadiaSteward).cancel();
    await expect(season.recover(cascadia.round))
      .to.emit(season, "FundsRecovered")
      .withArgs(await cascadia.round.getAddress(), drawn[0]);
    expect(await season.returned()).to.equal(USDC(1_000));
    const claim = season.connect(funder).claimReturn();
    await expect(claim).to.changeTokenBalances(ethers, token, [funder, season], [USDC(1_000), -USDC(1_000)]);
    await expect(claim).to.emit(season, "ReturnClaimed").withArgs(funder.address, USDC(1_000));
    await expect(season.connect(funder).claimReturn())
      .to.be.revertedWithCustomError(season, "NothingToClaim")
      .withArgs(funder.address);
  });

  it("settles even when a round refuses its draw: the draw waits, and the round finalizes only once it is in", async () => {
    const { season, token, cascadia, colorado, closesAt } = await networkHelpers.loadFixture(twoRoundsOfABlocklist);
    const issuer = await ethers.getContractAt("BlocklistToken", await token.getAddress());
    // The issuer blocks the Colorado round's address: it can neither receive nor send the token.
    await issuer.setBlocked(colorado.round, true);
    await warpTo(closesAt);
    const [, , drawn] = await season.draws();
    const settling = season.settle();
    await expect(settling)
      .to.emit(season, "DrawDeferred")
      .withArgs(await colorado.round.getAddress(), drawn[1]);
    await expect(settling).to.changeTokenBalances(ethers, token, [cascadia.round, season], [drawn[0], -drawn[0]!]);
    expect(await season.isSettled()).to.equal(true);
    expect(await season.undeliveredDraw(colorado.round)).to.equal(drawn[1]);
    expect(await colorado.round.matchingPool()).to.equal(0n);
    // Cascadia got its draw and finalizes; Colorado waits for its own.
    await cascadia.round.finalize();
    await expect(colorado.round.finalize())
      .to.be.revertedWithCustomError(colorado.round, "SeasonDrawNotDelivered")
      .withArgs(await season.getAddress(), drawn[1]);
    await expect(season.deliverDraw(colorado.round))
      .to.be.revertedWithCustomError(issuer, "AccountBlocked")
      .withArgs(await colorado.round.getAddress());
    await expect(season.deliverDraw(cascadia.round))
      .to.be.revertedWithCustomError(season, "NoDrawWaiting")
      .withArgs(await cascadia.round.getAddress());
    // Once unblocked, anyone delivers it, once, and the round finalizes with it.
    await issuer.setBlocked(colorado.round, false);
    await expect(season.deliverDraw(colorado.round))
      .to.emit(season, "DrawDelivered")
      .withArgs(await colorado.round.getAddress(), drawn[1]);
    expect(await colorado.round.matchingPool()).to.equal(drawn[1]);
    expect(await season.undeliveredDraw(colorado.round)).to.equal(0n);
    await expect(season.deliverDraw(colorado.round)).to.be.revertedWithCustomError(season, "NoDrawWaiting");
    await colorado.round.finalize();
  });

  it("returns a waiting draw to the funders when its round is cancelled instead", async () => {
    const { season, token, colorado, closesAt, funder, network } =
      await networkHelpers.loadFixture(twoRoundsOfABlocklist);
    const issuer = await ethers.getContractAt("BlocklistToken", await token.getAddress());
    await issuer.setBlocked(colorado.round, true);
    await warpTo(closesAt);
    await season.settle();
    const waiting = await season.undeliveredDraw(colorado.round);
    expect(waiting).to.be.greaterThan(0n);
    const returnedBefore = await season.returned();
    await colorado.round.connect(network.accounts.coloradoSteward).cancel();
    await expect(season.recover(colorado.round))
      .to.emit(season, "FundsRecovered")
      .withArgs(await colorado.round.getAddress(), waiting);
    expect(await season.returned()).to.equal(returnedBefore + waiting);
    expect(await season.undeliveredDraw(colorado.round)).to.equal(0n);
    await expect(season.recover(colorado.round)).to.be.revertedWithCustomError(colorado.round, "NothingToClaim");
    await expect(season.connect(funder).claimReturn()).to.emit(season, "ReturnClaimed");
    await expect(season.fundRoundWhileSettling(colorado.round, 1n))
      .to.be.revertedWithCustomError(season, "NotTheSeason")
      .withArgs((await ethers.getSigners())[0]!.address);
  });

  it("owes nothing to an account that funded nothing, and says so even when nobody funded the season", async () => {
    const { season, closesAt, donors, network, token, now } = await networkHelpers.loadFixture(seasonFixture);
    const stranger = donors[0]!;
    await expect(season.connect(stranger).claimReturn())
      .to.be.revertedWithCustomError(season, "NothingToClaim")
      .withArgs(stranger.address);
    // A season with a pool of zero: the share of nothing is nothing, not a division by zero.
    const commons = network.factory.connect(network.accounts.commonsSteward);
    const emptyAddress = await commons.createSeason.staticCall(1n, token, now + 5n * DAY, "ipfs://empty");
    await commons.createSeason(1n, token, now + 5n * DAY, "ipfs://empty");
    const empty = await ethers.getContractAt("CoMatchingSeason", emptyAddress);
    await warpTo(closesAt);
    await empty.settle();
    await expect(empty.connect(stranger).claimReturn())
      .to.be.revertedWithCustomError(empty, "NothingToClaim")
      .withArgs(stranger.address);
    expect(await empty.funderAccount(stranger)).to.deep.equal([0n, 0n]);
  });

  it("returns a finalized round's leftover to the season, pro rata with the round's other funders", async () => {
    const fixture = await networkHelpers.loadFixture(seasonFixture);
    const { season, closesAt, funder, network } = fixture;
    // Nobody donates: the round's rule allocates nothing, and its whole pool goes back to its funders.
    const { round } = await seasonRound(fixture, 2n, network.accounts.cascadiaSteward);
    await warpTo(closesAt);
    await season.settle();
    expect(await season.returned()).to.equal(USDC(1_000));
    await round.finalize();
    await expect(season.recover(round)).to.be.revertedWithCustomError(round, "NothingToClaim");
    await season.connect(funder).claimReturn();
    expect(await season.funderAccount(funder)).to.deep.equal([USDC(1_000), USDC(1_000)]);
  });

  it("takes rounds only from its factory, in its token, its node or a child node, ending by its close", async () => {
    const fixture = await networkHelpers.loadFixture(seasonFixture);
    const { network, season, token, now, nodes } = fixture;
    const { factory, accounts } = network;
    await expect(season.joinRound(accounts.outsider, 2n))
      .to.be.revertedWithCustomError(season, "NotFactory")
      .withArgs(accounts.governor.address);
    const other = await ethers.deployContract("TestToken", ["Other", "OTH", 18]);
    await factory.connect(accounts.governor).setPayoutTokenAllowed(other, true);
    await nodes
      .connect(accounts.governor)
      .addNode(NodeKind.Local, 0, "Elsewhere", "ipfs://x", [accounts.cascadiaSteward], 1);
    const config = {
      payoutToken: await token.getAddress(),
      applicationsStart: now + 60n,
      applicationsEnd: now + 2n * DAY,
      donationsStart: now + DAY,
      donationsEnd: now + 8n * DAY,
      matchCapBps: 0,
    };
    const links = { commonsShareBps: 0, season: await season.getAddress() };
    const steward = factory.connect(accounts.cascadiaSteward);
    const cases: [bigint, typeof config, typeof links, string][] = [
      [2n, { ...config, payoutToken: await other.getAddress() }, links, "SeasonMismatch"],
      [2n, { ...config, donationsEnd: now + 11n * DAY }, links, "SeasonMismatch"],
      [4n, config, links, "SeasonMismatch"],
      [2n, config, { ...links, season: accounts.outsider.address }, "UnknownSeason"],
      [2n, config, { commonsShareBps: 2_001, season: ethers.ZeroAddress }, "CommonsShareOutOfRange"],
    ];
    for (const [nodeId, cfg, link, error] of cases) {
      await expect(
        steward.createLinkedRound(nodeId, cfg, NO_RULES, link, "ipfs://r"),
        error,
      ).to.be.revertedWithCustomError(factory, error);
    }
    expect(await season.rounds()).to.deep.equal([]);
    await expect(factory.connect(accounts.outsider).createSeason(1n, token, now + DAY, "ipfs://s"))
      .to.be.revertedWithCustomError(factory, "NotNodeSteward")
      .withArgs(1n, accounts.outsider.address);
    await expect(
      factory.connect(accounts.commonsSteward).createSeason(1n, token, now, "ipfs://s"),
    ).to.be.revertedWithCustomError(factory, "SeasonCloseInPast");
    expect(await factory.isSeason(season)).to.equal(true);
    expect(await factory.seasons(0n, 10n)).to.deep.equal([await season.getAddress()]);
  });

  it("accepts funding only until it settles, and coin only from its own rounds", async () => {
    const { season, closesAt, funder, network, token } = await networkHelpers.loadFixture(seasonFixture);
    const { factory, accounts } = network;
    const native = await factory
      .connect(accounts.commonsSteward)
      .createSeason.staticCall(1n, ethers.ZeroAddress, closesAt, "ipfs://s");
    await factory.connect(accounts.commonsSteward).createSeason(1n, ethers.ZeroAddress, closesAt, "ipfs://s");
    const nativeSeason = await ethers.getContractAt("CoMatchingSeason", native);
    await expect(funder.sendTransaction({ to: native, value: 1n }))
      .to.be.revertedWithCustomError(nativeSeason, "RoundNotInSeason")
      .withArgs(funder.address);
    await expect(nativeSeason.connect(funder).fund(10n, { value: 9n }))
      .to.be.revertedWithCustomError(nativeSeason, "NativeValueMismatch")
      .withArgs(10n, 9n);
    await expect(season.connect(funder).fund(0n)).to.be.revertedWithCustomError(season, "ZeroAmount");
    await warpTo(closesAt);
    await season.settle();
    await expect(season.connect(funder).fund(1n)).to.be.revertedWithCustomError(season, "SeasonAlreadySettled");
    expect(await token.balanceOf(season)).to.equal(USDC(1_000));
  });

  it("refuses to recover from a round not its own or before it settles, and pools beyond 128 bits", async () => {
    const fixture = await networkHelpers.loadFixture(seasonFixture);
    const { season, funder, token, network } = fixture;
    expect(await season.pool()).to.equal(USDC(1_000));
    await expect(season.recover(network.accounts.outsider))
      .to.be.revertedWithCustomError(season, "RoundNotInSeason")
      .withArgs(network.accounts.outsider.address);
    const { round } = await seasonRound(fixture, 2n, network.accounts.cascadiaSteward);
    await expect(season.recover(round)).to.be.revertedWithCustomError(season, "SeasonNotSettled");
    const huge = 2n ** 128n;
    await token.mint(funder, huge);
    await expect(season.connect(funder).fund(huge))
      .to.be.revertedWithCustomError(season, "AmountTooLarge")
      .withArgs(huge + USDC(1_000), huge - 1n);
    await expect(season.connect(funder).fund(1n, { value: 1n }))
      .to.be.revertedWithCustomError(season, "NativeValueMismatch")
      .withArgs(0n, 1n);
  });

  it("takes at most fifty rounds", async () => {
    const fixture = await networkHelpers.loadFixture(seasonFixture);
    const { network, season, token, now } = fixture;
    const config = {
      payoutToken: await token.getAddress(),
      applicationsStart: now + 60n,
      applicationsEnd: now + 2n * DAY,
      donationsStart: now + DAY,
      donationsEnd: now + 8n * DAY,
      matchCapBps: 0,
    };
    const links = { commonsShareBps: 0, season: await season.getAddress() };
    const factory = network.factory.connect(network.accounts.cascadiaSteward);
    for (let i = 0; i < 50; i++) await factory.createLinkedRound(2n, config, NO_RULES, links, "ipfs://r");
    await expect(factory.createLinkedRound(2n, config, NO_RULES, links, "ipfs://r"))
      .to.be.revertedWithCustomError(season, "TooManyRounds")
      .withArgs(50n);
  });

  it("works in the native coin, and keeps a funder's return when it refuses coin", async () => {
    const fixture = await networkHelpers.loadFixture(seasonFixture);
    const { network, closesAt, now, donors } = fixture;
    const { factory, accounts, registry } = network;
    const address = await factory
      .connect(accounts.commonsSteward)
      .createSeason.staticCall(1n, ethers.ZeroAddress, closesAt, "ipfs://s");
    await factory.connect(accounts.commonsSteward).createSeason(1n, ethers.ZeroAddress, closesAt, "ipfs://s");
    const season = await ethers.getContractAt("CoMatchingSeason", address);
    const refusing = await ethers.deployContract("RefusingPayee", [0]);
    await refusing.forward(season, season.interface.encodeFunctionData("fund", [10n ** 18n]), { value: 10n ** 18n });
    await season.connect(fixture.funder).fund(10n ** 18n, { value: 10n ** 18n });
    const config = {
      payoutToken: ethers.ZeroAddress,
      applicationsStart: now + 60n,
      applicationsEnd: now + 2n * DAY,
      donationsStart: now + DAY,
      donationsEnd: now + 8n * DAY,
      matchCapBps: 0,
    };
    const steward = factory.connect(accounts.cascadiaSteward);
    const links = { commonsShareBps: 0, season: address };
    const roundAddress = await steward.createLinkedRound.staticCall(2n, config, NO_RULES, links, "ipfs://r");
    await steward.createLinkedRound(2n, config, NO_RULES, links, "ipfs://r");
    const round = await ethers.getContractAt("QuadraticFundingRound", roundAddress);
    await warpTo(config.applicationsStart);
    const owner = accounts.contributor;
    const id = await registry.connect(owner).registerProject.staticCall(2n, owner, "ipfs://p");
    await registry.connect(owner).registerProject(2n, owner, "ipfs://p");
    await round.connect(owner).submitApplication(id, "ipfs://a");
    await round.connect(accounts.cascadiaSteward).approveApplication(id, "");
    await warpTo(config.donationsStart);
    for (const donor of donors.slice(0, 3))
      await round.connect(donor).donate([id], [10n ** 15n], { value: 10n ** 15n });
    await warpTo(closesAt);
    await season.settle();
    const [, , drawn] = await season.draws();
    expect(await round.matchingPool()).to.equal(drawn[0]);
    // The ideals are far below the pool: most of it comes back at once.
    const returned = await season.returned();
    expect(returned).to.equal(2n * 10n ** 18n - drawn[0]!);
    await refusing.setMode(1);
    await expect(refusing.forward(season, season.interface.encodeFunctionData("claimReturn")))
      .to.be.revertedWithCustomError(season, "TransferFailed")
      .withArgs(await refusing.getAddress(), returned / 2n);
    await expect(season.connect(fixture.funder).claimReturn()).to.changeEtherBalance(
      ethers,
      fixture.funder,
      returned / 2n,
    );
  });

  it("refuses a token that takes a fee on transfer", async () => {
    const { network, closesAt, funder } = await networkHelpers.loadFixture(seasonFixture);
    const feeToken = await ethers.deployContract("FeeOnTransferToken");
    await network.factory.connect(network.accounts.governor).setPayoutTokenAllowed(feeToken, true);
    const factory = network.factory.connect(network.accounts.commonsSteward);
    const address = await factory.createSeason.staticCall(1n, feeToken, closesAt, "ipfs://s");
    await factory.createSeason(1n, feeToken, closesAt, "ipfs://s");
    const season = await ethers.getContractAt("CoMatchingSeason", address);
    await feeToken.mint(funder, 1_000n);
    await feeToken.connect(funder).approve(season, 1_000n);
    await expect(season.connect(funder).fund(1_000n)).to.be.revertedWithCustomError(season, "TokenTransferMismatch");
  });

  describe("random seasons, against the reference", () => {
    function random(seed: number) {
      let state = seed;
      return (limit: number) => {
        state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
        return state % limit;
      };
    }

    for (const seed of [1, 2, 3]) {
      it(`seed ${seed}: every draw equals the reference to the wei, and the pool is conserved`, async () => {
        const fixture = await networkHelpers.loadFixture(seasonFixture);
        const { network, season, donors, closesAt, token } = fixture;
        const next = random(seed);
        // Cascadia counts every gift; Colorado only gifts of at least 2 CUSD.
        const minimum = USDC(2);
        const rounds = [
          { ...(await seasonRound(fixture, 2n, network.accounts.cascadiaSteward)), minimum: 0n },
          {
            ...(await seasonRound(fixture, 3n, network.accounts.coloradoSteward, { minCountedDonation: minimum })),
            minimum,
          },
        ];
        await warpTo(rounds[0]!.config.donationsStart);
        const counted = rounds.map(() => new Map<string, bigint>());
        for (let gift = 0; gift < 24; gift++) {
          const r = next(2);
          const { round, projectIds } = rounds[r]!;
          const donor = donors[next(donors.length)]!;
          const amount = BigInt(1 + next(4_000)) * 1_000n;
          await round.connect(donor).donate([projectIds[next(2)]!], [amount]);
          if (amount >= rounds[r]!.minimum) {
            counted[r]!.set(donor.address, (counted[r]!.get(donor.address) ?? 0n) + amount);
          }
        }
        const expected = splitSeason({
          pool: USDC(1_000),
          decimals: 6,
          rounds: await Promise.all(
            rounds.map(async ({ round }, r) => ({
              round: await round.getAddress(),
              cancelled: false,
              counted: [...counted[r]!.values()],
            })),
          ),
        });
        for (const [r, { round }] of rounds.entries()) {
          for (const [donor, amount] of counted[r]!) expect(await round.countedInRoundOf(donor)).to.equal(amount);
        }
        await warpTo(closesAt);
        await season.settle();
        const [, ideals, amounts] = await season.draws();
        expect(ideals).to.deep.equal(expected.draws.map((draw) => draw.ideal));
        expect(amounts).to.deep.equal(expected.draws.map((draw) => draw.amount));
        expect((await token.balanceOf(season)) + expected.distributed).to.equal(USDC(1_000));
      });
    }
  });
});

export type { Network };
