import type { Address } from "viem";
import { describe, expect, it } from "vitest";
import type { Deployment } from "../generated/deployments.ts";
import { NodeKind } from "./contracts.ts";
import { fetchCreditsOf } from "./credits.ts";
import {
  childrenOf,
  fetchContributorTotals,
  fetchKinds,
  fetchNodes,
  fetchNodeTotals,
  fetchPeriodCredits,
  nodesStewardedBy,
} from "./network.ts";
import { fakeClient } from "./testClient.ts";

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
const CREDIT = 10n ** 18n;

describe("fetchNodes", () => {
  const nodeViews: Record<string, unknown> = {
    "1": {
      kind: NodeKind.Translocal,
      parentId: 0n,
      stewardCount: 1,
      attestationThreshold: 1,
      name: "Commons",
      metadata: "ipfs://a",
    },
    "2": {
      kind: NodeKind.Local,
      parentId: 1n,
      stewardCount: 2,
      attestationThreshold: 2,
      name: "Cascadia",
      metadata: "ipfs://b",
    },
  };

  it("reads every node, and keeps as stewards the accounts ever added that are stewards now, in order", async () => {
    // Bob was added to node 2, removed, and added again; Carol was added and removed: the registry has the last word.
    const stewardsNow = new Set([`1:${ALICE}`, `2:${BOB}`, `2:${ALICE}`]);
    const { client, viewCalls } = fakeClient({
      events: [
        { eventName: "StewardAdded", args: { nodeId: 1n, account: ALICE } },
        { eventName: "StewardAdded", args: { nodeId: 2n, account: BOB } },
        { eventName: "StewardAdded", args: { nodeId: 2n, account: CAROL } },
        { eventName: "StewardAdded", args: { nodeId: 2n, account: ALICE } },
        { eventName: "StewardAdded", args: { nodeId: 2n, account: BOB.toLowerCase() } },
      ],
      view: ({ functionName, args }) => {
        if (functionName === "nodeCount") return 2n;
        if (functionName === "node") return nodeViews[String(args[0])];
        if (functionName === "isSteward") return stewardsNow.has(`${String(args[0])}:${String(args[1])}`);
        throw new Error(functionName);
      },
    });
    const nodes = await fetchNodes(client, deployment);
    expect(nodes).toEqual([
      {
        id: 1n,
        kind: NodeKind.Translocal,
        parentId: 0n,
        name: "Commons",
        metadataPointer: "ipfs://a",
        attestationThreshold: 1,
        stewards: [ALICE],
      },
      {
        id: 2n,
        kind: NodeKind.Local,
        parentId: 1n,
        name: "Cascadia",
        metadataPointer: "ipfs://b",
        attestationThreshold: 2,
        stewards: [BOB, ALICE],
      },
    ]);
    // Each candidate is asked about once, however many times it was added.
    expect(viewCalls.filter((call) => call.functionName === "isSteward")).toHaveLength(4);
  });

  it("finds the nodes an account stewards, and a node's local nodes", async () => {
    const { client } = fakeClient({
      events: [
        { eventName: "StewardAdded", args: { nodeId: 1n, account: ALICE } },
        { eventName: "StewardAdded", args: { nodeId: 2n, account: BOB } },
      ],
      view: ({ functionName, args }) =>
        functionName === "nodeCount" ? 2n : functionName === "node" ? nodeViews[String(args[0])] : true,
    });
    const nodes = await fetchNodes(client, deployment);
    expect(nodesStewardedBy(nodes, BOB.toLowerCase() as Address).map((node) => node.id)).toEqual([2n]);
    expect(nodesStewardedBy(nodes, CAROL).map((node) => node.id)).toEqual([]);
    expect(childrenOf(nodes, 1n).map((node) => node.name)).toEqual(["Cascadia"]);
    expect(childrenOf(nodes, 2n)).toEqual([]);
  });

  it("returns no node for an empty registry", async () => {
    const { client } = fakeClient({ view: () => 0n });
    expect(await fetchNodes(client, deployment)).toEqual([]);
  });
});

describe("fetchKinds", () => {
  it("reads each kind ever set once, as it stands now, ordered by id", async () => {
    const { client, viewCalls } = fakeClient({
      events: [
        { eventName: "KindSet", args: { kind: 3n } },
        { eventName: "KindSet", args: { kind: 1n } },
        // Kind 1's weight changed later: one kind, read once.
        { eventName: "KindSet", args: { kind: 1n } },
      ],
      view: ({ args }) =>
        args[0] === 1
          ? { name: "labour", unit: "hours", creditsPerUnit: 12n * CREDIT, selfReported: true }
          : { name: "knowledge", unit: "documents", creditsPerUnit: 20n * CREDIT, selfReported: true },
    });
    expect(await fetchKinds(client, deployment)).toEqual([
      { id: 1, name: "labour", unit: "hours", creditsPerUnit: 12n * CREDIT, selfReported: true, decimals: 0 },
      { id: 3, name: "knowledge", unit: "documents", creditsPerUnit: 20n * CREDIT, selfReported: true, decimals: 0 },
    ]);
    expect(viewCalls.map((call) => call.args[0])).toEqual([1, 3]);
  });

  it("gives a money kind the decimals of the token it counts, and an unnamed one none", async () => {
    const TOKEN = "0x00000000000000000000000000000000000000c5";
    const { client } = fakeClient({
      events: [5n, 6n, 7n].map((kind) => ({ eventName: "KindSet", args: { kind } })),
      view: ({ functionName, args, address }) => {
        if (functionName === "kind")
          return { name: `money ${String(args[0])}`, unit: "X", creditsPerUnit: 1n, selfReported: false };
        if (functionName === "decimals") return address === TOKEN ? 6 : 99;
        // Kind 5 counts an ERC-20, kind 6 the chain's coin (address zero), kind 7 nothing.
        if (args[0] === 5) return { token: TOKEN, named: true };
        if (args[0] === 6) return { token: "0x0000000000000000000000000000000000000000", named: true };
        return { token: "0x0000000000000000000000000000000000000000", named: false };
      },
    });
    expect((await fetchKinds(client, deployment)).map((kind) => [kind.id, kind.decimals])).toEqual([
      [5, 6],
      [6, 18],
      [7, 0],
    ]);
  });
});

describe("totals", () => {
  const kinds = [
    { id: 1, name: "labour", unit: "hours", creditsPerUnit: 10n * CREDIT, selfReported: true, decimals: 0 },
    { id: 5, name: "money", unit: "CUSD", creditsPerUnit: 10n ** 12n, selfReported: false, decimals: 6 },
  ];

  it("reads the ledger's total of each kind for each node, from its views", async () => {
    const { client, viewCalls } = fakeClient({
      view: ({ functionName, args }) => {
        expect(functionName).toBe("nodeTotal");
        const [node, kind] = args as [bigint, number];
        return { quantity: node * 100n + BigInt(kind), credits: node * CREDIT };
      },
    });
    expect(await fetchNodeTotals(client, deployment, [2n, 3n], kinds)).toEqual([
      [
        { kindId: 1, quantity: 201n, credits: 2n * CREDIT },
        { kindId: 5, quantity: 205n, credits: 2n * CREDIT },
      ],
      [
        { kindId: 1, quantity: 301n, credits: 3n * CREDIT },
        { kindId: 5, quantity: 305n, credits: 3n * CREDIT },
      ],
    ]);
    expect(viewCalls).toHaveLength(4);
  });

  it("reads a contributor's total of each kind", async () => {
    const { client } = fakeClient({
      view: ({ functionName, args }) => {
        expect(functionName).toBe("contributorTotal");
        expect(args[0]).toBe(ALICE);
        return { quantity: 7n, credits: 70n * CREDIT };
      },
    });
    expect(await fetchContributorTotals(client, deployment, ALICE, kinds)).toEqual([
      { kindId: 1, quantity: 7n, credits: 70n * CREDIT },
      { kindId: 5, quantity: 7n, credits: 70n * CREDIT },
    ]);
  });

  it("reads credits per period from the node's or the contributor's view", async () => {
    const { client, viewCalls } = fakeClient({ view: ({ args }) => (args[1] as bigint) * CREDIT });
    expect(await fetchPeriodCredits(client, deployment, { node: 2n }, [692n, 693n])).toEqual([
      { period: 692n, credits: 692n * CREDIT },
      { period: 693n, credits: 693n * CREDIT },
    ]);
    await fetchPeriodCredits(client, deployment, { contributor: ALICE }, [694n]);
    expect(viewCalls.map((call) => [call.functionName, call.args])).toEqual([
      ["nodeCreditsInPeriod", [2n, 692n]],
      ["nodeCreditsInPeriod", [2n, 693n]],
      ["contributorCreditsInPeriod", [ALICE, 694n]],
    ]);
  });
});

describe("fetchCreditsOf", () => {
  const TOKEN = "0x0000000000000000000000000000000000000009";

  it("reads credits held, waiting, votes and delegate; no delegate is the zero address", async () => {
    const { client } = fakeClient({
      view: ({ functionName }) =>
        ({
          balanceOf: 220n * CREDIT,
          getVotes: 0n,
          delegates: "0x0000000000000000000000000000000000000000",
          unclaimedCredits: 50n * CREDIT,
        })[functionName],
    });
    expect(await fetchCreditsOf(client, deployment, TOKEN, ALICE)).toEqual({
      balance: 220n * CREDIT,
      unclaimed: 50n * CREDIT,
      votes: 0n,
      delegate: undefined,
    });
  });

  it("returns the delegate checksummed", async () => {
    const { client } = fakeClient({
      view: ({ functionName }) => (functionName === "delegates" ? BOB.toLowerCase() : 0n),
    });
    expect((await fetchCreditsOf(client, deployment, TOKEN, ALICE)).delegate).toBe(BOB);
  });
});
