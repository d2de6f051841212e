import { type Address, type Chain, getAddress, type Hex, type PublicClient, zeroAddress } from "viem";
import {
  contributionsByProject,
  type CountingRules,
  distributablePool,
  hasCountingRules,
  normalisationFactor,
} from "../../../lib/quadratic-funding.ts";
import type { Deployment } from "../generated/deployments.ts";
import { type EligibilityRule, ruleFromChain } from "../lib/eligibility.ts";
import { readAll } from "./chainReads.ts";
import { fetchDonationEvents } from "./history.ts";
import {
  ApplicationStatus,
  permitTokenAbi,
  projectRegistryAbi,
  quadraticFundingRoundAbi,
  RoundStatus,
  roundFactoryAbi,
  votingRoundFactoryAbi,
} from "./contracts.ts";

/** The token a round pays out and takes donations in. */
export interface PayoutToken {
  address: Address;
  isNative: boolean;
  name: string;
  symbol: string;
  decimals: number;
}

/** A round's settings and live totals. */
export interface RoundSummary {
  address: Address;
  chainId: number;
  /** The node of the network that runs the round; its stewards review and may cancel. */
  nodeId: bigint;
  token: PayoutToken;
  applicationsStart: bigint;
  applicationsEnd: bigint;
  donationsStart: bigint;
  donationsEnd: bigint;
  /** 0 for none; otherwise 100–10,000. */
  matchCapBps: number;
  status: RoundStatus;
  matchingPool: bigint;
  idealMatchSum: bigint;
  metadataPointer: string;
  approvedProjectIds: readonly bigint[];
  /** Σ donations to approved projects, in token units. */
  totalDonations: bigint;
  /** Who may donate. */
  eligibility: EligibilityRule;
  /** What counts toward the match (token units; both 0 for a round without counting rules). */
  countingRules: CountingRules;
  /** The share of the matching pool (basis points, 0–2,000) routed to the translocal commons treasury. */
  commonsShareBps: number;
  /** The commons share in token units (of the pool as it stands; fixed once finalized). */
  commonsShare: bigint;
  /** Whether the commons share has been sent to the treasury. */
  commonsShareSent: boolean;
  /** What the round's own rule distributes: the matching pool without the commons share, in token units. */
  distributablePool: bigint;
  /** The co-matching season the round joined, if any. */
  season: Address | undefined;
}

/** Where a round stands at a given chain time. */
export type RoundPhase =
  | "upcoming"
  | "applications"
  | "reviewing"
  | "donations"
  | "awaitingFinalization"
  | "settlingMatchCaps"
  | "finalized"
  | "cancelled";

/**
 * The rounds a node runs, the ones still open first (taking applications or donations, or about to), each group
 * in the order the factory created them.
 */
export function roundsOfNode(
  rounds: readonly RoundSummary[],
  nodeId: bigint,
  now: bigint,
): { open: RoundSummary[]; closed: RoundSummary[] } {
  const ofNode = rounds.filter((round) => round.nodeId === nodeId);
  const isOpen = (round: RoundSummary) => round.status === RoundStatus.Active && now < round.donationsEnd;
  return { open: ofNode.filter(isOpen), closed: ofNode.filter((round) => !isOpen(round)) };
}

export function roundPhase(round: RoundSummary, now: bigint): RoundPhase {
  if (round.status === RoundStatus.Cancelled) return "cancelled";
  if (round.status === RoundStatus.Finalized) return "finalized";
  if (round.status === RoundStatus.SettlingMatchCaps) return "settlingMatchCaps";
  if (now >= round.donationsEnd) return "awaitingFinalization";
  if (now >= round.donationsStart) return "donations";
  if (now >= round.applicationsStart && now < round.applicationsEnd) return "applications";
  if (now >= round.applicationsEnd) return "reviewing";
  return "upcoming";
}

/** How the round list groups rounds: open for applications or donations, not open yet, or over. */
export function roundGroup(phase: RoundPhase): "open" | "upcoming" | "closed" {
  if (phase === "applications" || phase === "donations") return "open";
  if (phase === "upcoming" || phase === "reviewing") return "upcoming";
  return "closed";
}

/** Whether a round, funding or voting, takes applications now. */
export function isApplicationWindowOpen(
  round: Pick<RoundSummary, "status" | "applicationsStart" | "applicationsEnd">,
  now: bigint,
): boolean {
  return round.status === RoundStatus.Active && now >= round.applicationsStart && now < round.applicationsEnd;
}

export function isDonationWindowOpen(round: RoundSummary, now: bigint): boolean {
  return round.status === RoundStatus.Active && now >= round.donationsStart && now < round.donationsEnd;
}

const PAGE = 200n;

/** Every round the factory created, oldest first. */
export async function fetchRoundAddresses(client: PublicClient, deployment: Deployment): Promise<Address[]> {
  const count = await client.readContract({
    address: deployment.roundFactory,
    abi: roundFactoryAbi,
    functionName: "roundCount",
  });
  const pages: Promise<readonly Address[]>[] = [];
  for (let offset = 0n; offset < count; offset += PAGE) {
    pages.push(
      client.readContract({
        address: deployment.roundFactory,
        abi: roundFactoryAbi,
        functionName: "rounds",
        args: [offset, PAGE],
      }),
    );
  }
  return (await Promise.all(pages)).flat();
}

/**
 * Which factory's word a page takes: the RoundFactory's for funding rounds and co-matching seasons (`isRound`,
 * `isSeason`), the VotingRoundFactory's for voting rounds.
 */
export type RoundKind = "funding" | "voting" | "season";

/** What a round of `kind` is called on screen. */
export function roundKindName(kind: RoundKind): string {
  return kind === "voting" ? "voting round" : kind === "season" ? "co-matching season" : "round";
}

/**
 * The address is not a round (or season) that this network's factory created. Any contract can answer a round's
 * views, so one made to look like a round could take donations, approvals or funds: the app shows it no page and
 * sends it nothing.
 */
export class NotARoundOfThisNetworkError extends Error {
  readonly address: Address;
  readonly kind: RoundKind;
  constructor(address: Address, kind: RoundKind) {
    super(`${address} is not a ${roundKindName(kind)} of this network: its factory did not create it`);
    this.address = address;
    this.kind = kind;
  }
}

/** Whether the deployment's factory of `kind` created `address` (`isRound`, or `isSeason` for a season). */
export async function isRoundOfDeployment(
  client: PublicClient,
  deployment: Deployment,
  kind: RoundKind,
  address: Address,
): Promise<boolean> {
  switch (kind) {
    case "voting":
      return client.readContract({
        address: deployment.votingRoundFactory,
        abi: votingRoundFactoryAbi,
        functionName: "isRound",
        args: [address],
      });
    case "season":
      return client.readContract({
        address: deployment.roundFactory,
        abi: roundFactoryAbi,
        functionName: "isSeason",
        args: [address],
      });
    case "funding":
      return client.readContract({
        address: deployment.roundFactory,
        abi: roundFactoryAbi,
        functionName: "isRound",
        args: [address],
      });
  }
}

/**
 * `read` of the round at `address`, only if the deployment's factory created it; a `NotARoundOfThisNetworkError`
 * otherwise, whatever the address's own views answer. The factory's answer and the round's views are asked for
 * together (one round trip, as before), and nothing of the round is returned until the factory has said yes.
 */
export async function readRoundOfDeployment<T>(
  client: PublicClient,
  deployment: Deployment,
  kind: RoundKind,
  address: Address,
  read: () => Promise<T>,
): Promise<T> {
  const [known, value] = await Promise.allSettled([isRoundOfDeployment(client, deployment, kind, address), read()]);
  if (known.status === "rejected") throw known.reason;
  if (!known.value) throw new NotARoundOfThisNetworkError(address, kind);
  if (value.status === "rejected") throw value.reason;
  return value.value;
}

/** Name, symbol and decimals of each payout token; the chain's coin for the zero address. */
export async function fetchPayoutTokens(
  client: PublicClient,
  chain: Chain,
  addresses: readonly Address[],
): Promise<Map<Address, PayoutToken>> {
  const tokens = new Map<Address, PayoutToken>();
  const erc20s = [...new Set(addresses.map((address) => getAddress(address)))].filter(
    (address) => address !== zeroAddress,
  );
  if (addresses.some((address) => address === zeroAddress)) {
    tokens.set(zeroAddress, { address: zeroAddress, isNative: true, ...chain.nativeCurrency });
  }
  const results = await readAll(
    client,
    erc20s.flatMap((address) => [
      { address, abi: permitTokenAbi, functionName: "name" } as const,
      { address, abi: permitTokenAbi, functionName: "symbol" } as const,
      { address, abi: permitTokenAbi, functionName: "decimals" } as const,
    ]),
  );
  erc20s.forEach((address, index) => {
    const [name, symbol, decimals] = results.slice(index * 3, index * 3 + 3) as [string, string, number];
    tokens.set(address, { address, isNative: false, name, symbol, decimals });
  });
  return tokens;
}

/** The settings and live totals of the given rounds, in one multicall (plus one for their tokens). */
export async function fetchRoundSummaries(
  client: PublicClient,
  chain: Chain,
  addresses: readonly Address[],
): Promise<RoundSummary[]> {
  const perRound = 10;
  const results = await readAll(
    client,
    addresses.flatMap((address) => [
      { address, abi: quadraticFundingRoundAbi, functionName: "parameters" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "status" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "matchingPool" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "idealMatchSum" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "metadata" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "approvedProjectIds" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "eligibility" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "countingRules" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "links" } as const,
      { address, abi: quadraticFundingRoundAbi, functionName: "commonsShare" } as const,
    ]),
  );
  const raw = addresses.map((address, index) => {
    const [
      parameters,
      status,
      matchingPool,
      idealMatchSum,
      metadataPointer,
      approvedProjectIds,
      eligibility,
      [minCountedDonation, countedContributionCap],
      links,
      [commonsShare, commonsShareSent],
    ] = results.slice(index * perRound, index * perRound + perRound) as [
      {
        config: {
          payoutToken: Address;
          applicationsStart: bigint;
          applicationsEnd: bigint;
          donationsStart: bigint;
          donationsEnd: bigint;
          matchCapBps: number;
        };
        nodeId: bigint;
      },
      number,
      bigint,
      bigint,
      string,
      readonly bigint[],
      { kind: number; source: Address; key: Hex; minimum: bigint; attester: Address },
      readonly [bigint, bigint],
      { commonsShareBps: number; season: Address },
      readonly [bigint, boolean],
    ];
    return {
      address,
      parameters,
      status,
      matchingPool,
      idealMatchSum,
      metadataPointer,
      approvedProjectIds,
      eligibility: ruleFromChain(eligibility),
      countingRules: { minCountedDonation, countedContributionCap },
      links,
      commonsShare,
      commonsShareSent,
    };
  });
  const tallies = await readAll(
    client,
    raw.flatMap((round) =>
      round.approvedProjectIds.map(
        (projectId) =>
          ({
            address: round.address,
            abi: quadraticFundingRoundAbi,
            functionName: "projectTally",
            args: [projectId],
          }) as const,
      ),
    ),
  );
  const tokens = await fetchPayoutTokens(
    client,
    chain,
    raw.map((round) => round.parameters.config.payoutToken),
  );
  let tallyIndex = 0;
  return raw.map((round) => {
    const { config } = round.parameters;
    const token = tokens.get(getAddress(config.payoutToken));
    if (token === undefined) throw new Error(`no token information for ${config.payoutToken}`);
    const factor = 10n ** BigInt(18 - token.decimals);
    let normalisedDonations = 0n;
    for (let i = 0; i < round.approvedProjectIds.length; i++) {
      const tally = tallies[tallyIndex++] as { donations: bigint } | undefined;
      normalisedDonations += tally?.donations ?? 0n;
    }
    return {
      address: round.address,
      chainId: chain.id,
      nodeId: round.parameters.nodeId,
      token,
      applicationsStart: config.applicationsStart,
      applicationsEnd: config.applicationsEnd,
      donationsStart: config.donationsStart,
      donationsEnd: config.donationsEnd,
      matchCapBps: config.matchCapBps,
      status: round.status as RoundStatus,
      matchingPool: round.matchingPool,
      idealMatchSum: round.idealMatchSum,
      metadataPointer: round.metadataPointer,
      approvedProjectIds: round.approvedProjectIds,
      totalDonations: normalisedDonations / factor,
      eligibility: round.eligibility,
      countingRules: round.countingRules,
      commonsShareBps: round.links.commonsShareBps,
      commonsShare: round.commonsShare,
      commonsShareSent: round.commonsShareSent,
      distributablePool: distributablePool(round.matchingPool, round.links.commonsShareBps),
      season: round.links.season === zeroAddress ? undefined : getAddress(round.links.season),
    };
  });
}

/** An approved project of a round, with its tally and registry profile. */
export interface RoundProject {
  projectId: bigint;
  owner: Address;
  payoutAddress: Address;
  profilePointer: string;
  applicationPointer: string;
  status: ApplicationStatus;
  /** In token units. */
  donations: bigint;
  contributors: number;
  /** S_p over normalised amounts. */
  sqrtSum: bigint;
  /** Σ c over normalised amounts. */
  normalisedDonations: bigint;
  /**
   * What counts of the donations toward the match, normalised: all of them unless the round has counting
   * rules, when it follows from the round's `Donated` events.
   */
  countedDonations: bigint;
  matchCapped: boolean;
  paid: boolean;
  /** The match if the round ended now, or the final match once it is finalized, in token units. */
  estimatedMatch: bigint;
  /** What the connected account has given the project, in token units (0 without an account). */
  contributionOfAccount: bigint;
  /** What of it counts toward the match, in token units (`countedContributionOf`). */
  countedContributionOfAccount: bigint;
}

/** The approved projects of a round, with tallies, estimates and profiles, in two multicalls. */
export async function fetchRoundProjects(
  client: PublicClient,
  deployment: Deployment,
  round: RoundSummary,
  account: Address | undefined,
): Promise<RoundProject[]> {
  const ids = round.approvedProjectIds;
  const perProject = account === undefined ? 4 : 6;
  const results = await readAll(
    client,
    ids.flatMap((projectId) => [
      {
        address: round.address,
        abi: quadraticFundingRoundAbi,
        functionName: "projectTally",
        args: [projectId],
      } as const,
      {
        address: round.address,
        abi: quadraticFundingRoundAbi,
        functionName: "estimatedMatch",
        args: [projectId],
      } as const,
      {
        address: round.address,
        abi: quadraticFundingRoundAbi,
        functionName: "applicationMetadata",
        args: [projectId],
      } as const,
      {
        address: deployment.projectRegistry,
        abi: projectRegistryAbi,
        functionName: "getProject",
        args: [projectId],
      } as const,
      ...(account === undefined
        ? []
        : [
            {
              address: round.address,
              abi: quadraticFundingRoundAbi,
              functionName: "contributionOf",
              args: [projectId, account],
            } as const,
            {
              address: round.address,
              abi: quadraticFundingRoundAbi,
              functionName: "countedContributionOf",
              args: [projectId, account],
            } as const,
          ]),
    ]),
  );
  const factor = 10n ** BigInt(18 - round.token.decimals);
  const counted = hasCountingRules(round.countingRules)
    ? await fetchCountedDonations(client, deployment, round)
    : undefined;
  return ids.map((projectId, index) => {
    const slice = results.slice(index * perProject, index * perProject + perProject);
    const tally = slice[0] as {
      status: number;
      matchCapped: boolean;
      paid: boolean;
      contributors: number;
      sqrtSum: bigint;
      donations: bigint;
    };
    const project = slice[3] as { owner: Address; payoutAddress: Address; metadata: string };
    return {
      projectId,
      owner: project.owner,
      payoutAddress: project.payoutAddress,
      profilePointer: project.metadata,
      applicationPointer: slice[2] as string,
      status: tally.status as ApplicationStatus,
      donations: tally.donations / factor,
      contributors: tally.contributors,
      sqrtSum: tally.sqrtSum,
      normalisedDonations: tally.donations,
      countedDonations: counted?.get(projectId) ?? tally.donations,
      matchCapped: tally.matchCapped,
      paid: tally.paid,
      estimatedMatch: slice[1] as bigint,
      contributionOfAccount: account === undefined ? 0n : (slice[4] as bigint),
      countedContributionOfAccount: account === undefined ? 0n : (slice[5] as bigint),
    };
  });
}

/**
 * What counts toward the match of each approved project's donations (normalised), in a round with counting
 * rules: the round keeps it but has no view of it, so it is recomputed from every `Donated` event, in order,
 * with the same rule (lib/quadratic-funding.ts).
 */
export async function fetchCountedDonations(
  client: PublicClient,
  deployment: Deployment,
  round: RoundSummary,
): Promise<Map<bigint, bigint>> {
  const events = await fetchDonationEvents(client, deployment, round.address);
  const approved = new Set(round.approvedProjectIds);
  const factor = normalisationFactor(round.token.decimals);
  const projects = contributionsByProject(
    round.approvedProjectIds,
    events.filter((event) => approved.has(event.projectId)),
    round.countingRules,
  );
  return new Map(
    projects.map(({ projectId, counted }) => [
      projectId,
      (counted ?? []).reduce((sum, amount) => sum + amount, 0n) * factor,
    ]),
  );
}

/** The connected account's part in a round. */
export interface AccountInRound {
  isSteward: boolean;
  /** What it put in the matching pool, in token units. */
  funded: bigint;
  /** Whether it has taken its leftover or refund. */
  settled: boolean;
  /** What it can claim of the unallocated pool once the round is finalized. */
  leftover: bigint;
}

/** The final split of the pool; undefined before finalization. */
export interface FinalDistribution {
  numerator: bigint;
  denominator: bigint;
  matchCap: bigint;
  unallocated: bigint;
}

export async function fetchAccountInRound(
  client: PublicClient,
  round: RoundSummary,
  account: Address,
): Promise<AccountInRound> {
  const [isSteward, [funded, settled]] = (await readAll(client, [
    { address: round.address, abi: quadraticFundingRoundAbi, functionName: "isSteward", args: [account] },
    { address: round.address, abi: quadraticFundingRoundAbi, functionName: "funderAccount", args: [account] },
  ])) as [boolean, readonly [bigint, boolean]];
  let leftover = 0n;
  if (round.status === RoundStatus.Finalized && !settled && round.matchingPool > 0n) {
    const distribution = await fetchFinalDistribution(client, round);
    leftover = distribution === undefined ? 0n : (funded * distribution.unallocated) / round.matchingPool;
  }
  return { isSteward, funded, settled, leftover };
}

export async function fetchFinalDistribution(
  client: PublicClient,
  round: RoundSummary,
): Promise<FinalDistribution | undefined> {
  if (round.status !== RoundStatus.Finalized) return undefined;
  return client.readContract({
    address: round.address,
    abi: quadraticFundingRoundAbi,
    functionName: "matchDistribution",
  });
}
