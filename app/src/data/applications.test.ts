import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../generated/deployments.ts";
import {
  applicationStatusCall,
  fetchApplications,
  fetchRoundKind,
  latestApplicationsFirst,
  projectRoundOf,
  type RoundRef,
} from "./applications.ts";
import { ApplicationStatus, RoundStatus } from "./contracts.ts";
import { fetchProjectInRounds } from "./projectRounds.ts";
import type { RoundSummary } from "./rounds.ts";
import { fetchStewardedRounds } from "./stewardship.ts";
import { roundSummaryWith } from "../testing/roundSummary.ts";
import { type FakeEvent, fakeClient, type ViewCall } from "./testClient.ts";
import type { VotingRoundSummary } from "./votingRounds.ts";

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
const FUNDING: Address = "0x00000000000000000000000000000000000000Aa";
const VOTING: Address = "0x00000000000000000000000000000000000000bB";
const OWNER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const STEWARD: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const TOKEN = {
  address: "0x00000000000000000000000000000000000000cc" as Address,
  isNative: false,
  name: "Dollar",
  symbol: "CUSD",
  decimals: 6,
};

const fundingRound: RoundSummary = roundSummaryWith({
  address: FUNDING,
  nodeId: 2n,
  token: TOKEN,
  applicationsStart: 100n,
  applicationsEnd: 200n,
  donationsStart: 200n,
  donationsEnd: 300n,
  metadataPointer: "ipfs://funding",
});

const votingRound: VotingRoundSummary = {
  kind: "voting",
  address: VOTING,
  chainId: 31337,
  nodeId: 1n,
  token: TOKEN,
  applicationsStart: 150n,
  applicationsEnd: 450n,
  votingStart: 400n,
  votingEnd: 500n,
  votingToken: {
    address: "0x00000000000000000000000000000000000000dd",
    symbol: "CC",
    decimals: 18,
    isCommonsCredits: true,
  },
  snapshot: 120n,
  powerPerVoiceCredit: 10n ** 18n,
  baseVoiceCredits: 0n,
  eligibilityKind: 0,
  status: RoundStatus.Active,
  matchingPool: 0n,
  totalVotes: 0n,
  metadataPointer: "ipfs://voting",
  approvedProjectIds: [],
};

/** A round's application record as each kind's own view returns it: only `status` matters here. */
function record(call: ViewCall, statuses: Record<string, Record<string, number>>) {
  const byRound = statuses[call.address.toLowerCase()] ?? {};
  const status = byRound[String(call.args[0])] ?? ApplicationStatus.None;
  return call.functionName === "projectVotes"
    ? { status, paid: false, voters: 0, votes: 0n }
    : { status, paid: false, contributors: 0, donations: 0n, sqrtSum: 0n };
}

describe("a round of either kind, as the application flow sees it", () => {
  it("reviews a funding round until donations close and links to its round page", () => {
    expect(projectRoundOf(fundingRound)).toEqual({
      kind: "funding",
      address: FUNDING,
      nodeId: 2n,
      status: RoundStatus.Active,
      metadataPointer: "ipfs://funding",
      applicationsStart: 100n,
      applicationsEnd: 200n,
      reviewsEnd: 300n,
      payoutSymbol: "CUSD",
      href: `/rounds/${FUNDING}`,
    });
  });

  it("reviews a voting round until voting closes and links to its ballot page", () => {
    const round = projectRoundOf(votingRound);
    expect(round.kind).toBe("voting");
    expect(round.reviewsEnd).toBe(500n);
    expect(round.applicationsEnd).toBe(450n);
    expect(round.href).toBe(`/voting/${VOTING}`);
  });

  it("reads an application's status through projectTally in a funding round and projectVotes in a voting round", () => {
    expect(applicationStatusCall({ address: FUNDING, kind: "funding" }, 3n)).toMatchObject({
      address: FUNDING,
      functionName: "projectTally",
      args: [3n],
    });
    expect(applicationStatusCall({ address: VOTING, kind: "voting" }, 3n)).toMatchObject({
      address: VOTING,
      functionName: "projectVotes",
      args: [3n],
    });
  });

  it("lists both kinds together, the latest application window first, ties in the order given", () => {
    const later = { ...votingRound, address: "0x00000000000000000000000000000000000000c1" as Address };
    const sameAsFunding = { ...votingRound, applicationsStart: fundingRound.applicationsStart };
    expect(latestApplicationsFirst<RoundSummary | VotingRoundSummary>([fundingRound, sameAsFunding, later])).toEqual([
      later,
      fundingRound,
      sameAsFunding,
    ]);
  });

  it("tells the kind of a round from the factory that created it, and neither for another address", async () => {
    const view = (call: ViewCall) =>
      call.address === deployment.roundFactory
        ? call.args[0] === FUNDING
        : call.address === deployment.votingRoundFactory && call.args[0] === VOTING;
    const { client } = fakeClient({ view });
    expect(await fetchRoundKind(client, deployment, FUNDING)).toBe("funding");
    expect(await fetchRoundKind(client, deployment, VOTING)).toBe("voting");
    expect(await fetchRoundKind(client, deployment, OWNER)).toBeUndefined();
  });
});

describe("fetchApplications", () => {
  const events: FakeEvent[] = [
    { eventName: "ApplicationSubmitted", args: { projectId: 1n, applicant: OWNER, metadata: "ipfs://a1" } },
    { eventName: "ApplicationSubmitted", args: { projectId: 2n, applicant: OWNER, metadata: "ipfs://a2" } },
    // Re-applied after a rejection: one application, not two.
    { eventName: "ApplicationSubmitted", args: { projectId: 2n, applicant: OWNER, metadata: "ipfs://a2b" } },
    { eventName: "ApplicationSubmitted", args: { projectId: 3n, applicant: OWNER, metadata: "ipfs://a3" } },
    {
      eventName: "ApplicationReviewed",
      args: { projectId: 2n, reviewer: STEWARD, status: ApplicationStatus.Rejected, reason: "ipfs://first" },
    },
    {
      eventName: "ApplicationReviewed",
      args: { projectId: 2n, reviewer: STEWARD, status: ApplicationStatus.Rejected, reason: "ipfs://latest" },
    },
    {
      eventName: "ApplicationReviewed",
      args: { projectId: 3n, reviewer: STEWARD, status: ApplicationStatus.Approved, reason: "" },
    },
  ];
  const statuses = {
    [VOTING.toLowerCase()]: {
      "1": ApplicationStatus.Pending,
      "2": ApplicationStatus.Rejected,
      "3": ApplicationStatus.Approved,
    },
    [FUNDING.toLowerCase()]: {
      "1": ApplicationStatus.Approved,
      "2": ApplicationStatus.Pending,
      "3": ApplicationStatus.Rejected,
    },
  };
  const view = (call: ViewCall) => {
    if (call.functionName === "projectVotes" || call.functionName === "projectTally") return record(call, statuses);
    if (call.functionName === "applicationMetadata") return `ipfs://current-${String(call.args[0])}`;
    if (call.functionName === "getProject") return { owner: OWNER, metadata: `ipfs://profile-${String(call.args[0])}` };
    throw new Error(`unexpected call ${call.functionName}`);
  };

  it("lists a voting round's applications with their status from projectVotes and the latest review's reason", async () => {
    const fake = fakeClient({ events, view });
    const applications = await fetchApplications(fake.client, deployment, { address: VOTING, kind: "voting" });
    expect(applications).toEqual([
      {
        projectId: 1n,
        status: ApplicationStatus.Pending,
        applicationPointer: "ipfs://current-1",
        profilePointer: "ipfs://profile-1",
        owner: OWNER,
        reviewReason: "",
      },
      {
        projectId: 2n,
        status: ApplicationStatus.Rejected,
        applicationPointer: "ipfs://current-2",
        profilePointer: "ipfs://profile-2",
        owner: OWNER,
        reviewReason: "ipfs://latest",
      },
      {
        projectId: 3n,
        status: ApplicationStatus.Approved,
        applicationPointer: "ipfs://current-3",
        profilePointer: "ipfs://profile-3",
        owner: OWNER,
        reviewReason: "",
      },
    ]);
    const statusReads = fake.viewCalls.filter((call) => call.functionName.startsWith("project"));
    expect(statusReads.map((call) => call.functionName)).toEqual(["projectVotes", "projectVotes", "projectVotes"]);
    expect(fake.viewCalls.every((call) => call.address === VOTING || call.address === deployment.projectRegistry)).toBe(
      true,
    );
    expect(fake.eventRequests.map((request) => request.eventName).sort()).toEqual([
      "ApplicationReviewed",
      "ApplicationSubmitted",
    ]);
  });

  it("reads a funding round's statuses from projectTally, with the same events", async () => {
    const fake = fakeClient({ events, view });
    const applications = await fetchApplications(fake.client, deployment, { address: FUNDING, kind: "funding" });
    expect(applications.map((application) => [application.projectId, application.status])).toEqual([
      [1n, ApplicationStatus.Approved],
      [2n, ApplicationStatus.Pending],
      [3n, ApplicationStatus.Rejected],
    ]);
    expect(fake.viewCalls.some((call) => call.functionName === "projectVotes")).toBe(false);
  });

  it("asks nothing more of the chain for a round no project applied to", async () => {
    const fake = fakeClient({ events: [], view });
    expect(await fetchApplications(fake.client, deployment, { address: VOTING, kind: "voting" })).toEqual([]);
    expect(fake.viewCalls).toEqual([]);
  });
});

describe("fetchProjectInRounds", () => {
  it("gives one project's standing in funding and voting rounds alike, each read through its own view", async () => {
    const rounds: RoundRef[] = [
      { address: FUNDING, kind: "funding" },
      { address: VOTING, kind: "voting" },
    ];
    const statuses = {
      [FUNDING.toLowerCase()]: { "5": ApplicationStatus.Approved },
      [VOTING.toLowerCase()]: { "5": ApplicationStatus.Rejected },
    };
    // Each review event carries the round that emitted it; the latest of each round is its reason.
    const reviewed = (address: Address, reason: string, status: number) => ({
      eventName: "ApplicationReviewed",
      address,
      args: { projectId: 5n, reviewer: STEWARD, status, reason },
    });
    const fake = fakeClient({
      events: [
        reviewed(FUNDING.toLowerCase() as Address, "ipfs://welcome", ApplicationStatus.Approved),
        reviewed(VOTING, "ipfs://too-local", ApplicationStatus.Rejected),
        { eventName: "ApplicationReviewed", address: VOTING, args: { projectId: 6n, reason: "ipfs://other" } },
      ] as FakeEvent[],
      view: (call) => {
        if (call.functionName === "applicationMetadata") return `ipfs://application-${call.address}`;
        return record(call, statuses);
      },
    });
    const standing = await fetchProjectInRounds(fake.client, deployment, 5n, rounds);
    expect(standing).toEqual([
      {
        round: FUNDING,
        status: ApplicationStatus.Approved,
        applicationPointer: `ipfs://application-${FUNDING}`,
        reviewReason: "ipfs://welcome",
      },
      {
        round: VOTING,
        status: ApplicationStatus.Rejected,
        applicationPointer: `ipfs://application-${VOTING}`,
        reviewReason: "ipfs://too-local",
      },
    ]);
    expect(fake.viewCalls.map((call) => `${call.functionName}@${call.address}`)).toEqual([
      `projectTally@${FUNDING}`,
      `applicationMetadata@${FUNDING}`,
      `projectVotes@${VOTING}`,
      `applicationMetadata@${VOTING}`,
    ]);
    // One event query over every round, filtered by the project.
    expect(fake.eventRequests).toEqual([{ eventName: "ApplicationReviewed", args: { projectId: 5n } }]);
  });

  it("reads nothing without rounds", async () => {
    const fake = fakeClient({});
    expect(await fetchProjectInRounds(fake.client, deployment, 5n, [])).toEqual([]);
    expect(fake.viewCalls).toEqual([]);
  });
});

describe("fetchStewardedRounds", () => {
  it("asks each round, funding or voting, whether the account stewards it, through the shared isSteward", async () => {
    const fake = fakeClient({ view: (call) => call.functionName === "isSteward" && call.address === VOTING });
    const stewarded = await fetchStewardedRounds(fake.client, [FUNDING, VOTING], STEWARD);
    expect([...stewarded]).toEqual([VOTING]);
    expect(fake.viewCalls).toEqual([
      { address: FUNDING, functionName: "isSteward", args: [STEWARD] },
      { address: VOTING, functionName: "isSteward", args: [STEWARD] },
    ]);
  });
});
