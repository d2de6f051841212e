import type { Address, PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import {
  ApplicationStatus,
  projectRegistryAbi,
  projectRoundAbi,
  quadraticFundingRoundAbi,
  quadraticVotingRoundAbi,
  roundFactoryAbi,
  type RoundStatus,
  votingRoundFactoryAbi,
} from "./contracts.ts";
import { readLogRanges } from "./logs.ts";
import type { RoundSummary } from "./rounds.ts";
import type { VotingRoundSummary } from "./votingRounds.ts";

/**
 * The two kinds of round projects apply to. They share the application flow (IProjectRound: submitting,
 * reviewing, the events, `applicationMetadata`, `isSteward`, `cancel`); only the view that holds an
 * application's status differs: `projectTally(id)` in a funding round, `projectVotes(id)` in a voting round.
 */
export type RoundKind = "funding" | "voting";

/** A round projects apply to, and its kind. */
export interface RoundRef {
  address: Address;
  kind: RoundKind;
}

/**
 * What the application flow needs of a round of either kind: its windows, status and node, and when reviews
 * close (the end of the donation or voting window).
 */
export interface ProjectRound extends RoundRef {
  nodeId: bigint;
  status: RoundStatus;
  metadataPointer: string;
  applicationsStart: bigint;
  applicationsEnd: bigint;
  /** Stewards review until the donation or voting window ends. */
  reviewsEnd: bigint;
  /** The symbol of the token the round pays out in. */
  payoutSymbol: string;
  /** The round's public page. */
  href: string;
}

/** The application flow's view of a funding or a voting round. */
export function projectRoundOf(round: RoundSummary | VotingRoundSummary): ProjectRound {
  const common = {
    address: round.address,
    nodeId: round.nodeId,
    status: round.status,
    metadataPointer: round.metadataPointer,
    applicationsStart: round.applicationsStart,
    applicationsEnd: round.applicationsEnd,
    payoutSymbol: round.token.symbol,
  };
  return "kind" in round
    ? { ...common, kind: "voting", reviewsEnd: round.votingEnd, href: `/voting/${round.address}` }
    : { ...common, kind: "funding", reviewsEnd: round.donationsEnd, href: `/rounds/${round.address}` };
}

/**
 * Funding and voting rounds in one list, the latest application window first; rounds whose applications open
 * together keep the order given (pass each kind newest first, funding rounds before voting rounds).
 */
export function latestApplicationsFirst<round extends { applicationsStart: bigint }>(
  rounds: readonly round[],
): round[] {
  return [...rounds].sort((a, b) =>
    a.applicationsStart === b.applicationsStart ? 0 : a.applicationsStart > b.applicationsStart ? -1 : 1,
  );
}

/** The view call that returns a project's record in a round, whose `status` is the application's state. */
export function applicationStatusCall(round: RoundRef, projectId: bigint) {
  return round.kind === "voting"
    ? ({
        address: round.address,
        abi: quadraticVotingRoundAbi,
        functionName: "projectVotes",
        args: [projectId],
      } as const)
    : ({
        address: round.address,
        abi: quadraticFundingRoundAbi,
        functionName: "projectTally",
        args: [projectId],
      } as const);
}

/** Which kind of round the factories created at `address`; undefined when neither did. */
export async function fetchRoundKind(
  client: PublicClient,
  deployment: Deployment,
  address: Address,
): Promise<RoundKind | undefined> {
  const [funding, voting] = (await readAll(client, [
    { address: deployment.roundFactory, abi: roundFactoryAbi, functionName: "isRound", args: [address] },
    { address: deployment.votingRoundFactory, abi: votingRoundFactoryAbi, functionName: "isRound", args: [address] },
  ])) as [boolean, boolean];
  if (funding) return "funding";
  if (voting) return "voting";
  return undefined;
}

/** A project's application to a round, in every state, with the last review's reason pointer. */
export interface Application {
  projectId: bigint;
  status: ApplicationStatus;
  applicationPointer: string;
  profilePointer: string;
  owner: Address;
  /** The reason pointer of the latest review ("" for an approval without one, or none yet). */
  reviewReason: string;
}

/**
 * Every project that ever applied to a round of either kind, with its current status: the shared events, then
 * one multicall (the status through the round's own view, the document and the registry's profile).
 */
export async function fetchApplications(
  client: PublicClient,
  deployment: Deployment,
  round: RoundRef,
): Promise<Application[]> {
  const fromBlock = BigInt(deployment.fromBlock);
  const [submitted, reviewed] = await Promise.all([
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address: round.address,
        abi: projectRoundAbi,
        eventName: "ApplicationSubmitted",
        ...range,
        strict: true,
      }),
    ),
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address: round.address,
        abi: projectRoundAbi,
        eventName: "ApplicationReviewed",
        ...range,
        strict: true,
      }),
    ),
  ]);
  const ids = [...new Set(submitted.map((log) => log.args.projectId))];
  const reasons = new Map<bigint, string>();
  for (const log of reviewed) reasons.set(log.args.projectId, log.args.reason);
  const results = await readAll(
    client,
    ids.flatMap((projectId) => [
      applicationStatusCall(round, projectId),
      { address: round.address, abi: projectRoundAbi, functionName: "applicationMetadata", args: [projectId] },
      { address: deployment.projectRegistry, abi: projectRegistryAbi, functionName: "getProject", args: [projectId] },
    ]),
  );
  return ids.map((projectId, index) => {
    const record = results[index * 3] as { status: number };
    const project = results[index * 3 + 2] as { owner: Address; metadata: string };
    return {
      projectId,
      status: record.status as ApplicationStatus,
      applicationPointer: results[index * 3 + 1] as string,
      profilePointer: project.metadata,
      owner: project.owner,
      reviewReason: reasons.get(projectId) ?? "",
    };
  });
}
