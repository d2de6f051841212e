import { type Address, type Chain, getAddress, isAddressEqual, type PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import {
  type Ballot,
  type BallotCastEvent,
  currentBallotFromEvents,
  hashBallot,
  type SignedBallotData,
  type VotingWindow,
} from "../lib/ballot.ts";
import { readAll } from "./chainReads.ts";
import {
  ApplicationStatus,
  commonsCreditsAbi,
  permitTokenAbi,
  projectRegistryAbi,
  quadraticVotingRoundAbi,
  RoundStatus,
  votingRoundFactoryAbi,
} from "./contracts.ts";
import { readLogRanges } from "./logs.ts";
import { fetchPayoutTokens, type PayoutToken } from "./rounds.ts";

/** The token whose past votes are a voting round's voice credits. */
export interface VotingToken {
  address: Address;
  symbol: string;
  decimals: number;
  /** Whether it is the network's commons credits (the default voting token). */
  isCommonsCredits: boolean;
}

/** A quadratic voting round's settings and live totals. */
export interface VotingRoundSummary {
  kind: "voting";
  address: Address;
  chainId: number;
  nodeId: bigint;
  token: PayoutToken;
  applicationsStart: bigint;
  applicationsEnd: bigint;
  votingStart: bigint;
  votingEnd: bigint;
  votingToken: VotingToken;
  /** When voting power is read, in the voting token's clock (a timestamp for commons credits). */
  snapshot: bigint;
  powerPerVoiceCredit: bigint;
  baseVoiceCredits: bigint;
  /** The eligibility rule's kind: 0 open to every holder, otherwise a rule that may need a proof. */
  eligibilityKind: number;
  status: RoundStatus;
  matchingPool: bigint;
  totalVotes: bigint;
  metadataPointer: string;
  approvedProjectIds: readonly bigint[];
}

/** Where a voting round stands at a given chain time. */
export type VotingPhase =
  "upcoming" | "applications" | "reviewing" | "voting" | "awaitingFinalization" | "finalized" | "cancelled";

export function votingPhase(round: VotingRoundSummary, now: bigint): VotingPhase {
  if (round.status === RoundStatus.Cancelled) return "cancelled";
  if (round.status === RoundStatus.Finalized) return "finalized";
  if (now >= round.votingEnd) return "awaitingFinalization";
  if (now >= round.votingStart) return "voting";
  if (now >= round.applicationsStart && now < round.applicationsEnd) return "applications";
  if (now >= round.applicationsEnd) return "reviewing";
  return "upcoming";
}

/** How round lists group a voting round: open (applications or voting), upcoming, or closed. */
export function votingGroup(phase: VotingPhase): "open" | "upcoming" | "closed" {
  if (phase === "applications" || phase === "voting") return "open";
  if (phase === "upcoming" || phase === "reviewing") return "upcoming";
  return "closed";
}

/** The voting window as the ballot form sees it. */
export function votingWindow(round: VotingRoundSummary, now: bigint): VotingWindow {
  if (round.status === RoundStatus.Cancelled) return "cancelled";
  if (round.status === RoundStatus.Finalized) return "finalized";
  if (now < round.votingStart) return "notOpen";
  if (now >= round.votingEnd) return "closed";
  return "open";
}

/** Whether a voting round still takes applications or ballots (or is about to): the "open rounds" of a node. */
export function isVotingRoundOpen(round: VotingRoundSummary, now: bigint): boolean {
  return round.status === RoundStatus.Active && now < round.votingEnd;
}

const PAGE = 200n;

/** Every voting round the factory created, oldest first. */
export async function fetchVotingRoundAddresses(client: PublicClient, deployment: Deployment): Promise<Address[]> {
  const count = await client.readContract({
    address: deployment.votingRoundFactory,
    abi: votingRoundFactoryAbi,
    functionName: "roundCount",
  });
  const pages: Promise<readonly Address[]>[] = [];
  for (let offset = 0n; offset < count; offset += PAGE) {
    pages.push(
      client.readContract({
        address: deployment.votingRoundFactory,
        abi: votingRoundFactoryAbi,
        functionName: "rounds",
        args: [offset, PAGE],
      }),
    );
  }
  return (await Promise.all(pages)).flat();
}

interface RawParameters {
  config: {
    payoutToken: Address;
    applicationsStart: bigint;
    applicationsEnd: bigint;
    votingStart: bigint;
    votingEnd: bigint;
    votingToken: Address;
    snapshot: number;
    powerPerVoiceCredit: bigint;
    baseVoiceCredits: bigint;
    eligibility: { kind: number };
  };
  nodeId: bigint;
}

/** The settings and totals of the given voting rounds, in one multicall (plus one for their tokens). */
export async function fetchVotingRoundSummaries(
  client: PublicClient,
  chain: Chain,
  deployment: Deployment,
  addresses: readonly Address[],
): Promise<VotingRoundSummary[]> {
  if (addresses.length === 0) return [];
  const perRound = 6;
  const [commonsCredits, ...results] = await readAll(client, [
    { address: deployment.votingRoundFactory, abi: votingRoundFactoryAbi, functionName: "commonsCredits" } as const,
    ...addresses.flatMap((address) => [
      { address, abi: quadraticVotingRoundAbi, functionName: "parameters" } as const,
      { address, abi: quadraticVotingRoundAbi, functionName: "status" } as const,
      { address, abi: quadraticVotingRoundAbi, functionName: "matchingPool" } as const,
      { address, abi: quadraticVotingRoundAbi, functionName: "totalVotes" } as const,
      { address, abi: quadraticVotingRoundAbi, functionName: "metadata" } as const,
      { address, abi: quadraticVotingRoundAbi, functionName: "approvedProjectIds" } as const,
    ]),
  ]);
  const raw = addresses.map((address, index) => {
    const [parameters, status, matchingPool, totalVotes, metadataPointer, approvedProjectIds] = results.slice(
      index * perRound,
      index * perRound + perRound,
    ) as [RawParameters, number, bigint, bigint, string, readonly bigint[]];
    return { address, parameters, status, matchingPool, totalVotes, metadataPointer, approvedProjectIds };
  });
  const payoutTokens = await fetchPayoutTokens(
    client,
    chain,
    raw.map((round) => round.parameters.config.payoutToken),
  );
  const votingTokenAddresses = [...new Set(raw.map((round) => getAddress(round.parameters.config.votingToken)))];
  const tokenFacts = await readAll(
    client,
    votingTokenAddresses.flatMap((address) => [
      { address, abi: permitTokenAbi, functionName: "symbol" } as const,
      { address, abi: permitTokenAbi, functionName: "decimals" } as const,
    ]),
  );
  const votingTokens = new Map<Address, VotingToken>(
    votingTokenAddresses.map((address, index) => [
      address,
      {
        address,
        symbol: tokenFacts[index * 2] as string,
        decimals: tokenFacts[index * 2 + 1] as number,
        isCommonsCredits: isAddressEqual(address, commonsCredits as Address),
      },
    ]),
  );
  return raw.map((round) => {
    const { config } = round.parameters;
    const token = payoutTokens.get(getAddress(config.payoutToken));
    const votingToken = votingTokens.get(getAddress(config.votingToken));
    if (token === undefined || votingToken === undefined) throw new Error(`no token information for ${round.address}`);
    return {
      kind: "voting",
      address: round.address,
      chainId: chain.id,
      nodeId: round.parameters.nodeId,
      token,
      applicationsStart: config.applicationsStart,
      applicationsEnd: config.applicationsEnd,
      votingStart: config.votingStart,
      votingEnd: config.votingEnd,
      votingToken,
      snapshot: BigInt(config.snapshot),
      powerPerVoiceCredit: config.powerPerVoiceCredit,
      baseVoiceCredits: config.baseVoiceCredits,
      eligibilityKind: config.eligibility.kind,
      status: round.status as RoundStatus,
      matchingPool: round.matchingPool,
      totalVotes: round.totalVotes,
      metadataPointer: round.metadataPointer,
      approvedProjectIds: round.approvedProjectIds,
    };
  });
}

/** An approved project of a voting round, with its votes and registry profile. */
export interface VotingProject {
  projectId: bigint;
  owner: Address;
  payoutAddress: Address;
  profilePointer: string;
  applicationPointer: string;
  status: ApplicationStatus;
  paid: boolean;
  /** How many ballots give it votes. */
  voters: number;
  votes: bigint;
  /** Its share of the pool if the round were finalized now, or its payout once it is, in token units. */
  estimatedPayout: bigint;
}

/** The approved projects of a voting round with votes, payouts and profiles, in one multicall. */
export async function fetchVotingProjects(
  client: PublicClient,
  deployment: Deployment,
  round: VotingRoundSummary,
): Promise<VotingProject[]> {
  const ids = round.approvedProjectIds;
  const perProject = 4;
  const results = await readAll(
    client,
    ids.flatMap((projectId) => [
      {
        address: round.address,
        abi: quadraticVotingRoundAbi,
        functionName: "projectVotes",
        args: [projectId],
      } as const,
      {
        address: round.address,
        abi: quadraticVotingRoundAbi,
        functionName: "estimatedPayout",
        args: [projectId],
      } as const,
      {
        address: round.address,
        abi: quadraticVotingRoundAbi,
        functionName: "applicationMetadata",
        args: [projectId],
      } as const,
      {
        address: deployment.projectRegistry,
        abi: projectRegistryAbi,
        functionName: "getProject",
        args: [projectId],
      } as const,
    ]),
  );
  return ids.map((projectId, index) => {
    const [tally, payout, applicationPointer, project] = results.slice(
      index * perProject,
      index * perProject + perProject,
    ) as [
      { status: number; paid: boolean; voters: number; votes: bigint },
      bigint,
      string,
      { owner: Address; payoutAddress: Address; metadata: string },
    ];
    return {
      projectId,
      owner: project.owner,
      payoutAddress: project.payoutAddress,
      profilePointer: project.metadata,
      applicationPointer,
      status: tally.status as ApplicationStatus,
      paid: tally.paid,
      voters: tally.voters,
      votes: tally.votes,
      estimatedPayout: payout,
    };
  });
}

/** A voter's `BallotCast` events in a round, read in bounded block ranges. */
export async function fetchBallotEvents(
  client: PublicClient,
  deployment: Deployment,
  round: Address,
  voter: Address,
): Promise<BallotCastEvent[]> {
  return readLogRanges(client, BigInt(deployment.fromBlock), async (range) => {
    const logs = await client.getContractEvents({
      address: round,
      abi: quadraticVotingRoundAbi,
      eventName: "BallotCast",
      args: { voter },
      ...range,
      strict: true,
    });
    return logs.map((log) => ({
      blockNumber: log.blockNumber,
      logIndex: log.logIndex,
      projectIds: log.args.projectIds,
      votes: log.args.votes,
    }));
  });
}

/**
 * A voter's current ballot: the last ballot its events record, checked against the hash the round keeps (so a
 * ballot the app would send as `previous` is exactly the one the round expects).
 */
export async function fetchCurrentBallot(
  client: PublicClient,
  deployment: Deployment,
  round: Address,
  voter: Address,
): Promise<Ballot> {
  const [events, kept] = await Promise.all([
    fetchBallotEvents(client, deployment, round, voter),
    client.readContract({ address: round, abi: quadraticVotingRoundAbi, functionName: "ballotHashOf", args: [voter] }),
  ]);
  const ballot = currentBallotFromEvents(events);
  if (hashBallot(ballot) !== kept) {
    throw new Error(`the ballot of ${voter} read from the round's events does not match the one the round keeps`);
  }
  return ballot;
}

/** The connected account's part in a voting round. */
export interface VoterInRound {
  /** Voice credits to spend; undefined while the snapshot is not in the past (budgets are not fixed yet). */
  voiceCredits: bigint | undefined;
  /** Voting power at the snapshot, in the voting token's units; undefined like `voiceCredits`. */
  votingPower: bigint | undefined;
  /** The account's current ballot (empty if it has cast none). */
  ballot: Ballot;
  /** The next nonce of its signed ballots. */
  nonce: bigint;
  /** Whether the round's rule lets it vote without a proof. */
  eligible: boolean;
  isSteward: boolean;
  /** What it put in the matching pool, and whether it took its leftover or refund. */
  funded: bigint;
  settled: boolean;
  /** What it can take back once the round is finalized without a vote, or after a cancellation. */
  claimable: bigint;
}

export async function fetchVoterInRound(
  client: PublicClient,
  deployment: Deployment,
  round: VotingRoundSummary,
  account: Address,
  now: bigint,
): Promise<VoterInRound> {
  const snapshotPast = round.snapshot < now;
  const [nonce, eligible, isSteward, [funded, settled], ...budget] = (await readAll(client, [
    { address: round.address, abi: quadraticVotingRoundAbi, functionName: "nonces", args: [account] },
    { address: round.address, abi: quadraticVotingRoundAbi, functionName: "isEligible", args: [account, []] },
    { address: round.address, abi: quadraticVotingRoundAbi, functionName: "isSteward", args: [account] },
    { address: round.address, abi: quadraticVotingRoundAbi, functionName: "funderAccount", args: [account] },
    ...(snapshotPast
      ? ([
          { address: round.address, abi: quadraticVotingRoundAbi, functionName: "voiceCreditsOf", args: [account] },
          {
            // Any ERC-5805 token's `getPastVotes`: the commons credits' ABI has it.
            address: round.votingToken.address,
            abi: commonsCreditsAbi,
            functionName: "getPastVotes",
            args: [account, round.snapshot],
          },
        ] as const)
      : []),
  ])) as [bigint, boolean, boolean, readonly [bigint, boolean], ...bigint[]];
  const ballot = await fetchCurrentBallot(client, deployment, round.address, account);
  let claimable = 0n;
  if (!settled && funded > 0n) {
    if (round.status === RoundStatus.Cancelled) claimable = funded;
    // Without a single vote the rule allocates nothing: each funder takes back what it put in.
    if (round.status === RoundStatus.Finalized && round.totalVotes === 0n) claimable = funded;
  }
  return {
    voiceCredits: budget[0],
    votingPower: budget[1],
    ballot,
    nonce,
    eligible,
    isSteward,
    funded,
    settled,
    claimable,
  };
}

/** The voter's ballot changed since this one was signed (it was submitted, or they voted since): the round would refuse it. */
export class SignedOverAnotherBallotError extends Error {
  override name = "SignedOverAnotherBallotError";
}

/**
 * What `castSignedBallots` takes for one signed ballot: the voter's current ballot, read from the chain now, must
 * be the one the ballot was signed over.
 */
export async function toSignedBallotArgument(client: PublicClient, deployment: Deployment, signed: SignedBallotData) {
  const previous = await fetchCurrentBallot(client, deployment, signed.round, signed.voter);
  if (hashBallot(previous) !== signed.previousBallot) {
    throw new SignedOverAnotherBallotError(
      `${signed.voter}'s ballot is no longer the one this was signed over (it was submitted already, or the voter ` +
        "has voted since), so it cannot count: the voter must sign their latest choice again.",
    );
  }
  return {
    voter: signed.voter,
    previous: { projectIds: [...previous.projectIds], votes: [...previous.votes] },
    next: { projectIds: [...signed.ballot.projectIds], votes: [...signed.ballot.votes] },
    proof: [] as `0x${string}`[],
    nonce: signed.nonce,
    deadline: signed.deadline,
    signature: signed.signature,
  };
}
