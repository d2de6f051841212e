/**
 * Seeds one quadratic funding round the size of the largest Gitcoin rounds on a local node, for
 * `npm run bench:scale`: a node of the network, `projects` registered projects with profile documents, all
 * approved, a matching pool, and `contributors` accounts each giving to `giftsPerContributor` projects in one
 * transaction, chosen by a Zipf-like popularity so that a few projects draw thousands of contributors and most
 * draw few. Everything is real chain state made by the contracts' own entry points; only the transport is bulk:
 * transactions travel in JSON-RPC batches to a node with automine off and are mined a thousand at a time.
 *
 * The data is synthetic and says so: the node and the projects are named "Scale benchmark …".
 */
import {
  type Address,
  decodeFunctionResult,
  encodeFunctionData,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
} from "viem";
import {
  nodeRegistryAbi,
  projectRegistryAbi,
  quadraticFundingRoundAbi,
  roundFactoryAbi,
} from "../../app/src/generated/abis.ts";
import { pointerOf } from "../../lib/content-address.js";
import { storeContent } from "../../lib/content-store.js";
import type { JsonRpc, RpcCall } from "./rpc.js";
import { seededRandom } from "../seededRandom.ts";

export interface LargeRoundPlan {
  projects: number;
  contributors: number;
  giftsPerContributor: number;
  /** Where the profile documents go (the content store the app's server serves). */
  contentDir: string;
}

export interface SeededRound {
  round: Address;
  projectIds: bigint[];
  donations: number;
  /** Σ of every donation, in wei. */
  donated: bigint;
  matchingPool: bigint;
  /** Seconds the seeding took, per phase. */
  seconds: Record<string, number>;
}

interface Contracts {
  nodeRegistry: Address;
  projectRegistry: Address;
  roundFactory: Address;
}

const DAY = 86_400;
const BATCH = 1_000;
/** Donations mined per block: few enough that the node's re-checks of pending transactions stay cheap. */
const DONATIONS_PER_BLOCK = 100;
const GAS_PER_DONATION_TX = 600_000n;
const POOL = parseEther("1000");
// The local node's own unlocked accounts: #0 governs, #1 stewards, #2 funds, #3–#12 own the projects.
const OWNER_COUNT = 10;

function contributorAddress(index: number): Address {
  return `0x${keccak256(toHex(`hyphae-scale-contributor-${index}`)).slice(-40)}`;
}

function transaction(from: Address, to: Address, data: `0x${string}`, value = 0n, gas = 400_000n): RpcCall {
  return { method: "eth_sendTransaction", params: [{ from, to, data, value: toHex(value), gas: toHex(gas) }] };
}

/**
 * Sends transactions in JSON-RPC batches, each mined in its own block as it arrives. Mining many per block is slower
 * on a Hardhat node: it re-checks the pending transactions whenever one is added, which grows with their square.
 */
async function sendEachMined(rpc: JsonRpc, transactions: readonly RpcCall[]): Promise<void> {
  await rpc.call("evm_setAutomine", [true]);
  await rpc.batch(transactions, BATCH);
  await rpc.call("evm_setAutomine", [false]);
}

/** Sends transactions from many accounts in batches and mines them, `perBlock` to a block. */
async function sendAndMine(rpc: JsonRpc, transactions: readonly RpcCall[], perBlock = BATCH): Promise<void> {
  for (let start = 0; start < transactions.length; start += perBlock) {
    await rpc.batch(transactions.slice(start, start + perBlock));
    await rpc.call("evm_mine");
  }
  const pending = await rpc.call<{ transactions: unknown[] }>("eth_getBlockByNumber", ["pending", false]);
  if (pending.transactions.length > 0) throw new Error(`${pending.transactions.length} transactions were not mined`);
}

/** Stores a JSON document as the app publishes one and returns its pointer. */
async function storeDocument(document: unknown, contentDir: string): Promise<string> {
  return pointerOf(await storeContent(new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`), contentDir));
}

/** Moves the chain to `timestamp`, unless its clock (which follows the wall clock) is already past it. */
async function setTime(rpc: JsonRpc, timestamp: number): Promise<void> {
  const latest = await rpc.call<{ timestamp: `0x${string}` }>("eth_getBlockByNumber", ["latest", false]);
  if (Number(latest.timestamp) < timestamp) await rpc.call("evm_setNextBlockTimestamp", [toHex(timestamp)]);
  await rpc.call("evm_mine");
}

export async function seedLargeRound(rpc: JsonRpc, contracts: Contracts, plan: LargeRoundPlan): Promise<SeededRound> {
  const seconds: Record<string, number> = {};
  let phaseStart = performance.now();
  const phase = (name: string) => {
    seconds[name] = Math.round((performance.now() - phaseStart) / 100) / 10;
    console.log(`  seeded ${name} in ${seconds[name]} s`);
    phaseStart = performance.now();
  };
  const accounts = await rpc.call<Address[]>("eth_accounts");
  const [governor, steward, funder] = accounts as [Address, Address, Address];
  const owners = accounts.slice(3, 3 + OWNER_COUNT);
  await rpc.call("evm_setAutomine", [false]);

  // The node and the round.
  const nodeDocument = {
    name: "Scale benchmark node",
    description: "A synthetic node of `npm run bench:scale`, which measures Hyphae with a round of Gitcoin's size.",
    region: "Benchmark",
  };
  const nodePointer = await storeDocument(nodeDocument, plan.contentDir);
  await sendAndMine(rpc, [
    transaction(
      governor,
      contracts.nodeRegistry,
      encodeFunctionData({
        abi: nodeRegistryAbi,
        functionName: "addNode",
        args: [1, 0n, "Scale benchmark node", nodePointer, [steward], 1],
      }),
    ),
  ]);
  const latest = await rpc.call<{ timestamp: `0x${string}` }>("eth_getBlockByNumber", ["latest", false]);
  const now = Number(latest.timestamp);
  const roundDocument = {
    name: "Scale benchmark round",
    description: `${plan.projects} synthetic projects and ${plan.contributors * plan.giftsPerContributor} donations, seeded by npm run bench:scale.`,
  };
  const roundPointer = await storeDocument(roundDocument, plan.contentDir);
  const config = {
    payoutToken: zeroAddress,
    applicationsStart: BigInt(now + 60),
    applicationsEnd: BigInt(now + DAY),
    donationsStart: BigInt(now + DAY),
    donationsEnd: BigInt(now + 60 * DAY),
    matchCapBps: 0,
  };
  await sendAndMine(rpc, [
    transaction(
      steward,
      contracts.roundFactory,
      encodeFunctionData({ abi: roundFactoryAbi, functionName: "createRound", args: [1n, config, roundPointer] }),
    ),
  ]);
  const roundsCall = { abi: roundFactoryAbi, functionName: "rounds", args: [0n, 1n] } as const;
  const [round] = decodeFunctionResult({
    ...roundsCall,
    data: await rpc.call<`0x${string}`>("eth_call", [
      { to: contracts.roundFactory, data: encodeFunctionData(roundsCall) },
      "latest",
    ]),
  });
  if (round === undefined) throw new Error("the factory created no round");
  await sendAndMine(rpc, [
    transaction(
      funder,
      round,
      encodeFunctionData({ abi: quadraticFundingRoundAbi, functionName: "fundMatchingPool", args: [POOL] }),
      POOL,
    ),
  ]);
  phase("round");

  // Projects: profiles, registration, applications, approvals.
  const registrations: RpcCall[] = [];
  for (let index = 0; index < plan.projects; index++) {
    const owner = owners[index % owners.length] as Address;
    const profile = {
      name: `Scale benchmark project ${index + 1}`,
      description: `Synthetic project ${index + 1} of the scale benchmark.`,
      location: { bioregion: `Benchmark bioregion ${(index % 40) + 1}` },
      tags: ["benchmark"],
    };
    const pointer = await storeDocument(profile, plan.contentDir);
    registrations.push(
      transaction(
        owner,
        contracts.projectRegistry,
        encodeFunctionData({ abi: projectRegistryAbi, functionName: "registerProject", args: [1n, owner, pointer] }),
      ),
    );
  }
  // Mined one by one, in the plan's order: project ids are 1 to `projects`.
  await sendEachMined(rpc, registrations);
  const projectIds = Array.from({ length: plan.projects }, (_, index) => BigInt(index + 1));
  await setTime(rpc, Number(config.applicationsStart));
  const applicationDocument = { summary: "A synthetic application of the scale benchmark." };
  const applicationPointer = await storeDocument(applicationDocument, plan.contentDir);
  await sendEachMined(
    rpc,
    projectIds.map((projectId, index) =>
      transaction(
        owners[index % owners.length] as Address,
        round,
        encodeFunctionData({
          abi: quadraticFundingRoundAbi,
          functionName: "submitApplication",
          args: [projectId, applicationPointer],
        }),
      ),
    ),
  );
  await sendEachMined(
    rpc,
    projectIds.map((projectId) =>
      transaction(
        steward,
        round,
        encodeFunctionData({
          abi: quadraticFundingRoundAbi,
          functionName: "approveApplication",
          args: [projectId, ""],
        }),
      ),
    ),
  );
  phase("projects");

  // Contributors: accounts the node lets us send from, with coin to give.
  const contributors = Array.from({ length: plan.contributors }, (_, index) => contributorAddress(index));
  await rpc.batch(contributors.map((address) => ({ method: "hardhat_impersonateAccount", params: [address] })));
  await rpc.batch(
    contributors.map((address) => ({ method: "hardhat_setBalance", params: [address, toHex(parseEther("100"))] })),
  );
  phase("contributors");

  // Donations: popularity falls with rank (weight 1 / rank^0.9), the ranks shuffled over the projects.
  const next = seededRandom(0x4879_7068);
  const ranks = projectIds.map((_, index) => index).sort(() => next() - 0.5);
  const cumulative: number[] = [];
  let total = 0;
  for (const rank of ranks) {
    total += 1 / (rank + 1) ** 0.9;
    cumulative.push(total);
  }
  const pick = (): number => {
    const target = next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  let donated = 0n;
  const donations: RpcCall[] = contributors.map((contributor) => {
    const chosen = new Set<number>();
    while (chosen.size < plan.giftsPerContributor) chosen.add(pick());
    const ids = [...chosen].sort((a, b) => a - b).map((index) => projectIds[index] as bigint);
    const amounts = ids.map(() => BigInt(1 + Math.floor(next() * 100)) * 10n ** 15n); // 0.001 to 0.1
    const value = amounts.reduce((sum, amount) => sum + amount, 0n);
    donated += value;
    return transaction(
      contributor,
      round,
      encodeFunctionData({ abi: quadraticFundingRoundAbi, functionName: "donate", args: [ids, amounts] }),
      value,
      GAS_PER_DONATION_TX,
    );
  });
  await setTime(rpc, Number(config.donationsStart));
  // Many to a block, as on a busy chain: an indexer then fetches hundreds of blocks, not tens of thousands.
  await sendAndMine(rpc, donations, DONATIONS_PER_BLOCK);
  await rpc.call("evm_setAutomine", [true]);
  phase("donations");

  return {
    round,
    projectIds,
    donations: plan.contributors * plan.giftsPerContributor,
    donated,
    matchingPool: POOL,
    seconds,
  };
}
