/**
 * A round's events, applied in chain order to the round, its projects and their contributors, so that every
 * stored tally equals what the round's views return at the same block.
 */
import { ponder } from "ponder:registry";
import { contribution, donation, round, roundProject } from "ponder:schema";
import { ApplicationStatus, RoundStatus } from "../statuses.ts";
import { applyDonation } from "../tally.ts";

/** The zero tally of a project that has just applied. */
const FRESH_TALLY = {
  matchCapped: false,
  paid: false,
  contributors: 0,
  sqrtSum: 0n,
  donations: 0n,
  countedDonations: 0n,
  donationCount: 0,
} as const;

ponder.on("QuadraticFundingRound:ApplicationSubmitted", async ({ event, context }) => {
  const { projectId, applicant, metadata } = event.args;
  // A rejected project may apply again: its application becomes pending again (the old rejection no longer
  // answers it), and its tally, empty since it was never approved, stays.
  await context.db
    .insert(roundProject)
    .values({
      round: event.log.address,
      projectId,
      applicant,
      applicationMetadata: metadata,
      status: ApplicationStatus.Pending,
      ...FRESH_TALLY,
    })
    .onConflictDoUpdate({
      applicant,
      applicationMetadata: metadata,
      status: ApplicationStatus.Pending,
      reviewReason: null,
    });
});

ponder.on("QuadraticFundingRound:ApplicationUpdated", async ({ event, context }) => {
  await context.db
    .update(roundProject, { round: event.log.address, projectId: event.args.projectId })
    .set({ applicationMetadata: event.args.metadata });
});

ponder.on("QuadraticFundingRound:ApplicationReviewed", async ({ event, context }) => {
  const { projectId, status, reason } = event.args;
  let approvalIndex: number | null = null;
  if (status === ApplicationStatus.Approved) {
    // An approval is final and appends to `approvedProjectIds()`: its index keeps the round's order.
    const updated = await context.db
      .update(round, { address: event.log.address })
      .set((row) => ({ approvedCount: row.approvedCount + 1 }));
    approvalIndex = updated.approvedCount - 1;
  }
  await context.db
    .update(roundProject, { round: event.log.address, projectId })
    .set({ status, reviewReason: reason, approvalIndex });
});

ponder.on("QuadraticFundingRound:MatchingPoolFunded", async ({ event, context }) => {
  // The event carries the pool's new total: no running sum to drift.
  await context.db.update(round, { address: event.log.address }).set({ matchingPool: event.args.poolTotal });
});

ponder.on("QuadraticFundingRound:Donated", async ({ event, context }) => {
  const { projectId, contributor, amount, contributorTotal, projectTotal } = event.args;
  const roundAddress = event.log.address;
  const roundRow = await context.db.find(round, { address: roundAddress });
  const projectRow = await context.db.find(roundProject, { round: roundAddress, projectId });
  if (roundRow === null || projectRow === null) {
    throw new Error(`a donation to project ${projectId} of ${roundAddress}, which the indexer has not seen`);
  }
  const key = { round: roundAddress, projectId, contributor };
  const previous = await context.db.find(contribution, key);
  const factor = roundRow.normalisationFactor;
  const outcome = applyDonation(
    projectRow,
    { total: previous?.total ?? 0n, counted: previous?.counted ?? 0n },
    amount,
    factor,
    { minCountedDonation: roundRow.minCountedDonation, countedContributionCap: roundRow.countedContributionCap },
  );
  // The event states both totals in token units: a mismatch means the indexer no longer follows the round, and
  // stopping says so where serving numbers would hide it.
  if (outcome.contribution.total / factor !== contributorTotal || outcome.tally.donations / factor !== projectTotal) {
    throw new Error(
      `the indexer's totals of project ${projectId} of ${roundAddress} differ from the round's at block ` +
        `${event.block.number}: contributor ${outcome.contribution.total / factor} ≠ ${contributorTotal} or ` +
        `project ${outcome.tally.donations / factor} ≠ ${projectTotal}`,
    );
  }
  await context.db
    .update(roundProject, { round: roundAddress, projectId })
    .set({ ...outcome.tally, donationCount: projectRow.donationCount + 1 });
  await context.db
    .insert(contribution)
    .values({ ...key, ...outcome.contribution, donationCount: 1, refunded: 0n })
    .onConflictDoUpdate((row) => ({ ...outcome.contribution, donationCount: row.donationCount + 1 }));
  await context.db.update(round, { address: roundAddress }).set({
    // The round's running Σ ideal moves by this project's change, added before subtracted, as on chain.
    idealMatchSum: roundRow.idealMatchSum + outcome.idealAfter - outcome.idealBefore,
    donations: roundRow.donations + amount * factor,
    donationCount: roundRow.donationCount + 1,
  });
  await context.db.insert(donation).values({
    id: event.id,
    round: roundAddress,
    projectId,
    contributor,
    amount,
    contributorTotal,
    projectTotal,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    transactionHash: event.transaction.hash,
    timestamp: event.block.timestamp,
  });
});

ponder.on("QuadraticFundingRound:MatchCapSettlementStarted", async ({ event, context }) => {
  await context.db.update(round, { address: event.log.address }).set({ status: RoundStatus.SettlingMatchCaps });
});

ponder.on("QuadraticFundingRound:MatchCapped", async ({ event, context }) => {
  const { projectId, idealMatch } = event.args;
  await context.db.update(roundProject, { round: event.log.address, projectId }).set({ matchCapped: true });
  await context.db.update(round, { address: event.log.address }).set((row) => ({
    cappedCount: row.cappedCount + 1,
    cappedIdealSum: row.cappedIdealSum + idealMatch,
  }));
});

ponder.on("QuadraticFundingRound:RoundFinalized", async ({ event, context }) => {
  const { distribution } = event.args;
  await context.db.update(round, { address: event.log.address }).set({
    status: RoundStatus.Finalized,
    distributionNumerator: distribution.numerator,
    distributionDenominator: distribution.denominator,
    distributionMatchCap: distribution.matchCap,
    distributionUnallocated: distribution.unallocated,
  });
});

ponder.on("QuadraticFundingRound:RoundCancelled", async ({ event, context }) => {
  await context.db.update(round, { address: event.log.address }).set({ status: RoundStatus.Cancelled });
});

ponder.on("QuadraticFundingRound:CommonsShareSent", async ({ event, context }) => {
  await context.db.update(round, { address: event.log.address }).set({ commonsShareSent: true });
});

ponder.on("QuadraticFundingRound:PayoutClaimed", async ({ event, context }) => {
  const { projectId, payoutAddress, donations, matchAmount } = event.args;
  await context.db
    .update(roundProject, { round: event.log.address, projectId })
    .set({ paid: true, payoutAddress, payoutDonations: donations, payoutMatch: matchAmount });
});

ponder.on("QuadraticFundingRound:DonationRefunded", async ({ event, context }) => {
  const { projectId, contributor, amount } = event.args;
  // The round forgets the refunded gifts (`contributionOf` is 0 after) but keeps the project's tally.
  await context.db
    .update(contribution, { round: event.log.address, projectId, contributor })
    .set((row) => ({ total: 0n, counted: 0n, refunded: row.refunded + amount }));
});
