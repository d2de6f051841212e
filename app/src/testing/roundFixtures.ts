/**
 * Rounds on the fake chain (fakeChain.ts) for rendering the round pages in unit tests: a funding round and a
 * quadratic voting round, each the only one its factory created, with the connected account's part in it.
 */
import { type Address, type Hex, zeroAddress, zeroHash } from "viem";
import { type Ballot, EMPTY_BALLOT, hashBallot } from "../lib/ballot.ts";
import type { FakeEvent } from "../data/testClient.ts";
import { type contentStore, setChain, TEST_DEPLOYMENT } from "./fakeChain.ts";

/** The connected account: it owns project 1. */
export const TEST_ACCOUNT: Address = "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a";
/** The funding round of `openRound`. */
export const TEST_ROUND: Address = "0x75537828f2ce51be7289709686A69CbFDbB714F1";
/** The voting round of `openVotingRound`. */
export const TEST_VOTING_ROUND: Address = "0x5FC8d32690cc91D4c39d9d3abcBD16989F875707";
/** The chain's time, in seconds. */
export const TEST_NOW = 1_800_000_000n;

/**
 * Answers that take the place of a fixture round's own, by function name, read at each call: a test changes them as
 * a transaction would (a promise that never settles is a read that does not come back).
 */
export type Answers = Record<string, unknown>;

type ContentStore = ReturnType<typeof contentStore>;

/** A funding round's rule of who may donate, as `parameters()` and `eligibility()` return it. */
export interface EligibilityView {
  kind: number;
  source: Address;
  key: Hex;
  minimum: bigint;
  attester: Address;
}

const OPEN_TO_EVERYONE: EligibilityView = {
  kind: 0,
  source: zeroAddress,
  key: zeroHash,
  minimum: 0n,
  attester: zeroAddress,
};

/**
 * A funding round (the chain's coin) the RoundFactory created, the only one it lists, with project 1 (owned by
 * the connected account, its profile `profile`) approved; taking donations now, or applications with
 * `takingApplications`. `eligibility` is its rule of who may donate, and `isEligible` the round's answer for any
 * account and proof; `answers` take the place of the chain's other answers.
 */
export async function openRound(
  store: ContentStore,
  options: {
    takingApplications?: boolean;
    profile?: Record<string, unknown>;
    eligibility?: EligibilityView;
    isEligible?: (proof: readonly Hex[]) => boolean;
    answers?: Answers;
  } = {},
) {
  const { takingApplications = false, eligibility = OPEN_TO_EVERYONE, isEligible = () => true, answers = {} } = options;
  const metadata = await store.add({ name: "Seeds", description: "Give to seeds." });
  const profile = await store.add(options.profile ?? { name: "Seed library", description: "Free seeds." });
  const applicationsStart = takingApplications ? TEST_NOW - 100n : TEST_NOW - 1_000n;
  const views: Record<string, unknown> = {
    isRound: true,
    parameters: {
      config: {
        payoutToken: zeroAddress,
        applicationsStart,
        applicationsEnd: applicationsStart + 500n,
        donationsStart: applicationsStart + 900n,
        donationsEnd: TEST_NOW + 10_000n,
        matchCapBps: 0,
      },
      nodeId: 1n,
    },
    status: 0,
    matchingPool: 10n ** 18n,
    idealMatchSum: 0n,
    metadata,
    approvedProjectIds: [1n],
    eligibility,
    countingRules: [0n, 0n],
    links: { commonsShareBps: 0, season: zeroAddress },
    commonsShare: [0n, false],
    projectTally: {
      status: takingApplications ? 0 : 2,
      matchCapped: false,
      paid: false,
      contributors: 0,
      sqrtSum: 0n,
      donations: 0n,
    },
    projectCount: 1n,
    rounds: [TEST_ROUND],
    estimatedMatch: 0n,
    applicationMetadata: "",
    getProject: {
      owner: TEST_ACCOUNT,
      homeNode: 1n,
      payoutAddress: TEST_ACCOUNT,
      pendingOwner: zeroAddress,
      metadata: profile,
    },
    contributionOf: 0n,
    countedContributionOf: 0n,
    isSteward: false,
    funderAccount: [0n, false],
    nodeCount: 0n,
  };
  return setChain({
    account: TEST_ACCOUNT,
    blockTimestamp: TEST_NOW,
    view: ({ functionName, address, args }) => {
      if (functionName === "isRound" && address !== TEST_DEPLOYMENT.roundFactory) throw new Error("not the factory");
      if (functionName === "roundCount") return address === TEST_DEPLOYMENT.roundFactory ? 1n : 0n;
      if (functionName === "isEligible") return isEligible(args[1] as readonly Hex[]);
      if (functionName in answers) return answers[functionName];
      if (functionName in views) return views[functionName];
      throw new Error(`unexpected ${functionName}`);
    },
  });
}

/** The network's commons credits, the voting token of `openVotingRound`. */
const COMMONS_CREDITS: Address = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0";

/**
 * A quadratic voting round (paid in the chain's coin, voting with commons credits) that the VotingRoundFactory
 * created (and only it says so), with projects 1 ("Seed library") and 2 ("Tool library") approved and voting open
 * until `TEST_NOW + 10_000`. The connected account has `voiceCredits` to spend and has cast `ballot` (none by
 * default); it is a steward of the round's node with `isSteward`. The applications of `pending` projects (3 is
 * "Water commons") wait for review. `answers` take the place of the chain's other answers, and `now` of its time
 * (after `TEST_NOW + 10_000`, voting is over).
 */
export async function openVotingRound(
  store: ContentStore,
  options: {
    voiceCredits?: bigint;
    ballot?: Ballot;
    isSteward?: boolean;
    pending?: readonly bigint[];
    answers?: Answers;
    now?: bigint;
  } = {},
) {
  const {
    voiceCredits = 100n,
    ballot = EMPTY_BALLOT,
    isSteward = false,
    pending = [],
    answers = {},
    now = TEST_NOW,
  } = options;
  const metadata = await store.add({ name: "Commons vote", description: "Vote for the commons." });
  const profiles = new Map([
    [1n, await store.add({ name: "Seed library", description: "Free seeds." })],
    [2n, await store.add({ name: "Tool library", description: "Shared tools." })],
    [3n, await store.add({ name: "Water commons", description: "Rain barrels." })],
  ]);
  const approved = [1n, 2n];
  const views: Record<string, unknown> = {
    commonsCredits: COMMONS_CREDITS,
    parameters: {
      config: {
        payoutToken: zeroAddress,
        applicationsStart: TEST_NOW - 3_000n,
        applicationsEnd: TEST_NOW - 2_000n,
        votingStart: TEST_NOW - 1_000n,
        votingEnd: TEST_NOW + 10_000n,
        votingToken: COMMONS_CREDITS,
        snapshot: Number(TEST_NOW - 1_500n),
        powerPerVoiceCredit: 10n ** 18n,
        baseVoiceCredits: 0n,
        eligibility: { kind: 0 },
      },
      nodeId: 1n,
    },
    status: 0,
    matchingPool: 10n ** 18n,
    totalVotes: ballot.votes.reduce((sum, votes) => sum + votes, 0n),
    metadata,
    approvedProjectIds: approved,
    symbol: "CC",
    decimals: 18,
    estimatedPayout: 0n,
    applicationMetadata: "",
    nonces: 0n,
    isEligible: true,
    isSteward,
    funderAccount: [0n, false],
    voiceCreditsOf: voiceCredits,
    getPastVotes: voiceCredits * 10n ** 18n,
    ballotHashOf: hashBallot(ballot),
    nodeCount: 0n,
  };
  // The round keeps only the ballot's hash: the app reads the ballot itself from the event that cast it.
  const ballotCast: FakeEvent & { blockNumber: bigint; logIndex: number } = {
    eventName: "BallotCast",
    args: { voter: TEST_ACCOUNT, projectIds: ballot.projectIds, votes: ballot.votes },
    blockNumber: 50n,
    logIndex: 0,
  };
  return setChain({
    account: TEST_ACCOUNT,
    blockTimestamp: now,
    events: [
      ...(ballot.projectIds.length === 0 ? [] : [ballotCast]),
      ...pending.map((projectId) => ({ eventName: "ApplicationSubmitted", args: { projectId } })),
    ],
    view: ({ functionName, address, args }) => {
      if (functionName === "isRound") return address === TEST_DEPLOYMENT.votingRoundFactory;
      if (functionName in answers) return answers[functionName];
      if (functionName === "projectVotes") {
        // Approved (2), or waiting for review (1).
        return { status: approved.includes(args[0] as bigint) ? 2 : 1, paid: false, voters: 0, votes: 0n };
      }
      if (functionName === "getProject") {
        return {
          owner: TEST_ACCOUNT,
          homeNode: 1n,
          payoutAddress: TEST_ACCOUNT,
          pendingOwner: zeroAddress,
          metadata: profiles.get(args[0] as bigint),
        };
      }
      if (functionName in views) return views[functionName];
      throw new Error(`unexpected ${functionName}`);
    },
  });
}
