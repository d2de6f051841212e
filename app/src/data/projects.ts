import type { Address, PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { projectRegistryAbi } from "./contracts.ts";

/** A project profile as the registry holds it. */
export interface RegisteredProject {
  projectId: bigint;
  owner: Address;
  /** The node of the network the project belongs to. */
  homeNode: bigint;
  payoutAddress: Address;
  pendingOwner: Address;
  profilePointer: string;
}

/** Every registered project (ids run from 1 to `projectCount`), in one multicall. */
export async function fetchProjects(client: PublicClient, deployment: Deployment): Promise<RegisteredProject[]> {
  const count = await client.readContract({
    address: deployment.projectRegistry,
    abi: projectRegistryAbi,
    functionName: "projectCount",
  });
  const ids = Array.from({ length: Number(count) }, (_, index) => BigInt(index + 1));
  const projects = (await readAll(
    client,
    ids.map((projectId) => ({
      address: deployment.projectRegistry,
      abi: projectRegistryAbi,
      functionName: "getProject",
      args: [projectId],
    })),
  )) as { owner: Address; homeNode: bigint; payoutAddress: Address; pendingOwner: Address; metadata: string }[];
  return projects.map((project, index) => ({
    projectId: ids[index] ?? 0n,
    owner: project.owner,
    homeNode: project.homeNode,
    payoutAddress: project.payoutAddress,
    pendingOwner: project.pendingOwner,
    profilePointer: project.metadata,
  }));
}
