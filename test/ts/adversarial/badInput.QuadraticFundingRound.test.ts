/**
 * Bad input to the state-changing entry points of a quadratic funding round (its own and those it shares with
 * every round, from ProjectRound) that the round's own tests do not already cover (ENTRY_POINTS.md lists those):
 * project ids of nothing, of a rejected or never-submitted application, empty or uneven batches, zero amounts,
 * coin sent to a token round, permits that do not verify. Each is refused with its exact error, and the round's
 * pool, tallies, gifts, applications and balances are left as they were.
 */
import { expect } from "chai";
import {
  ApplicationStatus,
  ETH,
  USDC,
  deployHyphae,
  ethers,
  networkHelpers,
  registerProject,
  roundInDonationWindow,
  warpTo,
} from "../helpers/hyphae.js";
import { type BadInput, expectAcceptedUnchanged, itRefusesEach } from "../helpers/refusal.js";

/** A permit that carries no valid signature: the token refuses it, and the round goes on without it. */
const UNSIGNED_PERMIT = { value: USDC(5), deadline: 0n, v: 27, r: ethers.ZeroHash, s: ethers.ZeroHash };

/**
 * A CUSD round in its donation window (applications still open) with two approved projects, a 1,000 CUSD pool
 * from the funder and alice's 10 CUSD to the first project; a third project was rejected and a fourth never
 * applied.
 */
async function roundWithGifts() {
  const hyphae = await deployHyphae();
  const { round, config, projectIds } = await roundInDonationWindow(hyphae, 2);
  const { funder, alice, projectOwner, steward } = hyphae.accounts;
  await round.connect(funder).fundMatchingPool(USDC(1_000));
  await round.connect(alice).donate([projectIds[0]!], [USDC(10)]);
  const rejected = await registerProject(hyphae, projectOwner);
  await round.connect(projectOwner).submitApplication(rejected, "ipfs://application");
  await round.connect(steward).rejectApplication(rejected, "ipfs://not-local");
  const neverApplied = await registerProject(hyphae, projectOwner);
  const [gifted, ungifted] = projectIds as [bigint, bigint];
  return { ...hyphae, round, config, gifted, ungifted, rejected, neverApplied };
}

type Gifts = Awaited<ReturnType<typeof roundWithGifts>>;

async function finalizedRound() {
  const context = await roundWithGifts();
  await warpTo(context.config.donationsEnd);
  await context.round.finalize();
  return context;
}

async function cancelledRound() {
  const context = await roundWithGifts();
  await context.round.connect(context.accounts.steward).cancel();
  return context;
}

async function roundState({ round, token, accounts, gifted, ungifted, rejected, neverApplied }: Gifts) {
  const { funder, alice, bob, newcomer, projectOwner } = accounts;
  const projects = [gifted, ungifted, rejected, neverApplied, 0n];
  return {
    status: await round.status(),
    pool: await round.matchingPool(),
    idealMatchSum: await round.idealMatchSum(),
    approved: await round.approvedProjectIds(),
    tallies: await Promise.all(projects.map((id) => round.projectTally(id))),
    applications: await Promise.all(projects.map((id) => round.applicationMetadata(id))),
    gifts: await Promise.all(projects.map((id) => round.contributionOf(id, alice))),
    funded: await round.funderAccount(funder),
    commonsShare: await round.commonsShare(),
    balances: await Promise.all([round, funder, alice, bob, newcomer, projectOwner].map((a) => token.balanceOf(a))),
  };
}

const openRoundInputs: BadInput<Gifts>[] = [
  {
    entryPoint: "submitApplication",
    input: "project id 0",
    attempt: ({ round, accounts }) => round.connect(accounts.projectOwner).submitApplication(0n, "ipfs://a"),
    declaredBy: ({ registry }) => registry,
    error: "ProjectNotFound",
    args: () => [0n],
  },
  {
    entryPoint: "submitApplication",
    input: "a metadata pointer of 257 bytes",
    attempt: ({ round, accounts, neverApplied }) =>
      round.connect(accounts.projectOwner).submitApplication(neverApplied, "x".repeat(257)),
    declaredBy: ({ round }) => round,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "approveApplication",
    input: "a rejected application",
    attempt: ({ round, accounts, rejected }) => round.connect(accounts.steward).approveApplication(rejected, ""),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ rejected }) => [rejected, ApplicationStatus.Rejected],
  },
  {
    entryPoint: "rejectApplication",
    input: "a project that never applied",
    attempt: ({ round, accounts, neverApplied }) =>
      round.connect(accounts.steward).rejectApplication(neverApplied, "ipfs://why"),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ neverApplied }) => [neverApplied, ApplicationStatus.None],
  },
  {
    entryPoint: "rejectApplication",
    input: "an application rejected already",
    attempt: ({ round, accounts, rejected }) =>
      round.connect(accounts.steward).rejectApplication(rejected, "ipfs://why"),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ rejected }) => [rejected, ApplicationStatus.Rejected],
  },
  {
    entryPoint: "fundMatchingPoolWithPermit",
    input: "an amount of zero",
    attempt: ({ round, accounts }) => round.connect(accounts.funder).fundMatchingPoolWithPermit(0n, UNSIGNED_PERMIT),
    declaredBy: ({ round }) => round,
    error: "ZeroAmount",
    args: () => [],
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
    entryPoint: "donate",
    input: "project id 0",
    attempt: ({ round, accounts }) => round.connect(accounts.alice).donate([0n], [USDC(1)]),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: () => [0n, ApplicationStatus.None],
  },
  {
    entryPoint: "donate",
    input: "a rejected project after an approved one in the same batch",
    attempt: ({ round, accounts, gifted, rejected }) =>
      round.connect(accounts.alice).donate([gifted, rejected], [USDC(1), USDC(1)]),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ rejected }) => [rejected, ApplicationStatus.Rejected],
  },
  {
    entryPoint: "donateWithProof",
    input: "empty arrays",
    attempt: ({ round, accounts }) => round.connect(accounts.alice).donateWithProof([], [], []),
    declaredBy: ({ round }) => round,
    error: "InvalidBatch",
    args: () => [0n, 0n],
  },
  {
    entryPoint: "donateWithProof",
    input: "more projects than amounts",
    attempt: ({ round, accounts, gifted, ungifted }) =>
      round.connect(accounts.alice).donateWithProof([gifted, ungifted], [USDC(1)], []),
    declaredBy: ({ round }) => round,
    error: "InvalidBatch",
    args: () => [2n, 1n],
  },
  {
    entryPoint: "donateWithProof",
    input: "an amount of zero",
    attempt: ({ round, accounts, gifted }) => round.connect(accounts.alice).donateWithProof([gifted], [0n], []),
    declaredBy: ({ round }) => round,
    error: "ZeroAmount",
    args: () => [],
  },
  {
    entryPoint: "donateWithProof",
    input: "native coin sent to a token round",
    attempt: ({ round, accounts, gifted }) =>
      round.connect(accounts.alice).donateWithProof([gifted], [USDC(1)], [], { value: 1n }),
    declaredBy: ({ round }) => round,
    error: "NativeValueMismatch",
    args: () => [0n, 1n],
  },
  {
    entryPoint: "donateWithPermit",
    input: "empty arrays",
    attempt: ({ round, accounts }) => round.connect(accounts.alice).donateWithPermit([], [], UNSIGNED_PERMIT, []),
    declaredBy: ({ round }) => round,
    error: "InvalidBatch",
    args: () => [0n, 0n],
  },
  {
    entryPoint: "donateWithPermit",
    input: "an amount of zero",
    attempt: ({ round, accounts, gifted }) =>
      round.connect(accounts.alice).donateWithPermit([gifted], [0n], UNSIGNED_PERMIT, []),
    declaredBy: ({ round }) => round,
    error: "ZeroAmount",
    args: () => [],
  },
  {
    entryPoint: "donateWithPermit",
    input: "a project that never applied",
    attempt: ({ round, accounts, neverApplied }) =>
      round.connect(accounts.alice).donateWithPermit([neverApplied], [USDC(1)], UNSIGNED_PERMIT, []),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ neverApplied }) => [neverApplied, ApplicationStatus.None],
  },
];

/**
 * A native-coin round in its donation window with two approved projects, a 10 ETH pool from the funder and alice's
 * 1 ETH to the first project.
 */
async function nativeRoundWithGifts() {
  const hyphae = await deployHyphae();
  const { round, projectIds } = await roundInDonationWindow(hyphae, 2, { payoutToken: ethers.ZeroAddress });
  const { funder, alice } = hyphae.accounts;
  await round.connect(funder).fundMatchingPool(ETH(10), { value: ETH(10) });
  const [gifted, ungifted] = projectIds as [bigint, bigint];
  await round.connect(alice).donate([gifted], [ETH(1)], { value: ETH(1) });
  return { ...hyphae, round, gifted, ungifted };
}

type NativeGifts = Awaited<ReturnType<typeof nativeRoundWithGifts>>;

async function nativeRoundState({ round, accounts, gifted, ungifted }: NativeGifts) {
  const { funder, alice } = accounts;
  return {
    pool: await round.matchingPool(),
    idealMatchSum: await round.idealMatchSum(),
    tallies: await Promise.all([gifted, ungifted].map((id) => round.projectTally(id))),
    gifts: await Promise.all([gifted, ungifted].map((id) => round.contributionOf(id, alice))),
    funded: await round.funderAccount(funder),
    roundBalance: await ethers.provider.getBalance(round),
  };
}

// The coin has no permit: a call to `permit` on the zero address would revert without a reason.
const nativeRoundInputs: BadInput<NativeGifts>[] = [
  {
    entryPoint: "fundMatchingPoolWithPermit",
    input: "a native-coin round",
    attempt: ({ round, accounts }) =>
      round.connect(accounts.funder).fundMatchingPoolWithPermit(ETH(1), UNSIGNED_PERMIT),
    declaredBy: ({ round }) => round,
    error: "PermitNeedsToken",
    args: () => [],
  },
  {
    entryPoint: "donateWithPermit",
    input: "a native-coin round",
    attempt: ({ round, accounts, ungifted }) =>
      round.connect(accounts.alice).donateWithPermit([ungifted], [ETH(1)], UNSIGNED_PERMIT, []),
    declaredBy: ({ round }) => round,
    error: "PermitNeedsToken",
    args: () => [],
  },
];

const finalizedRoundInputs: BadInput<Gifts>[] = [
  {
    entryPoint: "claimPayout",
    input: "project id 0",
    attempt: ({ round }) => round.claimPayout(0n),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: () => [0n, ApplicationStatus.None],
  },
  {
    entryPoint: "claimPayout",
    input: "a rejected project",
    attempt: ({ round, rejected }) => round.claimPayout(rejected),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ rejected }) => [rejected, ApplicationStatus.Rejected],
  },
  {
    entryPoint: "claimPayouts",
    input: "a batch with a rejected project after an approved one (which stays unpaid)",
    attempt: ({ round, gifted, rejected }) => round.claimPayouts([gifted, rejected]),
    declaredBy: ({ round }) => round,
    error: "UnexpectedApplicationStatus",
    args: ({ rejected }) => [rejected, ApplicationStatus.Rejected],
  },
];

const cancelledRoundInputs: BadInput<Gifts>[] = [
  {
    entryPoint: "refundDonations",
    input: "an empty list",
    attempt: ({ round, accounts }) => round.connect(accounts.alice).refundDonations([]),
    declaredBy: ({ round }) => round,
    error: "NothingToClaim",
    args: ({ accounts }) => [accounts.alice.address],
  },
  {
    entryPoint: "refundDonations",
    input: "projects the caller never gave to (id 0, rejected, approved)",
    attempt: ({ round, accounts, ungifted, rejected }) =>
      round.connect(accounts.alice).refundDonations([0n, rejected, ungifted]),
    declaredBy: ({ round }) => round,
    error: "NothingToClaim",
    args: ({ accounts }) => [accounts.alice.address],
  },
  {
    entryPoint: "refundDonations",
    input: "another donor's project, from an account that gave nothing",
    attempt: ({ round, accounts, gifted }) => round.connect(accounts.bob).refundDonations([gifted]),
    declaredBy: ({ round }) => round,
    error: "NothingToClaim",
    args: ({ accounts }) => [accounts.bob.address],
  },
];

describe("Bad input: QuadraticFundingRound", () => {
  describe("in its donation window", () => {
    itRefusesEach(roundWithGifts, roundState, openRoundInputs);
  });

  describe("in the native coin, in its donation window", () => {
    itRefusesEach(nativeRoundWithGifts, nativeRoundState, nativeRoundInputs);
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

    it("claimPayouts pays a project listed twice only once", async () => {
      const { round, token, accounts, gifted } = await networkHelpers.loadFixture(finalizedRound);
      const [donations, matchAmount] = await round.payoutOf(gifted);
      await expect(round.claimPayouts([gifted, gifted])).to.changeTokenBalances(
        ethers,
        token,
        [accounts.projectOwner, round],
        [donations + matchAmount, -(donations + matchAmount)],
      );
      expect((await round.projectTally(gifted)).paid).to.equal(true);
    });
  });

  describe("cancelled", () => {
    itRefusesEach(cancelledRound, roundState, cancelledRoundInputs);

    it("refundDonations refunds a project listed twice only once", async () => {
      const { round, token, accounts, gifted } = await networkHelpers.loadFixture(cancelledRound);
      await expect(round.connect(accounts.alice).refundDonations([gifted, gifted])).to.changeTokenBalances(
        ethers,
        token,
        [accounts.alice, round],
        [USDC(10), -USDC(10)],
      );
      expect(await round.contributionOf(gifted, accounts.alice)).to.equal(0n);
    });
  });
});
