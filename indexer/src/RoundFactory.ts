/**
 * The factory's events: a round is created (its settings, token and normalisation factor), then, in the same
 * transaction, its participation rules and its links to the commons when it has them.
 */
import { ponder } from "ponder:registry";
import { round } from "ponder:schema";
import { zeroAddress } from "viem";
import { permitTokenAbi } from "../generated/abis.ts";
import { RoundStatus } from "../statuses.ts";

const ZERO_KEY = `0x${"0".repeat(64)}` as const;

ponder.on("RoundFactory:RoundCreated", async ({ event, context }) => {
  const { round: address, nodeId, payoutToken, creator, config, metadata } = event.args;
  // The factor the round normalises with, read from the round itself rather than recomputed from decimals: it is
  // an immutable argument of the clone, so this one read (at the creation block, cached by Ponder) is final.
  const parameters = await context.client.readContract({
    address,
    abi: context.contracts.QuadraticFundingRound.abi,
    functionName: "parameters",
  });
  const factor = parameters.normalisationFactor;
  let tokenName: string | null = null;
  let tokenSymbol: string | null = null;
  if (payoutToken !== zeroAddress) {
    // The factory only accepts tokens that report their decimals; name and symbol are for display.
    [tokenName, tokenSymbol] = await Promise.all([
      context.client.readContract({ address: payoutToken, abi: permitTokenAbi, functionName: "name" }),
      context.client.readContract({ address: payoutToken, abi: permitTokenAbi, functionName: "symbol" }),
    ]);
  }
  await context.db.insert(round).values({
    address,
    nodeId,
    creator,
    metadata,
    payoutToken,
    tokenName,
    tokenSymbol,
    tokenDecimals: 18 - (factor.toString().length - 1),
    normalisationFactor: factor,
    applicationsStart: config.applicationsStart,
    applicationsEnd: config.applicationsEnd,
    donationsStart: config.donationsStart,
    donationsEnd: config.donationsEnd,
    matchCapBps: config.matchCapBps,
    minCountedDonation: 0n,
    countedContributionCap: 0n,
    eligibilityKind: 0,
    eligibilitySource: zeroAddress,
    eligibilityKey: ZERO_KEY,
    eligibilityMinimum: 0n,
    eligibilityAttester: zeroAddress,
    commonsShareBps: 0,
    season: zeroAddress,
    commonsShareSent: false,
    status: RoundStatus.Active,
    matchingPool: 0n,
    idealMatchSum: 0n,
    donations: 0n,
    donationCount: 0,
    approvedCount: 0,
    cappedCount: 0,
    cappedIdealSum: 0n,
    createdBlock: event.block.number,
    createdAt: event.block.timestamp,
  });
});

ponder.on("RoundFactory:RoundRulesSet", async ({ event, context }) => {
  const { rules } = event.args;
  await context.db.update(round, { address: event.args.round }).set({
    minCountedDonation: rules.minCountedDonation,
    countedContributionCap: rules.countedContributionCap,
    eligibilityKind: rules.eligibility.kind,
    eligibilitySource: rules.eligibility.source,
    eligibilityKey: rules.eligibility.key,
    eligibilityMinimum: rules.eligibility.minimum,
    eligibilityAttester: rules.eligibility.attester,
  });
});

ponder.on("RoundFactory:RoundLinked", async ({ event, context }) => {
  await context.db
    .update(round, { address: event.args.round })
    .set({ commonsShareBps: event.args.commonsShareBps, season: event.args.season });
});
