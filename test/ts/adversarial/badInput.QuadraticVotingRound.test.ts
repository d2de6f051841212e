/**
 * Bad input to the state-changing entry points of a quadratic voting round (its own and those it shares with every
 * round, from ProjectRound) that the round's own tests do not already cover (ENTRY_POINTS.md lists those): project
 * ids of nothing or of applications not approved, uneven ballots, previous ballots that are not the voter's,
 * signatures for another chain, malformed or out of turn, zero amounts and coin sent to a token round. Each is
 * refused with its exact error, and the votes, ballots, nonces, pool and balances are left as they were.
 */
import {
  ApplicationStatus,
  ETH,
  NODE_ID,
  USDC,
  ethers,
  networkHelpers,
  registerProject,
  warpTo,
} from "../helpers/hyphae.js";
import { type BadInput, expectAcceptedUnchanged, itRefusesEach } from "../helpers/refusal.js";
import { type Ballot, createVotingRound, deployVoting, signBallot, votingRoundInWindow } from "../helpers/voting.js";

const UNSIGNED_PERMIT = { value: USDC(5), deadline: 0n, v: 27, r: ethers.ZeroHash, s: ethers.ZeroHash };
const NEVER_REGISTERED = 99n;

/**
 * A voting round in its window (applications still open) with three approved projects and a 1,000 CUSD pool, alice's
 * ballot of 3 votes on the first; a fourth project's application is pending and a fifth never applied.
 */
async function roundWithBallot() {
  const voting = await deployVoting();
  const { round, config, projectIds } = await votingRoundInWindow(voting, 3);
  const { alice, projectOwner } = voting.accounts;
  const [first, second, third] = projectIds as [bigint, bigint, bigint];
  const aliceBallot: Ballot = { projectIds: [first], votes: [3n] };
  await round.connect(alice).castBallot({ projectIds: [], votes: [] }, aliceBallot, []);
  const pending = await registerProject(voting, projectOwner);
  await round.connect(projectOwner).submitApplication(pending, "ipfs://application");
  const neverApplied = await registerProject(voting, projectOwner);
  return { ...voting, round, config, first, second, third, aliceBallot, pending, neverApplied };
}

type Votes = Awaited<ReturnType<typeof roundWithBallot>>;

async function finalizedRound() {
  const context = await roundWithBallot();
  await warpTo(context.config.votingEnd);
  await context.round.finalize();
  return context;
}

async function cancelledRound() {
  const context = await roundWithBallot();
  await context.round.connect(context.accounts.steward).cancel();
  return context;
}

async function roundState({ round, token, accounts, first, second, third, pending, neverApplied }: Votes) {
  const { funder, alice, bob, newcomer, projectOwner } = accounts;
  const projects = [first, second, third, pending, neverApplied, 0n];
  return {
    status: await round.status(),
    totalVotes: await round.totalVotes(),
    projects: await Promise.all(projects.map((id) => round.projectVotes(id))),
    applications: await Promise.all(projects.map((id) => round.applicationMetadata(id))),
    ballots: await Promise.all([alice, bob].map((voter) => round.ballotHashOf(voter))),
    nonces: await Promise.all([alice, bob].map((voter) => round.nonces(voter))),
    pool: await round.matchingPool(),
    funded: await Promise.all([funder, alice].map((account) => round.funderAccount(account))),
    balances: await Promise.all([round, funder, alice, newcomer, projectOwner].map((a) => token.balanceOf(a))),
  };
}

const NO_BALLOT: Ballot = { projectIds: [], votes: [] };

/** A voting round paying out in the native coin, with a 10 ETH pool from the funder. */
async function nativeVotingRound() {
  const voting = await deployVoting();
  const { round } = await createVotingRound(voting, { payoutToken: ethers.ZeroAddress });
  await round.connect(voting.accounts.funder).fundMatchingPool(ETH(10), { value: ETH(10) });
  return { ...voting, round };
}

type NativeVotes = Awaited<ReturnType<typeof nativeVotingRound>>;

async function nativeRoundState({ round, accounts }: NativeVotes) {
  return {
    pool: await round.matchingPool(),
    funded: await round.funderAccount(accounts.funder),
    roundBalance: await ethers.provider.getBalance(round),
  };
}

const openRoundInputs: BadInput<Votes>[] = [
  {
    entryPoint: "castBallot",
    input: "project id 0",
    attempt: ({ round, accounts }) =>
      round.connect(accounts.bob).castBallot(NO_BALLOT, { projectIds: [0n], votes: [1n] }, []),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: () => [0n, ApplicationStatus.None],
  },
  {
    entryPoint: "castBallot",
    input: "a project whose application is pending",
    attempt: ({ round, accounts, pending }) =>
      round.connect(accounts.bob).castBallot(NO_BALLOT, { projectIds: [pending], votes: [1n] }, []),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ pending }) => [pending, ApplicationStatus.Pending],
  },
  {
    entryPoint: "castBallot",
    input: "votes without projects",
    attempt: ({ round, accounts }) =>
      round.connect(accounts.bob).castBallot(NO_BALLOT, { projectIds: [], votes: [1n] }, []),
    declaredBy: ({ round }) => round,
    error: "InvalidBatch",
    args: () => [0n, 1n],
  },
  {
    entryPoint: "castBallot",
    input: "the voter's previous ballot with a vote added that it never cast",
    attempt: ({ round, accounts, first, aliceBallot }) =>
      round
        .connect(accounts.alice)
        .castBallot({ ...aliceBallot, votes: [...aliceBallot.votes, 1n] }, { projectIds: [first], votes: [1n] }, []),
    declaredBy: ({ round }) => round,
    error: "PreviousBallotMismatch",
    args: ({ accounts }) => [accounts.alice.address],
  },
  {
    entryPoint: "castSignedBallots",
    input: "a ballot signed for another chain",
    attempt: async ({ round, accounts, first }) =>
      round.castSignedBallots([
        await signBallot(round, accounts.bob, { projectIds: [first], votes: [1n] }, NO_BALLOT, { chainId: 1n }),
      ]),
    declaredBy: ({ round }) => round,
    error: "InvalidSignature",
    args: ({ accounts }) => [accounts.bob.address],
  },
  {
    entryPoint: "castSignedBallots",
    input: "a signature of two bytes",
    attempt: async ({ round, accounts, first }) => {
      const signed = await signBallot(round, accounts.bob, { projectIds: [first], votes: [1n] });
      return round.castSignedBallots([{ ...signed, signature: "0x1b1b" }]);
    },
    declaredBy: ({ round }) => round,
    error: "InvalidSignature",
    args: ({ accounts }) => [accounts.bob.address],
  },
  {
    entryPoint: "castSignedBallots",
    input: "a signature of 65 zero bytes",
    attempt: async ({ round, accounts, first }) => {
      const signed = await signBallot(round, accounts.bob, { projectIds: [first], votes: [1n] });
      return round.castSignedBallots([{ ...signed, signature: ethers.zeroPadBytes("0x", 65) }]);
    },
    declaredBy: ({ round }) => round,
    error: "InvalidSignature",
    args: ({ accounts }) => [accounts.bob.address],
  },
  {
    entryPoint: "castSignedBallots",
    input: "a nonce ahead of the voter's",
    attempt: async ({ round, accounts, first }) =>
      round.castSignedBallots([
        await signBallot(round, accounts.bob, { projectIds: [first], votes: [1n] }, NO_BALLOT, { nonce: 1n }),
      ]),
    declaredBy: ({ round }) => round,
    error: "InvalidAccountNonce",
    args: ({ accounts }) => [accounts.bob.address, 0n],
  },
  {
    entryPoint: "castSignedBallots",
    input: "a batch whose second ballot has expired (the first does not count either)",
    attempt: async ({ round, config, accounts, first }) => {
      const valid = await signBallot(round, accounts.bob, { projectIds: [first], votes: [1n] });
      const expired = await signBallot(round, accounts.carol, { projectIds: [first], votes: [1n] }, NO_BALLOT, {
        deadline: config.votingStart - 1n,
      });
      return round.castSignedBallots([valid, expired]);
    },
    declaredBy: ({ round }) => round,
    error: "SignatureExpired",
    args: ({ config }) => [config.votingStart - 1n],
  },
  {
    entryPoint: "castSignedBallots",
    input: "a signed ballot naming a project twice",
    attempt: async ({ round, accounts, first }) =>
      round.castSignedBallots([await signBallot(round, accounts.bob, { projectIds: [first, first], votes: [1n, 1n] })]),
    declaredBy: ({ round }) => round,
    error: "BallotNotSorted",
    args: () => [1n],
  },
  {
    entryPoint: "fundMatchingPool",
    input: "an amount of zero",
    attempt: ({ round, accounts }) => round.connect(accounts.funder).fundMatchingPool(0n),
    declaredBy: ({ round }) => round,
    error: "ZeroAmount",
    args: () => [],
  },
  {
    entryPoint: "fundMatchingPool",
    input: "native coin sent to a token round",
    attempt: ({ round, accounts }) => round.connect(accounts.funder).fundMatchingPool(USDC(1), { value: 1n }),
    declaredBy: ({ round }) => round,
    error: "NativeValueMismatch",
    args: () => [0n, 1n],
  },
  {
    entryPoint: "fundMatchingPoolWithPermit",
    input: "a permit without a valid signature, from a funder with no allowance",
    attempt: ({ round, accounts }) =>
      round.connect(accounts.newcomer).fundMatchingPoolWithPermit(USDC(5), UNSIGNED_PERMIT),
    declaredBy: ({ token }) => token,
    error: "ERC20InsufficientAllowance",
    args: async ({ round }) => [await round.getAddress(), 0n, USDC(5)],
  },
  {
    entryPoint: "submitApplication",
    input: "a project id never registered",
    attempt: ({ round, accounts }) =>
      round.connect(accounts.projectOwner).submitApplication(NEVER_REGISTERED, "ipfs://a"),
    declaredBy: ({ registry }) => registry,
    error: "ProjectNotFound",
    args: () => [NEVER_REGISTERED],
  },
  {
    entryPoint: "submitApplication",
    input: "an empty metadata pointer",
    attempt: ({ round, accounts, neverApplied }) =>
      round.connect(accounts.projectOwner).submitApplication(neverApplied, ""),
    declaredBy: ({ round }) => round,
    error: "InvalidMetadataPointer",
    args: () => [0n],
  },
  {
    entryPoint: "approveApplication",
    input: "a project that never applied",
    attempt: ({ round, accounts, neverApplied }) =>
      round.connect(accounts.steward).approveApplication(neverApplied, ""),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ neverApplied }) => [neverApplied, ApplicationStatus.None],
  },
  {
    entryPoint: "rejectApplication",
    input: "an empty reason",
    attempt: ({ round, accounts, pending }) => round.connect(accounts.steward).rejectApplication(pending, ""),
    declaredBy: ({ round }) => round,
    error: "MissingReason",
    args: () => [],
  },
  {
    entryPoint: "rejectApplication",
    input: "a reason of 257 bytes",
    attempt: ({ round, accounts, pending }) =>
      round.connect(accounts.steward).rejectApplication(pending, "x".repeat(257)),
    declaredBy: ({ round }) => round,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "cancel",
    input: "a caller who is not a steward",
    attempt: ({ round, accounts }) => round.connect(accounts.alice).cancel(),
    declaredBy: ({ round }) => round,
    error: "NotNodeSteward",
    args: ({ accounts }) => [NODE_ID, accounts.alice.address],
  },
];

const finalizedRoundInputs: BadInput<Votes>[] = [
  {
    entryPoint: "claimPayout",
    input: "a project whose application is still pending",
    attempt: ({ round, pending }) => round.claimPayout(pending),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ pending }) => [pending, ApplicationStatus.Pending],
  },
  {
    entryPoint: "claimPayouts",
    input: "a batch with a pending project after an approved one (which stays unpaid)",
    attempt: ({ round, first, pending }) => round.claimPayouts([first, pending]),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ pending }) => [pending, ApplicationStatus.Pending],
  },
  {
    entryPoint: "claimLeftover",
    input: "a caller who funded nothing",
    attempt: ({ round, accounts }) => round.connect(accounts.alice).claimLeftover(),
    declaredBy: ({ round }) => round,
    error: "NothingToClaim",
    args: ({ accounts }) => [accounts.alice.address],
  },
];

const cancelledRoundInputs: BadInput<Votes>[] = [
  {
    entryPoint: "refundFunding",
    input: "a caller who funded nothing",
    attempt: ({ round, accounts }) => round.connect(accounts.alice).refundFunding(),
    declaredBy: ({ round }) => round,
    error: "NothingToClaim",
    args: ({ accounts }) => [accounts.alice.address],
  },
];

describe("Bad input: QuadraticVotingRound", () => {
  describe("in its voting window", () => {
    itRefusesEach(roundWithBallot, roundState, openRoundInputs);

    it("castSignedBallots takes an empty batch and changes nothing", async () => {
      const context = await networkHelpers.loadFixture(roundWithBallot);
      await expectAcceptedUnchanged(
        () => roundState(context),
        () => context.round.castSignedBallots([]),
      );
    });
  });

  describe("in the native coin", () => {
    // The coin has no permit: a call to `permit` on the zero address would revert without a reason.
    itRefusesEach(nativeVotingRound, nativeRoundState, [
      {
        entryPoint: "fundMatchingPoolWithPermit",
        input: "a native-coin round",
        attempt: ({ round, accounts }) =>
          round.connect(accounts.funder).fundMatchingPoolWithPermit(ETH(1), UNSIGNED_PERMIT),
        declaredBy: ({ round }) => round,
        error: "PermitNeedsToken",
        args: () => [],
      },
    ]);
  });

  describe("finalized", () => {
    itRefusesEach(finalizedRound, roundState, finalizedRoundInputs);

    it("claimPayouts takes an empty list and changes nothing", async () => {
      const context = await networkHelpers.loadFixture(finalizedRound);
      await expectAcceptedUnchanged(
        () => roundState(context),
        () => context.round.claimPayouts([]),
      );
    });
  });

  describe("cancelled", () => {
    itRefusesEach(cancelledRound, roundState, cancelledRoundInputs);
  });
});
