import { expect } from "chai";
import { DAY, NODE_ID, ethers, networkHelpers } from "../helpers/hyphae.js";
import { EligibilityKind, OPEN, createVotingRound, deployVoting, votingConfig } from "../helpers/voting.js";

describe("VotingRoundFactory", () => {
  it("creates a voting round run by the node's stewards, voting with the commons credits by default", async () => {
    const voting = await networkHelpers.loadFixture(deployVoting);
    const { votingFactory, credits, implementation, registry, nodes, accounts } = voting;
    // Base credits go to every eligible voter: here, the members of an allowlist.
    const members = { ...OPEN, kind: EligibilityKind.Allowlist, key: ethers.id("members") };
    const config = await votingConfig(voting, { baseVoiceCredits: 5n, eligibility: members });
    const creditsAddress = await credits.getAddress();
    const steward = votingFactory.connect(accounts.steward);
    const address = await steward.createVotingRound.staticCall(NODE_ID, config, "ipfs://voting-round");
    await expect(steward.createVotingRound(NODE_ID, config, "ipfs://voting-round"))
      .to.emit(votingFactory, "VotingRoundCreated")
      .withArgs(
        address,
        NODE_ID,
        config.payoutToken,
        accounts.steward.address,
        // The event names the token the round actually votes with.
        (resolved: readonly unknown[]) => resolved[5] === creditsAddress,
        "ipfs://voting-round",
      );

    const code = await ethers.provider.getCode(address);
    expect(code.slice(22, 62)).to.equal((await implementation.getAddress()).slice(2).toLowerCase());
    const round = await ethers.getContractAt("QuadraticVotingRound", address);
    const parameters = await round.parameters();
    expect(parameters.config.votingToken).to.equal(await credits.getAddress());
    expect(parameters.config.votingStart).to.equal(config.votingStart);
    expect(parameters.config.votingEnd).to.equal(config.votingEnd);
    expect(parameters.config.snapshot).to.equal(config.snapshot);
    expect(parameters.config.powerPerVoiceCredit).to.equal(config.powerPerVoiceCredit);
    expect(parameters.config.baseVoiceCredits).to.equal(5n);
    expect(parameters.config.eligibility.kind).to.equal(BigInt(EligibilityKind.Allowlist));
    expect(parameters.projectRegistry).to.equal(await registry.getAddress());
    expect(parameters.nodeRegistry).to.equal(await nodes.getAddress());
    expect(parameters.nodeId).to.equal(NODE_ID);
    expect(await round.metadata()).to.equal("ipfs://voting-round");
    expect(await round.isSteward(accounts.steward)).to.equal(true);
    expect(await votingFactory.isRound(address)).to.equal(true);
    expect(await votingFactory.roundCount()).to.equal(1n);
    expect(await votingFactory.rounds(0n, 10n)).to.deep.equal([address]);
    expect(await votingFactory.rounds(1n, 10n)).to.deep.equal([]);
    expect(await votingFactory.nodeRegistry()).to.equal(await nodes.getAddress());
  });

  it("votes with another Votes token when the round names one, on a block-number clock too", async () => {
    const voting = await networkHelpers.loadFixture(deployVoting);
    const block = await ethers.provider.getBlockNumber();
    const { round } = await createVotingRound(voting, {
      votingToken: await voting.blockVotes.getAddress(),
      snapshot: BigInt(block + 3),
    });
    expect((await round.parameters()).config.votingToken).to.equal(await voting.blockVotes.getAddress());
  });

  it("lets only a steward of the node open a voting round for it", async () => {
    const voting = await networkHelpers.loadFixture(deployVoting);
    const config = await votingConfig(voting);
    for (const outsider of [voting.accounts.governor, voting.accounts.alice]) {
      await expect(voting.votingFactory.connect(outsider).createVotingRound(NODE_ID, config, "ipfs://r"))
        .to.be.revertedWithCustomError(voting.votingFactory, "NotNodeSteward")
        .withArgs(NODE_ID, outsider.address);
    }
  });

  it("rejects windows that are empty, out of order or over, and a snapshot that is not before voting", async () => {
    const voting = await networkHelpers.loadFixture(deployVoting);
    const { votingFactory } = voting;
    const base = await votingConfig(voting);
    const now = BigInt(await networkHelpers.time.latest());
    const cases = [
      [{ applicationsEnd: base.applicationsStart }, "InvalidApplicationWindow"],
      [{ votingEnd: base.votingStart }, "InvalidVotingWindow"],
      [{ applicationsStart: base.votingStart + 1n, applicationsEnd: base.votingEnd }, "WindowsOutOfOrder"],
      [{ applicationsEnd: base.votingEnd + 1n }, "WindowsOutOfOrder"],
      [
        {
          applicationsStart: now - 3n * DAY,
          applicationsEnd: now - 2n * DAY,
          votingStart: now - 2n * DAY,
          votingEnd: now,
        },
        "VotingWindowInPast",
      ],
      [{ snapshot: base.votingStart }, "SnapshotNotBeforeVoting"],
      [{ powerPerVoiceCredit: 0n }, "InvalidVoiceCreditRule"],
      // Base credits for every address: as many votes as keys anyone can make.
      [{ baseVoiceCredits: 1n }, "BaseCreditsNeedEligibilityRule"],
      [{ votingToken: await voting.token.getAddress() }, "UnsupportedVotingToken"],
      [{ votingToken: voting.accounts.alice.address }, "UnsupportedVotingToken"],
      [{ payoutToken: await voting.credits.getAddress() }, "PayoutTokenNotAllowed"],
      [{ eligibility: { ...OPEN, minimum: 1n } }, "InvalidEligibilityRule"],
      [{ eligibility: { ...OPEN, kind: EligibilityKind.Allowlist } }, "InvalidEligibilityRule"],
      [
        { eligibility: { ...OPEN, kind: EligibilityKind.TokenBalance, source: await voting.token.getAddress() } },
        "InvalidEligibilityRule",
      ],
      [
        {
          eligibility: {
            ...OPEN,
            kind: EligibilityKind.Attestation,
            source: await voting.token.getAddress(),
            key: ethers.id("schema"),
          },
        },
        "InvalidEligibilityRule",
      ],
    ] as const;
    for (const [overrides, error] of cases) {
      const config = { ...base, ...overrides };
      await expect(
        votingFactory.connect(voting.accounts.steward).createVotingRound(NODE_ID, config, "ipfs://r"),
        error,
      ).to.be.revertedWithCustomError(votingFactory, error);
    }
    expect(await votingFactory.roundCount()).to.equal(0n);
  });
});
