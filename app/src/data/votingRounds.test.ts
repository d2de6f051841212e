import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../generated/deployments.ts";
import { hashBallot } from "../lib/ballot.ts";
import { RoundStatus } from "./contracts.ts";
import { type FakeEvent, fakeClient } from "./testClient.ts";
import {
  fetchCurrentBallot,
  fetchVoterInRound,
  SignedOverAnotherBallotError,
  toSignedBallotArgument,
  votingGroup,
  votingPhase,
  type VotingRoundSummary,
  votingWindow,
} from "./votingRounds.ts";

const deployment: Deployment = {
  projectRegistry: "0x0000000000000000000000000000000000000001",
  roundFactory: "0x0000000000000000000000000000000000000002",
  roundImplementation: "0x0000000000000000000000000000000000000003",
  nodeRegistry: "0x0000000000000000000000000000000000000004",
  contributionLedger: "0x0000000000000000000000000000000000000005",
  votingRoundFactory: "0x0000000000000000000000000000000000000006",
  votingRoundImplementation: "0x0000000000000000000000000000000000000007",
  fromBlock: 1,
};
const ROUND: Address = "0x00000000000000000000000000000000000000aa";
const ALICE: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

function round(overrides: Partial<VotingRoundSummary> = {}): VotingRoundSummary {
  return {
    kind: "voting",
    address: ROUND,
    chainId: 31337,
    nodeId: 1n,
    token: {
      address: "0x00000000000000000000000000000000000000cc",
      isNative: false,
      name: "Dollar",
      symbol: "CUSD",
      decimals: 6,
    },
    applicationsStart: 100n,
    applicationsEnd: 200n,
    votingStart: 200n,
    votingEnd: 300n,
    votingToken: {
      address: "0x00000000000000000000000000000000000000dd",
      symbol: "CC",
      decimals: 18,
      isCommonsCredits: true,
    },
    snapshot: 150n,
    powerPerVoiceCredit: 10n ** 18n,
    baseVoiceCredits: 0n,
    eligibilityKind: 0,
    status: RoundStatus.Active,
    matchingPool: 1_000n,
    totalVotes: 0n,
    metadataPointer: "ipfs://round",
    approvedProjectIds: [1n, 2n],
    ...overrides,
  };
}

function ballotEvent(
  voter: Address,
  blockNumber: bigint,
  projectIds: bigint[],
  votes: bigint[],
): FakeEvent & {
  blockNumber: bigint;
  logIndex: number;
} {
  return { eventName: "BallotCast", args: { voter, projectIds, votes }, blockNumber, logIndex: 0 };
}

describe("a voting round's phases", () => {
  it("follows the windows and the status, voting taking precedence over applications that overlap it", () => {
    expect(votingPhase(round(), 50n)).toBe("upcoming");
    expect(votingPhase(round(), 150n)).toBe("applications");
    expect(votingPhase(round({ votingStart: 250n }), 220n)).toBe("reviewing");
    expect(votingPhase(round({ applicationsEnd: 280n }), 250n)).toBe("voting");
    expect(votingPhase(round(), 300n)).toBe("awaitingFinalization");
    expect(votingPhase(round({ status: RoundStatus.Finalized }), 400n)).toBe("finalized");
    expect(votingPhase(round({ status: RoundStatus.Cancelled }), 250n)).toBe("cancelled");
    expect(votingGroup("voting")).toBe("open");
    expect(votingGroup("reviewing")).toBe("upcoming");
    expect(votingGroup("finalized")).toBe("closed");
    expect(votingWindow(round(), 199n)).toBe("notOpen");
    expect(votingWindow(round(), 200n)).toBe("open");
    expect(votingWindow(round(), 300n)).toBe("closed");
  });
});

describe("a voter's current ballot", () => {
  it("is the last ballot its events record, checked against the hash the round keeps", async () => {
    const latest = { projectIds: [1n, 2n], votes: [3n, 4n] };
    const { client, eventRequests } = fakeClient({
      events: [
        ballotEvent(ALICE, 10n, [1n], [5n]),
        ballotEvent(BOB, 11n, [2n], [1n]),
        ballotEvent(ALICE, 12n, latest.projectIds, latest.votes),
      ],
      view: (call) => (call.functionName === "ballotHashOf" ? hashBallot(latest) : undefined),
    });
    expect(await fetchCurrentBallot(client, deployment, ROUND, ALICE)).toEqual(latest);
    // Only the voter's own events are asked for.
    expect(eventRequests).toEqual([{ eventName: "BallotCast", args: { voter: ALICE } }]);
  });

  it("refuses a ballot that does not match the round's hash rather than send a wrong `previous`", async () => {
    const { client } = fakeClient({
      events: [ballotEvent(ALICE, 10n, [1n], [5n])],
      view: () => hashBallot({ projectIds: [1n], votes: [6n] }),
    });
    await expect(fetchCurrentBallot(client, deployment, ROUND, ALICE)).rejects.toThrow(
      "does not match the one the round keeps",
    );
  });
});

describe("a signed ballot to submit", () => {
  const current = { projectIds: [1n, 2n], votes: [3n, 4n] };
  const signed = {
    chainId: 31337,
    round: ROUND,
    voter: ALICE,
    previousBallot: hashBallot(current),
    ballot: { projectIds: [2n], votes: [5n] },
    nonce: 0n,
    deadline: 2_000_000_000n,
    signature: "0x1234",
  } as const;
  const chainWithCurrentBallot = () =>
    fakeClient({
      events: [ballotEvent(ALICE, 12n, current.projectIds, current.votes)],
      view: (call) => (call.functionName === "ballotHashOf" ? hashBallot(current) : undefined),
    }).client;

  it("replaces the ballot it was signed over, which is the voter's current one", async () => {
    const argument = await toSignedBallotArgument(chainWithCurrentBallot(), deployment, signed);
    expect(argument.previous).toEqual(current);
    expect(argument.next).toEqual(signed.ballot);
  });

  it("is refused, in words, once the voter's ballot changed since signing (submitted already, or voted since)", async () => {
    const stale = { ...signed, previousBallot: hashBallot({ projectIds: [], votes: [] }) };
    const submitting = toSignedBallotArgument(chainWithCurrentBallot(), deployment, stale);
    await expect(submitting).rejects.toBeInstanceOf(SignedOverAnotherBallotError);
    await expect(toSignedBallotArgument(chainWithCurrentBallot(), deployment, stale)).rejects.toThrow(
      `${ALICE}'s ballot is no longer the one this was signed over`,
    );
  });
});

describe("the voter in a round", () => {
  const views = (budget: boolean) => (call: { functionName: string }) => {
    switch (call.functionName) {
      case "nonces":
        return 2n;
      case "isEligible":
        return true;
      case "isSteward":
        return false;
      case "funderAccount":
        return [500n, false];
      case "ballotHashOf":
        return hashBallot({ projectIds: [], votes: [] });
      case "voiceCreditsOf":
        if (!budget) throw new Error("ERC5805FutureLookup");
        return 220n;
      case "getPastVotes":
        return 220n * 10n ** 18n;
      default:
        throw new Error(`unexpected ${call.functionName}`);
    }
  };

  it("reads the budget once the snapshot is past, with the nonce, eligibility and funding", async () => {
    const { client } = fakeClient({ view: views(true) });
    const voter = await fetchVoterInRound(client, deployment, round(), ALICE, 250n);
    expect(voter).toMatchObject({
      voiceCredits: 220n,
      votingPower: 220n * 10n ** 18n,
      nonce: 2n,
      eligible: true,
      funded: 500n,
    });
    expect(voter.ballot).toEqual({ projectIds: [], votes: [] });
    expect(voter.claimable).toBe(0n);
  });

  it("does not read budgets before the snapshot (the token cannot tell the future)", async () => {
    const { client, viewCalls } = fakeClient({ view: views(false) });
    const voter = await fetchVoterInRound(client, deployment, round({ snapshot: 160n }), ALICE, 150n);
    expect(voter.voiceCredits).toBeUndefined();
    expect(viewCalls.map((call) => call.functionName)).not.toContain("voiceCreditsOf");
  });

  it("lets a funder take its funding back after a cancellation, or when nobody voted", async () => {
    const { client } = fakeClient({ view: views(true) });
    expect(
      (await fetchVoterInRound(client, deployment, round({ status: RoundStatus.Cancelled }), ALICE, 250n)).claimable,
    ).toBe(500n);
    expect(
      (
        await fetchVoterInRound(
          client,
          deployment,
          round({ status: RoundStatus.Finalized, totalVotes: 0n }),
          ALICE,
          400n,
        )
      ).claimable,
    ).toBe(500n);
    expect(
      (
        await fetchVoterInRound(
          client,
          deployment,
          round({ status: RoundStatus.Finalized, totalVotes: 9n }),
          ALICE,
          400n,
        )
      ).claimable,
    ).toBe(0n);
  });
});
