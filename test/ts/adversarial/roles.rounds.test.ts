/**
 * Issue 7's role × action table for rounds: what ProjectRound restricts (applications, reviews, cancellation,
 * funders' and donors' money, the initializer), on a funding round and on a voting round alike, and what each
 * rule adds (refunds of donations; ballots). Every role but the one allowed tries every call.
 */
import { hashBallot } from "../../../app/src/lib/ballot.ts";
import { ApplicationStatus, RoundStatus } from "../helpers/hyphae.js";
import {
  PEOPLE,
  POOL,
  type RoleRow,
  type RoundsScene,
  type RoundUnderTest,
  roleTable,
  roundsCancelled,
  roundsFinalized,
  roundsUnderWay,
} from "../helpers/roles.js";
import { NO_BALLOT, signBallot } from "../helpers/voting.js";

type Pick = (scene: RoundsScene) => RoundUnderTest;
const RULES: readonly [string, Pick][] = [
  ["funding round", (scene) => scene.funding],
  ["voting round", (scene) => scene.voting],
];

const onlyStewards = (pick: Pick) => ({
  contract: (scene: RoundsScene) => pick(scene).round,
  error: "NotNodeSteward",
  args: (scene: RoundsScene, caller: { address: string }) => [scene.CASCADIA, caller.address],
});

const nothingToClaim = (pick: Pick) => ({
  contract: (scene: RoundsScene) => pick(scene).round,
  error: "NothingToClaim",
  args: (_scene: RoundsScene, caller: { address: string }) => [caller.address],
});

/** A review's state: the application's status and the approved projects. */
const reviewState = (pick: Pick) => async (scene: RoundsScene) => {
  const { round, applicationStatus } = pick(scene);
  return [await applicationStatus(scene.projects.underReview), await round.approvedProjectIds()];
};

/** The funder's account and what the round holds. */
const funderState = (pick: Pick) => async (scene: RoundsScene) => {
  const { round } = pick(scene);
  return [[...(await round.funderAccount(scene.cast.funder))], await scene.token.balanceOf(round)];
};

const underWayRows = (pick: Pick): RoleRow<RoundsScene>[] => [
  {
    action: "submitApplication(the project under review, a new document)",
    call: (scene, caller) =>
      pick(scene).round.connect(caller).submitApplication(scene.projects.underReview, "ipfs://swapped"),
    state: async (scene) => {
      const { round, applicationStatus } = pick(scene);
      const id = scene.projects.underReview;
      return [await round.applicationMetadata(id), await applicationStatus(id)];
    },
    allowed: { roles: ["projectOwner"], after: () => ["ipfs://swapped", BigInt(ApplicationStatus.Pending)] },
    refusal: {
      contract: (scene) => pick(scene).round,
      error: "NotProjectOwner",
      args: (scene, caller) => [scene.projects.underReview, caller.address],
    },
  },
  {
    action: "approveApplication(the project under review)",
    call: (scene, caller) =>
      pick(scene).round.connect(caller).approveApplication(scene.projects.underReview, "ipfs://why"),
    state: reviewState(pick),
    allowed: {
      roles: ["steward"],
      after: ({ projects }) => [BigInt(ApplicationStatus.Approved), [projects.approved, projects.underReview]],
    },
    refusal: onlyStewards(pick),
  },
  {
    action: "rejectApplication(the project under review)",
    call: (scene, caller) =>
      pick(scene).round.connect(caller).rejectApplication(scene.projects.underReview, "ipfs://why"),
    state: reviewState(pick),
    allowed: {
      roles: ["steward"],
      after: ({ projects }) => [BigInt(ApplicationStatus.Rejected), [projects.approved]],
    },
    refusal: onlyStewards(pick),
  },
  {
    action: "cancel()",
    call: (scene, caller) => pick(scene).round.connect(caller).cancel(),
    state: async (scene) => pick(scene).round.status(),
    allowed: { roles: ["steward"], after: () => BigInt(RoundStatus.Cancelled) },
    refusal: onlyStewards(pick),
  },
];

const initializerRows = (pick: Pick): RoleRow<RoundsScene>[] => [
  {
    action: "initialize(a metadata pointer) on a round, again",
    call: (scene, caller) => pick(scene).round.connect(caller).initialize("ipfs://hijacked"),
    state: async (scene) => pick(scene).round.metadata(),
    refusal: { contract: (scene) => pick(scene).round, error: "InvalidInitialization", args: () => [] },
  },
  {
    action: "initialize(a metadata pointer) on the implementation",
    call: (scene, caller) => pick(scene).implementation.connect(caller).initialize("ipfs://hijacked"),
    state: async (scene) => pick(scene).implementation.metadata(),
    refusal: { contract: (scene) => pick(scene).implementation, error: "InvalidInitialization", args: () => [] },
  },
];

describe("Role table: rounds", () => {
  for (const [rule, pick] of RULES) {
    roleTable(`a ${rule} under way`, roundsUnderWay, PEOPLE, underWayRows(pick));

    roleTable(`a cancelled ${rule}`, roundsCancelled, PEOPLE, [
      {
        action: "refundFunding()",
        call: (scene, caller) => pick(scene).round.connect(caller).refundFunding(),
        state: funderState(pick),
        allowed: { roles: ["funder"], after: (scene) => [[POOL, true], pick(scene).holds - POOL] },
        refusal: nothingToClaim(pick),
      },
    ]);

    roleTable(`a finalized ${rule} whose pool nobody drew`, roundsFinalized, PEOPLE, [
      {
        action: "claimLeftover()",
        call: (scene, caller) => pick(scene).round.connect(caller).claimLeftover(),
        state: funderState(pick),
        allowed: { roles: ["funder"], after: (scene) => [[POOL, true], pick(scene).holds - POOL] },
        refusal: nothingToClaim(pick),
      },
    ]);

    // The factory initializes each clone in the transaction that creates it; the implementation never is.
    roleTable(
      `the initializer of a ${rule}`,
      roundsUnderWay,
      [...PEOPLE, "factory", "votingFactory"],
      initializerRows(pick),
    );
  }

  roleTable("a cancelled funding round's donations", roundsCancelled, PEOPLE, [
    {
      action: "refundDonations([the project given to])",
      call: (scene, caller) => scene.fundingRound.connect(caller).refundDonations([scene.projects.approved]),
      state: async ({ fundingRound, token, projects, cast }) => [
        await fundingRound.contributionOf(projects.approved, cast.contributor),
        await token.balanceOf(fundingRound),
      ],
      allowed: { roles: ["contributor"], after: () => [0n, POOL] },
      refusal: nothingToClaim((scene) => scene.funding),
    },
  ]);

  const firstBallot = (scene: RoundsScene) => ({ projectIds: [scene.projects.approved], votes: [1n] });
  const ballotState = async (scene: RoundsScene, voter: { address: string }) => {
    const { votingRound } = scene;
    return [
      await votingRound.ballotHashOf(voter.address),
      await votingRound.nonces(voter.address),
      await votingRound.totalVotes(),
    ];
  };
  roleTable("the ballots of a voting round under way", roundsUnderWay, PEOPLE, [
    {
      // Voice credits are commons credits at the snapshot: only the voter earned any.
      action: "castBallot(no previous ballot, one vote for the approved project)",
      call: (scene, caller) => scene.votingRound.connect(caller).castBallot(NO_BALLOT, firstBallot(scene), []),
      state: ballotState,
      allowed: { roles: ["voter"], after: (scene) => [hashBallot(firstBallot(scene)), 0n, 1n] },
      refusal: {
        contract: (scene) => scene.votingRound,
        error: "BallotOverBudget",
        args: (_scene, caller) => [caller.address, 1n, 0n],
      },
    },
    {
      // The caller signs the very ballot the voter would sign, in the voter's name, and submits it.
      action: "castSignedBallots([a ballot in the voter's name, signed by the caller])",
      call: async (scene, caller) => {
        const { votingRound, cast } = scene;
        const signed = await signBallot(votingRound, cast.voter, firstBallot(scene), NO_BALLOT, { signedBy: caller });
        return votingRound.connect(caller).castSignedBallots([signed]);
      },
      state: (scene) => ballotState(scene, scene.cast.voter),
      allowed: { roles: ["voter"], after: (scene) => [hashBallot(firstBallot(scene)), 1n, 1n] },
      refusal: {
        contract: (scene) => scene.votingRound,
        error: "InvalidSignature",
        args: (scene) => [scene.cast.voter.address],
      },
    },
  ]);
});
