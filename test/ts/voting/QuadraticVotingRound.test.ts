import { expect } from "chai";
import { hashBallot } from "../../../app/src/lib/ballot.ts";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import {
  DAY,
  ETH,
  ApplicationStatus,
  RoundStatus,
  ethers,
  networkHelpers,
  registerProject,
  warpTo,
} from "../helpers/hyphae.js";
import {
  EligibilityKind,
  NO_BALLOT,
  OPEN,
  createVotingRound,
  deployVoting,
  signBallot,
  votingRoundInWindow,
  type Ballot,
} from "../helpers/voting.js";

const ballot = (projectIds: bigint[], votes: bigint[]): Ballot => ({ projectIds, votes });

describe("QuadraticVotingRound", () => {
  async function openRound() {
    const voting = await deployVoting();
    return { voting, ...(await votingRoundInWindow(voting)) };
  }

  describe("voice credits", () => {
    it("are the voting power at the snapshot over the power per voice credit, plus the base credits", async () => {
      const voting = await deployVoting();
      const members = { ...OPEN, kind: EligibilityKind.Allowlist, key: ethers.id("members") };
      const { round } = await createVotingRound(voting, { baseVoiceCredits: 10n, eligibility: members });
      await warpTo((await round.parameters()).config.votingStart);
      const { alice, bob, newcomer } = voting.accounts;
      expect(await round.voiceCreditsOf(alice)).to.equal(110n);
      expect(await round.voiceCreditsOf(bob)).to.equal(59n);
      expect(await round.voiceCreditsOf(newcomer)).to.equal(10n);
    });

    it("count delegated power at the delegate, and ignore power gained or moved after the snapshot", async () => {
      const voting = await deployVoting();
      const { bob, carol, dave } = voting.accounts;
      await voting.credits.connect(bob).delegate(carol);
      const { round, config } = await createVotingRound(voting);
      // The snapshot is the last second before voting opens: what happens from then on does not count.
      await warpTo(config.votingStart);
      await voting.credits.mint(dave, ETH(1_000));
      await voting.credits.connect(dave).delegate(dave);
      await voting.credits.connect(carol).delegate(dave);
      expect(await round.voiceCreditsOf(bob)).to.equal(0n);
      expect(await round.voiceCreditsOf(carol)).to.equal(74n);
      expect(await round.voiceCreditsOf(dave)).to.equal(0n);
    });

    it("round voting power down to whole voice credits", async () => {
      const voting = await deployVoting();
      await voting.credits.mint(voting.accounts.dave, ETH(3) - 1n);
      await voting.credits.connect(voting.accounts.dave).delegate(voting.accounts.dave);
      const { round, config } = await createVotingRound(voting);
      await warpTo(config.votingStart);
      expect(await round.voiceCreditsOf(voting.accounts.dave)).to.equal(2n);
    });
  });

  describe("ballots", () => {
    it("spread votes over several projects, v votes costing v² voice credits", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const [p1, p2] = [projectIds[0]!, projectIds[1]!];
      const alice = voting.accounts.alice;
      const cast = ballot([p1, p2], [3n, 4n]);
      await expect(round.connect(alice).castBallot(NO_BALLOT, cast, []))
        .to.emit(round, "BallotCast")
        .withArgs(alice.address, [p1, p2], [3n, 4n], 25n, 100n);
      expect((await round.projectVotes(p1)).votes).to.equal(3n);
      expect((await round.projectVotes(p2)).votes).to.equal(4n);
      expect((await round.projectVotes(p2)).voters).to.equal(1n);
      expect(await round.totalVotes()).to.equal(7n);
      expect(await round.ballotHashOf(alice)).to.equal(await round.hashBallot(cast));
    });

    it("may spend exactly the budget and not one voice credit more", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const [p1, p2] = [projectIds[0]!, projectIds[1]!];
      const alice = round.connect(voting.accounts.alice);
      await expect(alice.castBallot(NO_BALLOT, ballot([p1, p2], [10n, 1n]), []))
        .to.be.revertedWithCustomError(round, "BallotOverBudget")
        .withArgs(voting.accounts.alice.address, 101n, 100n);
      await alice.castBallot(NO_BALLOT, ballot([p1], [10n]), []);
      expect(await round.totalVotes()).to.equal(10n);
    });

    it("treat an absurd number of votes as over budget rather than overflowing", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const huge = 2n ** 200n;
      await expect(round.connect(voting.accounts.alice).castBallot(NO_BALLOT, ballot([projectIds[0]!], [huge]), []))
        .to.be.revertedWithCustomError(round, "BallotOverBudget")
        .withArgs(voting.accounts.alice.address, ethers.MaxUint256, 100n);
    });

    it("replace the previous ballot entirely: only the last one counts", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const [p1, p2, p3] = [projectIds[0]!, projectIds[1]!, projectIds[2]!];
      const alice = round.connect(voting.accounts.alice);
      const first = ballot([p1, p2], [6n, 8n]);
      await alice.castBallot(NO_BALLOT, first, []);
      await round.connect(voting.accounts.bob).castBallot(NO_BALLOT, ballot([p1], [7n]), []);
      const second = ballot([p2, p3], [1n, 9n]);
      await alice.castBallot(first, second, []);
      expect((await round.projectVotes(p1)).votes).to.equal(7n);
      expect((await round.projectVotes(p1)).voters).to.equal(1n);
      expect((await round.projectVotes(p2)).votes).to.equal(1n);
      expect((await round.projectVotes(p3)).votes).to.equal(9n);
      expect(await round.totalVotes()).to.equal(17n);
    });

    it("reject a replacement that does not bring the voter's current ballot", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const p1 = projectIds[0]!;
      const alice = round.connect(voting.accounts.alice);
      await alice.castBallot(NO_BALLOT, ballot([p1], [5n]), []);
      for (const wrong of [NO_BALLOT, ballot([p1], [4n]), ballot([p1], [5n, 0n])]) {
        await expect(alice.castBallot(wrong, ballot([p1], [2n]), []))
          .to.be.revertedWithCustomError(round, "PreviousBallotMismatch")
          .withArgs(voting.accounts.alice.address);
      }
    });

    it("withdraw every vote with an empty ballot", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const alice = round.connect(voting.accounts.alice);
      const cast = ballot([projectIds[0]!], [5n]);
      await alice.castBallot(NO_BALLOT, cast, []);
      await alice.castBallot(cast, NO_BALLOT, []);
      expect(await round.totalVotes()).to.equal(0n);
      expect((await round.projectVotes(projectIds[0]!)).voters).to.equal(0n);
      expect(await round.ballotHashOf(voting.accounts.alice)).to.equal(ethers.ZeroHash);
    });

    it("reject repeated or unsorted projects, zero votes, unapproved projects and mismatched lengths", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const [p1, p2] = [projectIds[0]!, projectIds[1]!];
      const alice = round.connect(voting.accounts.alice);
      // Two entries for one project would cost 1² + 1² for 2 votes instead of 2².
      await expect(alice.castBallot(NO_BALLOT, ballot([p1, p1], [1n, 1n]), []))
        .to.be.revertedWithCustomError(round, "BallotNotSorted")
        .withArgs(1n);
      await expect(alice.castBallot(NO_BALLOT, ballot([p2, p1], [1n, 1n]), []))
        .to.be.revertedWithCustomError(round, "BallotNotSorted")
        .withArgs(1n);
      await expect(alice.castBallot(NO_BALLOT, ballot([p1], [0n]), [])).to.be.revertedWithCustomError(
        round,
        "ZeroAmount",
      );
      const unapproved = await registerProject(voting, voting.accounts.otherOwner);
      await expect(alice.castBallot(NO_BALLOT, ballot([unapproved], [1n]), []))
        .to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus")
        .withArgs(unapproved, ApplicationStatus.None);
      await expect(alice.castBallot(NO_BALLOT, ballot([p1, p2], [1n]), []))
        .to.be.revertedWithCustomError(round, "InvalidBatch")
        .withArgs(2n, 1n);
    });

    it("are accepted from the first second of the voting window until its last", async () => {
      const voting = await deployVoting();
      const { round, config } = await createVotingRound(voting);
      await warpTo(config.applicationsStart);
      const id = await registerProject(voting, voting.accounts.projectOwner);
      await round.connect(voting.accounts.projectOwner).submitApplication(id, "ipfs://a");
      await round.connect(voting.accounts.steward).approveApplication(id, "");
      const alice = round.connect(voting.accounts.alice);
      await networkHelpers.time.setNextBlockTimestamp(config.votingStart - 1n);
      await expect(alice.castBallot(NO_BALLOT, ballot([id], [1n]), []))
        .to.be.revertedWithCustomError(round, "OutsideVotingWindow")
        .withArgs(config.votingStart, config.votingEnd);
      // A reverted call mines nothing: the next block is still due at the same second.
      await networkHelpers.time.setNextBlockTimestamp(config.votingStart);
      await alice.castBallot(NO_BALLOT, ballot([id], [1n]), []);
      await networkHelpers.time.setNextBlockTimestamp(config.votingEnd - 1n);
      await alice.castBallot(ballot([id], [1n]), ballot([id], [2n]), []);
      await expect(alice.castBallot(ballot([id], [2n]), ballot([id], [3n]), [])).to.be.revertedWithCustomError(
        round,
        "OutsideVotingWindow",
      );
    });

    it("are refused once the round is cancelled", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      await round.connect(voting.accounts.steward).cancel();
      await expect(round.connect(voting.accounts.alice).castBallot(NO_BALLOT, ballot([projectIds[0]!], [1n]), []))
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Cancelled);
    });
  });

  describe("signed ballots", () => {
    it("are checked against the signer's own budget, whoever submits them", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const [p1, p2] = [projectIds[0]!, projectIds[1]!];
      const member = ethers.Wallet.createRandom(ethers.provider);
      expect(await ethers.provider.getBalance(member)).to.equal(0n);
      const relayer = voting.accounts.frontRunner;
      const fromMember = await signBallot(round, member, ballot([p1], [1n]));
      const fromAlice = await signBallot(round, voting.accounts.alice, ballot([p1, p2], [2n, 3n]));
      // A member without voting power at the snapshot has no voice credits: even one vote is over budget.
      await expect(round.connect(relayer).castSignedBallots([fromMember])).to.be.revertedWithCustomError(
        round,
        "BallotOverBudget",
      );
      await round.connect(relayer).castSignedBallots([fromAlice]);
      expect(await round.totalVotes()).to.equal(5n);
      expect(await round.nonces(voting.accounts.alice)).to.equal(1n);
    });

    it("let a relayer cast ballots for members with no coin in a round whose snapshot saw their power", async () => {
      const voting = await deployVoting();
      const member = ethers.Wallet.createRandom(ethers.provider);
      await voting.credits.mint(member.address, ETH(9));
      await voting.credits.connect(voting.accounts.carol).delegate(member.address);
      const { round, projectIds } = await votingRoundInWindow(voting, 2);
      const [p1, p2] = [projectIds[0]!, projectIds[1]!];
      expect(await round.voiceCreditsOf(member.address)).to.equal(25n);
      const relayer = voting.accounts.frontRunner;
      const fromMember = await signBallot(round, member, ballot([p1, p2], [3n, 4n]));
      const fromBob = await signBallot(round, voting.accounts.bob, ballot([p2], [7n]));
      await expect(round.connect(relayer).castSignedBallots([fromMember, fromBob]))
        .to.emit(round, "BallotCast")
        .withArgs(member.address, [p1, p2], [3n, 4n], 25n, 25n);
      expect((await round.projectVotes(p2)).votes).to.equal(11n);
      expect(await ethers.provider.getBalance(member)).to.equal(0n);
    });

    it("can be used once: a replayed signature is refused", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const signed = await signBallot(round, voting.accounts.alice, ballot([projectIds[0]!], [2n]));
      await round.castSignedBallots([signed]);
      await expect(round.castSignedBallots([{ ...signed, previous: signed.next }]))
        .to.be.revertedWithCustomError(round, "InvalidAccountNonce")
        .withArgs(voting.accounts.alice.address, 1n);
    });

    it("replace only the ballot they were signed over: one given out earlier cannot undo a later ballot", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const { alice } = voting.accounts;
      const [p1, p2] = [projectIds[0]!, projectIds[1]!];
      const stale = await signBallot(round, alice, ballot([p1], [4n]));
      const later = ballot([p2], [3n]);
      await round.connect(alice).castBallot(NO_BALLOT, later, []);

      // Whoever holds the old signature knows the current ballot from its event, and tries it either way.
      await expect(round.castSignedBallots([{ ...stale, previous: later }]))
        .to.be.revertedWithCustomError(round, "InvalidSignature")
        .withArgs(alice.address);
      await expect(round.castSignedBallots([stale]))
        .to.be.revertedWithCustomError(round, "PreviousBallotMismatch")
        .withArgs(alice.address);
      expect(await round.ballotHashOf(alice)).to.equal(hashBallot(later));
      expect((await round.projectVotes(p1)).votes).to.equal(0n);

      // A ballot signed over the current one counts.
      await round.castSignedBallots([await signBallot(round, alice, ballot([p1], [4n]), later)]);
      expect((await round.projectVotes(p1)).votes).to.equal(4n);
      expect((await round.projectVotes(p2)).votes).to.equal(0n);
    });

    it("count only in the round they were signed for", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const other = await votingRoundInWindow(voting, 1);
      const signed = await signBallot(round, voting.accounts.alice, ballot([projectIds[0]!], [2n]));
      await expect(
        other.round.castSignedBallots([{ ...signed, next: ballot([other.projectIds[0]!], [2n]) }]),
      ).to.be.revertedWithCustomError(other.round, "InvalidSignature");
      await expect(other.round.castSignedBallots([signed])).to.be.revertedWithCustomError(
        other.round,
        "InvalidSignature",
      );
      expect(await other.round.totalVotes()).to.equal(0n);
    });

    it("are refused after their deadline or when someone else signed them", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const now = BigInt(await networkHelpers.time.latest());
      const expired = await signBallot(round, voting.accounts.alice, ballot([projectIds[0]!], [2n]), NO_BALLOT, {
        deadline: now,
      });
      await expect(round.castSignedBallots([expired]))
        .to.be.revertedWithCustomError(round, "SignatureExpired")
        .withArgs(now);
      const forged = await signBallot(round, voting.accounts.bob, ballot([projectIds[0]!], [2n]));
      await expect(round.castSignedBallots([{ ...forged, voter: voting.accounts.alice.address }]))
        .to.be.revertedWithCustomError(round, "InvalidSignature")
        .withArgs(voting.accounts.alice.address);
    });

    it("sign the digest the round publishes", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(openRound);
      const alice = voting.accounts.alice;
      const signed = await signBallot(round, alice, ballot([projectIds[0]!], [2n]));
      const digest = await round.signedBallotDigest(
        alice,
        hashBallot(signed.previous),
        signed.next,
        signed.nonce,
        signed.deadline,
      );
      expect(ethers.recoverAddress(digest, signed.signature)).to.equal(alice.address);
    });
  });

  describe("eligibility", () => {
    it("lets only the allowlist's members vote, each with its Merkle proof", async () => {
      const voting = await deployVoting();
      const { alice, bob } = voting.accounts;
      const tree = StandardMerkleTree.of([[alice.address], [voting.accounts.dave.address]], ["address"]);
      const rule = { ...OPEN, kind: EligibilityKind.Allowlist, key: tree.root };
      const { round, projectIds } = await votingRoundInWindow(voting, 1, { eligibility: rule });
      const proof = tree.getProof([alice.address]);
      expect(await round.isEligible(alice, proof)).to.equal(true);
      expect(await round.isEligible(bob, proof)).to.equal(false);
      await expect(round.connect(bob).castBallot(NO_BALLOT, ballot([projectIds[0]!], [1n]), proof))
        .to.be.revertedWithCustomError(round, "NotEligible")
        .withArgs(bob.address, EligibilityKind.Allowlist);
      await round.connect(alice).castBallot(NO_BALLOT, ballot([projectIds[0]!], [1n]), proof);
      expect((await round.eligibility()).key).to.equal(tree.root);
    });
  });

  describe("payouts", () => {
    async function votedAndEnded() {
      const fixture = await openRound();
      const { voting, round, projectIds, config } = fixture;
      const [p1, p2] = [projectIds[0]!, projectIds[1]!];
      await round.connect(voting.accounts.alice).castBallot(NO_BALLOT, ballot([p1, p2], [6n, 8n]), []);
      await round.connect(voting.accounts.bob).castBallot(NO_BALLOT, ballot([p1], [7n]), []);
      await round.connect(voting.accounts.carol).castBallot(NO_BALLOT, ballot([p1, p2], [3n, 4n]), []);
      await warpTo(config.votingEnd);
      return fixture;
    }

    it("finalize only from the end of the voting window", async () => {
      const { round, config } = await networkHelpers.loadFixture(openRound);
      await networkHelpers.time.setNextBlockTimestamp(config.votingEnd - 1n);
      await expect(round.finalize())
        .to.be.revertedWithCustomError(round, "VotingWindowNotEnded")
        .withArgs(config.votingEnd);
      await networkHelpers.time.setNextBlockTimestamp(config.votingEnd);
      await expect(round.finalize()).to.emit(round, "VotingRoundFinalized").withArgs(1_000_000_000n, 0n);
    });

    it("split the pool in proportion to the votes, each project pulling its share once", async () => {
      const { voting, round, projectIds } = await networkHelpers.loadFixture(votedAndEnded);
      const [p1, p2, p3] = [projectIds[0]!, projectIds[1]!, projectIds[2]!];
      await round.finalize();
      // 16 and 12 of 28 votes.
      const pool = 1_000_000_000n;
      expect(await round.estimatedPayout(p1)).to.equal((pool * 16n) / 28n);
      const owner = voting.accounts.projectOwner.address;
      await expect(round.claimPayout(p1))
        .to.emit(round, "PayoutClaimed")
        .withArgs(p1, owner, 0n, (pool * 16n) / 28n);
      await expect(round.claimPayout(p1)).to.be.revertedWithCustomError(round, "AlreadyPaid").withArgs(p1);
      await expect(round.claimPayouts([p1, p2, p3]))
        .to.emit(round, "PayoutClaimed")
        .withArgs(p2, owner, 0n, (pool * 12n) / 28n);
      const left = await voting.token.balanceOf(round);
      expect(left).to.equal(pool - (pool * 16n) / 28n - (pool * 12n) / 28n);
      expect(left).to.be.lessThanOrEqual(BigInt(projectIds.length));
      expect((await round.projectVotes(p3)).paid).to.equal(true);
    });

    it("return the whole pool to its funders when nobody voted", async () => {
      const { voting, round, config } = await networkHelpers.loadFixture(openRound);
      await warpTo(config.votingEnd);
      await round.finalize();
      const funder = voting.accounts.funder;
      await expect(round.connect(funder).claimLeftover())
        .to.emit(round, "LeftoverClaimed")
        .withArgs(funder.address, 1_000_000_000n);
      await expect(round.connect(funder).claimLeftover()).to.be.revertedWithCustomError(round, "NothingToClaim");
    });

    it("leave nothing to funders once votes were cast", async () => {
      const { voting, round } = await networkHelpers.loadFixture(votedAndEnded);
      await round.finalize();
      await expect(round.connect(voting.accounts.funder).claimLeftover())
        .to.emit(round, "LeftoverClaimed")
        .withArgs(voting.accounts.funder.address, 0n);
    });

    it("refund the pool to its funders after a cancellation", async () => {
      const { voting, round } = await networkHelpers.loadFixture(openRound);
      await round.connect(voting.accounts.steward).cancel();
      const funder = voting.accounts.funder;
      await expect(round.connect(funder).refundFunding()).to.changeTokenBalances(
        ethers,
        voting.token,
        [funder, round],
        [1_000_000_000n, -1_000_000_000n],
      );
    });

    it("finalize once, and pay only approved projects", async () => {
      const { voting, round, config } = await networkHelpers.loadFixture(openRound);
      const stranger = await registerProject(voting, voting.accounts.otherOwner);
      expect(await round.estimatedPayout(stranger)).to.equal(0n);
      await warpTo(config.votingEnd);
      await round.finalize();
      await expect(round.finalize())
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Finalized);
      await expect(round.claimPayout(stranger))
        .to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus")
        .withArgs(stranger, ApplicationStatus.None);
    });

    it("keep a payout claimable when the payout address refuses it, in a native-coin round", async () => {
      const voting = await deployVoting();
      const refusing = await ethers.deployContract("RefusingPayee", [1]);
      const { round, config } = await createVotingRound(voting, { payoutToken: ethers.ZeroAddress });
      await warpTo(config.applicationsStart);
      const owner = voting.accounts.projectOwner;
      const id = await voting.registry.connect(owner).registerProject.staticCall(1n, refusing, "ipfs://p");
      await voting.registry.connect(owner).registerProject(1n, refusing, "ipfs://p");
      await round.connect(owner).submitApplication(id, "ipfs://a");
      await round.connect(voting.accounts.steward).approveApplication(id, "");
      expect(await round.estimatedPayout(id)).to.equal(0n);
      await round.connect(voting.accounts.funder).fundMatchingPool(ETH(1), { value: ETH(1) });
      await warpTo(config.votingStart);
      await round.connect(voting.accounts.alice).castBallot(NO_BALLOT, ballot([id], [1n]), []);
      await warpTo(config.votingEnd);
      await round.finalize();
      await expect(round.claimPayout(id))
        .to.be.revertedWithCustomError(round, "PayoutFailed")
        .withArgs(id, await refusing.getAddress());
      await expect(round.claimPayouts([id]))
        .to.emit(round, "PayoutDeferred")
        .withArgs(id, await refusing.getAddress());
      expect((await round.projectVotes(id)).paid).to.equal(false);
      await refusing.setMode(0);
      await expect(round.claimPayout(id)).to.changeEtherBalance(ethers, refusing, ETH(1));
    });

    it("pay nothing and change nothing before finalization", async () => {
      const { round, projectIds } = await networkHelpers.loadFixture(votedAndEnded);
      await expect(round.claimPayout(projectIds[0]!))
        .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
        .withArgs(RoundStatus.Active);
    });
  });

  it("lasts a day past its voting window only if someone finalizes it: ballots stay refused", async () => {
    const { voting, round, projectIds, config } = await networkHelpers.loadFixture(openRound);
    await warpTo(config.votingEnd + DAY);
    await expect(
      round.connect(voting.accounts.alice).castBallot(NO_BALLOT, ballot([projectIds[0]!], [1n]), []),
    ).to.be.revertedWithCustomError(round, "OutsideVotingWindow");
  });
});
