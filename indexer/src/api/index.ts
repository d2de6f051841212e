/**
 * The indexer's HTTP API (served by Ponder beside its /ready and /status): a round page's whole project list in
 * one request, instead of a multicall per project and a scan of the round's logs. The JSON shapes are in
 * indexer/api-types.ts.
 */
import { Hono } from "hono";
import { compress } from "hono/compress";
import { and, asc, eq } from "ponder";
import { db } from "ponder:api";
import { contribution, project, round, roundProject } from "ponder:schema";
import { getAddress, isAddress, zeroAddress } from "viem";
import { bpsDown, distributablePool } from "../../../lib/quadratic-funding.ts";
import type {
  ErrorResponse,
  IndexedRound,
  IndexedRoundProject,
  RoundPageResponse,
  RoundsResponse,
} from "../../api-types.ts";
import { estimatedMatchOf, idealOf } from "../../matches.ts";
import { indexerSettings } from "../../settings.ts";
import { ApplicationStatus } from "../../statuses.ts";

type RoundRow = typeof round.$inferSelect;
type RoundProjectRow = typeof roundProject.$inferSelect;
type ProjectRow = typeof project.$inferSelect;

const { chainId } = indexerSettings();

function toRound(row: RoundRow, approvedProjectIds: readonly bigint[]): IndexedRound {
  const isNative = row.payoutToken === zeroAddress;
  const distributed = row.distributionNumerator !== null && row.distributionDenominator !== null;
  return {
    address: getAddress(row.address),
    chainId,
    nodeId: row.nodeId.toString(),
    creator: getAddress(row.creator),
    metadataPointer: row.metadata,
    token: {
      address: getAddress(row.payoutToken),
      isNative,
      name: row.tokenName,
      symbol: row.tokenSymbol,
      decimals: row.tokenDecimals,
    },
    applicationsStart: row.applicationsStart.toString(),
    applicationsEnd: row.applicationsEnd.toString(),
    donationsStart: row.donationsStart.toString(),
    donationsEnd: row.donationsEnd.toString(),
    matchCapBps: row.matchCapBps,
    status: row.status,
    matchingPool: row.matchingPool.toString(),
    idealMatchSum: row.idealMatchSum.toString(),
    approvedProjectIds: approvedProjectIds.map((id) => id.toString()),
    // Only approved projects take donations, so the round's sum is theirs; every term is a multiple of the factor.
    totalDonations: (row.donations / row.normalisationFactor).toString(),
    donationCount: row.donationCount,
    eligibility: {
      kind: row.eligibilityKind,
      source: getAddress(row.eligibilitySource),
      key: row.eligibilityKey,
      minimum: row.eligibilityMinimum.toString(),
      attester: getAddress(row.eligibilityAttester),
    },
    countingRules: {
      minCountedDonation: row.minCountedDonation.toString(),
      countedContributionCap: row.countedContributionCap.toString(),
    },
    commonsShareBps: row.commonsShareBps,
    commonsShare: bpsDown(row.matchingPool, BigInt(row.commonsShareBps)).toString(),
    commonsShareSent: row.commonsShareSent,
    distributablePool: distributablePool(row.matchingPool, row.commonsShareBps).toString(),
    season: row.season === zeroAddress ? null : getAddress(row.season),
    distribution: distributed
      ? {
          numerator: String(row.distributionNumerator),
          denominator: String(row.distributionDenominator),
          matchCap: String(row.distributionMatchCap ?? 0n),
          unallocated: String(row.distributionUnallocated ?? 0n),
        }
      : null,
    createdAtBlock: row.createdBlock.toString(),
  };
}

function toProject(
  roundRow: RoundRow,
  row: RoundProjectRow,
  profile: ProjectRow | null,
  gifts: { total: bigint; counted: bigint } | null | undefined,
): IndexedRoundProject {
  const factor = roundRow.normalisationFactor;
  return {
    projectId: row.projectId.toString(),
    owner: getAddress(profile?.owner ?? zeroAddress),
    payoutAddress: getAddress(profile?.payoutAddress ?? zeroAddress),
    homeNode: (profile?.homeNode ?? 0n).toString(),
    profilePointer: profile?.metadata ?? "",
    applicationPointer: row.applicationMetadata,
    tally: {
      status: row.status,
      matchCapped: row.matchCapped,
      paid: row.paid,
      contributors: row.contributors,
      sqrtSum: row.sqrtSum.toString(),
      donations: row.donations.toString(),
    },
    donations: (row.donations / factor).toString(),
    countedDonations: row.countedDonations.toString(),
    idealMatch: idealOf(row).toString(),
    estimatedMatch: estimatedMatchOf(roundRow, row).toString(),
    donationCount: row.donationCount,
    // `undefined`: a contributor was asked for and never gave this project; `null`: none was asked for.
    contribution:
      gifts === null
        ? null
        : {
            contributionOf: ((gifts?.total ?? 0n) / factor).toString(),
            countedContributionOf: ((gifts?.counted ?? 0n) / factor).toString(),
          },
  };
}

/** Lower case, as Ponder stores hex; undefined if `value` is not an address. */
function addressParameter(value: string | undefined): `0x${string}` | undefined {
  return value !== undefined && isAddress(value, { strict: false })
    ? (value.toLowerCase() as `0x${string}`)
    : undefined;
}

const app = new Hono();

// A round of 1,000 projects is about half a megabyte of JSON, a tenth of it gzipped.
app.use(compress());

app.get("/rounds", async (c) => {
  const rows = await db.select().from(round).orderBy(asc(round.createdBlock), asc(round.address));
  const approved = await db
    .select({ round: roundProject.round, projectId: roundProject.projectId })
    .from(roundProject)
    .where(eq(roundProject.status, ApplicationStatus.Approved))
    .orderBy(asc(roundProject.approvalIndex));
  const byRound = new Map<string, bigint[]>();
  for (const { round: address, projectId } of approved) {
    byRound.set(address, [...(byRound.get(address) ?? []), projectId]);
  }
  const body: RoundsResponse = { chainId, rounds: rows.map((row) => toRound(row, byRound.get(row.address) ?? [])) };
  return c.json(body);
});

app.get("/rounds/:round", async (c) => {
  const address = addressParameter(c.req.param("round"));
  const contributorParameter = c.req.query("contributor");
  const contributor = contributorParameter === undefined ? undefined : addressParameter(contributorParameter);
  if (address === undefined || (contributorParameter !== undefined && contributor === undefined)) {
    return c.json({ error: "not an address" } satisfies ErrorResponse, 400);
  }
  const [roundRow] = await db.select().from(round).where(eq(round.address, address));
  if (roundRow === undefined) return c.json({ error: `no round ${address} indexed` } satisfies ErrorResponse, 404);
  const rows = await db
    .select({ tally: roundProject, profile: project })
    .from(roundProject)
    .leftJoin(project, eq(project.projectId, roundProject.projectId))
    .where(and(eq(roundProject.round, address), eq(roundProject.status, ApplicationStatus.Approved)))
    .orderBy(asc(roundProject.approvalIndex));
  let gifts: Map<bigint, { total: bigint; counted: bigint }> | undefined;
  if (contributor !== undefined) {
    const contributions = await db
      .select({ projectId: contribution.projectId, total: contribution.total, counted: contribution.counted })
      .from(contribution)
      .where(and(eq(contribution.round, address), eq(contribution.contributor, contributor)));
    gifts = new Map(contributions.map((row) => [row.projectId, row]));
  }
  const body: RoundPageResponse = {
    chainId,
    round: toRound(
      roundRow,
      rows.map((row) => row.tally.projectId),
    ),
    projects: rows.map(({ tally, profile }) =>
      toProject(roundRow, tally, profile, gifts === undefined ? null : gifts.get(tally.projectId)),
    ),
    contributor: contributor === undefined ? null : getAddress(contributor),
  };
  return c.json(body);
});

export default app;
