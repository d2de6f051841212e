/**
 * Every time window of every contract, probed at the last second before its boundary, the boundary second and the
 * second after, with the transaction's block pinned to that second (`setNextBlockTimestamp`). Windows are half-open,
 * `[opens, closes)`; signature deadlines (signed ballots, EIP-2612 permits) are inclusive. Each table row is one
 * boundary of one window; each of its three cells says whether the action is accepted there or refused with which
 * error (and then that nothing changed). A cell an existing test already pins to that exact second, with the same
 * outcome and error arguments, names that test instead of repeating it. The snapshot of a block-number-clock voting
 * token is probed the same way in blocks.
 */
import { expect } from "chai";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import {
  DAY,
  ETH,
  NODE_ID,
  RoundStatus,
  USDC,
  ApplicationStatus,
  createRound,
  defaultWindows,
  deployHyphae,
  ethers,
  networkHelpers,
  registerProject,
  roundInDonationWindow,
  roundWithApprovedProjects,
  signPermit,
  warpTo,
} from "../helpers/hyphae.js";
import {
  CREDITS_PER_HOUR,
  ContributionStatus,
  LABOUR,
  attested,
  deployNetwork,
  openSeason,
  withPendingContribution,
} from "../helpers/network.js";
import {
  NO_BALLOT,
  OPEN,
  createVotingRound,
  deployVoting,
  signBallot,
  votingConfig,
  votingRoundInWindow,
} from "../helpers/voting.js";

/** What happens when the action lands in one of the three seconds (or blocks) around a boundary. */
type Cell<F> =
  | { accepted: (fixture: F, tx: ContractTransactionResponse) => Promise<void>; meaning?: string }
  | { refused: string; from?: (fixture: F) => BaseContract; args: (fixture: F, moment: bigint) => unknown[] }
  | { coveredBy: string };

/** One boundary of one window: the action tried around it, and what it may change. */
interface Boundary<F> {
  /** The boundary, as the contract names it. */
  name: string;
  action: string;
  fixture: () => Promise<F>;
  at: (fixture: F) => bigint;
  act: (fixture: F) => Promise<ContractTransactionResponse>;
  /** The contract called, whose errors a refusal is decoded with unless the cell names another. */
  subject: (fixture: F) => BaseContract;
  /** The state the action would change: identical before and after a refusal. */
  state: (fixture: F) => Promise<unknown>;
  /** The last second before, the boundary second, the second after (blocks, for a block-number boundary). */
  cells: readonly [Cell<F>, Cell<F>, Cell<F>];
  /** A boundary in block numbers rather than timestamps (a snapshot of a block-number-clock voting token). */
  inBlocks?: boolean;
}

const AROUND = [
  { offset: -1n, label: (unit: string) => `in the last ${unit} before` },
  { offset: 0n, label: (unit: string) => `in the boundary ${unit}` },
  { offset: 1n, label: (unit: string) => `in the ${unit} after` },
] as const;

function probe<F>(boundary: Boundary<F>) {
  describe(`${boundary.action} around ${boundary.name}`, () => {
    AROUND.forEach(({ offset, label }, index) => {
      const cell = boundary.cells[index]!;
      if ("coveredBy" in cell) return;
      const verdict =
        "accepted" in cell
          ? `is accepted${cell.meaning ? `, ${cell.meaning}` : ""}`
          : `is refused with ${cell.refused}`;
      const where = offset === 0n ? boundary.name : `${boundary.name} ${offset < 0n ? "−" : "+"} 1`;
      it(`${verdict} ${label(boundary.inBlocks ? "block" : "second")} (${where})`, async () => {
        const fixture = await networkHelpers.loadFixture(boundary.fixture);
        const moment = boundary.at(fixture) + offset;
        if (boundary.inBlocks) await networkHelpers.mineUpTo(moment - 1n);
        else await networkHelpers.time.setNextBlockTimestamp(moment);
        if ("accepted" in cell) {
          const tx = await boundary.act(fixture);
          const block = (await ethers.provider.getBlock((await tx.wait())!.blockNumber))!;
          expect(boundary.inBlocks ? block.number : block.timestamp).to.equal(Number(moment));
          await cell.accepted(fixture, tx);
          return;
        }
        const before = await boundary.state(fixture);
        const errors = (cell.from ?? boundary.subject)(fixture);
        await expect(boundary.act(fixture))
          .to.be.revertedWithCustomError(errors, cell.refused)
          .withArgs(...cell.args(fixture, moment));
        expect(await boundary.state(fixture)).to.deep.equal(before);
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Fixtures: each stops well before the boundary it is probed at.
// ---------------------------------------------------------------------------------------------------

/** A funding round before its applications open, and a project of `projectOwner` not yet applied. */
async function fundingRoundBeforeApplications() {
  const hyphae = await deployHyphae();
  const created = await createRound(hyphae);
  const projectId = await registerProject(hyphae, hyphae.accounts.projectOwner);
  return { hyphae, ...created, projectId };
}

/** A funding round with one approved project before donations open, and a second project pending review. */
async function fundingRoundBeforeDonations() {
  const hyphae = await deployHyphae();
  const prepared = await roundWithApprovedProjects(hyphae, 1);
  const pending = await registerProject(hyphae, hyphae.accounts.projectOwner);
  await prepared.round.connect(hyphae.accounts.projectOwner).submitApplication(pending, "ipfs://application");
  return { hyphae, ...prepared, projectId: prepared.projectIds[0]!, pending };
}

/** A funding round in its donation window, with a 100 CUSD pool and one donation to its one project. */
async function fundingRoundWithDonation() {
  const hyphae = await deployHyphae();
  const open = await roundInDonationWindow(hyphae, 1);
  const projectId = open.projectIds[0]!;
  await open.round.connect(hyphae.accounts.funder).fundMatchingPool(USDC(100));
  await open.round.connect(hyphae.accounts.alice).donate([projectId], [USDC(1)]);
  return { hyphae, ...open, projectId };
}

/** A funding round configuration whose donations end a week from now, not created yet. */
async function fundingRoundToCreate() {
  const hyphae = await deployHyphae();
  const config = { payoutToken: await hyphae.token.getAddress(), matchCapBps: 0, ...(await defaultWindows()) };
  return { hyphae, config };
}

/** A voting round before its applications open, and a project of `projectOwner` not yet applied. */
async function votingRoundBeforeApplications() {
  const voting = await deployVoting();
  const created = await createVotingRound(voting);
  const projectId = await registerProject(voting, voting.accounts.projectOwner);
  return { voting, ...created, projectId };
}

/** A voting round whose applications are open, with one project pending review. */
async function votingRoundWithPendingApplication() {
  const fixture = await votingRoundBeforeApplications();
  await warpTo(fixture.config.applicationsStart);
  await fixture.round.connect(fixture.voting.accounts.projectOwner).submitApplication(fixture.projectId, "ipfs://a");
  return fixture;
}

/** A voting round in its voting window, with one approved project and a 1,000 CUSD pool. */
async function votingRoundOpen() {
  const voting = await deployVoting();
  const open = await votingRoundInWindow(voting, 1);
  return { voting, ...open, projectId: open.projectIds[0]! };
}

/** A voting round configuration whose voting ends a week from now, not created yet. */
async function votingRoundToCreate() {
  const voting = await deployVoting();
  return { voting, config: await votingConfig(voting) };
}

/** A voting round before its snapshot, and `dave`, who holds no voting power yet, as his own delegate. */
async function votingRoundBeforeSnapshot() {
  const voting = await deployVoting();
  await voting.credits.connect(voting.accounts.dave).delegate(voting.accounts.dave);
  return { voting, ...(await createVotingRound(voting)) };
}

/**
 * A voting round on the block-number-clock token, of which alice holds 100 voice credits' worth, in its voting
 * window with one approved project, its snapshot a hundred blocks after its creation and not mined yet.
 */
async function blockSnapshotInVotingWindow() {
  const voting = await deployVoting();
  const { alice } = voting.accounts;
  await voting.blockVotes.mint(alice, ETH(100));
  await voting.blockVotes.connect(alice).delegate(alice);
  const snapshot = BigInt(await ethers.provider.getBlockNumber()) + 100n;
  const open = await votingRoundInWindow(voting, 1, { votingToken: await voting.blockVotes.getAddress(), snapshot });
  return { voting, ...open, projectId: open.projectIds[0]! };
}

/** Alice's signed ballot for the open voting round, valid until a day from now. */
async function signedBallotOpen() {
  const fixture = await votingRoundOpen();
  const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
  const ballot = { projectIds: [fixture.projectId], votes: [3n] };
  const signed = await signBallot(fixture.round, fixture.voting.accounts.alice, ballot, NO_BALLOT, { deadline });
  return { ...fixture, signed };
}

/** A funding round in its donation window, and a permit of `newcomer` (who approved nothing) for 5 CUSD. */
async function permitOpen() {
  const hyphae = await deployHyphae();
  const open = await roundInDonationWindow(hyphae, 1);
  const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
  const { newcomer } = hyphae.accounts;
  const permit = await signPermit(hyphae.token, newcomer, await open.round.getAddress(), USDC(5), deadline);
  return { hyphae, ...open, projectId: open.projectIds[0]!, permit };
}

/** A funded season closing ten days from now, with no round yet. */
async function seasonBeforeClose() {
  const network = await deployNetwork();
  const closesAt = BigInt(await networkHelpers.time.latest()) + 10n * DAY;
  const { token, season } = await openSeason(network, closesAt);
  const funder = network.accounts.outsider;
  await token.mint(funder, USDC(1_000));
  await token.connect(funder).approve(season, USDC(1_000));
  await season.connect(funder).fund(USDC(1_000));
  return { network, token, season, closesAt };
}

/** A network where a native-coin season closing a day from now is about to be created. */
async function seasonToCreate() {
  const network = await deployNetwork();
  return { network, closesAt: BigInt(await networkHelpers.time.latest()) + DAY };
}

/** A contribution of 12 hours' labour, credited by Cascadia's two stewards. */
async function attestedContribution() {
  const network = await withPendingContribution();
  await attested(network);
  const closesAt = (await network.ledger.contribution(1)).attestedAt + 14n * DAY;
  return { network, closesAt };
}

const PERIOD = 30n * DAY;

/** A contribution with one of its two attestations, and the start of a ledger period at least a period away. */
async function contributionBeforePeriodStart() {
  const network = await withPendingContribution();
  await network.ledger.connect(network.accounts.cascadiaSteward).attest(1);
  const periodStart = (BigInt(await networkHelpers.time.latest()) / PERIOD + 2n) * PERIOD;
  return { network, periodStart };
}

/** A contribution credited two days before a ledger period starts: its dispute window spans the period's start. */
async function creditedJustBeforePeriodStart() {
  const network = await withPendingContribution();
  const periodStart = (BigInt(await networkHelpers.time.latest()) / PERIOD + 2n) * PERIOD;
  await warpTo(periodStart - 2n * DAY);
  await attested(network);
  return { network, periodStart };
}

// ---------------------------------------------------------------------------------------------------
// What the tables read and expect
// ---------------------------------------------------------------------------------------------------

type FundingFixture = Awaited<ReturnType<typeof fundingRoundBeforeApplications>>;
type VotingFixture = Awaited<ReturnType<typeof votingRoundBeforeApplications>>;

const applicationState = async ({ round, projectId }: FundingFixture | VotingFixture) => [
  await round.applicationMetadata(projectId),
  (await round.approvedProjectIds()).length,
];

const fundingApplicationPending = async ({ round, projectId }: FundingFixture) => {
  expect((await round.projectTally(projectId)).status).to.equal(ApplicationStatus.Pending);
};

const votingApplicationPending = async ({ round, projectId }: VotingFixture) => {
  expect((await round.projectVotes(projectId)).status).to.equal(ApplicationStatus.Pending);
};

const outsideApplicationWindow = ({ config }: { config: { applicationsStart: bigint; applicationsEnd: bigint } }) => [
  config.applicationsStart,
  config.applicationsEnd,
];

type DonationFixture = Awaited<ReturnType<typeof fundingRoundBeforeDonations>>;

const donationState = async ({ hyphae, round, projectId }: DonationFixture) => [
  await round.contributionOf(projectId, hyphae.accounts.alice),
  (await round.projectTally(projectId)).contributors,
  await hyphae.token.balanceOf(round),
];

const donationRecorded = async ({ hyphae, round, projectId }: DonationFixture) => {
  expect(await round.contributionOf(projectId, hyphae.accounts.alice)).to.equal(USDC(1));
  expect(await hyphae.token.balanceOf(round)).to.equal(USDC(1));
};

const outsideDonationWindow = ({ config }: DonationFixture) => [config.donationsStart, config.donationsEnd];

const fundingFinalized = async ({ round }: { round: DonationFixture["round"] }) => {
  expect(await round.status()).to.equal(RoundStatus.Finalized);
};

type OpenVotingFixture = Awaited<ReturnType<typeof votingRoundOpen>>;

const aliceBallot = ({ projectId }: OpenVotingFixture) => ({ projectIds: [projectId], votes: [1n] });

const ballotState = async ({ voting, round, projectId }: OpenVotingFixture) => [
  await round.ballotHashOf(voting.accounts.alice),
  await round.totalVotes(),
  (await round.projectVotes(projectId)).voters,
];

const aliceVoted = async (fixture: OpenVotingFixture) => {
  expect(await fixture.round.ballotHashOf(fixture.voting.accounts.alice)).to.equal(
    await fixture.round.hashBallot(aliceBallot(fixture)),
  );
  expect(await fixture.round.totalVotes()).to.equal(1n);
};

const outsideVotingWindow = ({ config }: OpenVotingFixture) => [config.votingStart, config.votingEnd];

// ---------------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------------

describe("Window boundaries, to the second", () => {
  describe("a quadratic funding round", () => {
    probe({
      name: "applicationsStart",
      action: "an application",
      fixture: fundingRoundBeforeApplications,
      at: ({ config }) => config.applicationsStart,
      act: ({ hyphae, round, projectId }) =>
        round.connect(hyphae.accounts.projectOwner).submitApplication(projectId, "ipfs://application"),
      subject: ({ round }) => round,
      state: applicationState,
      cells: [
        { refused: "OutsideApplicationWindow", args: outsideApplicationWindow },
        { accepted: fundingApplicationPending },
        { accepted: fundingApplicationPending },
      ],
    });

    probe({
      name: "applicationsEnd",
      action: "an application",
      fixture: fundingRoundBeforeApplications,
      at: ({ config }) => config.applicationsEnd,
      act: ({ hyphae, round, projectId }) =>
        round.connect(hyphae.accounts.projectOwner).submitApplication(projectId, "ipfs://application"),
      subject: ({ round }) => round,
      state: applicationState,
      cells: [
        { coveredBy: 'QuadraticFundingRound.applications.test.ts › "accepts an application in the last second…"' },
        { refused: "OutsideApplicationWindow", args: outsideApplicationWindow },
        { refused: "OutsideApplicationWindow", args: outsideApplicationWindow },
      ],
    });

    probe({
      name: "donationsStart",
      action: "a donation",
      fixture: fundingRoundBeforeDonations,
      at: ({ config }) => config.donationsStart,
      act: ({ hyphae, round, projectId }) => round.connect(hyphae.accounts.alice).donate([projectId], [USDC(1)]),
      subject: ({ round }) => round,
      state: donationState,
      cells: [
        { refused: "OutsideDonationWindow", args: outsideDonationWindow },
        { accepted: donationRecorded },
        { accepted: donationRecorded },
      ],
    });

    probe({
      name: "donationsEnd",
      action: "a donation",
      fixture: fundingRoundBeforeDonations,
      at: ({ config }) => config.donationsEnd,
      act: ({ hyphae, round, projectId }) => round.connect(hyphae.accounts.alice).donate([projectId], [USDC(1)]),
      subject: ({ round }) => round,
      state: donationState,
      cells: [
        { coveredBy: 'QuadraticFundingRound.donations.test.ts › "accepts donations from the window\'s first second…"' },
        { refused: "OutsideDonationWindow", args: outsideDonationWindow },
        { refused: "OutsideDonationWindow", args: outsideDonationWindow },
      ],
    });

    const approvedLate = async ({ round, pending }: DonationFixture) => {
      expect((await round.projectTally(pending)).status).to.equal(ApplicationStatus.Approved);
    };
    probe({
      name: "donationsEnd",
      action: "a review",
      fixture: fundingRoundBeforeDonations,
      at: ({ config }) => config.donationsEnd,
      act: ({ hyphae, round, pending }) => round.connect(hyphae.accounts.steward).approveApplication(pending, ""),
      subject: ({ round }) => round,
      state: async ({ round, pending }) => [
        (await round.projectTally(pending)).status,
        await round.approvedProjectIds(),
      ],
      cells: [
        { accepted: approvedLate },
        { refused: "ReviewClosed", args: ({ config }) => [config.donationsEnd] },
        { refused: "ReviewClosed", args: ({ config }) => [config.donationsEnd] },
      ],
    });

    probe({
      name: "donationsEnd",
      action: "finalize",
      fixture: fundingRoundWithDonation,
      at: ({ config }) => config.donationsEnd,
      act: ({ round }) => round.finalize(),
      subject: ({ round }) => round,
      state: async ({ round }) => round.status(),
      cells: [
        { coveredBy: 'QuadraticFundingRound.settlement.test.ts › "cannot happen before the donation window ends"' },
        { accepted: fundingFinalized },
        { accepted: fundingFinalized },
      ],
    });

    const roundCreated = async ({ hyphae }: Awaited<ReturnType<typeof fundingRoundToCreate>>) => {
      expect(await hyphae.factory.roundCount()).to.equal(1n);
    };
    probe({
      name: "donationsEnd",
      action: "creating the round",
      fixture: fundingRoundToCreate,
      at: ({ config }) => config.donationsEnd,
      act: ({ hyphae, config }) =>
        hyphae.factory.connect(hyphae.accounts.steward).createRound(NODE_ID, config, "ipfs://round"),
      subject: ({ hyphae }) => hyphae.factory,
      state: async ({ hyphae }) => hyphae.factory.roundCount(),
      cells: [
        { accepted: roundCreated },
        { coveredBy: 'RoundFactory.test.ts › "a donation window that has already ended"' },
        { refused: "DonationWindowInPast", args: ({ config }, second) => [config.donationsEnd, second] },
      ],
    });
  });

  describe("a quadratic voting round", () => {
    probe({
      name: "applicationsStart",
      action: "an application",
      fixture: votingRoundBeforeApplications,
      at: ({ config }) => config.applicationsStart,
      act: ({ voting, round, projectId }) =>
        round.connect(voting.accounts.projectOwner).submitApplication(projectId, "ipfs://application"),
      subject: ({ round }) => round,
      state: applicationState,
      cells: [
        { refused: "OutsideApplicationWindow", args: outsideApplicationWindow },
        { accepted: votingApplicationPending },
        { accepted: votingApplicationPending },
      ],
    });

    probe({
      name: "applicationsEnd",
      action: "an application",
      fixture: votingRoundBeforeApplications,
      at: ({ config }) => config.applicationsEnd,
      act: ({ voting, round, projectId }) =>
        round.connect(voting.accounts.projectOwner).submitApplication(projectId, "ipfs://application"),
      subject: ({ round }) => round,
      state: applicationState,
      cells: [
        { accepted: votingApplicationPending },
        { refused: "OutsideApplicationWindow", args: outsideApplicationWindow },
        { refused: "OutsideApplicationWindow", args: outsideApplicationWindow },
      ],
    });

    const votingApproved = async ({ round, projectId }: VotingFixture) => {
      expect((await round.projectVotes(projectId)).status).to.equal(ApplicationStatus.Approved);
    };
    probe({
      name: "votingEnd",
      action: "a review",
      fixture: votingRoundWithPendingApplication,
      at: ({ config }) => config.votingEnd,
      act: ({ voting, round, projectId }) => round.connect(voting.accounts.steward).approveApplication(projectId, ""),
      subject: ({ round }) => round,
      state: async ({ round, projectId }) => [
        (await round.projectVotes(projectId)).status,
        await round.approvedProjectIds(),
      ],
      cells: [
        { accepted: votingApproved },
        { refused: "ReviewClosed", args: ({ config }) => [config.votingEnd] },
        { refused: "ReviewClosed", args: ({ config }) => [config.votingEnd] },
      ],
    });

    probe({
      name: "votingStart",
      action: "a ballot",
      fixture: votingRoundOpen,
      at: ({ config }) => config.votingStart,
      act: (fixture) =>
        fixture.round.connect(fixture.voting.accounts.alice).castBallot(NO_BALLOT, aliceBallot(fixture), []),
      subject: ({ round }) => round,
      state: ballotState,
      cells: [
        {
          coveredBy: 'voting/QuadraticVotingRound.test.ts › "are accepted from the first second of the voting window…"',
        },
        {
          coveredBy: 'voting/QuadraticVotingRound.test.ts › "are accepted from the first second of the voting window…"',
        },
        { accepted: aliceVoted },
      ],
    });

    probe({
      name: "votingEnd",
      action: "a ballot",
      fixture: votingRoundOpen,
      at: ({ config }) => config.votingEnd,
      act: (fixture) =>
        fixture.round.connect(fixture.voting.accounts.alice).castBallot(NO_BALLOT, aliceBallot(fixture), []),
      subject: ({ round }) => round,
      state: ballotState,
      cells: [
        {
          coveredBy: 'voting/QuadraticVotingRound.test.ts › "are accepted from the first second of the voting window…"',
        },
        { refused: "OutsideVotingWindow", args: outsideVotingWindow },
        { refused: "OutsideVotingWindow", args: outsideVotingWindow },
      ],
    });

    probe({
      name: "votingEnd",
      action: "finalize",
      fixture: votingRoundOpen,
      at: ({ config }) => config.votingEnd,
      act: ({ round }) => round.finalize(),
      subject: ({ round }) => round,
      state: async ({ round }) => round.status(),
      cells: [
        { coveredBy: 'voting/QuadraticVotingRound.test.ts › "finalize only from the end of the voting window"' },
        { coveredBy: 'voting/QuadraticVotingRound.test.ts › "finalize only from the end of the voting window"' },
        {
          accepted: async ({ round }) => {
            expect(await round.status()).to.equal(RoundStatus.Finalized);
          },
        },
      ],
    });

    // Budgets read the voting token at the snapshot, inclusive: power gained in the snapshot's own second counts.
    const creditsAtVoting =
      (expected: bigint) => async (fixture: Awaited<ReturnType<typeof votingRoundBeforeSnapshot>>) => {
        // Any moment after the snapshot reads the same budget; the end of voting is after every cell.
        await warpTo(fixture.config.votingEnd);
        expect(await fixture.round.voiceCreditsOf(fixture.voting.accounts.dave)).to.equal(expected);
      };
    probe({
      name: "snapshot",
      action: "voting power gained",
      fixture: votingRoundBeforeSnapshot,
      at: ({ config }) => config.snapshot,
      act: ({ voting }) => voting.credits.mint(voting.accounts.dave, ETH(9)),
      subject: ({ voting }) => voting.credits,
      state: async ({ voting }) => voting.credits.getVotes(voting.accounts.dave),
      cells: [
        { accepted: creditsAtVoting(9n), meaning: "and counts in the round's budgets" },
        { accepted: creditsAtVoting(9n), meaning: "and counts in the round's budgets" },
        { accepted: creditsAtVoting(0n), meaning: "but counts nothing in the round's budgets" },
      ],
    });

    // A block-number-clock token cannot be checked against the voting window, whose ends are timestamps: the
    // factory takes any snapshot block, and until it is mined the token refuses every budget, ballots included.
    probe({
      name: "the snapshot block",
      action: "a ballot in a round of a block-number-clock token",
      inBlocks: true,
      fixture: blockSnapshotInVotingWindow,
      at: ({ config }) => config.snapshot,
      act: ({ voting, round, projectId }) =>
        round.connect(voting.accounts.alice).castBallot(NO_BALLOT, { projectIds: [projectId], votes: [10n] }, []),
      subject: ({ round }) => round,
      state: async ({ voting, round }) => [await round.ballotHashOf(voting.accounts.alice), await round.totalVotes()],
      cells: [
        {
          refused: "ERC5805FutureLookup",
          from: ({ voting }) => voting.blockVotes,
          args: ({ config }, block) => [config.snapshot, block],
        },
        {
          refused: "ERC5805FutureLookup",
          from: ({ voting }) => voting.blockVotes,
          args: ({ config }, block) => [config.snapshot, block],
        },
        {
          accepted: async ({ round }) => {
            expect(await round.totalVotes()).to.equal(10n);
          },
        },
      ],
    });

    const votingRoundCreated = async ({ voting }: Awaited<ReturnType<typeof votingRoundToCreate>>) => {
      expect(await voting.votingFactory.roundCount()).to.equal(1n);
    };
    probe({
      name: "votingEnd",
      action: "creating the round",
      fixture: votingRoundToCreate,
      at: ({ config }) => config.votingEnd,
      act: ({ voting, config }) =>
        voting.votingFactory.connect(voting.accounts.steward).createVotingRound(NODE_ID, config, "ipfs://voting-round"),
      subject: ({ voting }) => voting.votingFactory,
      state: async ({ voting }) => voting.votingFactory.roundCount(),
      cells: [
        { accepted: votingRoundCreated },
        { refused: "VotingWindowInPast", args: ({ config }, second) => [config.votingEnd, second] },
        { refused: "VotingWindowInPast", args: ({ config }, second) => [config.votingEnd, second] },
      ],
    });

    const signedBallotCounted = async ({ voting, round, signed }: Awaited<ReturnType<typeof signedBallotOpen>>) => {
      expect(await round.ballotHashOf(voting.accounts.alice)).to.equal(await round.hashBallot(signed.next));
      expect(await round.nonces(voting.accounts.alice)).to.equal(1n);
    };
    probe({
      name: "the deadline",
      action: "a signed ballot",
      fixture: signedBallotOpen,
      at: ({ signed }) => signed.deadline,
      act: ({ voting, round, signed }) => round.connect(voting.accounts.bob).castSignedBallots([signed]),
      subject: ({ round }) => round,
      state: async ({ voting, round }) => [
        await round.ballotHashOf(voting.accounts.alice),
        await round.nonces(voting.accounts.alice),
        await round.totalVotes(),
      ],
      cells: [
        { accepted: signedBallotCounted },
        { accepted: signedBallotCounted },
        { refused: "SignatureExpired", args: ({ signed }) => [signed.deadline] },
      ],
    });
  });

  describe("EIP-2612 permits taken by a funding round", () => {
    type PermitFixture = Awaited<ReturnType<typeof permitOpen>>;
    const permitState = async ({ hyphae, round }: PermitFixture) => [
      await hyphae.token.balanceOf(hyphae.accounts.newcomer),
      await hyphae.token.balanceOf(round),
      await hyphae.token.nonces(hyphae.accounts.newcomer),
      await round.matchingPool(),
    ];
    // An expired permit is not an error of its own: the round swallows the token's refusal (a front-run permit
    // must not block the call), and the transfer then finds no allowance.
    const noAllowance = ({ round }: PermitFixture) => [round.target, 0n, USDC(5)];
    const paidFivePermitted = async ({ hyphae, round }: PermitFixture) => {
      expect(await hyphae.token.balanceOf(round)).to.equal(USDC(5));
      expect(await hyphae.token.nonces(hyphae.accounts.newcomer)).to.equal(1n);
    };

    probe({
      name: "the permit's deadline",
      action: "a donation with a permit",
      fixture: permitOpen,
      at: ({ permit }) => permit.deadline,
      act: ({ hyphae, round, projectId, permit }) =>
        round.connect(hyphae.accounts.newcomer).donateWithPermit([projectId], [USDC(5)], permit, []),
      subject: ({ round }) => round,
      state: permitState,
      cells: [
        { accepted: paidFivePermitted },
        { accepted: paidFivePermitted },
        { refused: "ERC20InsufficientAllowance", from: ({ hyphae }) => hyphae.token, args: noAllowance },
      ],
    });

    probe({
      name: "the permit's deadline",
      action: "pool funding with a permit",
      fixture: permitOpen,
      at: ({ permit }) => permit.deadline,
      act: ({ hyphae, round, permit }) =>
        round.connect(hyphae.accounts.newcomer).fundMatchingPoolWithPermit(USDC(5), permit),
      subject: ({ round }) => round,
      state: permitState,
      cells: [
        { accepted: paidFivePermitted },
        { accepted: paidFivePermitted },
        { refused: "ERC20InsufficientAllowance", from: ({ hyphae }) => hyphae.token, args: noAllowance },
      ],
    });
  });

  describe("a co-matching season", () => {
    type SeasonFixture = Awaited<ReturnType<typeof seasonBeforeClose>>;

    const settled = async ({ season }: SeasonFixture) => {
      expect(await season.isSettled()).to.equal(true);
      // No round joined: the whole pool goes back to its funder.
      expect(await season.returned()).to.equal(USDC(1_000));
    };
    probe({
      name: "closesAt",
      action: "settle",
      fixture: seasonBeforeClose,
      at: ({ closesAt }) => closesAt,
      act: ({ season }) => season.settle(),
      subject: ({ season }) => season,
      state: async ({ season }) => [await season.isSettled(), await season.returned()],
      cells: [
        { refused: "SeasonNotOver", args: ({ closesAt }) => [closesAt] },
        { accepted: settled },
        { accepted: settled },
      ],
    });

    // The latest round a season takes ends its donations at the season's close; from the close on, no round can
    // end its donations by the close and in the future, so none joins a season that may already have settled.
    const joinAtClose = async ({ network, token, season, closesAt }: SeasonFixture) => {
      const config = {
        payoutToken: await token.getAddress(),
        applicationsStart: closesAt - 3n * DAY,
        applicationsEnd: closesAt - 2n * DAY,
        donationsStart: closesAt - 2n * DAY,
        donationsEnd: closesAt,
        matchCapBps: 0,
      };
      const rules = { eligibility: OPEN, minCountedDonation: 0n, countedContributionCap: 0n };
      const links = { commonsShareBps: 0, season: await season.getAddress() };
      return network.factory
        .connect(network.accounts.cascadiaSteward)
        .createLinkedRound(2n, config, rules, links, "ipfs://round");
    };
    probe({
      name: "closesAt",
      action: "a round joining, its donations ending at the close",
      fixture: seasonBeforeClose,
      at: ({ closesAt }) => closesAt,
      act: joinAtClose,
      subject: ({ network }) => network.factory,
      state: async ({ season, network }) => [await season.rounds(), await network.factory.roundCount()],
      cells: [
        {
          accepted: async ({ season, network }) => {
            expect([...(await season.rounds())]).to.deep.equal([...(await network.factory.rounds(0n, 1n))]);
          },
        },
        { refused: "DonationWindowInPast", args: ({ closesAt }, second) => [closesAt, second] },
        { refused: "DonationWindowInPast", args: ({ closesAt }, second) => [closesAt, second] },
      ],
    });

    type CreationFixture = Awaited<ReturnType<typeof seasonToCreate>>;
    probe({
      name: "closesAt",
      action: "creating the season",
      fixture: seasonToCreate,
      at: ({ closesAt }) => closesAt,
      act: ({ network, closesAt }) =>
        network.factory
          .connect(network.accounts.commonsSteward)
          .createSeason(1n, ethers.ZeroAddress, closesAt, "ipfs://season"),
      subject: ({ network }) => network.factory,
      state: async ({ network }) => network.factory.seasons(0n, 10n),
      cells: [
        {
          accepted: async ({ network }: CreationFixture) => {
            expect(await network.factory.seasons(0n, 10n)).to.have.length(1);
          },
        },
        { refused: "SeasonCloseInPast", args: ({ closesAt }) => [closesAt] },
        { refused: "SeasonCloseInPast", args: ({ closesAt }) => [closesAt] },
      ],
    });
  });

  describe("the contribution ledger", () => {
    type AttestedFixture = Awaited<ReturnType<typeof attestedContribution>>;
    const contributionState = async ({ network }: AttestedFixture) => {
      const { ledger, credits, accounts } = network;
      return [
        (await ledger.contribution(1)).status,
        await ledger.unclaimedCredits(accounts.contributor),
        await credits.totalSupply(),
      ];
    };

    probe({
      name: "attestedAt + 14 days",
      action: "a dispute",
      fixture: attestedContribution,
      at: ({ closesAt }) => closesAt,
      act: ({ network }) => network.ledger.connect(network.accounts.outsider).dispute(1, "ipfs://not-done"),
      subject: ({ network }) => network.ledger,
      state: contributionState,
      cells: [
        {
          accepted: async ({ network }, tx) => {
            await expect(tx)
              .to.emit(network.ledger, "ContributionDisputed")
              .withArgs(1n, network.accounts.outsider.address, "ipfs://not-done");
          },
        },
        {
          coveredBy:
            'network/ContributionLedger.test.ts › "lets anyone dispute within the window, and closes disputes and revocations after it"',
        },
        { refused: "DisputeWindowClosed", args: ({ closesAt }) => [1n, closesAt] },
      ],
    });

    probe({
      name: "attestedAt + 14 days",
      action: "a revocation",
      fixture: attestedContribution,
      at: ({ closesAt }) => closesAt,
      act: ({ network }) => network.ledger.connect(network.accounts.cascadiaSteward).revoke(1, "ipfs://outcome"),
      subject: ({ network }) => network.ledger,
      state: contributionState,
      cells: [
        {
          accepted: async ({ network }) => {
            expect((await network.ledger.contribution(1)).status).to.equal(BigInt(ContributionStatus.Revoked));
            expect(await network.ledger.unclaimedCredits(network.accounts.contributor)).to.equal(0n);
          },
        },
        { refused: "DisputeWindowClosed", args: ({ closesAt }) => [1n, closesAt] },
        { refused: "DisputeWindowClosed", args: ({ closesAt }) => [1n, closesAt] },
      ],
    });

    const TWELVE_HOURS = 12n * CREDITS_PER_HOUR;
    type PeriodFixture = Awaited<ReturnType<typeof contributionBeforePeriodStart>>;
    const creditedInPeriod =
      (lastPeriod: bigint, newPeriod: bigint) =>
      async ({ network, periodStart }: PeriodFixture) => {
        const { ledger, accounts, CASCADIA } = network;
        const period = periodStart / PERIOD;
        expect(await ledger.nodeCreditsInPeriod(CASCADIA, period - 1n)).to.equal(lastPeriod);
        expect(await ledger.nodeCreditsInPeriod(CASCADIA, period)).to.equal(newPeriod);
        expect(await ledger.contributorCreditsInPeriod(accounts.contributor, period - 1n)).to.equal(lastPeriod);
        expect(await ledger.contributorCreditsInPeriod(accounts.contributor, period)).to.equal(newPeriod);
      };
    probe({
      name: "a period's start",
      action: "the attestation that credits a contribution",
      fixture: contributionBeforePeriodStart,
      at: ({ periodStart }) => periodStart,
      act: ({ network }) => network.ledger.connect(network.accounts.secondCascadiaSteward).attest(1),
      subject: ({ network }) => network.ledger,
      state: async ({ network }) => network.ledger.contribution(1),
      cells: [
        { accepted: creditedInPeriod(TWELVE_HOURS, 0n), meaning: "crediting the period that ends" },
        { accepted: creditedInPeriod(0n, TWELVE_HOURS), meaning: "crediting the period that starts" },
        { accepted: creditedInPeriod(0n, TWELVE_HOURS), meaning: "crediting the period that starts" },
      ],
    });

    // A revocation takes the credits back from the period they were credited in, whenever it happens.
    const takenBackFromCreditingPeriod = async ({ network, periodStart }: PeriodFixture) => {
      await creditedInPeriod(0n, 0n)({ network, periodStart });
      const total = await network.ledger.nodeTotal(network.CASCADIA, LABOUR);
      expect([total.quantity, total.credits]).to.deep.equal([0n, 0n]);
    };
    probe({
      name: "the next period's start",
      action: "a revocation of credits of the previous period",
      fixture: creditedJustBeforePeriodStart,
      at: ({ periodStart }) => periodStart,
      act: ({ network }) => network.ledger.connect(network.accounts.cascadiaSteward).revoke(1, "ipfs://outcome"),
      subject: ({ network }) => network.ledger,
      state: async ({ network }) => network.ledger.contribution(1),
      cells: [
        { accepted: takenBackFromCreditingPeriod, meaning: "taking the credits from the previous period" },
        { accepted: takenBackFromCreditingPeriod, meaning: "taking the credits from the previous period" },
        { accepted: takenBackFromCreditingPeriod, meaning: "taking the credits from the previous period" },
      ],
    });
  });
});
