/**
 * The JSON documents that on-chain metadata pointers name, and their validation. A document that does not
 * have the shape its kind requires is reported as invalid, never shown half-read.
 */

import { type Address, getAddress, isAddress } from "viem";
import { MAX_ALLOWLIST } from "../lib/eligibility.ts";
import { checkExternalUrl, describeUrlProblem } from "../lib/externalUrl.ts";

export interface ProjectProfile {
  name: string;
  description: string;
  website?: string;
  /** Pointer (ipfs://<cid>) to the logo image. */
  logo?: string;
  location?: { place?: string; bioregion?: string };
  node?: string;
  tags?: string[];
}

export interface RoundDescription {
  name: string;
  description: string;
  node?: string;
  /** Who can apply, in the stewards' words. */
  eligibility?: string[];
  /**
   * Who may donate, for a round whose rule is an allowlist: every address on it (checksummed), from which a
   * donor rebuilds the Merkle tree whose root the round holds, and their proof.
   */
  allowlist?: Address[];
}

export interface ApplicationDocument {
  summary: string;
  useOfFunds?: string[];
}

export interface ReviewDocument {
  reason: string;
}

/** A co-matching season, as its metadata pointer names it. */
export interface SeasonDescription {
  name: string;
  description: string;
  /** The node that opened it, in words (the chain holds its id). */
  node?: string;
}

/** A node of the network, as its metadata pointer names it. */
export interface NodeProfile {
  name: string;
  description: string;
  /** The region the node serves, like "Pacific Northwest" (or what a translocal node spans). */
  region: string;
  /** Where it meets, like "Portland, Oregon". */
  place?: string;
  website?: string;
}

/** What a contributor gave, in their words: the `description` pointer of a recorded contribution. */
export interface ContributionDescription {
  title: string;
  text: string;
}

/** What stewards can check a contribution against: the `evidence` pointer of a recorded contribution. */
export interface ContributionEvidence {
  /** http(s) links to photos, logs, published documents… */
  links: string[];
  note?: string;
}

export const LIMITS = {
  name: 80,
  description: 4_000,
  shortText: 200,
  listItems: 20,
  title: 120,
  evidenceLinks: 10,
  evidenceNote: 2_000,
} as const;

/** A document that failed validation, with what is wrong in plain words. */
export class InvalidDocumentError extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(document: Record<string, unknown>, key: string, max: number, required: true): string;
function text(document: Record<string, unknown>, key: string, max: number, required: false): string | undefined;
function text(document: Record<string, unknown>, key: string, max: number, required: boolean): string | undefined {
  const value = document[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== "string") throw new InvalidDocumentError(`"${key}" must be text`);
  const trimmed = value.trim();
  if (required && trimmed === "") throw new InvalidDocumentError(`"${key}" is empty`);
  if (trimmed.length > max) throw new InvalidDocumentError(`"${key}" is longer than ${max} characters`);
  return trimmed;
}

function textList(document: Record<string, unknown>, key: string): string[] | undefined {
  const value = document[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > LIMITS.listItems) {
    throw new InvalidDocumentError(`"${key}" must be a list of at most ${LIMITS.listItems} texts`);
  }
  return value.map((item, index) => {
    if (typeof item !== "string" || item.length > LIMITS.shortText * 2) {
      throw new InvalidDocumentError(`item ${index + 1} of "${key}" must be a short text`);
    }
    return item;
  });
}

/**
 * An http(s) URL in its normal form, or an error: no `javascript:` or other scheme ever becomes a link. The check
 * is lib/externalUrl.ts, the one every link of a document goes through.
 */
export function safeWebsite(value: string): string {
  const checked = checkExternalUrl(value);
  if (!checked.ok) throw new InvalidDocumentError(`the website ${describeUrlProblem(checked.problem)}`);
  return checked.href;
}

export function parseProjectProfile(value: unknown): ProjectProfile {
  if (!isRecord(value)) throw new InvalidDocumentError("a project profile must be a JSON object");
  const profile: ProjectProfile = {
    name: text(value, "name", LIMITS.name, true),
    description: text(value, "description", LIMITS.description, true),
  };
  const website = text(value, "website", LIMITS.shortText, false);
  if (website !== undefined && website !== "") profile.website = safeWebsite(website);
  const logo = text(value, "logo", LIMITS.shortText, false);
  if (logo !== undefined && logo !== "") profile.logo = logo;
  const location = value.location;
  if (location !== undefined) {
    if (!isRecord(location)) throw new InvalidDocumentError('"location" must be an object');
    const place = text(location, "place", LIMITS.shortText, false);
    const bioregion = text(location, "bioregion", LIMITS.shortText, false);
    profile.location = {
      ...(place ? { place } : {}),
      ...(bioregion ? { bioregion } : {}),
    };
  }
  const node = text(value, "node", LIMITS.name, false);
  if (node) profile.node = node;
  const tags = textList(value, "tags");
  if (tags) profile.tags = tags;
  return profile;
}

export function parseRoundDescription(value: unknown): RoundDescription {
  if (!isRecord(value)) throw new InvalidDocumentError("a round description must be a JSON object");
  const round: RoundDescription = {
    name: text(value, "name", LIMITS.name, true),
    description: text(value, "description", LIMITS.description, true),
  };
  const node = text(value, "node", LIMITS.name, false);
  if (node) round.node = node;
  const eligibility = textList(value, "eligibility");
  if (eligibility) round.eligibility = eligibility;
  const allowlist = value.allowlist;
  if (allowlist !== undefined) {
    if (!Array.isArray(allowlist) || allowlist.length === 0 || allowlist.length > MAX_ALLOWLIST) {
      throw new InvalidDocumentError(`"allowlist" must be a list of 1 to ${MAX_ALLOWLIST} addresses`);
    }
    round.allowlist = allowlist.map((item, index) => {
      if (typeof item !== "string" || !isAddress(item, { strict: false })) {
        throw new InvalidDocumentError(`item ${index + 1} of "allowlist" is not an address`);
      }
      return getAddress(item);
    });
  }
  return round;
}

export function parseSeasonDescription(value: unknown): SeasonDescription {
  if (!isRecord(value)) throw new InvalidDocumentError("a season description must be a JSON object");
  const season: SeasonDescription = {
    name: text(value, "name", LIMITS.name, true),
    description: text(value, "description", LIMITS.description, true),
  };
  const node = text(value, "node", LIMITS.name, false);
  if (node) season.node = node;
  return season;
}

export function parseApplicationDocument(value: unknown): ApplicationDocument {
  if (!isRecord(value)) throw new InvalidDocumentError("an application must be a JSON object");
  const application: ApplicationDocument = { summary: text(value, "summary", LIMITS.description, true) };
  const useOfFunds = textList(value, "useOfFunds");
  if (useOfFunds) application.useOfFunds = useOfFunds;
  return application;
}

export function parseReviewDocument(value: unknown): ReviewDocument {
  if (!isRecord(value)) throw new InvalidDocumentError("a review must be a JSON object");
  return { reason: text(value, "reason", LIMITS.description, true) };
}

/** Link `position` of an evidence list as the app links to it: the same check as `safeWebsite`. */
function safeLink(value: string, position: number): string {
  const checked = checkExternalUrl(value);
  if (!checked.ok) throw new InvalidDocumentError(`link ${position} ${describeUrlProblem(checked.problem)}`);
  return checked.href;
}

export function parseNodeProfile(value: unknown): NodeProfile {
  if (!isRecord(value)) throw new InvalidDocumentError("a node profile must be a JSON object");
  const profile: NodeProfile = {
    name: text(value, "name", LIMITS.name, true),
    description: text(value, "description", LIMITS.description, true),
    region: text(value, "region", LIMITS.shortText, true),
  };
  const place = text(value, "place", LIMITS.shortText, false);
  if (place) profile.place = place;
  const website = text(value, "website", LIMITS.shortText, false);
  if (website) profile.website = safeWebsite(website);
  return profile;
}

export function parseContributionDescription(value: unknown): ContributionDescription {
  if (!isRecord(value)) throw new InvalidDocumentError("a contribution's description must be a JSON object");
  return {
    title: text(value, "title", LIMITS.title, true),
    text: text(value, "text", LIMITS.description, true),
  };
}

/** Evidence needs something to check: at least one link or a note. Every link must be http(s). */
export function parseContributionEvidence(value: unknown): ContributionEvidence {
  if (!isRecord(value)) throw new InvalidDocumentError("a contribution's evidence must be a JSON object");
  const rawLinks = value.links ?? [];
  if (!Array.isArray(rawLinks) || rawLinks.length > LIMITS.evidenceLinks) {
    throw new InvalidDocumentError(`"links" must be a list of at most ${LIMITS.evidenceLinks} web addresses`);
  }
  const links = rawLinks.map((link, index) => {
    if (typeof link !== "string" || link.trim().length > LIMITS.shortText * 2) {
      throw new InvalidDocumentError(
        `link ${index + 1} must be a web address of at most ${LIMITS.shortText * 2} characters`,
      );
    }
    return safeLink(link.trim(), index + 1);
  });
  const note = text(value, "note", LIMITS.evidenceNote, false);
  if (links.length === 0 && !note) throw new InvalidDocumentError("the evidence has neither a link nor a note");
  return { links, ...(note ? { note } : {}) };
}
