/**
 * A project's match as the round's `estimatedMatch(id)` gives it, from indexed state and the CLR functions of
 * lib/quadratic-funding.ts: the share of the distributable pool at the current level (capped at the match
 * cap) before finalization, and the share fixed by `matchDistribution()` after.
 */
import { distributablePool, estimateMatch, idealMatch } from "../lib/quadratic-funding.ts";
import { ApplicationStatus, RoundStatus } from "./statuses.ts";

export interface RoundForMatch {
  status: number;
  matchingPool: bigint;
  commonsShareBps: number;
  tokenDecimals: number;
  matchCapBps: number;
  idealMatchSum: bigint;
  distributionNumerator: bigint | null;
  distributionDenominator: bigint | null;
  distributionMatchCap: bigint | null;
}

export interface ProjectForMatch {
  status: number;
  matchCapped: boolean;
  sqrtSum: bigint;
  countedDonations: bigint;
}

/** `max(0, S² − Σ counted)`: the round's `_idealOf`. */
export function idealOf(project: ProjectForMatch): bigint {
  return idealMatch(project.sqrtSum, project.countedDonations);
}

export function estimatedMatchOf(round: RoundForMatch, project: ProjectForMatch): bigint {
  if (project.status !== ApplicationStatus.Approved) return 0n;
  const ideal = idealOf(project);
  if (round.status === RoundStatus.Finalized) {
    const { distributionNumerator: numerator, distributionDenominator: denominator } = round;
    if (numerator === null || denominator === null) throw new Error("a finalized round without its distribution");
    if (project.matchCapped) return round.distributionMatchCap ?? 0n;
    return (ideal * numerator) / denominator;
  }
  return estimateMatch(ideal, round.idealMatchSum, {
    matchingPool: distributablePool(round.matchingPool, round.commonsShareBps),
    decimals: round.tokenDecimals,
    matchCapBps: round.matchCapBps,
  });
}
