/**
 * The organized network as the chain holds it: nodes with their stewards, the kinds of contribution and their
 * weights, and the totals the ledger keeps per node and per period. History (which accounts were ever made
 * stewards, which kinds were ever defined) comes from events; the current state from views, in one multicall.
 */
import { type Address, getAddress, type PublicClient, zeroAddress } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { contributionLedgerAbi, NodeKind, nodeRegistryAbi, permitTokenAbi } from "./contracts.ts";
import { readLogRanges } from "./logs.ts";

/** A kind of contribution and its weight. */
export interface ContributionKind {
  id: number;
  name: string;
  unit: string;
  /** Credits (18 decimals) an attested unit earns. */
  creditsPerUnit: bigint;
  /** Whether contributors record it themselves (money is counted from rounds instead). */
  selfReported: boolean;
  /**
   * The decimals of its quantities: 0 for whole units (hours, items…); for a money kind, the decimals of the
   * token it counts, whose base units its quantities are in.
   */
  decimals: number;
}

/** A node of the network with its current stewards. */
export interface NetworkNode {
  id: bigint;
  kind: NodeKind;
  /** The node it belongs to (a local node's translocal commons), or 0. */
  parentId: bigint;
  name: string;
  metadataPointer: string;
  attestationThreshold: number;
  /** Current stewards, in the order they were first added. */
  stewards: Address[];
}

/** Attested (and not revoked) contributions of one kind: their quantity and the credits they earned. */
export interface KindTotal {
  kindId: number;
  quantity: bigint;
  credits: bigint;
}

/** Credits earned by contributions attested in one 30-day period (see lib/periods.ts). */
export interface PeriodCredits {
  period: bigint;
  credits: bigint;
}

/** "Cascadia" for a node id, or a plain "node 7" if the network has no such node (or the names are unknown). */
export function nodeName(nodes: readonly NetworkNode[] | undefined, nodeId: bigint): string {
  return nodes?.find((node) => node.id === nodeId)?.name ?? `node ${nodeId.toString()}`;
}

/** Every kind ever defined (from `KindSet`), as it stands now, ordered by id. */
export async function fetchKinds(client: PublicClient, deployment: Deployment): Promise<ContributionKind[]> {
  const logs = await readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
    client.getContractEvents({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      eventName: "KindSet",
      ...range,
      strict: true,
    }),
  );
  const ids = [...new Set(logs.map((log) => Number(log.args.kind)))].sort((a, b) => a - b);
  const kinds = (await readAll(
    client,
    ids.map((id) => ({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      functionName: "kind",
      args: [id],
    })),
  )) as { creditsPerUnit: bigint; selfReported: boolean; name: string; unit: string }[];
  // Money kinds count a token, in its base units: its decimals say how to show their quantities.
  const moneyIds = ids.filter((_, index) => kinds[index]?.selfReported === false);
  const moneyTokens = (await readAll(
    client,
    moneyIds.map((id) => ({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      functionName: "moneyTokenOf",
      args: [id],
    })),
  )) as { token: Address; named: boolean }[];
  const erc20s = moneyTokens.filter((money) => money.named && money.token !== zeroAddress);
  const erc20Decimals = (await readAll(
    client,
    erc20s.map((money) => ({ address: money.token, abi: permitTokenAbi, functionName: "decimals" })),
  )) as number[];
  const decimalsOf = new Map<number, number>();
  moneyIds.forEach((id, index) => {
    const money = moneyTokens[index];
    if (money?.named !== true) return;
    decimalsOf.set(id, money.token === zeroAddress ? 18 : (erc20Decimals[erc20s.indexOf(money)] ?? 0));
  });
  return kinds.map((kind, index) => {
    const id = ids[index] ?? 0;
    return {
      id,
      name: kind.name,
      unit: kind.unit,
      creditsPerUnit: kind.creditsPerUnit,
      selfReported: kind.selfReported,
      decimals: decimalsOf.get(id) ?? 0,
    };
  });
}

/**
 * Every node (ids run from 1 to `nodeCount`) with its current stewards: each account a `StewardAdded` event ever
 * named, kept if `isSteward` says it still is (so a removal and a later re-addition both come out right).
 */
export async function fetchNodes(client: PublicClient, deployment: Deployment): Promise<NetworkNode[]> {
  const registry = deployment.nodeRegistry;
  const [count, added] = await Promise.all([
    client.readContract({ address: registry, abi: nodeRegistryAbi, functionName: "nodeCount" }),
    readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
      client.getContractEvents({
        address: registry,
        abi: nodeRegistryAbi,
        eventName: "StewardAdded",
        ...range,
        strict: true,
      }),
    ),
  ]);
  const ids = Array.from({ length: Number(count) }, (_, index) => BigInt(index + 1));
  const candidates = new Map<bigint, Address[]>();
  for (const log of added) {
    const list = candidates.get(log.args.nodeId) ?? [];
    const account = getAddress(log.args.account);
    if (!list.includes(account)) list.push(account);
    candidates.set(log.args.nodeId, list);
  }
  const pairs = ids.flatMap((id) => (candidates.get(id) ?? []).map((account) => ({ id, account })));
  const results = await readAll(client, [
    ...ids.map((id) => ({ address: registry, abi: nodeRegistryAbi, functionName: "node", args: [id] })),
    ...pairs.map(({ id, account }) => ({
      address: registry,
      abi: nodeRegistryAbi,
      functionName: "isSteward",
      args: [id, account],
    })),
  ]);
  const current = new Map<bigint, Address[]>();
  pairs.forEach(({ id, account }, index) => {
    if (results[ids.length + index] === true) current.set(id, [...(current.get(id) ?? []), account]);
  });
  return ids.map((id, index) => {
    const node = results[index] as {
      kind: number;
      parentId: bigint;
      attestationThreshold: number;
      name: string;
      metadata: string;
    };
    return {
      id,
      kind: node.kind as NodeKind,
      parentId: node.parentId,
      name: node.name,
      metadataPointer: node.metadata,
      attestationThreshold: node.attestationThreshold,
      stewards: current.get(id) ?? [],
    };
  });
}

/** The ledger's totals per kind for each node, in the order of `nodeIds` and `kinds`. */
export async function fetchNodeTotals(
  client: PublicClient,
  deployment: Deployment,
  nodeIds: readonly bigint[],
  kinds: readonly ContributionKind[],
): Promise<KindTotal[][]> {
  const totals = (await readAll(
    client,
    nodeIds.flatMap((nodeId) =>
      kinds.map((kind) => ({
        address: deployment.contributionLedger,
        abi: contributionLedgerAbi,
        functionName: "nodeTotal",
        args: [nodeId, kind.id],
      })),
    ),
  )) as { quantity: bigint; credits: bigint }[];
  return nodeIds.map((_, nodeIndex) =>
    kinds.map((kind, kindIndex) => {
      const total = totals[nodeIndex * kinds.length + kindIndex];
      return { kindId: kind.id, quantity: total?.quantity ?? 0n, credits: total?.credits ?? 0n };
    }),
  );
}

/** The ledger's totals per kind for a contributor, in the order of `kinds`. */
export async function fetchContributorTotals(
  client: PublicClient,
  deployment: Deployment,
  contributor: Address,
  kinds: readonly ContributionKind[],
): Promise<KindTotal[]> {
  const totals = (await readAll(
    client,
    kinds.map((kind) => ({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      functionName: "contributorTotal",
      args: [contributor, kind.id],
    })),
  )) as { quantity: bigint; credits: bigint }[];
  return kinds.map((kind, index) => ({
    kindId: kind.id,
    quantity: totals[index]?.quantity ?? 0n,
    credits: totals[index]?.credits ?? 0n,
  }));
}

/** Who the credits of a period are counted for: a node, or a contributor. */
export type PeriodSubject = { node: bigint } | { contributor: Address };

/** Credits attested in each of `periods` for a node or a contributor, from the ledger's per-period views. */
export async function fetchPeriodCredits(
  client: PublicClient,
  deployment: Deployment,
  subject: PeriodSubject,
  periods: readonly bigint[],
): Promise<PeriodCredits[]> {
  const values = (await readAll(
    client,
    periods.map((period) =>
      "node" in subject
        ? {
            address: deployment.contributionLedger,
            abi: contributionLedgerAbi,
            functionName: "nodeCreditsInPeriod",
            args: [subject.node, period],
          }
        : {
            address: deployment.contributionLedger,
            abi: contributionLedgerAbi,
            functionName: "contributorCreditsInPeriod",
            args: [subject.contributor, period],
          },
    ),
  )) as bigint[];
  return periods.map((period, index) => ({ period, credits: values[index] ?? 0n }));
}

/** The time of the deployment's first block: no contribution can be older. */
export async function fetchDeploymentTime(client: PublicClient, deployment: Deployment): Promise<bigint> {
  const block = await client.getBlock({ blockNumber: BigInt(deployment.fromBlock) });
  return block.timestamp;
}

/** The nodes (of those given) that `account` stewards. */
export function nodesStewardedBy(nodes: readonly NetworkNode[], account: Address): NetworkNode[] {
  return nodes.filter((node) => node.stewards.some((steward) => steward.toLowerCase() === account.toLowerCase()));
}

/** A node's local nodes: those whose parent it is. */
export function childrenOf(nodes: readonly NetworkNode[], parentId: bigint): NetworkNode[] {
  return nodes.filter((node) => node.parentId === parentId);
}
