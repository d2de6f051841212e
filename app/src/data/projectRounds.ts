import { type Address, getAddress, type PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { applicationStatusCall, type RoundRef } from "./applications.ts";
import { ApplicationStatus, projectRegistryAbi, projectRoundAbi } from "./contracts.ts";
import { readLogRanges } from "./logs.ts";
import type { RegisteredProject } from "./projects.ts";

/** One registered project, or undefined when the registry has no project with this id. */
export async function fetchProject(
  client: PublicClient,
  deployment: Deployment,
  projectId: bigint,
): Promise<RegisteredProject | undefined> {
  const count = await client.readContract({
    address: deployment.projectRegistry,
    abi: projectRegistryAbi,
    functionName: "projectCount",
  });
  if (projectId < 1n || projectId > count) return undefined;
  const project = await client.readContract({
    address: deployment.projectRegistry,
    abi: projectRegistryAbi,
    functionName: "getProject",
    args: [projectId],
  });
  return {
    projectId,
    owner: project.owner,
    homeNode: project.homeNode,
    payoutAddress: project.payoutAddress,
    pendingOwner: project.pendingOwner,
    profilePointer: project.metadata,
  };
}

/** A project's standing in one round. */
export interface ProjectInRound {
  round: Address;
  status: ApplicationStatus;
  /** The pointer of the current application document ("" if it never applied). */
  applicationPointer: string;
  /** The reason pointer of the latest review ("" without one). */
  reviewReason: string;
}

/**
 * One project's application in each of the given rounds, funding and voting rounds alike: its status (through
 * each round's own view) and document (one multicall), and the reason of its latest review in each (one event
 * query over all the rounds, filtered by the project's id: both kinds emit the same event).
 */
export async function fetchProjectInRounds(
  client: PublicClient,
  deployment: Deployment,
  projectId: bigint,
  rounds: readonly RoundRef[],
): Promise<ProjectInRound[]> {
  if (rounds.length === 0) return [];
  const [results, reviews] = await Promise.all([
    readAll(
      client,
      rounds.flatMap((round) => [
        applicationStatusCall(round, projectId),
        {
          address: round.address,
          abi: projectRoundAbi,
          functionName: "applicationMetadata",
          args: [projectId],
        } as const,
      ]),
    ),
    readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
      client.getContractEvents({
        address: rounds.map((round) => round.address),
        abi: projectRoundAbi,
        eventName: "ApplicationReviewed",
        args: { projectId },
        ...range,
        strict: true,
      }),
    ),
  ]);
  // Logs come oldest first: the last one of each round is its latest review.
  const reasons = new Map<Address, string>();
  for (const log of reviews) reasons.set(getAddress(log.address), log.args.reason);
  return rounds.map((round, index) => {
    const record = results[index * 2] as { status: number };
    return {
      round: round.address,
      status: record.status as ApplicationStatus,
      applicationPointer: results[index * 2 + 1] as string,
      reviewReason: reasons.get(getAddress(round.address)) ?? "",
    };
  });
}
