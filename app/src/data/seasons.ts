import { type Address, type Chain, getAddress, isAddressEqual, type PublicClient, zeroAddress } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import {
  coMatchingSeasonAbi,
  contributionLedgerAbi,
  nodeRegistryAbi,
  quadraticFundingRoundAbi,
  RoundStatus,
  roundFactoryAbi,
} from "./contracts.ts";
import { readLogRanges } from "./logs.ts";
import { fetchPayoutTokens, type PayoutToken, type RoundSummary } from "./rounds.ts";

/** One local round's part of a season: its ideal (normalised) and its draw (token units), live until settled. */
export interface SeasonDraw {
  round: Address;
  ideal: bigint;
  amount: bigint;
  /**
   * The part of the draw still waiting in the season (`undeliveredDraw`): the round refused it when the season
   * settled (its token paused, or the issuer blocking the round's address), and anyone can deliver it later. Zero
   * before settling and once delivered. The round cannot finalize while it is not zero.
   */
  undelivered: bigint;
}

/** A co-matching season's settings and live state. */
export interface SeasonSummary {
  address: Address;
  chainId: number;
  /** The node whose stewards opened it (typically the translocal commons). */
  nodeId: bigint;
  token: PayoutToken;
  /** From this second on anyone can settle it; every round's donations end by then. */
  closesAt: bigint;
  metadataPointer: string;
  settled: boolean;
  /** The co-matching pool, in token units. */
  pool: bigint;
  /** Everything that came back to the season's funders so far (what the rule left, refunds, leftovers). */
  returned: bigint;
  /** Each round's draw if the season settled now; after settling, what it drew. In the order rounds joined. */
  draws: SeasonDraw[];
}

const PAGE = 100n;

/** Every season the factory created, oldest first. */
export async function fetchSeasonAddresses(client: PublicClient, deployment: Deployment): Promise<Address[]> {
  const addresses: Address[] = [];
  for (let offset = 0n; ; offset += PAGE) {
    const page = await client.readContract({
      address: deployment.roundFactory,
      abi: roundFactoryAbi,
      functionName: "seasons",
      args: [offset, PAGE],
    });
    addresses.push(...page);
    if (BigInt(page.length) < PAGE) return addresses;
  }
}

/** The settings and live state of the given seasons, in one multicall (plus one for their tokens). */
export async function fetchSeasonSummaries(
  client: PublicClient,
  chain: Chain,
  addresses: readonly Address[],
): Promise<SeasonSummary[]> {
  const perSeason = 5;
  const results = await readAll(
    client,
    addresses.flatMap((address) => [
      { address, abi: coMatchingSeasonAbi, functionName: "parameters" } as const,
      { address, abi: coMatchingSeasonAbi, functionName: "isSettled" } as const,
      { address, abi: coMatchingSeasonAbi, functionName: "pool" } as const,
      { address, abi: coMatchingSeasonAbi, functionName: "returned" } as const,
      { address, abi: coMatchingSeasonAbi, functionName: "draws" } as const,
    ]),
  );
  const raw = addresses.map((address, index) => {
    const [parameters, settled, pool, returned, [rounds, ideals, amounts]] = results.slice(
      index * perSeason,
      index * perSeason + perSeason,
    ) as [
      { payoutToken: Address; closesAt: bigint; nodeId: bigint; metadata: string },
      boolean,
      bigint,
      bigint,
      readonly [readonly Address[], readonly bigint[], readonly bigint[]],
    ];
    const draws = rounds.map((round, i) => ({
      round: getAddress(round),
      ideal: ideals[i] ?? 0n,
      amount: amounts[i] ?? 0n,
      undelivered: 0n,
    }));
    return { address, parameters, settled, pool, returned, draws };
  });
  const [tokens] = await Promise.all([
    fetchPayoutTokens(
      client,
      chain,
      raw.map((season) => season.parameters.payoutToken),
    ),
    readUndeliveredDraws(client, raw),
  ]);
  return raw.map((season) => {
    const token = tokens.get(getAddress(season.parameters.payoutToken));
    if (token === undefined) throw new Error(`no token information for ${season.parameters.payoutToken}`);
    return {
      address: season.address,
      chainId: chain.id,
      nodeId: season.parameters.nodeId,
      token,
      closesAt: season.parameters.closesAt,
      metadataPointer: season.parameters.metadata,
      settled: season.settled,
      pool: season.pool,
      returned: season.returned,
      draws: season.draws,
    };
  });
}

/**
 * Fills in the draws that wait in their settled seasons, in one more multicall: only a settled season can hold one
 * back, and only for a round that drew something.
 */
async function readUndeliveredDraws(
  client: PublicClient,
  seasons: readonly { address: Address; settled: boolean; draws: SeasonDraw[] }[],
): Promise<void> {
  const asked = seasons.flatMap((season) =>
    season.settled ? season.draws.filter((draw) => draw.amount > 0n).map((draw) => ({ season, draw })) : [],
  );
  const waiting = await readAll(
    client,
    asked.map(
      ({ season, draw }) =>
        ({
          address: season.address,
          abi: coMatchingSeasonAbi,
          functionName: "undeliveredDraw",
          args: [draw.round],
        }) as const,
    ),
  );
  asked.forEach(({ draw }, index) => {
    draw.undelivered = waiting[index] as bigint;
  });
}

/** A funder of a season and what it put in the pool, in token units. */
export interface SeasonFunder {
  funder: Address;
  funded: bigint;
}

/** Everyone who funded the season, from its `SeasonFunded` events, the largest first. */
export async function fetchSeasonFunders(
  client: PublicClient,
  deployment: Deployment,
  season: Address,
): Promise<SeasonFunder[]> {
  const logs = await readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
    client.getContractEvents({
      address: season,
      abi: coMatchingSeasonAbi,
      eventName: "SeasonFunded",
      ...range,
      strict: true,
    }),
  );
  const totals = new Map<Address, bigint>();
  for (const log of logs) {
    const funder = getAddress(log.args.funder);
    totals.set(funder, (totals.get(funder) ?? 0n) + log.args.amount);
  }
  return [...totals]
    .map(([funder, funded]) => ({ funder, funded }))
    .sort((a, b) => (a.funded === b.funded ? a.funder.localeCompare(b.funder) : a.funded > b.funded ? -1 : 1));
}

/** What an account put in a season's pool and what it has claimed of what came back. */
export async function fetchSeasonAccount(
  client: PublicClient,
  season: Address,
  account: Address,
): Promise<{ funded: bigint; claimed: bigint }> {
  const [funded, claimed] = await client.readContract({
    address: season,
    abi: coMatchingSeasonAbi,
    functionName: "funderAccount",
    args: [account],
  });
  return { funded, claimed };
}

/** What a season can take back from one of its rounds: everything after a cancellation, or its leftover. */
export interface Recoverable {
  round: Address;
  /** What the season put in the round's pool (its draw, once delivered). */
  funded: bigint;
  /** The round's draw, still waiting in the season: a cancelled round's comes back without a call to the round. */
  undelivered: bigint;
  /** Whether the season took its part back already. */
  recovered: boolean;
  /** What `recover(round)` would bring back now, in token units. */
  amount: bigint;
}

/** For each cancelled or finalized round of a settled season, what the season can recover from it. */
export async function fetchRecoverable(
  client: PublicClient,
  season: Pick<SeasonSummary, "address" | "draws">,
  rounds: readonly RoundSummary[],
): Promise<Recoverable[]> {
  const closed = rounds.filter(
    (round) => round.status === RoundStatus.Cancelled || round.status === RoundStatus.Finalized,
  );
  // A cancelled round has no distribution (the view reverts): only finalized ones are asked for theirs.
  const finalized = closed.filter((round) => round.status === RoundStatus.Finalized);
  const results = await readAll(client, [
    ...closed.map(
      (round) =>
        ({
          address: round.address,
          abi: quadraticFundingRoundAbi,
          functionName: "funderAccount",
          args: [season.address],
        }) as const,
    ),
    ...finalized.map(
      (round) =>
        ({ address: round.address, abi: quadraticFundingRoundAbi, functionName: "matchDistribution" }) as const,
    ),
  ]);
  return closed.map((round, index) => {
    const [funded, recoveredFromRound] = results[index] as readonly [bigint, boolean];
    const draw = season.draws.find((item) => isAddressEqual(item.round, round.address));
    const undelivered = draw?.undelivered ?? 0n;
    const distribution = results[closed.length + finalized.indexOf(round)] as { unallocated: bigint } | undefined;
    const unallocated = distribution?.unallocated ?? 0n;
    if (round.status === RoundStatus.Cancelled && funded === 0n && (draw?.amount ?? 0n) > 0n) {
      // The draw never reached the round (a round cancelled before settling drew nothing): it waits in the season
      // until `recover` returns it to the funders, and once nothing waits any more, it came back that way.
      return { round: round.address, funded, undelivered, recovered: undelivered === 0n, amount: undelivered };
    }
    let amount = 0n;
    if (!recoveredFromRound && funded > 0n) {
      amount =
        round.status === RoundStatus.Cancelled
          ? funded
          : round.matchingPool === 0n
            ? 0n
            : (funded * unallocated) / round.matchingPool;
    }
    return { round: round.address, funded, undelivered, recovered: recoveredFromRound, amount };
  });
}

/** Where a round's commons share goes and whether the ledger has counted it. */
export interface CommonsShareStatus {
  /** The translocal commons treasury; undefined until the governors set it. */
  treasury: Address | undefined;
  /** The round's node's own account, which the ledger credits; undefined until its stewards set it. */
  nodeAccount: Address | undefined;
  /** The node the share is counted for (the round's node's parent); 0 if it has none. */
  commonsNodeId: bigint;
  /** Whether the ledger counted the share already (a `CommonsShareCounted` event of the round). */
  counted: boolean;
  /** The money kind the ledger counts the round's token as; 0 if it does not count it. */
  moneyKind: number;
}

export async function fetchCommonsShareStatus(
  client: PublicClient,
  deployment: Deployment,
  round: RoundSummary,
): Promise<CommonsShareStatus> {
  const [treasury, nodeAccount, node, moneyKind] = (await readAll(client, [
    { address: deployment.nodeRegistry, abi: nodeRegistryAbi, functionName: "commonsTreasury" },
    { address: deployment.nodeRegistry, abi: nodeRegistryAbi, functionName: "nodeAccount", args: [round.nodeId] },
    { address: deployment.nodeRegistry, abi: nodeRegistryAbi, functionName: "node", args: [round.nodeId] },
    {
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      functionName: "moneyKind",
      args: [round.token.address],
    },
  ])) as [Address, Address, { parentId: bigint }, number];
  const counted = await readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
    client.getContractEvents({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      eventName: "CommonsShareCounted",
      args: { round: round.address },
      ...range,
      strict: true,
    }),
  );
  return {
    treasury: treasury === zeroAddress ? undefined : treasury,
    nodeAccount: nodeAccount === zeroAddress ? undefined : nodeAccount,
    commonsNodeId: node.parentId,
    counted: counted.length > 0,
    moneyKind,
  };
}
