import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../generated/deployments.ts";
import { ContributionStatus } from "./contracts.ts";
import {
  attestationBlocker,
  fetchContribution,
  fetchContributionHistories,
  isCountedFromRound,
  fetchContributions,
} from "./contributions.ts";
import { type FakeEvent, fakeClient } from "./testClient.ts";

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
const ALICE: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const CAROL: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

function recorded(id: bigint, contributor: string, nodeId: bigint): FakeEvent {
  return {
    eventName: "ContributionRecorded",
    args: {
      contributionId: id,
      contributor,
      nodeId,
      kind: 1n,
      quantity: 4n,
      description: `ipfs://description-${id}`,
      evidence: `ipfs://evidence-${id}`,
    },
  };
}

const events = [recorded(1n, ALICE.toLowerCase(), 2n), recorded(2n, BOB, 3n), recorded(3n, ALICE, 3n)];
const states: Record<
  string,
  { status: number; attestations: number; credits: bigint; recordedAt: number; attestedAt: number }
> = {
  "1": { status: ContributionStatus.Attested, attestations: 2, credits: 40n, recordedAt: 100, attestedAt: 200 },
  "2": { status: ContributionStatus.Pending, attestations: 0, credits: 0n, recordedAt: 300, attestedAt: 0 },
  "3": { status: ContributionStatus.Rejected, attestations: 0, credits: 0n, recordedAt: 400, attestedAt: 0 },
};
const view = ({ functionName, args }: { functionName: string; args: readonly unknown[] }) => {
  expect(functionName).toBe("contribution");
  return states[String(args[0])];
};

describe("fetchContributions", () => {
  it("reads every recorded contribution with where it stands now, newest first", async () => {
    const { client } = fakeClient({ events, view });
    const contributions = await fetchContributions(client, deployment);
    expect(contributions.map((contribution) => contribution.id)).toEqual([3n, 2n, 1n]);
    expect(contributions[2]).toEqual({
      id: 1n,
      contributor: ALICE,
      nodeId: 2n,
      kindId: 1,
      quantity: 4n,
      descriptionPointer: "ipfs://description-1",
      evidencePointer: "ipfs://evidence-1",
      status: ContributionStatus.Attested,
      attestations: 2,
      credits: 40n,
      recordedAt: 100n,
      attestedAt: 200n,
      countedFromRound: false,
    });
  });

  it("marks money counted from a round: attested with no steward's attestation", () => {
    expect(isCountedFromRound({ status: ContributionStatus.Attested, attestations: 0 })).toBe(true);
    expect(isCountedFromRound({ status: ContributionStatus.Attested, attestations: 1 })).toBe(false);
    expect(isCountedFromRound({ status: ContributionStatus.Pending, attestations: 0 })).toBe(false);
  });

  it("asks the node only for the contributions of the given nodes or contributor (indexed filters)", async () => {
    const { client, eventRequests } = fakeClient({ events, view });
    expect((await fetchContributions(client, deployment, { nodeIds: [3n] })).map((item) => item.id)).toEqual([3n, 2n]);
    expect((await fetchContributions(client, deployment, { contributor: ALICE })).map((item) => item.id)).toEqual([
      3n,
      1n,
    ]);
    expect(eventRequests.map((request) => request.args)).toEqual([{ nodeId: [3n] }, { contributor: ALICE }]);
  });

  it("reads nothing for an empty list of nodes", async () => {
    const { client, eventRequests, viewCalls } = fakeClient({ events, view });
    expect(await fetchContributions(client, deployment, { nodeIds: [] })).toEqual([]);
    expect(eventRequests).toEqual([]);
    expect(viewCalls).toEqual([]);
  });

  it("reads one contribution, or none for an id the ledger never recorded", async () => {
    const { client } = fakeClient({ events, view });
    expect((await fetchContribution(client, deployment, 2n))?.status).toBe(ContributionStatus.Pending);
    expect(await fetchContribution(client, deployment, 9n)).toBeUndefined();
  });
});

describe("fetchContributionHistories", () => {
  it("collects attestations in order, the rejection, disputes and the revocation of each contribution", async () => {
    const { client, eventRequests } = fakeClient({
      events: [
        { eventName: "ContributionAttested", args: { contributionId: 1n, steward: BOB, attestations: 1n } },
        {
          eventName: "ContributionAttested",
          args: { contributionId: 1n, steward: CAROL.toLowerCase(), attestations: 2n },
        },
        { eventName: "ContributionAttested", args: { contributionId: 7n, steward: BOB, attestations: 1n } },
        { eventName: "ContributionRejected", args: { contributionId: 2n, steward: BOB, reason: "ipfs://why" } },
        { eventName: "ContributionDisputed", args: { contributionId: 1n, by: ALICE, reason: "ipfs://twice" } },
        {
          eventName: "ContributionRevoked",
          args: { contributionId: 1n, steward: CAROL, creditsRevoked: 40n, reason: "ipfs://revoked" },
        },
        {
          eventName: "RoundMoneyCounted",
          args: { contributionId: 2n, round: BOB.toLowerCase(), giver: ALICE, donations: 30n, matchingFunds: 5n },
        },
      ],
    });
    const histories = await fetchContributionHistories(client, deployment, [1n, 2n]);
    expect(histories.get(1n)).toEqual({
      attestedBy: [BOB, CAROL],
      disputes: [{ by: ALICE, reasonPointer: "ipfs://twice" }],
      revocation: { steward: CAROL, reasonPointer: "ipfs://revoked", creditsRevoked: 40n },
    });
    expect(histories.get(2n)).toEqual({
      attestedBy: [],
      disputes: [],
      rejection: { steward: BOB, reasonPointer: "ipfs://why" },
      // Not a combination the ledger produces: the test only checks each event lands where it belongs.
      countedFrom: { round: BOB, donations: 30n, matchingFunds: 5n },
    });
    expect(eventRequests.map((request) => request.args)).toEqual(
      Array.from({ length: 5 }, () => ({ contributionId: [1n, 2n] })),
    );
  });

  it("asks nothing for no contribution", async () => {
    const { client, eventRequests } = fakeClient({});
    expect((await fetchContributionHistories(client, deployment, [])).size).toBe(0);
    expect(eventRequests).toEqual([]);
  });
});

describe("attestationBlocker", () => {
  const pending = { contributor: ALICE, status: ContributionStatus.Pending };

  it("lets a steward of the node attest another's pending contribution", () => {
    expect(attestationBlocker(pending, { attestedBy: [] }, BOB, true)).toBeUndefined();
  });

  it("says why a contributor cannot attest their own, whatever the case of the address", () => {
    expect(attestationBlocker(pending, { attestedBy: [] }, ALICE.toLowerCase() as Address, true)).toBe(
      "This is your own contribution: another steward of the node must attest it.",
    );
  });

  it("says why a steward cannot attest twice, a non-steward not at all, and nothing but a pending one", () => {
    expect(attestationBlocker(pending, { attestedBy: [BOB] }, BOB, true)).toBe(
      "You have attested it already: it waits for the other stewards.",
    );
    expect(attestationBlocker(pending, { attestedBy: [] }, CAROL, false)).toBe(
      "Only a steward of the node can attest its contributions.",
    );
    expect(attestationBlocker({ ...pending, status: ContributionStatus.Attested }, { attestedBy: [] }, BOB, true)).toBe(
      "Only a pending contribution can be attested.",
    );
  });
});
