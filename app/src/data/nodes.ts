import type { Address, PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { nodeRegistryAbi } from "./contracts.ts";

/** A node's kind, as `NodeRegistry.node(id).kind` reports it. */
export const NodeKind = { Local: 0, Translocal: 1 } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

/** A node of the network as the registry holds it. */
export interface NetworkNode {
  id: bigint;
  kind: NodeKind;
  /** The node it belongs to; 0 for none. */
  parent: bigint;
  name: string;
  metadataPointer: string;
  stewardCount: number;
  attestationThreshold: number;
}

/** Every node of the network (ids run from 1 to `nodeCount`; nodes are never removed), in one multicall. */
export async function fetchNodes(client: PublicClient, deployment: Deployment): Promise<NetworkNode[]> {
  const count = await client.readContract({
    address: deployment.nodeRegistry,
    abi: nodeRegistryAbi,
    functionName: "nodeCount",
  });
  const ids = Array.from({ length: Number(count) }, (_, index) => BigInt(index + 1));
  const nodes = (await readAll(
    client,
    ids.map((nodeId) => ({
      address: deployment.nodeRegistry,
      abi: nodeRegistryAbi,
      functionName: "node",
      args: [nodeId],
    })),
  )) as {
    kind: number;
    parentId: bigint;
    stewardCount: number;
    attestationThreshold: number;
    name: string;
    metadata: string;
  }[];
  return nodes.map((node, index) => ({
    id: ids[index] ?? 0n,
    kind: node.kind === NodeKind.Translocal ? NodeKind.Translocal : NodeKind.Local,
    parent: node.parentId,
    name: node.name,
    metadataPointer: node.metadata,
    stewardCount: node.stewardCount,
    attestationThreshold: node.attestationThreshold,
  }));
}

/** The ids of the nodes (of those given) that `account` stewards now. */
export async function fetchStewardedNodes(
  client: PublicClient,
  deployment: Deployment,
  nodeIds: readonly bigint[],
  account: Address,
): Promise<Set<bigint>> {
  const flags = (await readAll(
    client,
    nodeIds.map((nodeId) => ({
      address: deployment.nodeRegistry,
      abi: nodeRegistryAbi,
      functionName: "isSteward",
      args: [nodeId, account],
    })),
  )) as boolean[];
  return new Set(nodeIds.filter((_, index) => flags[index] === true));
}

/** "Cascadia" for a node id, or a plain "node 7" while the names are unknown. */
export function nodeName(nodes: readonly NetworkNode[] | undefined, nodeId: bigint): string {
  return nodes?.find((node) => node.id === nodeId)?.name ?? `node ${nodeId.toString()}`;
}
