/**
 * The indexer's totals equal the contracts' views on a seeded round (issue 6): for every round of the seed
 * (test/indexer/seed.ts), every approved project's tally as `projectTally` returns it, its estimated match,
 * every contributor's `contributionOf` and `countedContributionOf`, and the round's donations as the sum of its
 * projects' and of its `Donated` events — read from the chain and from the indexer's API at the same block.
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  type Address,
  createPublicClient,
  createWalletClient,
  getAddress,
  http,
  isAddress,
  keccak256,
  type PublicClient,
  toBytes,
  zeroAddress,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { describe, expect, inject, it } from "vitest";
import type { IndexedRound, RoundPageResponse, RoundsResponse } from "../../indexer/api-types.js";
import {
  permitTokenAbi,
  projectRegistryAbi,
  quadraticFundingRoundAbi,
  roundFactoryAbi,
} from "../../indexer/generated/abis.js";

const rpcUrl = inject("indexerRpcUrl");
const indexerUrl = inject("indexerUrl");
const seed = inject("indexerSeed");
const deployment = seed.deployment;
const client: PublicClient = createPublicClient({ chain: hardhat, transport: http(rpcUrl, { batch: true }) });
const ROUNDS = Object.entries(seed.rounds) as [keyof typeof seed.rounds, Address][];

async function api<T>(pathname: string): Promise<T> {
  const response = await fetch(`${indexerUrl}${pathname}`);
  if (!response.ok) throw new Error(`GET ${pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The block the indexer has indexed up to. */
async function indexedBlock(): Promise<bigint> {
  const status = await api<{ hyphae: { block: { number: number } } }>("/status");
  return BigInt(status.hyphae.block.number);
}

/** Waits until the indexer has indexed `block`. */
async function indexedUpTo(block: bigint): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await indexedBlock()) < block) {
    if (Date.now() > deadline) throw new Error(`the indexer has not reached block ${block} within 20 s`);
    await sleep(100);
  }
}

/** A round's views at `blockNumber`, in the shape the API serves them (less what only events tell). */
async function roundOnChain(
  address: Address,
  blockNumber: bigint,
): Promise<Omit<IndexedRound, "creator" | "createdAtBlock" | "donationCount">> {
  const at = { address, abi: quadraticFundingRoundAbi, blockNumber } as const;
  const [
    parameters,
    status,
    matchingPool,
    idealMatchSum,
    metadata,
    approved,
    eligibility,
    countingRules,
    links,
    commonsShare,
  ] = await Promise.all([
    client.readContract({ ...at, functionName: "parameters" }),
    client.readContract({ ...at, functionName: "status" }),
    client.readContract({ ...at, functionName: "matchingPool" }),
    client.readContract({ ...at, functionName: "idealMatchSum" }),
    client.readContract({ ...at, functionName: "metadata" }),
    client.readContract({ ...at, functionName: "approvedProjectIds" }),
    client.readContract({ ...at, functionName: "eligibility" }),
    client.readContract({ ...at, functionName: "countingRules" }),
    client.readContract({ ...at, functionName: "links" }),
    client.readContract({ ...at, functionName: "commonsShare" }),
  ]);
  const tallies = await Promise.all(
    approved.map((projectId) =>
      client.readContract({
        address,
        abi: quadraticFundingRoundAbi,
        functionName: "projectTally",
        args: [projectId],
        blockNumber,
      }),
    ),
  );
  const { config } = parameters;
  const isNative = config.payoutToken === zeroAddress;
  const [name, symbol] = isNative
    ? [null, null]
    : await Promise.all([
        client.readContract({ address: config.payoutToken, abi: permitTokenAbi, functionName: "name", blockNumber }),
        client.readContract({ address: config.payoutToken, abi: permitTokenAbi, functionName: "symbol", blockNumber }),
      ]);
  const decimals = isNative
    ? 18
    : await client.readContract({
        address: config.payoutToken,
        abi: permitTokenAbi,
        functionName: "decimals",
        blockNumber,
      });
  const factor = parameters.normalisationFactor;
  const distribution =
    status === 2
      ? await client.readContract({
          address,
          abi: quadraticFundingRoundAbi,
          functionName: "matchDistribution",
          blockNumber,
        })
      : undefined;
  return {
    address: getAddress(address),
    chainId: hardhat.id,
    nodeId: parameters.nodeId.toString(),
    metadataPointer: metadata,
    token: { address: getAddress(config.payoutToken), isNative, name, symbol, decimals },
    applicationsStart: config.applicationsStart.toString(),
    applicationsEnd: config.applicationsEnd.toString(),
    donationsStart: config.donationsStart.toString(),
    donationsEnd: config.donationsEnd.toString(),
    matchCapBps: config.matchCapBps,
    status,
    matchingPool: matchingPool.toString(),
    idealMatchSum: idealMatchSum.toString(),
    approvedProjectIds: approved.map(String),
    totalDonations: (tallies.reduce((sum, tally) => sum + tally.donations, 0n) / factor).toString(),
    eligibility: {
      kind: eligibility.kind,
      source: getAddress(eligibility.source),
      key: eligibility.key,
      minimum: eligibility.minimum.toString(),
      attester: getAddress(eligibility.attester),
    },
    countingRules: {
      minCountedDonation: countingRules[0].toString(),
      countedContributionCap: countingRules[1].toString(),
    },
    commonsShareBps: links.commonsShareBps,
    commonsShare: commonsShare[0].toString(),
    commonsShareSent: commonsShare[1],
    distributablePool: (matchingPool - commonsShare[0]).toString(),
    season: links.season === zeroAddress ? null : getAddress(links.season),
    distribution:
      distribution === undefined
        ? null
        : {
            numerator: distribution.numerator.toString(),
            denominator: distribution.denominator.toString(),
            matchCap: distribution.matchCap.toString(),
            unallocated: distribution.unallocated.toString(),
          },
  };
}

/** Holds the API's view of `address` to the chain's at the block the indexer has reached. */
async function expectRoundMatchesChain(address: Address): Promise<void> {
  const block = await indexedBlock();
  const page = await api<RoundPageResponse>(`/rounds/${address}`);
  // The indexer may have moved on while we read: only compare at a block both describe.
  expect(await indexedBlock()).toBe(block);
  const chain = await roundOnChain(address, block);
  // The creator and creation block come from the factory's event; the donation count is held to the round's
  // Donated events below.
  const { creator, createdAtBlock, donationCount, ...served } = page.round;
  expect(served).toEqual(chain);
  expect(isAddress(creator, { strict: true })).toBe(true);
  expect(BigInt(createdAtBlock)).toBeLessThanOrEqual(block);
  expect(donationCount).toBeGreaterThan(0);
  expect(page.projects.map((project) => project.projectId)).toEqual(chain.approvedProjectIds);
  for (const project of page.projects) {
    const projectId = BigInt(project.projectId);
    const [tally, estimatedMatch, applicationPointer, profile] = await Promise.all([
      client.readContract({
        address,
        abi: quadraticFundingRoundAbi,
        functionName: "projectTally",
        args: [projectId],
        blockNumber: block,
      }),
      client.readContract({
        address,
        abi: quadraticFundingRoundAbi,
        functionName: "estimatedMatch",
        args: [projectId],
        blockNumber: block,
      }),
      client.readContract({
        address,
        abi: quadraticFundingRoundAbi,
        functionName: "applicationMetadata",
        args: [projectId],
        blockNumber: block,
      }),
      client.readContract({
        address: deployment.projectRegistry,
        abi: projectRegistryAbi,
        functionName: "getProject",
        args: [projectId],
        blockNumber: block,
      }),
    ]);
    expect({ projectId: project.projectId, ...project.tally }).toEqual({
      projectId: project.projectId,
      status: tally.status,
      matchCapped: tally.matchCapped,
      paid: tally.paid,
      contributors: tally.contributors,
      sqrtSum: tally.sqrtSum.toString(),
      donations: tally.donations.toString(),
    });
    expect(project.estimatedMatch).toBe(estimatedMatch.toString());
    expect(project.donations).toBe((tally.donations / 10n ** BigInt(18 - chain.token.decimals)).toString());
    expect(project.applicationPointer).toBe(applicationPointer);
    expect([project.owner, project.payoutAddress, project.profilePointer]).toEqual([
      profile.owner,
      profile.payoutAddress,
      profile.metadata,
    ]);
  }
}

describe("the indexer on a seeded deployment", () => {
  it("lists every round the factory created, oldest first", async () => {
    const { rounds, chainId } = await api<RoundsResponse>("/rounds");
    const created = await client.readContract({
      address: deployment.roundFactory,
      abi: roundFactoryAbi,
      functionName: "rounds",
      args: [0n, 100n],
    });
    expect(chainId).toBe(hardhat.id);
    expect(rounds.map((round) => round.address)).toEqual(created.map((address) => getAddress(address)));
    expect(created.map((address) => getAddress(address))).toEqual(Object.values(seed.rounds));
  });

  it.each(ROUNDS)(
    "serves the %s round's settings, totals and every approved project's tally as the round's views return them",
    async (_name, address) => {
      await expectRoundMatchesChain(address);
    },
  );

  it.each(ROUNDS)(
    "serves each contributor's gifts to each project of the %s round as contributionOf and countedContributionOf",
    async (_name, address) => {
      const block = await indexedBlock();
      for (const contributor of seed.contributors) {
        const page = await api<RoundPageResponse>(`/rounds/${address}?contributor=${contributor.toLowerCase()}`);
        expect(page.contributor).toBe(contributor);
        for (const project of page.projects) {
          const args = [BigInt(project.projectId), contributor] as const;
          const [contributionOf, countedContributionOf] = await Promise.all([
            client.readContract({
              address,
              abi: quadraticFundingRoundAbi,
              functionName: "contributionOf",
              args,
              blockNumber: block,
            }),
            client.readContract({
              address,
              abi: quadraticFundingRoundAbi,
              functionName: "countedContributionOf",
              args,
              blockNumber: block,
            }),
          ]);
          expect({ contributor, projectId: project.projectId, ...project.contribution }).toEqual({
            contributor,
            projectId: project.projectId,
            contributionOf: contributionOf.toString(),
            countedContributionOf: countedContributionOf.toString(),
          });
        }
      }
    },
  );

  it.each(ROUNDS)(
    "counts the %s round's donations as the sum of its projects' and of its Donated events",
    async (_name, address) => {
      const page = await api<RoundPageResponse>(`/rounds/${address}`);
      const events = await client.getContractEvents({
        address,
        abi: quadraticFundingRoundAbi,
        eventName: "Donated",
        fromBlock: 0n,
        toBlock: await indexedBlock(),
        strict: true,
      });
      const fromEvents = events.reduce((sum, event) => sum + event.args.amount, 0n);
      const fromProjects = page.projects.reduce((sum, project) => sum + BigInt(project.donations), 0n);
      expect(events.length).toBeGreaterThan(10);
      expect(page.round.donationCount).toBe(events.length);
      expect(BigInt(page.round.totalDonations)).toBe(fromEvents);
      expect(fromProjects).toBe(fromEvents);
    },
  );

  it("covers what the seed set out to: repeat gifts, uncounted gifts, a binding cap, payouts and refunds", async () => {
    const [open, capped, cancelled] = await Promise.all(
      ROUNDS.map(([, address]) => api<RoundPageResponse>(`/rounds/${address}?contributor=${seed.contributors[0]!}`)),
    );
    expect(open!.projects.some((project) => project.donationCount > project.tally.contributors)).toBe(true);
    expect(capped!.projects.some((project) => project.countedDonations !== project.tally.donations)).toBe(true);
    expect(capped!.projects.some((project) => project.tally.matchCapped)).toBe(true);
    expect(capped!.projects.every((project) => project.tally.paid)).toBe(true);
    expect(cancelled!.round.status).toBe(3);
    expect(cancelled!.projects.every((project) => project.contribution?.contributionOf === "0")).toBe(true);
    expect(cancelled!.projects.some((project) => project.tally.donations !== "0")).toBe(true);
  });

  it("follows a donation made while it runs", async () => {
    // A seed contributor (its key is the seed's) gives again to the open round, which is still taking donations.
    const account = privateKeyToAccount(keccak256(toBytes("hyphae indexer test contributor 0")));
    expect(account.address).toBe(seed.contributors[0]);
    const wallet = createWalletClient({ account, chain: hardhat, transport: http(rpcUrl) });
    const round = seed.rounds.open;
    const { round: before } = await api<RoundPageResponse>(`/rounds/${round}`);
    const projectIds = before.approvedProjectIds.slice(0, 2).map(BigInt);
    const amounts = [1_234_567n, 89_000_001n];
    const approval = await wallet.writeContract({
      address: before.token.address,
      abi: permitTokenAbi,
      functionName: "approve",
      args: [round, amounts[0]! + amounts[1]!],
    });
    await client.waitForTransactionReceipt({ hash: approval });
    const hash = await wallet.writeContract({
      address: round,
      abi: quadraticFundingRoundAbi,
      functionName: "donate",
      args: [projectIds, amounts],
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    await indexedUpTo(receipt.blockNumber);
    const { round: after } = await api<RoundPageResponse>(`/rounds/${round}`);
    expect(BigInt(after.totalDonations) - BigInt(before.totalDonations)).toBe(amounts[0]! + amounts[1]!);
    await expectRoundMatchesChain(round);
  });

  it("caught up with the seeded history within two minutes", () => {
    const seconds = inject("indexerCatchUpSeconds");
    console.log(`the indexer caught up with ${seed.lastBlock} blocks in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(120);
  });

  it("answers any origin, gzipped, 404 for a round it does not know and 400 for what is not an address", async () => {
    // The app is served from another origin than the indexer: Ponder's server allows any.
    const page = await fetch(`${indexerUrl}/rounds/${seed.rounds.open}`, {
      headers: { origin: "http://localhost:5173" },
    });
    expect(page.headers.get("access-control-allow-origin")).toBe("*");
    expect(page.headers.get("content-encoding")).toBe("gzip");
    expect((await fetch(`${indexerUrl}/rounds/${deployment.roundFactory}`)).status).toBe(404);
    expect((await fetch(`${indexerUrl}/rounds/not-an-address`)).status).toBe(400);
    expect((await fetch(`${indexerUrl}/rounds/${seed.rounds.open}?contributor=nobody`)).status).toBe(400);
  });
});
