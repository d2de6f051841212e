import { formatRelative } from "./format.ts";
import type { RoundPhase, RoundSummary } from "../data/rounds.ts";
import type { VotingPhase, VotingRoundSummary } from "../data/votingRounds.ts";

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

/** A voting round's phase in plain words, with the next moment that matters. */
export function describeVotingPhase(round: VotingRoundSummary, phase: VotingPhase, now: bigint): string {
  switch (phase) {
    case "upcoming":
      return `Applications open ${formatRelative(round.applicationsStart, now)}`;
    case "applications":
      return `Applications open · voting opens ${formatRelative(round.votingStart, now)}`;
    case "reviewing":
      return `Voting opens ${formatRelative(round.votingStart, now)}`;
    case "voting":
      return `Voting open · closes ${formatRelative(round.votingEnd, now)}`;
    case "awaitingFinalization":
      return "Voting closed · awaiting finalization";
    case "finalized":
      return "Finalized · payouts open";
    case "cancelled":
      return "Cancelled · refunds open";
  }
}
