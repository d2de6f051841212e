import { type Address, getAddress, isAddress } from "viem";
import { LIMITS, type SeasonDescription } from "../data/documents.ts";
import { chosenNode, toUnixSeconds } from "./roundForm.ts";

/** What a steward typed in the "open a co-matching season" form. */
export interface SeasonFormValues {
  name: string;
  description: string;
  /** The node that opens the season, as a decimal id; "" until one is chosen. */
  node: string;
  payoutToken: string;
  /** `datetime-local`, the reader's time zone. */
  closesAt: string;
}

export type SeasonFormErrors = Partial<Record<keyof SeasonFormValues, string>>;

export interface SeasonFormContext {
  /** The nodes the account stewards (only a node's stewards open its seasons). */
  stewardOf: (nodeId: bigint) => boolean;
  /** The node's name, for the season's document. */
  nodeName: (nodeId: bigint) => string;
  /** Whether the network allows this payout token (the chain's coin always). */
  isTokenAllowed: (token: string) => boolean;
  now: bigint;
}

export interface ValidSeason {
  nodeId: bigint;
  payoutToken: Address;
  closesAt: bigint;
  document: SeasonDescription;
}

/**
 * Checks the form with `RoundFactory.createSeason`'s rules (a steward of the node, a close in the future, an
 * allowed token) and the document schema the app reads; returns the season to open or a message per field.
 */
export function validateSeasonForm(
  values: SeasonFormValues,
  context: SeasonFormContext,
): { errors: SeasonFormErrors; season?: ValidSeason } {
  const errors: SeasonFormErrors = {};
  if (values.name.trim() === "") errors.name = "The name is empty.";
  else if (values.name.trim().length > LIMITS.name) errors.name = `The name is longer than ${LIMITS.name} characters.`;
  if (values.description.trim() === "") errors.description = "The description is empty.";
  else if (values.description.trim().length > LIMITS.description) {
    errors.description = `The description is longer than ${LIMITS.description} characters.`;
  }
  const nodeId = chosenNode(values);
  if (nodeId === undefined) errors.node = "Choose the node that opens the season.";
  else if (!context.stewardOf(nodeId)) errors.node = "Only a steward of this node can open its seasons.";
  if (!isAddress(values.payoutToken, { strict: false })) errors.payoutToken = "Choose a payout token.";
  else if (!context.isTokenAllowed(values.payoutToken)) errors.payoutToken = "The network does not allow this token.";
  const closesAt = toUnixSeconds(values.closesAt);
  if (closesAt === undefined) errors.closesAt = "Choose a date and time.";
  else if (closesAt <= context.now) errors.closesAt = "The season must close in the future.";
  if (Object.keys(errors).length > 0 || nodeId === undefined || closesAt === undefined) return { errors };
  return {
    errors,
    season: {
      nodeId,
      payoutToken: getAddress(values.payoutToken),
      closesAt,
      document: {
        name: values.name.trim(),
        description: values.description.trim(),
        node: context.nodeName(nodeId),
      },
    },
  };
}
