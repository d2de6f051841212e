import { type Address, getAddress, isAddress } from "viem";
import {
  MAX_MATCH_CAP_BPS,
  MIN_MATCH_CAP_BPS,
  roundConfigProblems,
  type RoundConfigInput,
  type RoundRulesContext,
} from "../../../lib/round-rules.ts";
import { InvalidDocumentError, LIMITS, parseRoundDescription, type RoundDescription } from "../data/documents.ts";

/** What the steward typed in the "create a round" form. */
export interface RoundFormValues {
  name: string;
  description: string;
  /** The id of the node that runs the round, as a decimal; "" until one is chosen. */
  node: string;
  eligibility: string;
  payoutToken: string;
  applicationsStart: string;
  applicationsEnd: string;
  donationsStart: string;
  donationsEnd: string;
  /** Percent of the pool, "" for no cap. */
  matchCap: string;
}

export type RoundFormErrors = Partial<Record<keyof RoundFormValues, string>>;

export interface ValidRound {
  nodeId: bigint;
  config: RoundConfigInput & { payoutToken: Address };
  document: RoundDescription;
}

/** The node id a form holds, or undefined if none is chosen. */
export function chosenNode(values: Pick<RoundFormValues, "node">): bigint | undefined {
  return /^[1-9]\d*$/.test(values.node) ? BigInt(values.node) : undefined;
}

/** A `datetime-local` value (the reader's time zone) as unix seconds, or undefined if it is not a date. */
export function toUnixSeconds(local: string): bigint | undefined {
  if (local.trim() === "") return undefined;
  const milliseconds = new Date(local).getTime();
  return Number.isNaN(milliseconds) ? undefined : BigInt(Math.floor(milliseconds / 1000));
}

/** Unix seconds as a `datetime-local` value in the reader's time zone, to the minute. */
export function toLocalInput(seconds: bigint): string {
  const date = new Date(Number(seconds) * 1000);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A match cap typed in percent ("12.5") as basis points, or undefined if it is not a number with ≤ 2 decimals. */
export function capToBps(percent: string): number | undefined {
  const text = percent.trim();
  if (text === "") return 0;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) return undefined;
  return Math.round(Number(text) * 100);
}

const FIELD_OF_RULE: Record<string, keyof RoundFormValues> = {
  node: "node",
  applicationsEnd: "applicationsEnd",
  donationsEnd: "donationsEnd",
  donationsStart: "donationsStart",
  matchCap: "matchCap",
  payoutToken: "payoutToken",
  metadata: "description",
};

/**
 * Checks the form with the same rules as the contracts (lib/round-rules.ts) and the same document schema as
 * the app reads; returns the round to create, or a message for each field that is wrong.
 */
export function validateRoundForm(
  values: RoundFormValues,
  context: RoundRulesContext,
): { errors: RoundFormErrors; round?: ValidRound } {
  const errors: RoundFormErrors = {};
  const document: Record<string, unknown> = { name: values.name, description: values.description };
  const eligibility = values.eligibility
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (eligibility.length > 0) document.eligibility = eligibility;
  // Each field on its own first, so every problem shows at once; then the reader's own schema as the last word.
  const textProblems: [keyof RoundFormValues, string, string, number, boolean][] = [
    ["name", values.name, "The name", LIMITS.name, true],
    ["description", values.description, "The description", LIMITS.description, true],
  ];
  for (const [field, value, label, max, required] of textProblems) {
    if (required && value.trim() === "") errors[field] = `${label} is empty.`;
    else if (value.trim().length > max) errors[field] = `${label} is longer than ${max} characters.`;
  }
  if (eligibility.length > LIMITS.listItems) errors.eligibility = `At most ${LIMITS.listItems} rules.`;
  let description: RoundDescription | undefined;
  try {
    description = parseRoundDescription(document);
  } catch (error) {
    if (Object.keys(errors).length === 0) {
      errors.eligibility = error instanceof InvalidDocumentError ? error.message : "The description is invalid.";
    }
  }

  const times = {
    applicationsStart: toUnixSeconds(values.applicationsStart),
    applicationsEnd: toUnixSeconds(values.applicationsEnd),
    donationsStart: toUnixSeconds(values.donationsStart),
    donationsEnd: toUnixSeconds(values.donationsEnd),
  };
  for (const [field, value] of Object.entries(times)) {
    if (value === undefined) errors[field as keyof RoundFormValues] = "Choose a date and time.";
  }
  const matchCapBps = capToBps(values.matchCap);
  if (matchCapBps === undefined) errors.matchCap = "Enter a percentage like 10 or 12.5, or leave it empty for no cap.";
  else if (matchCapBps !== 0 && (matchCapBps < MIN_MATCH_CAP_BPS || matchCapBps > MAX_MATCH_CAP_BPS)) {
    // Also checked with every other rule below; said here so it shows while a date is still missing.
    errors.matchCap = "The match cap must be between 1 % and 100 % of the pool, or none.";
  }

  const nodeId = chosenNode(values);
  if (nodeId === undefined) errors.node = "Choose the node that runs the round.";

  if (!isAddress(values.payoutToken, { strict: false })) errors.payoutToken = "Choose a payout token.";

  if (
    times.applicationsStart !== undefined &&
    times.applicationsEnd !== undefined &&
    times.donationsStart !== undefined &&
    times.donationsEnd !== undefined &&
    matchCapBps !== undefined &&
    errors.payoutToken === undefined
  ) {
    const config: RoundConfigInput & { payoutToken: Address } = {
      payoutToken: getAddress(values.payoutToken),
      applicationsStart: times.applicationsStart,
      applicationsEnd: times.applicationsEnd,
      donationsStart: times.donationsStart,
      donationsEnd: times.donationsEnd,
      matchCapBps,
    };
    // The document is published once the form is valid; its pointer is an ipfs:// CID of this length.
    const pointerShape = `ipfs://${"b".repeat(59)}`;
    const problems = roundConfigProblems(config, pointerShape, context);
    for (const problem of problems) {
      const field = FIELD_OF_RULE[problem.field] ?? "description";
      errors[field] ??= problem.message;
    }
    if (Object.keys(errors).length === 0 && description !== undefined && nodeId !== undefined) {
      return { errors, round: { nodeId, config, document: description } };
    }
  }
  return { errors };
}
