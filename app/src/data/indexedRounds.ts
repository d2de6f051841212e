/**
 * The indexer read path (indexer/, Ponder): a round's settings and its whole project list in one request each,
 * converted to the same `RoundSummary` and `RoundProject` the direct chain reads produce, so the pages above do not
 * know which path served them. Used when the build names an indexer (HYPHAE_PUBLIC_INDEXER_URL); the hooks fall back
 * to direct reads when it fails or serves another chain.
 */
import { type Address, type Chain, getAddress } from "viem";
import type {
  IndexedRound,
  IndexedRoundProject,
  RoundPageResponse,
  RoundsResponse,
} from "../../../indexer/api-types.ts";
import { ruleFromChain } from "../lib/eligibility.ts";
import { takeEarlyResponse } from "./earlyFetch.ts";
import { indexedRoundUrl } from "./indexedRoundUrl.ts";
import type { ApplicationStatus, RoundStatus } from "./contracts.ts";
import type { RoundProject, RoundSummary } from "./rounds.ts";

/** The indexer failed, or answered for another chain: the caller reads the chain instead. */
export class IndexerUnavailableError extends Error {}

async function getJson<T extends { chainId: number }>(url: string, chain: Chain): Promise<T> {
  let response: Response;
  try {
    // A request src/prefetch.ts started for this URL before the app loaded, if any, or a new one.
    response = await (takeEarlyResponse(url) ?? fetch(url));
  } catch (error) {
    throw new IndexerUnavailableError(`the indexer cannot be reached: ${String(error)}`);
  }
  if (!response.ok) throw new IndexerUnavailableError(`the indexer answered ${response.status} for ${url}`);
  const body = (await response.json()) as T;
  if (body.chainId !== chain.id) {
    throw new IndexerUnavailableError(`the indexer serves chain ${body.chainId}, not ${chain.id}`);
  }
  return body;
}

export function roundSummaryOf(round: IndexedRound, chain: Chain): RoundSummary {
  const token = round.token.isNative
    ? { address: getAddress(round.token.address), isNative: true, ...chain.nativeCurrency }
    : {
        address: getAddress(round.token.address),
        isNative: false,
        name: round.token.name ?? "",
        symbol: round.token.symbol ?? "",
        decimals: round.token.decimals,
      };
  return {
    address: getAddress(round.address),
    chainId: chain.id,
    nodeId: BigInt(round.nodeId),
    token,
    applicationsStart: BigInt(round.applicationsStart),
    applicationsEnd: BigInt(round.applicationsEnd),
    donationsStart: BigInt(round.donationsStart),
    donationsEnd: BigInt(round.donationsEnd),
    matchCapBps: round.matchCapBps,
    status: round.status as RoundStatus,
    matchingPool: BigInt(round.matchingPool),
    idealMatchSum: BigInt(round.idealMatchSum),
    metadataPointer: round.metadataPointer,
    approvedProjectIds: round.approvedProjectIds.map(BigInt),
    totalDonations: BigInt(round.totalDonations),
    eligibility: ruleFromChain({ ...round.eligibility, minimum: BigInt(round.eligibility.minimum) }),
    countingRules: {
      minCountedDonation: BigInt(round.countingRules.minCountedDonation),
      countedContributionCap: BigInt(round.countingRules.countedContributionCap),
    },
    commonsShareBps: round.commonsShareBps,
    commonsShare: BigInt(round.commonsShare),
    commonsShareSent: round.commonsShareSent,
    distributablePool: BigInt(round.distributablePool),
    season: round.season === null ? undefined : getAddress(round.season),
  };
}

export function roundProjectOf(project: IndexedRoundProject): RoundProject {
  return {
    projectId: BigInt(project.projectId),
    owner: getAddress(project.owner),
    payoutAddress: getAddress(project.payoutAddress),
    profilePointer: project.profilePointer,
    applicationPointer: project.applicationPointer,
    status: project.tally.status as ApplicationStatus,
    donations: BigInt(project.donations),
    contributors: project.tally.contributors,
    sqrtSum: BigInt(project.tally.sqrtSum),
    normalisedDonations: BigInt(project.tally.donations),
    countedDonations: BigInt(project.countedDonations),
    matchCapped: project.tally.matchCapped,
    paid: project.tally.paid,
    estimatedMatch: BigInt(project.estimatedMatch),
    contributionOfAccount: BigInt(project.contribution?.contributionOf ?? "0"),
    countedContributionOfAccount: BigInt(project.contribution?.countedContributionOf ?? "0"),
  };
}

/** Every round the indexer knows on `chain`, oldest first. */
export async function fetchIndexedRounds(indexerUrl: string, chain: Chain): Promise<RoundSummary[]> {
  const body = await getJson<RoundsResponse>(`${indexerUrl}/rounds`, chain);
  return body.rounds.map((round) => roundSummaryOf(round, chain));
}

/** One round and its approved projects, with `account`'s gifts when given, in one request. */
export async function fetchIndexedRound(
  indexerUrl: string,
  chain: Chain,
  round: Address,
  account: Address | undefined,
): Promise<{ round: RoundSummary; projects: RoundProject[] }> {
  const body = await getJson<RoundPageResponse>(indexedRoundUrl(indexerUrl, round, account), chain);
  return { round: roundSummaryOf(body.round, chain), projects: body.projects.map(roundProjectOf) };
}
