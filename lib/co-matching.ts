/**
 * The reference of co-matching (CoMatchingSeason): a season's pool split quadratically among its local
 * rounds, each round a recipient whose contributors are the people who gave in it, with what counted of all
 * they gave there. Written from the rule, not from the contract, so the contract can be tested against it.
 */
import { idealMatch, matchLevel, normalisationFactor, sqrtDown } from "./quadratic-funding.js";

/** One round of a season: what counted of each contributor's gifts in the whole round, in token units. */
export interface SeasonRound {
  round: string;
  /** A cancelled round draws nothing. */
  cancelled: boolean;
  counted: readonly bigint[];
}

export interface Season {
  /** The co-matching pool, in token units. */
  pool: bigint;
  /** The decimals of the season's token. */
  decimals: number;
  rounds: readonly SeasonRound[];
}

export interface SeasonDraw {
  round: string;
  /** `max(0, S_r² − Σ g)`, normalised to 18 decimals. */
  ideal: bigint;
  /** What the round draws, in token units, rounded down. */
  amount: bigint;
}

export interface SeasonSplit {
  draws: SeasonDraw[];
  /** Σ of the draws. */
  distributed: bigint;
  /** What goes back to the season's funders: `pool − distributed`. */
  returned: bigint;
}

/** The split of a season's pool among its rounds. */
export function splitSeason(season: Season): SeasonSplit {
  const factor = normalisationFactor(season.decimals);
  const ideals = season.rounds.map((round) => {
    if (round.cancelled) return 0n;
    const normalised = round.counted.filter((amount) => amount > 0n).map((amount) => amount * factor);
    const sqrtSum = normalised.reduce((sum, amount) => sum + sqrtDown(amount), 0n);
    const total = normalised.reduce((sum, amount) => sum + amount, 0n);
    return idealMatch(sqrtSum, total);
  });
  const idealSum = ideals.reduce((sum, ideal) => sum + ideal, 0n);
  const [numerator, denominator] = matchLevel(season.pool, idealSum, factor);
  const draws = season.rounds.map((round, i) => {
    const ideal = ideals[i] ?? 0n;
    return { round: round.round, ideal, amount: (ideal * numerator) / denominator };
  });
  const distributed = draws.reduce((sum, draw) => sum + draw.amount, 0n);
  return { draws, distributed, returned: season.pool - distributed };
}
