import { expect } from "chai";
import { computeDistribution } from "../../../lib/quadratic-funding.js";
import { DAY, USDC, ethers, networkHelpers, warpTo } from "../helpers/hyphae.js";
import { ContributionStatus, MONEY, deployNetwork } from "../helpers/network.js";
import { OPEN } from "../helpers/voting.js";

const NO_RULES = { eligibility: OPEN, minCountedDonation: 0n, countedContributionCap: 0n };

/**
 * A Cascadia round that routes 10 % of its 1,000 CUSD pool to the commons, with two projects and three donors,
 * finalized; CUSD counts as money in the ledger.
 */
async function finalizedRoundWithShare(nodeId: bigint) {
  const network = await deployNetwork();
  const { factory, ledger, registry, accounts } = network;
  const token = await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6]);
  await factory.connect(accounts.governor).setPayoutTokenAllowed(token, true);
  await ledger.connect(accounts.governor).setMoneyKind(token, MONEY);
  const now = BigInt(await networkHelpers.time.latest());
  const config = {
    payoutToken: await token.getAddress(),
    applicationsStart: now + 60n,
    applicationsEnd: now + 2n * DAY,
    donationsStart: now + DAY,
    donationsEnd: now + 8n * DAY,
    matchCapBps: 0,
  };
  const steward = nodeId === 2n ? accounts.cascadiaSteward : accounts.commonsSteward;
  const links = { commonsShareBps: 1_000, season: ethers.ZeroAddress };
  const address = await factory
    .connect(steward)
    .createLinkedRound.staticCall(nodeId, config, NO_RULES, links, "ipfs://round");
  await expect(factory.connect(steward).createLinkedRound(nodeId, config, NO_RULES, links, "ipfs://round"))
    .to.emit(factory, "RoundLinked")
    .withArgs(address, 1_000, ethers.ZeroAddress);
  const round = await ethers.getContractAt("QuadraticFundingRound", address);
  await warpTo(config.applicationsStart);
  const owner = accounts.contributor;
  const projectIds: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    const id = await registry.connect(owner).registerProject.staticCall(nodeId, owner, "ipfs://project");
    await registry.connect(owner).registerProject(nodeId, owner, "ipfs://project");
    await round.connect(owner).submitApplication(id, "ipfs://application");
    await round.connect(steward).approveApplication(id, "");
    projectIds.push(id);
  }
  const signers = await ethers.getSigners();
  const [funder, ...donors] = signers.slice(8, 12) as [typeof owner, ...(typeof owner)[]];
  for (const account of [funder, ...donors]) {
    await token.mint(account, USDC(10_000));
    await token.connect(account).approve(round, ethers.MaxUint256);
  }
  await round.connect(funder).fundMatchingPool(USDC(1_000));
  await warpTo(config.donationsStart);
  const gifts = [USDC(40), USDC(90), USDC(160)];
  for (const [i, donor] of donors.entries()) await round.connect(donor).donate([projectIds[i % 2]!], [gifts[i]!]);
  await warpTo(config.donationsEnd);
  await round.finalize();
  return { network, token, round, projectIds, funder, donors, gifts };
}

/** The fixture of a Cascadia round (a named function, as loadFixture needs the same one each time). */
function cascadiaRound() {
  return finalizedRoundWithShare(2n);
}

describe("The commons share of a local round", () => {
  it("leaves the round's rule the pool without the share, to the wei of the reference", async () => {
    const { round, projectIds, gifts } = await networkHelpers.loadFixture(cascadiaRound);
    expect(await round.links()).to.deep.equal([1_000n, ethers.ZeroAddress]);
    expect(await round.commonsShare()).to.deep.equal([USDC(100), false]);
    const expected = computeDistribution({
      matchingPool: USDC(900),
      decimals: 6,
      matchCapBps: 0,
      projects: [
        { projectId: projectIds[0]!, contributions: [gifts[0]!, gifts[2]!] },
        { projectId: projectIds[1]!, contributions: [gifts[1]!] },
      ],
    });
    for (const outcome of expected.projects) {
      const [, matchAmount] = await round.payoutOf(outcome.projectId);
      expect(matchAmount).to.equal(outcome.matchAmount);
    }
    expect((await round.matchDistribution()).unallocated).to.equal(expected.unallocated);
  });

  it("is sent to the commons treasury once, by anyone, when the network has one", async () => {
    const { network, token, round } = await networkHelpers.loadFixture(cascadiaRound);
    const { nodes, accounts } = network;
    await expect(round.claimCommonsShare()).to.be.revertedWithCustomError(round, "NoCommonsTreasury");
    const treasury = accounts.outsider;
    await expect(nodes.connect(accounts.commonsSteward).setCommonsTreasury(treasury))
      .to.be.revertedWithCustomError(nodes, "NotGovernor")
      .withArgs(accounts.commonsSteward.address);
    await expect(nodes.connect(accounts.governor).setCommonsTreasury(treasury))
      .to.emit(nodes, "CommonsTreasurySet")
      .withArgs(treasury.address, accounts.governor.address);
    const send = round.claimCommonsShare();
    await expect(send).to.emit(round, "CommonsShareSent").withArgs(treasury.address, USDC(100));
    await expect(send).to.changeTokenBalances(ethers, token, [treasury, round], [USDC(100), -USDC(100)]);
    expect(await round.commonsShare()).to.deep.equal([USDC(100), true]);
    await expect(round.claimCommonsShare()).to.be.revertedWithCustomError(round, "NothingToClaim");
  });

  it("counts in the ledger as the node's contribution to the commons, credited to the node's account", async () => {
    const { network, round } = await networkHelpers.loadFixture(cascadiaRound);
    const { ledger, nodes, accounts } = network;
    await expect(ledger.countCommonsShare(round))
      .to.be.revertedWithCustomError(ledger, "NodeAccountNotSet")
      .withArgs(2n);
    const multisig = accounts.outsider;
    await expect(nodes.connect(accounts.contributor).setNodeAccount(2n, multisig))
      .to.be.revertedWithCustomError(nodes, "NotNodeSteward")
      .withArgs(2n, accounts.contributor.address);
    await expect(nodes.connect(accounts.cascadiaSteward).setNodeAccount(2n, multisig))
      .to.emit(nodes, "NodeAccountSet")
      .withArgs(2n, multisig.address, accounts.cascadiaSteward.address);
    const id = await ledger.countCommonsShare.staticCall(round);
    await expect(ledger.countCommonsShare(round))
      .to.emit(ledger, "CommonsShareCounted")
      .withArgs(id, await round.getAddress(), 2n, multisig.address, USDC(100));
    const recorded = await ledger.contribution(id);
    expect(recorded.contributor).to.equal(multisig.address);
    expect(recorded.nodeId).to.equal(1n);
    expect(recorded.quantity).to.equal(USDC(100));
    expect(recorded.status).to.equal(ContributionStatus.Attested);
    expect(await ledger.unclaimedCredits(multisig)).to.equal(recorded.credits);
    await expect(ledger.countCommonsShare(round))
      .to.be.revertedWithCustomError(ledger, "CommonsShareAlreadyCounted")
      .withArgs(await round.getAddress());
  });

  it("is not counted again as the funders' matching funds", async () => {
    const { network, round, funder } = await networkHelpers.loadFixture(cascadiaRound);
    const { unallocated } = await round.matchDistribution();
    const id = await network.ledger.countRoundMoney.staticCall(round, funder, []);
    await expect(network.ledger.countRoundMoney(round, funder, []))
      .to.emit(network.ledger, "RoundMoneyCounted")
      .withArgs(id, await round.getAddress(), funder.address, 0n, USDC(1_000) - unallocated - USDC(100));
  });

  it("is nothing to send or count for a round without one", async () => {
    const { network, token } = await networkHelpers.loadFixture(cascadiaRound);
    const now = BigInt(await networkHelpers.time.latest());
    const config = {
      payoutToken: await token.getAddress(),
      applicationsStart: now + 60n,
      applicationsEnd: now + DAY,
      donationsStart: now + DAY,
      donationsEnd: now + 2n * DAY,
      matchCapBps: 0,
    };
    const factory = network.factory.connect(network.accounts.cascadiaSteward);
    const address = await factory.createRound.staticCall(2n, config, "ipfs://round");
    await factory.createRound(2n, config, "ipfs://round");
    const round = await ethers.getContractAt("QuadraticFundingRound", address);
    await warpTo(config.donationsEnd);
    await round.finalize();
    await expect(round.claimCommonsShare()).to.be.revertedWithCustomError(round, "NothingToClaim").withArgs(address);
    await expect(network.ledger.countCommonsShare(round))
      .to.be.revertedWithCustomError(network.ledger, "NothingToCount")
      .withArgs(address, ethers.ZeroAddress);
  });

  it("has no commons to go to from a node without a parent", async () => {
    const { network, round } = await finalizedRoundWithShare(1n);
    await network.nodes.connect(network.accounts.commonsSteward).setNodeAccount(1n, network.accounts.outsider);
    await expect(network.ledger.countCommonsShare(round))
      .to.be.revertedWithCustomError(network.ledger, "NoCommonsNode")
      .withArgs(1n);
  });
});
