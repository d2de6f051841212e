/**
 * The project profile and application forms: each field checked as it is typed, with the same limits the app
 * applies when it reads the documents back (data/documents.ts), so a form the app accepts always becomes a
 * document the app shows. Pure functions, no React.
 */
import { type Address, getAddress, zeroAddress } from "viem";
import {
  type ApplicationDocument,
  LIMITS,
  parseApplicationDocument,
  parseProjectProfile,
  type ProjectProfile,
  safeWebsite,
} from "../data/documents.ts";
import { imageTypeOf } from "../data/metadata.ts";
import { checkExternalUrl, describeUrlProblem } from "./externalUrl.ts";

/** The profile form as typed: every field is text (the logo is chosen separately). */
export interface ProjectFormValues {
  name: string;
  description: string;
  website: string;
  place: string;
  bioregion: string;
  payoutAddress: string;
}

export type ProjectField = keyof ProjectFormValues;

/** What is wrong with each field, in plain words; a field without an entry is fine. */
export type ProjectFormErrors = Partial<Record<ProjectField, string>>;

/** The most characters each field takes (the payout address is always 42). */
export const LIMITS_OF_FIELDS: Record<ProjectField, number> = {
  name: LIMITS.name,
  description: LIMITS.description,
  website: LIMITS.shortText,
  place: LIMITS.shortText,
  bioregion: LIMITS.shortText,
  payoutAddress: 42,
};

/** The largest logo the form takes. */
export const LOGO_MAX_BYTES = 512 * 1024;

/** The image types a logo may have (what `imageTypeOf` recognises). */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/webp", "image/svg+xml"] as const;

/** The most items, and the longest item, of a list in a document (as `parseApplicationDocument` reads it). */
export const LIST_ITEM_MAX = LIMITS.shortText * 2;

/** A project id from a route (a positive whole number, no sign or leading zero), or undefined. */
export function parseProjectId(value: string): bigint | undefined {
  return /^[1-9][0-9]{0,76}$/.test(value) ? BigInt(value) : undefined;
}

export const EMPTY_PROJECT_FORM: ProjectFormValues = {
  name: "",
  description: "",
  website: "",
  place: "",
  bioregion: "",
  payoutAddress: "",
};

function plural(count: number, word: string): string {
  return `${count.toLocaleString("en-US")} ${word}${count === 1 ? "" : "s"}`;
}

function tooLong(what: string, value: string, max: number): string | undefined {
  const length = value.trim().length;
  if (length <= max) return undefined;
  return `${what} is ${plural(length, "character")} long; the most is ${max.toLocaleString("en-US")}.`;
}

export function validateName(value: string): string | undefined {
  if (value.trim() === "") return "Enter the project's name.";
  return tooLong("The name", value, LIMITS.name);
}

export function validateDescription(value: string): string | undefined {
  if (value.trim() === "") return "Describe the project: what it does, where and for whom.";
  return tooLong("The description", value, LIMITS.description);
}

/** An optional http(s) link; the same check (lib/externalUrl.ts) the app makes before it shows one. */
export function validateWebsite(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  const long = tooLong("The website address", trimmed, LIMITS.shortText);
  if (long !== undefined) return long;
  const checked = checkExternalUrl(trimmed);
  if (checked.ok) return undefined;
  if (checked.problem === "notUrl") {
    return "The website is not a valid web address: write it in full, like https://example.org.";
  }
  return `The website ${describeUrlProblem(checked.problem)}.`;
}

export function validatePlace(value: string): string | undefined {
  return tooLong("The place", value, LIMITS.shortText);
}

export function validateBioregion(value: string): string | undefined {
  return tooLong("The bioregion", value, LIMITS.shortText);
}

/** The address as the chain takes it, or why not: 40 hex digits, a matching checksum if mixed-case, not zero. */
export function parsePayoutAddress(value: string): { ok: true; address: Address } | { ok: false; error: string } {
  const trimmed = value.trim();
  if (trimmed === "") {
    return { ok: false, error: "Enter the payout address: every payout of the project goes to it." };
  }
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
    return { ok: false, error: "The payout address cannot be the zero address: payouts sent there are lost." };
  }
  return { ok: true, address };
}

export function validatePayoutAddress(value: string): string | undefined {
  const parsed = parsePayoutAddress(value);
  return parsed.ok ? undefined : parsed.error;
}

const VALIDATORS: Record<ProjectField, (value: string) => string | undefined> = {
  name: validateName,
  description: validateDescription,
  website: validateWebsite,
  place: validatePlace,
  bioregion: validateBioregion,
  payoutAddress: validatePayoutAddress,
};

/** Every field's problem; an empty object when the form can be sent. */
export function validateProjectForm(values: ProjectFormValues): ProjectFormErrors {
  const errors: ProjectFormErrors = {};
  for (const field of Object.keys(VALIDATORS) as ProjectField[]) {
    const error = VALIDATORS[field](values[field]);
    if (error !== undefined) errors[field] = error;
  }
  return errors;
}

export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}

/** A chosen logo file, checked: its bytes and detected type, or why it cannot be used. */
export type CheckedLogo = { ok: true; bytes: Uint8Array; type: string } | { ok: false; error: string };

/** Why a logo of `size` bytes cannot be used, if it cannot: checked before the file is even read. */
export function logoSizeError(size: number): string | undefined {
  if (size === 0) return "The logo file is empty.";
  if (size <= LOGO_MAX_BYTES) return undefined;
  const kib = Math.ceil(size / 1024).toLocaleString("en-US");
  return `The logo is ${kib} KiB; the most is 512 KiB. Choose a smaller image.`;
}

/** Checks a logo's bytes: at most 512 KiB, and a PNG, JPEG, WebP or SVG by its content (not its name). */
export function checkLogo(bytes: Uint8Array): CheckedLogo {
  const sizeError = logoSizeError(bytes.length);
  if (sizeError !== undefined) return { ok: false, error: sizeError };
  const type = imageTypeOf(bytes);
  if (type === undefined) {
    return { ok: false, error: "The logo must be a PNG, JPEG, WebP or SVG image." };
  }
  return { ok: true, bytes, type };
}

/**
 * The profile document the form describes, as it will be published: trimmed, empty optional fields left out,
 * the website in the form the app links to. `kept` carries what the form does not edit (node, tags) over from
 * the current profile. Throws an InvalidDocumentError if the app would refuse to read it back.
 */
export function buildProjectDocument(
  values: ProjectFormValues,
  logo: string | undefined,
  kept: Pick<ProjectProfile, "node" | "tags"> = {},
): ProjectProfile {
  const place = values.place.trim();
  const bioregion = values.bioregion.trim();
  const website = values.website.trim();
  const document: ProjectProfile = {
    name: values.name.trim(),
    description: values.description.trim(),
    ...(website === "" ? {} : { website: safeWebsite(website) }),
    ...(logo === undefined || logo === "" ? {} : { logo }),
    ...(place === "" && bioregion === ""
      ? {}
      : { location: { ...(place === "" ? {} : { place }), ...(bioregion === "" ? {} : { bioregion }) } }),
    ...(kept.node === undefined ? {} : { node: kept.node }),
    ...(kept.tags === undefined ? {} : { tags: kept.tags }),
  };
  // The app never writes a document it would refuse to read.
  return parseProjectProfile(document);
}

/** The form's values for an existing profile (all fields empty but the payout address when there is none). */
export function formValuesOf(profile: ProjectProfile | undefined, payoutAddress: string): ProjectFormValues {
  return {
    name: profile?.name ?? "",
    description: profile?.description ?? "",
    website: profile?.website ?? "",
    place: profile?.location?.place ?? "",
    bioregion: profile?.location?.bioregion ?? "",
    payoutAddress,
  };
}

/** A JSON text of a value with its object keys sorted: equal for documents with the same content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === "object" && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** Whether two profiles say the same thing (whatever the order or spacing of their JSON). */
export function sameDocument(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

// ---------------------------------------------------------------------------------------------------------------
// Applications
// ---------------------------------------------------------------------------------------------------------------

export interface ApplicationFormValues {
  summary: string;
  /** One use of funds a line. */
  useOfFunds: string;
}

/** The longest summary and the most uses of funds an application takes. */
export const LIMITS_OF_APPLICATION = { summary: LIMITS.description, useOfFunds: LIMITS.listItems } as const;

export type ApplicationFormErrors = Partial<Record<keyof ApplicationFormValues, string>>;

/** The non-empty lines of the uses-of-funds field, trimmed. */
export function useOfFundsLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

export function validateSummary(value: string): string | undefined {
  if (value.trim() === "") return "Summarise what the project will do with the funds of this round.";
  return tooLong("The summary", value, LIMITS.description);
}

export function validateUseOfFunds(value: string): string | undefined {
  const lines = useOfFundsLines(value);
  if (lines.length > LIMITS.listItems) {
    return `List at most ${LIMITS.listItems} uses of funds, one a line (there are ${lines.length}).`;
  }
  const long = lines.findIndex((line) => line.length > LIST_ITEM_MAX);
  if (long !== -1) return `Line ${long + 1} is longer than ${LIST_ITEM_MAX} characters: shorten it.`;
  return undefined;
}

export function validateApplicationForm(values: ApplicationFormValues): ApplicationFormErrors {
  const errors: ApplicationFormErrors = {};
  const summary = validateSummary(values.summary);
  if (summary !== undefined) errors.summary = summary;
  const useOfFunds = validateUseOfFunds(values.useOfFunds);
  if (useOfFunds !== undefined) errors.useOfFunds = useOfFunds;
  return errors;
}

/** The application document the form describes; throws if the app would refuse to read it back. */
export function buildApplicationDocument(values: ApplicationFormValues): ApplicationDocument {
  const lines = useOfFundsLines(values.useOfFunds);
  return parseApplicationDocument({
    summary: values.summary.trim(),
    ...(lines.length === 0 ? {} : { useOfFunds: lines }),
  });
}

export function applicationFormValuesOf(document: ApplicationDocument | undefined): ApplicationFormValues {
  return { summary: document?.summary ?? "", useOfFunds: (document?.useOfFunds ?? []).join("\n") };
}
