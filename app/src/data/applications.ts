import type { Address, PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { ApplicationStatus, projectRegistryAbi, quadraticFundingRoundAbi } from "./contracts.ts";
import { readLogRanges } from "./logs.ts";

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

/** Every project that ever applied to a round, with its current status: chain reads plus review events. */
export async function fetchApplications(
  client: PublicClient,
  deployment: Deployment,
  round: Address,
): Promise<Application[]> {
  const fromBlock = BigInt(deployment.fromBlock);
  const [submitted, reviewed] = await Promise.all([
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address: round,
        abi: quadraticFundingRoundAbi,
        eventName: "ApplicationSubmitted",
        ...range,
        strict: true,
      }),
    ),
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address: round,
        abi: quadraticFundingRoundAbi,
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
      { address: round, abi: quadraticFundingRoundAbi, functionName: "projectTally", args: [projectId] },
      { address: round, abi: quadraticFundingRoundAbi, functionName: "applicationMetadata", args: [projectId] },
      { address: deployment.projectRegistry, abi: projectRegistryAbi, functionName: "getProject", args: [projectId] },
    ]),
  );
  return ids.map((projectId, index) => {
    const tally = results[index * 3] as { status: number };
    const project = results[index * 3 + 2] as { owner: Address; metadata: string };
    return {
      projectId,
      status: tally.status as ApplicationStatus,
      applicationPointer: results[index * 3 + 1] as string,
      profilePointer: project.metadata,
      owner: project.owner,
      reviewReason: reasons.get(projectId) ?? "",
    };
  });
}
