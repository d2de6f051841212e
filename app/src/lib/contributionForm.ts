/**
 * The forms of the network pages: recording a contribution (node, kind, quantity, description and evidence),
 * a steward's reason, and a delegate's address. Each field is checked as it is typed with the rules the ledger
 * and the documents' readers apply (data/documents.ts), so a form the app accepts always becomes a transaction
 * that can succeed and documents the app shows. Pure functions, no React.
 */
import { type Address, getAddress, zeroAddress } from "viem";
import {
  type ContributionDescription,
  type ContributionEvidence,
  LIMITS,
  parseContributionDescription,
  parseContributionEvidence,
} from "../data/documents.ts";
import type { ContributionKind, NetworkNode } from "../data/network.ts";
import { CREDIT_DECIMALS } from "../data/credits.ts";
import { checkExternalUrl, describeUrlProblem } from "./externalUrl.ts";
import { formatTokenAmount } from "./format.ts";

/** The most a quantity or the credits of a contribution can be: the ledger keeps both in 96 bits. */
export const MAX_UINT96 = 2n ** 96n - 1n;

/** The record form as typed: every field is text (ids as the selects give them). */
export interface ContributionFormValues {
  nodeId: string;
  kindId: string;
  quantity: string;
  title: string;
  text: string;
  /** One link a line. */
  links: string;
  note: string;
}

export type ContributionField = keyof ContributionFormValues;
export type ContributionFormErrors = Partial<Record<ContributionField, string>>;

export const EMPTY_CONTRIBUTION_FORM: ContributionFormValues = {
  nodeId: "",
  kindId: "",
  quantity: "",
  title: "",
  text: "",
  links: "",
  note: "",
};

/** The order the fields appear in, so the first wrong one can take the focus. */
export const CONTRIBUTION_FIELDS: readonly ContributionField[] = [
  "nodeId",
  "kindId",
  "quantity",
  "title",
  "text",
  "links",
  "note",
];

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

function tooLong(what: string, value: string, max: number): string | undefined {
  const length = value.trim().length;
  if (length <= max) return undefined;
  return `${what} is ${plural(length, "character")} long; the most is ${max.toLocaleString("en-US")}.`;
}

/** A kind's unit in the singular: "hours" → "hour"; a unit that is not a plural in -s ("CUSD") stays as it is. */
export function singularUnit(unit: string): string {
  return /[a-z]s$/.test(unit) ? unit.slice(0, -1) : unit;
}

/** A quantity of a kind as a number: whole units, or a money kind's token amount (at most two decimals). */
export function formatKindAmount(quantity: bigint, kind: Pick<ContributionKind, "decimals">): string {
  return kind.decimals === 0 ? quantity.toLocaleString("en-US") : formatTokenAmount(quantity, kind.decimals, 2);
}

/** "1 hour", "12 hours", "3 documents", "1,500 CUSD": the unit in the singular for one (units are kept plural). */
export function formatQuantity(quantity: bigint, kind: Pick<ContributionKind, "unit" | "decimals">): string {
  const one = quantity === 10n ** BigInt(kind.decimals);
  return `${formatKindAmount(quantity, kind)} ${one ? singularUnit(kind.unit) : kind.unit}`;
}

/** "12 hours of labour", or for a kind the app does not know (yet), "12 units of kind #7". */
export function describeQuantity(
  quantity: bigint,
  kindId: number,
  kind: Pick<ContributionKind, "name" | "unit" | "decimals"> | undefined,
): string {
  return kind === undefined
    ? `${quantity.toLocaleString("en-US")} units of kind #${kindId}`
    : `${formatQuantity(quantity, kind)} of ${kind.name}`;
}

/** Credits (18 decimals) for people: grouped, at most two decimals. */
export function formatCredits(credits: bigint): string {
  return formatTokenAmount(credits, CREDIT_DECIMALS, 2);
}

/** The largest quantity of a kind the ledger can credit: its quantity and its credits must each fit 96 bits. */
export function maxQuantityOf(kind: Pick<ContributionKind, "creditsPerUnit">): bigint {
  return kind.creditsPerUnit === 0n ? MAX_UINT96 : MAX_UINT96 / kind.creditsPerUnit;
}

export type ParsedQuantity = { ok: true; value: bigint } | { ok: false; error: string };

/** A quantity typed in whole units of the kind ("12", "1,500"), or why it is not one the ledger takes. */
export function parseQuantity(input: string, kind: Pick<ContributionKind, "unit" | "creditsPerUnit">): ParsedQuantity {
  const text = input.trim();
  if (text === "") return { ok: false, error: `Enter how many ${kind.unit} you gave, like 4.` };
  if (text.includes(",") && !/^\d{1,3}(,\d{3})+$/.test(text)) {
    return { ok: false, error: "Use commas only to group thousands, like 1,500." };
  }
  const digits = text.replace(/,/g, "");
  if (/^\d*[.]\d+$/.test(digits)) {
    return {
      ok: false,
      error: `Record whole ${kind.unit}: the ledger counts whole units. Round to the nearest whole number.`,
    };
  }
  if (digits.startsWith("-")) return { ok: false, error: "The quantity must be a positive whole number." };
  if (!/^\d+$/.test(digits)) return { ok: false, error: `Enter a whole number of ${kind.unit}, like 4.` };
  const value = BigInt(digits);
  if (value === 0n) return { ok: false, error: "The quantity must be at least 1." };
  const max = maxQuantityOf(kind);
  if (value > max) {
    return {
      ok: false,
      error: `The ledger takes at most ${max.toLocaleString("en-US")} ${kind.unit} in one contribution.`,
    };
  }
  return { ok: true, value };
}

/** The non-empty lines of the links field, trimmed. */
export function linkLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function validateLinks(value: string): string | undefined {
  const lines = linkLines(value);
  if (lines.length > LIMITS.evidenceLinks) {
    return `Give at most ${LIMITS.evidenceLinks} links, one a line (there are ${lines.length}).`;
  }
  for (const [index, line] of lines.entries()) {
    // The same check (lib/externalUrl.ts) the app makes before it shows the link.
    const checked = checkExternalUrl(line);
    if (!checked.ok) {
      return checked.problem === "notUrl"
        ? `Line ${index + 1} is not a web address: write it in full, like https://example.org/photos.`
        : `Line ${index + 1} ${describeUrlProblem(checked.problem)}.`;
    }
    if (line.length > LIMITS.shortText * 2) {
      return `Line ${index + 1} is longer than ${LIMITS.shortText * 2} characters: shorten the link.`;
    }
  }
  return undefined;
}

/** What the form needs to know of the chain: the nodes and the kinds that exist. */
export interface ContributionFormContext {
  nodes: readonly Pick<NetworkNode, "id">[];
  kinds: readonly ContributionKind[];
}

/** The kind a form names, if it exists. */
export function kindOfForm(values: Pick<ContributionFormValues, "kindId">, kinds: readonly ContributionKind[]) {
  return kinds.find((kind) => String(kind.id) === values.kindId);
}

/** Every field's problem; an empty object when the form can be sent. */
export function validateContributionForm(
  values: ContributionFormValues,
  context: ContributionFormContext,
): ContributionFormErrors {
  const errors: ContributionFormErrors = {};
  if (values.nodeId === "") errors.nodeId = "Choose the node you gave this to.";
  else if (!context.nodes.some((node) => node.id.toString() === values.nodeId)) {
    errors.nodeId = "This node does not exist on this network.";
  }
  const kind = kindOfForm(values, context.kinds);
  if (values.kindId === "") errors.kindId = "Choose what kind of contribution it is.";
  else if (kind === undefined) errors.kindId = "This kind of contribution does not exist on this network.";
  else if (!kind.selfReported) {
    errors.kindId = `${kind.name} is counted by the protocol itself (from rounds): it cannot be recorded by hand.`;
  }
  if (kind !== undefined) {
    const quantity = parseQuantity(values.quantity, kind);
    if (!quantity.ok) errors.quantity = quantity.error;
  } else if (values.quantity.trim() === "") {
    errors.quantity = "Enter how many hours, items or documents you gave, like 4.";
  } else if (!/^\d+$/.test(values.quantity.trim())) {
    errors.quantity = "Enter a whole number, like 4.";
  }
  if (values.title.trim() === "") errors.title = "Give the contribution a title, like “Seed cleaning day”.";
  else {
    const long = tooLong("The title", values.title, LIMITS.title);
    if (long !== undefined) errors.title = long;
  }
  if (values.text.trim() === "") errors.text = "Describe what you gave: what, where, when and for whom.";
  else {
    const long = tooLong("The description", values.text, LIMITS.description);
    if (long !== undefined) errors.text = long;
  }
  const links = validateLinks(values.links);
  if (links !== undefined) errors.links = links;
  const note = tooLong("The note", values.note, LIMITS.evidenceNote);
  if (note !== undefined) errors.note = note;
  if (linkLines(values.links).length === 0 && values.note.trim() === "") {
    errors.note = "Give the stewards something to check: at least a link or a note.";
  }
  return errors;
}

/** The description and evidence documents the form describes; throws if the app would refuse to read them back. */
export function buildContributionDocuments(values: ContributionFormValues): {
  description: ContributionDescription;
  evidence: ContributionEvidence;
} {
  const note = values.note.trim();
  return {
    description: parseContributionDescription({ title: values.title.trim(), text: values.text.trim() }),
    evidence: parseContributionEvidence({ links: linkLines(values.links), ...(note === "" ? {} : { note }) }),
  };
}

/** A steward's reason (for a rejection), checked: the document `{ reason }` the contributor reads. */
export function validateReason(value: string): string | undefined {
  if (value.trim() === "") return "Say why, so the contributor can add what is missing and record it again.";
  return tooLong("The reason", value, LIMITS.description);
}

export type ParsedDelegate = { ok: true; address: Address } | { ok: false; error: string };

/** The account to delegate voting power to: 40 hex digits, a matching checksum if mixed-case, not zero. */
export function parseDelegateAddress(value: string): ParsedDelegate {
  const trimmed = value.trim();
  if (trimmed === "") return { ok: false, error: "Enter the address of the account to delegate to." };
  if (!/^0x[0-9a-fA-F]{40}$/.test(trimmed)) {
    return { ok: false, error: "An address is 0x followed by 40 hexadecimal digits (0–9, a–f)." };
  }
  const hex = trimmed.slice(2);
  const address = getAddress(trimmed);
  // EIP-55: an address in one case carries no checksum; a mixed-case one must match it, or it has a typo.
  if (hex !== hex.toLowerCase() && hex !== hex.toUpperCase() && address !== trimmed) {
    return {
      ok: false,
      error: "This address does not match its checksum (the mix of capital letters): check it for a typo.",
    };
  }
  if (address === zeroAddress) {
    return { ok: false, error: "Delegating to the zero address would leave your credits without a vote." };
  }
  return { ok: true, address };
}

/** A node or contribution id from a route (a positive whole number, no sign or leading zero), or undefined. */
export function parseRouteId(value: string): bigint | undefined {
  return /^[1-9][0-9]{0,76}$/.test(value) ? BigInt(value) : undefined;
}

/** How many of a node's stewards must attest a contribution, as a sentence (without its full stop). */
export function describeThreshold(threshold: number, stewardCount: number): string {
  if (stewardCount === 1 && threshold === 1) return "Its one steward must attest each contribution";
  if (threshold === stewardCount) return `All ${stewardCount} of its stewards must attest each contribution`;
  return `${threshold} of its ${stewardCount} stewards must attest each contribution`;
}
