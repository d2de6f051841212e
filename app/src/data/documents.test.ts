import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  InvalidDocumentError,
  LIMITS,
  parseApplicationDocument,
  parseContributionDescription,
  parseContributionEvidence,
  parseNodeProfile,
  parseProjectProfile,
  parseReviewDocument,
  parseRoundDescription,
  parseSeasonDescription,
  safeWebsite,
} from "./documents.ts";
import { MAX_ALLOWLIST } from "../lib/eligibility.ts";

const METADATA = join(import.meta.dirname, "../../../demo/metadata");

/** Every JSON document under demo/metadata/<folder>, as [relative path, parsed JSON]. */
function demoDocuments(folder: string): [string, unknown][] {
  const root = join(METADATA, folder);
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".json"))
    .sort()
    .map((path) => [join(folder, path), JSON.parse(readFileSync(join(root, path), "utf8")) as unknown]);
}

/** What `parse` throws for `value`: an InvalidDocumentError, or the test fails. */
function rejection<T>(parse: (value: T) => unknown, value: T): string {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidDocumentError);
    return (error as InvalidDocumentError).message;
  }
  throw new Error("the document was accepted");
}

describe("the demo documents", () => {
  const projects = demoDocuments("projects");
  const rounds = demoDocuments("rounds");
  const applications = demoDocuments("applications");
  const reviews = demoDocuments("reviews");

  it("are all there to check", () => {
    expect(projects).toHaveLength(7);
    expect(rounds).toHaveLength(5); // four funding rounds and the voting round
    expect(applications.length).toBeGreaterThanOrEqual(6);
    expect(reviews.length).toBeGreaterThanOrEqual(1);
  });

  it.each(projects)("accepts the project profile %s", (_path, document) => {
    const source = document as Record<string, unknown>;
    const profile = parseProjectProfile(document);
    expect(profile.name).toBe(source.name);
    expect(profile.description).toBe(source.description);
    expect(profile.website).toBe(new URL(source.website as string).toString());
    expect(profile.location).toEqual(source.location);
    expect(profile.tags).toEqual(source.tags);
  });

  it.each(rounds)("accepts the round description %s", (_path, document) => {
    const source = document as Record<string, unknown>;
    const round = parseRoundDescription(document);
    expect(round.name).toBe(source.name);
    expect(round.node).toBe(source.node);
    expect(round.eligibility).toEqual(source.eligibility);
  });

  it.each(demoDocuments("seasons"))("accepts the season description %s", (_path, document) => {
    const source = document as Record<string, unknown>;
    const season = parseSeasonDescription(document);
    expect(season.name).toBe(source.name);
    expect(season.description).toBe(source.description);
    expect(season.node).toBe(source.node);
  });

  it.each(applications)("accepts the application %s", (_path, document) => {
    const source = document as Record<string, unknown>;
    const application = parseApplicationDocument(document);
    expect(application.summary).toBe(source.summary);
    expect(application.useOfFunds).toEqual(source.useOfFunds);
  });

  it.each(reviews)("accepts the review %s", (_path, document) => {
    expect(parseReviewDocument(document).reason).toBe((document as Record<string, unknown>).reason);
  });
});

describe("the demo network's documents", () => {
  const nodes = demoDocuments("nodes");
  const contributions = demoDocuments("contributions");
  const descriptions = contributions.filter(([path]) => path.endsWith("description.json"));
  const evidence = contributions.filter(([path]) => path.endsWith("evidence.json"));

  it("are all there to check: four nodes, and a description and evidence for each contribution", () => {
    expect(nodes).toHaveLength(4);
    expect(descriptions.length).toBeGreaterThanOrEqual(20);
    expect(evidence).toHaveLength(descriptions.length);
  });

  it.each(nodes)("accepts the node profile %s", (_path, document) => {
    const source = document as Record<string, unknown>;
    const profile = parseNodeProfile(document);
    expect(profile.name).toBe(source.name);
    expect(profile.region).toBe(source.region);
    expect(profile.place).toBe(source.place);
  });

  it.each(descriptions)("accepts the contribution description %s", (_path, document) => {
    expect(parseContributionDescription(document).title).toBe((document as Record<string, unknown>).title);
  });

  it.each(evidence)("accepts the contribution evidence %s", (_path, document) => {
    const source = document as { links?: string[]; note?: string };
    const parsed = parseContributionEvidence(document);
    expect(parsed.links).toEqual((source.links ?? []).map((link) => new URL(link).toString()));
    expect(parsed.note).toBe(source.note);
  });
});

describe("parseNodeProfile", () => {
  const valid = { name: "Cascadia", description: "The Cascadian node.", region: "Pacific Northwest" };

  it("accepts a node with a name, a description and a region, and keeps only the fields it knows", () => {
    expect(parseNodeProfile({ ...valid, stewards: ["someone"] })).toEqual(valid);
  });

  it("keeps the place and an http(s) website", () => {
    expect(
      parseNodeProfile({ ...valid, place: " Portland, Oregon ", website: "https://cascadia.example.org" }),
    ).toEqual({ ...valid, place: "Portland, Oregon", website: "https://cascadia.example.org/" });
  });

  it("requires a region", () => {
    expect(rejection(parseNodeProfile, { name: "x", description: "y" })).toBe('"region" must be text');
    expect(rejection(parseNodeProfile, { ...valid, region: " " })).toBe('"region" is empty');
  });

  it("rejects a value that is not an object, and a website that is not http(s)", () => {
    expect(rejection(parseNodeProfile, "Cascadia")).toBe("a node profile must be a JSON object");
    expect(rejection(parseNodeProfile, { ...valid, website: "javascript:alert(1)" })).toBe(
      "the website must start with https:// or http://",
    );
  });
});

describe("parseContributionDescription", () => {
  it("accepts a title and a text, trimmed", () => {
    expect(parseContributionDescription({ title: " Seed cleaning ", text: "Three days.\n", extra: 1 })).toEqual({
      title: "Seed cleaning",
      text: "Three days.",
    });
  });

  it("requires both, within their limits", () => {
    expect(rejection(parseContributionDescription, { text: "x" })).toBe('"title" must be text');
    expect(rejection(parseContributionDescription, { title: "x", text: "" })).toBe('"text" is empty');
    expect(rejection(parseContributionDescription, { title: "x".repeat(LIMITS.title + 1), text: "y" })).toBe(
      `"title" is longer than ${LIMITS.title} characters`,
    );
    expect(rejection(parseContributionDescription, null)).toBe("a contribution's description must be a JSON object");
  });
});

describe("parseContributionEvidence", () => {
  it("accepts links alone, a note alone, or both", () => {
    expect(parseContributionEvidence({ links: ["https://example.org/log"] })).toEqual({
      links: ["https://example.org/log"],
    });
    expect(parseContributionEvidence({ note: " Signed sheets. " })).toEqual({ links: [], note: "Signed sheets." });
    expect(parseContributionEvidence({ links: ["http://example.org"], note: "n" })).toEqual({
      links: ["http://example.org/"],
      note: "n",
    });
  });

  it("rejects evidence with nothing to check", () => {
    expect(rejection(parseContributionEvidence, {})).toBe("the evidence has neither a link nor a note");
    expect(rejection(parseContributionEvidence, { links: [], note: "  " })).toBe(
      "the evidence has neither a link nor a note",
    );
  });

  it("names the link that is not an http(s) web address", () => {
    expect(rejection(parseContributionEvidence, { links: ["https://example.org", "javascript:alert(1)"] })).toBe(
      "link 2 must start with https:// or http://",
    );
    expect(rejection(parseContributionEvidence, { links: ["example.org"] })).toBe("link 1 is not a valid web address");
    expect(rejection(parseContributionEvidence, { links: [7] })).toBe(
      `link 1 must be a web address of at most ${LIMITS.shortText * 2} characters`,
    );
  });

  it("takes at most the limit of links, and a note within its limit", () => {
    const links = Array.from({ length: LIMITS.evidenceLinks + 1 }, (_, index) => `https://example.org/${index}`);
    expect(rejection(parseContributionEvidence, { links })).toBe(
      `"links" must be a list of at most ${LIMITS.evidenceLinks} web addresses`,
    );
    expect(rejection(parseContributionEvidence, { links: "https://example.org" })).toBe(
      `"links" must be a list of at most ${LIMITS.evidenceLinks} web addresses`,
    );
    expect(rejection(parseContributionEvidence, { note: "x".repeat(LIMITS.evidenceNote + 1) })).toBe(
      `"note" is longer than ${LIMITS.evidenceNote} characters`,
    );
  });
});

describe("parseProjectProfile", () => {
  const valid = { name: "Salish Sea Seed Library", description: "Seeds for everyone." };

  it("keeps only the fields it knows", () => {
    expect(parseProjectProfile({ ...valid, scope: "local", owner: "someone" })).toEqual(valid);
  });

  it("trims the texts it keeps", () => {
    expect(parseProjectProfile({ name: "  Seeds  ", description: "\n Many seeds.\n" })).toEqual({
      name: "Seeds",
      description: "Many seeds.",
    });
  });

  it.each([null, [], "a profile", 42, undefined])("rejects %j, which is not an object", (value) => {
    expect(rejection(parseProjectProfile, value)).toBe("a project profile must be a JSON object");
  });

  it("rejects a profile without a name", () => {
    expect(rejection(parseProjectProfile, { description: "x" })).toBe('"name" must be text');
  });

  it("rejects a name that is not text", () => {
    expect(rejection(parseProjectProfile, { ...valid, name: 12 })).toBe('"name" must be text');
  });

  it("rejects an empty or blank name", () => {
    expect(rejection(parseProjectProfile, { ...valid, name: "" })).toBe('"name" is empty');
    expect(rejection(parseProjectProfile, { ...valid, name: "   " })).toBe('"name" is empty');
  });

  it("rejects a name longer than the limit and accepts one at the limit", () => {
    expect(rejection(parseProjectProfile, { ...valid, name: "x".repeat(LIMITS.name + 1) })).toBe(
      `"name" is longer than ${LIMITS.name} characters`,
    );
    expect(parseProjectProfile({ ...valid, name: "x".repeat(LIMITS.name) }).name).toHaveLength(LIMITS.name);
  });

  it("rejects a profile without a description", () => {
    expect(rejection(parseProjectProfile, { name: "x" })).toBe('"description" must be text');
  });

  it("rejects a description longer than the limit", () => {
    expect(rejection(parseProjectProfile, { ...valid, description: "x".repeat(LIMITS.description + 1) })).toBe(
      `"description" is longer than ${LIMITS.description} characters`,
    );
  });

  it("rejects a javascript: website", () => {
    expect(rejection(parseProjectProfile, { ...valid, website: "javascript:alert(1)" })).toBe(
      "the website must start with https:// or http://",
    );
  });

  it("rejects a website that is not a URL", () => {
    expect(rejection(parseProjectProfile, { ...valid, website: "seeds.example.org" })).toBe(
      "the website is not a valid web address",
    );
  });

  it("treats an empty website or logo as none", () => {
    expect(parseProjectProfile({ ...valid, website: "", logo: " " })).toEqual(valid);
  });

  it("keeps the logo pointer", () => {
    const logo = "ipfs://bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4";
    expect(parseProjectProfile({ ...valid, logo }).logo).toBe(logo);
  });

  it("rejects a location that is not an object", () => {
    expect(rejection(parseProjectProfile, { ...valid, location: "Portland" })).toBe('"location" must be an object');
    expect(rejection(parseProjectProfile, { ...valid, location: ["Portland"] })).toBe('"location" must be an object');
  });

  it("rejects a location whose place is not text", () => {
    expect(rejection(parseProjectProfile, { ...valid, location: { place: 5 } })).toBe('"place" must be text');
  });

  it("keeps only the parts of a location that are filled in", () => {
    expect(parseProjectProfile({ ...valid, location: { place: "", bioregion: "Cascadia" } }).location).toEqual({
      bioregion: "Cascadia",
    });
  });

  it("rejects tags that are not a list", () => {
    expect(rejection(parseProjectProfile, { ...valid, tags: "energy" })).toBe(
      `"tags" must be a list of at most ${LIMITS.listItems} texts`,
    );
  });

  it("rejects more tags than the limit", () => {
    const tags = Array.from({ length: LIMITS.listItems + 1 }, (_, index) => `tag ${index}`);
    expect(rejection(parseProjectProfile, { ...valid, tags })).toBe(
      `"tags" must be a list of at most ${LIMITS.listItems} texts`,
    );
  });

  it("names the tag that is not a short text", () => {
    expect(rejection(parseProjectProfile, { ...valid, tags: ["energy", 7] })).toBe(
      'item 2 of "tags" must be a short text',
    );
    expect(rejection(parseProjectProfile, { ...valid, tags: ["x".repeat(LIMITS.shortText * 2 + 1)] })).toBe(
      'item 1 of "tags" must be a short text',
    );
  });
});

describe("parseRoundDescription", () => {
  const valid = { name: "Bioregional Commons Round", description: "Seed, tools, soil, energy." };

  it("accepts a round with only a name and a description", () => {
    expect(parseRoundDescription(valid)).toEqual(valid);
  });

  it("rejects a value that is not an object", () => {
    expect(rejection(parseRoundDescription, [valid])).toBe("a round description must be a JSON object");
  });

  it("rejects a round without a name", () => {
    expect(rejection(parseRoundDescription, { description: "x" })).toBe('"name" must be text');
  });

  it("reads the allowlist of who may donate as checksummed addresses", () => {
    const member = "0xbcd4042de499d14e55001ccbb24a551f3b954096";
    expect(parseRoundDescription({ ...valid, allowlist: [member] })).toEqual({
      ...valid,
      allowlist: ["0xBcd4042DE499D14e55001CcbB24a551F3b954096"],
    });
  });

  it("rejects an allowlist that is empty, too long or holds something other than addresses", () => {
    const message = `"allowlist" must be a list of 1 to ${MAX_ALLOWLIST} addresses`;
    expect(rejection(parseRoundDescription, { ...valid, allowlist: [] })).toBe(message);
    expect(rejection(parseRoundDescription, { ...valid, allowlist: "0x12" })).toBe(message);
    expect(
      rejection(parseRoundDescription, {
        ...valid,
        allowlist: Array.from({ length: MAX_ALLOWLIST + 1 }, () => "0xbcd4042de499d14e55001ccbb24a551f3b954096"),
      }),
    ).toBe(message);
    expect(
      rejection(parseRoundDescription, {
        ...valid,
        allowlist: ["0xbcd4042de499d14e55001ccbb24a551f3b954096", "alice.eth"],
      }),
    ).toBe('item 2 of "allowlist" is not an address');
  });

  it("rejects a node name longer than the limit", () => {
    expect(rejection(parseRoundDescription, { ...valid, node: "n".repeat(LIMITS.name + 1) })).toBe(
      `"node" is longer than ${LIMITS.name} characters`,
    );
  });

  it("rejects eligibility that is not a list of texts", () => {
    expect(rejection(parseRoundDescription, { ...valid, eligibility: { rule: "local" } })).toBe(
      `"eligibility" must be a list of at most ${LIMITS.listItems} texts`,
    );
    expect(rejection(parseRoundDescription, { ...valid, eligibility: ["local", null] })).toBe(
      'item 2 of "eligibility" must be a short text',
    );
  });
});

describe("parseApplicationDocument", () => {
  it("accepts a summary with a use of funds", () => {
    expect(parseApplicationDocument({ summary: "A study.", useOfFunds: ["Survey"] })).toEqual({
      summary: "A study.",
      useOfFunds: ["Survey"],
    });
  });

  it("rejects a value that is not an object", () => {
    expect(rejection(parseApplicationDocument, "A study.")).toBe("an application must be a JSON object");
  });

  it("rejects an application without a summary", () => {
    expect(rejection(parseApplicationDocument, { useOfFunds: [] })).toBe('"summary" must be text');
    expect(rejection(parseApplicationDocument, { summary: " " })).toBe('"summary" is empty');
  });

  it("rejects a use of funds that is not a list", () => {
    expect(rejection(parseApplicationDocument, { summary: "x", useOfFunds: "everything" })).toBe(
      `"useOfFunds" must be a list of at most ${LIMITS.listItems} texts`,
    );
  });
});

describe("parseReviewDocument", () => {
  it("accepts a reason", () => {
    expect(parseReviewDocument({ reason: "Outside the bioregion." })).toEqual({ reason: "Outside the bioregion." });
  });

  it("rejects a value that is not an object", () => {
    expect(rejection(parseReviewDocument, null)).toBe("a review must be a JSON object");
  });

  it("rejects a review without a reason", () => {
    expect(rejection(parseReviewDocument, { decision: "rejected" })).toBe('"reason" must be text');
    expect(rejection(parseReviewDocument, { reason: "" })).toBe('"reason" is empty');
  });
});

describe("safeWebsite", () => {
  it.each(["javascript:alert(1)", "JavaScript:alert(document.cookie)", "  javascript:alert(1)"])(
    "rejects the script URL %j",
    (value) => {
      expect(rejection(safeWebsite, value)).toBe("the website must start with https:// or http://");
    },
  );

  it.each(["data:text/html,<script>alert(1)</script>", "ftp://files.example.org/", "file:///etc/passwd"])(
    "rejects the non-web URL %j",
    (value) => {
      expect(rejection(safeWebsite, value)).toBe("the website must start with https:// or http://");
    },
  );

  it.each(["/about", "about.html", "solar.example.org", "//solar.example.org", ""])(
    "rejects the relative or incomplete URL %j",
    (value) => {
      expect(rejection(safeWebsite, value)).toBe("the website is not a valid web address");
    },
  );

  it("accepts an https URL in its normal form", () => {
    expect(safeWebsite("https://solar.cascadia-coop.example.org")).toBe("https://solar.cascadia-coop.example.org/");
  });

  it("accepts an http URL with a path and a query", () => {
    expect(safeWebsite("http://tools.example.org/library?lang=en")).toBe("http://tools.example.org/library?lang=en");
  });
});
