import { formatRelative } from "./format.ts";
import type { RoundPhase, RoundSummary } from "../data/rounds.ts";

/** A round's phase in plain words, with the next moment that matters. */
export function describePhase(round: RoundSummary, phase: RoundPhase, now: bigint): string {
  switch (phase) {
    case "upcoming":
      return `Applications open ${formatRelative(round.applicationsStart, now)}`;
    case "applications":
      return `Applications open · close ${formatRelative(round.applicationsEnd, now)}`;
    case "reviewing":
      return `Donations open ${formatRelative(round.donationsStart, now)}`;
    case "donations":
      return `Donations open · close ${formatRelative(round.donationsEnd, now)}`;
    case "awaitingFinalization":
      return "Donations closed · awaiting finalization";
    case "settlingMatchCaps":
      return "Applying match caps";
    case "finalized":
      return "Finalized · payouts open";
    case "cancelled":
      return "Cancelled · refunds open";
  }
}
