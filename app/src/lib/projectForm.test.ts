import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIMITS, parseApplicationDocument, parseProjectProfile } from "../data/documents.ts";
import {
  buildApplicationDocument,
  buildProjectDocument,
  checkLogo,
  EMPTY_PROJECT_FORM,
  formValuesOf,
  hasErrors,
  LOGO_MAX_BYTES,
  logoSizeError,
  parsePayoutAddress,
  parseProjectId,
  type ProjectFormValues,
  sameDocument,
  useOfFundsLines,
  validateApplicationForm,
  validateBioregion,
  validateDescription,
  validateName,
  validatePayoutAddress,
  validatePlace,
  validateProjectForm,
  validateSummary,
  validateUseOfFunds,
  validateWebsite,
} from "./projectForm.ts";

const CHECKSUMMED = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const LOGO = "ipfs://bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

const VALID: ProjectFormValues = {
  name: "Salish Sea Seed Library",
  description: "A community seed library.",
  website: "https://seeds.example.org",
  place: "Olympia, Washington",
  bioregion: "Salish Sea (Cascadia)",
  payoutAddress: CHECKSUMMED,
};

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

describe("the profile fields", () => {
  it("requires a name of at most 80 characters, counted without surrounding spaces", () => {
    expect(validateName("")).toBe("Enter the project's name.");
    expect(validateName("   ")).toBe("Enter the project's name.");
    expect(validateName("x".repeat(LIMITS.name))).toBeUndefined();
    expect(validateName(`  ${"x".repeat(LIMITS.name)}  `)).toBeUndefined();
    expect(validateName("x".repeat(LIMITS.name + 1))).toBe("The name is 81 characters long; the most is 80.");
  });

  it("requires a description of at most 4,000 characters", () => {
    expect(validateDescription(" \n ")).toMatch(/^Describe the project/);
    expect(validateDescription("x".repeat(LIMITS.description))).toBeUndefined();
    expect(validateDescription("x".repeat(LIMITS.description + 1))).toBe(
      "The description is 4,001 characters long; the most is 4,000.",
    );
  });

  it("takes an empty website, or an http(s) one only", () => {
    expect(validateWebsite("")).toBeUndefined();
    expect(validateWebsite("  ")).toBeUndefined();
    expect(validateWebsite("https://example.org")).toBeUndefined();
    expect(validateWebsite("http://example.org/path?q=1")).toBeUndefined();
    expect(validateWebsite("javascript:alert(1)")).toBe("The website must start with https:// or http://.");
    expect(validateWebsite("data:text/html,<script>alert(1)</script>")).toBe(
      "The website must start with https:// or http://.",
    );
    expect(validateWebsite("ftp://example.org")).toBe("The website must start with https:// or http://.");
    expect(validateWebsite("example.org")).toMatch(/^The website is not a valid web address/);
    expect(validateWebsite(`https://example.org/${"x".repeat(LIMITS.shortText)}`)).toMatch(/the most is 200\.$/);
  });

  it("takes an optional place and bioregion of at most 200 characters", () => {
    expect(validatePlace("")).toBeUndefined();
    expect(validateBioregion("")).toBeUndefined();
    expect(validatePlace("x".repeat(LIMITS.shortText))).toBeUndefined();
    expect(validatePlace("x".repeat(LIMITS.shortText + 1))).toBe("The place is 201 characters long; the most is 200.");
    expect(validateBioregion("x".repeat(LIMITS.shortText + 1))).toBe(
      "The bioregion is 201 characters long; the most is 200.",
    );
  });
});

describe("the payout address", () => {
  it("takes a checksummed, lower-case or upper-case address and returns it checksummed", () => {
    expect(parsePayoutAddress(CHECKSUMMED)).toEqual({ ok: true, address: CHECKSUMMED });
    expect(parsePayoutAddress(CHECKSUMMED.toLowerCase())).toEqual({ ok: true, address: CHECKSUMMED });
    expect(parsePayoutAddress(`0x${CHECKSUMMED.slice(2).toUpperCase()}`)).toEqual({ ok: true, address: CHECKSUMMED });
    expect(parsePayoutAddress(`  ${CHECKSUMMED} `)).toEqual({ ok: true, address: CHECKSUMMED });
  });

  it("refuses an empty value, a wrong length, non-hex digits or a missing 0x", () => {
    expect(validatePayoutAddress("")).toMatch(/^Enter the payout address/);
    expect(validatePayoutAddress("0x123")).toBe("An address is 0x followed by 40 hexadecimal digits (0–9, a–f).");
    expect(validatePayoutAddress(CHECKSUMMED.slice(2))).toMatch(/^An address is 0x/);
    expect(validatePayoutAddress(`${CHECKSUMMED.slice(0, -1)}g`)).toMatch(/^An address is 0x/);
    expect(validatePayoutAddress(`${CHECKSUMMED}0`)).toMatch(/^An address is 0x/);
  });

  it("refuses a mixed-case address whose checksum does not match (a typo)", () => {
    const typo = `${CHECKSUMMED.slice(0, -1)}8`.replace("C51812dc", "c51812dc");
    expect(validatePayoutAddress(typo)).toMatch(/does not match its checksum/);
  });

  it("refuses the zero address", () => {
    expect(validatePayoutAddress(`0x${"0".repeat(40)}`)).toMatch(/cannot be the zero address/);
  });
});

describe("the whole profile form", () => {
  it("finds nothing wrong with a valid form", () => {
    expect(validateProjectForm(VALID)).toEqual({});
    expect(hasErrors(validateProjectForm(VALID))).toBe(false);
  });

  it("names every field that is wrong, and only those", () => {
    const errors = validateProjectForm({
      ...VALID,
      name: "",
      website: "javascript:alert(1)",
      payoutAddress: "0xnope",
    });
    expect(Object.keys(errors).sort()).toEqual(["name", "payoutAddress", "website"]);
    expect(hasErrors(errors)).toBe(true);
  });

  it("finds the empty form's required fields", () => {
    expect(Object.keys(validateProjectForm(EMPTY_PROJECT_FORM)).sort()).toEqual([
      "description",
      "name",
      "payoutAddress",
    ]);
  });
});

describe("the logo", () => {
  it("takes PNG, JPEG, WebP and SVG images by their content", () => {
    expect(checkLogo(PNG)).toMatchObject({ ok: true, type: "image/png" });
    expect(checkLogo(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ ok: true, type: "image/jpeg" });
    const webp = new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 ");
    expect(checkLogo(webp)).toMatchObject({ ok: true, type: "image/webp" });
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(checkLogo(svg)).toMatchObject({ ok: true, type: "image/svg+xml" });
    const demoLogo = readFileSync(join(import.meta.dirname, "../../../demo/logos/salish-sea-seed-library.svg"));
    expect(checkLogo(new Uint8Array(demoLogo))).toMatchObject({ ok: true, type: "image/svg+xml" });
  });

  it("refuses other files, whatever their name", () => {
    expect(checkLogo(new TextEncoder().encode("GIF89a"))).toEqual({
      ok: false,
      error: "The logo must be a PNG, JPEG, WebP or SVG image.",
    });
    expect(checkLogo(new TextEncoder().encode("<html><script>alert(1)</script>"))).toMatchObject({ ok: false });
    expect(checkLogo(new Uint8Array())).toEqual({ ok: false, error: "The logo file is empty." });
  });

  it("takes at most 512 KiB", () => {
    const largest = new Uint8Array(LOGO_MAX_BYTES);
    largest.set(PNG);
    expect(checkLogo(largest)).toMatchObject({ ok: true });
    const tooLarge = new Uint8Array(LOGO_MAX_BYTES + 1);
    tooLarge.set(PNG);
    expect(checkLogo(tooLarge)).toEqual({
      ok: false,
      error: "The logo is 513 KiB; the most is 512 KiB. Choose a smaller image.",
    });
    expect(logoSizeError(600 * 1024)).toBe("The logo is 600 KiB; the most is 512 KiB. Choose a smaller image.");
    expect(logoSizeError(LOGO_MAX_BYTES)).toBeUndefined();
  });
});

describe("the profile document", () => {
  it("is what the app reads back: trimmed, optional fields left out when empty", () => {
    const document = buildProjectDocument(
      { ...VALID, name: "  Seed Library ", website: "", place: " ", bioregion: "" },
      undefined,
    );
    expect(document).toEqual({ name: "Seed Library", description: "A community seed library." });
    expect(parseProjectProfile(JSON.parse(JSON.stringify(document)))).toEqual(document);
  });

  it("carries the logo pointer, the location, the website as linked, and the fields the form does not edit", () => {
    const document = buildProjectDocument({ ...VALID, bioregion: "" }, LOGO, { node: "Cascadia", tags: ["seeds"] });
    expect(document).toEqual({
      name: VALID.name,
      description: VALID.description,
      website: "https://seeds.example.org/",
      logo: LOGO,
      location: { place: VALID.place },
      node: "Cascadia",
      tags: ["seeds"],
    });
    expect(parseProjectProfile(JSON.parse(JSON.stringify(document)))).toEqual(document);
  });

  it("is never built from a form the app would refuse to read", () => {
    expect(() => buildProjectDocument({ ...VALID, name: "" }, undefined)).toThrow('"name" is empty');
    expect(() => buildProjectDocument({ ...VALID, website: "javascript:alert(1)" }, undefined)).toThrow(
      "the website must start with https:// or http://",
    );
    expect(() => buildProjectDocument({ ...VALID, description: "x".repeat(4_001) }, undefined)).toThrow(
      "longer than 4000",
    );
  });

  it("round-trips through the form: an unchanged form builds the same document", () => {
    const profile = parseProjectProfile(
      JSON.parse(
        readFileSync(join(import.meta.dirname, "../../../demo/metadata/projects/salish-sea-seed-library.json"), "utf8"),
      ),
    );
    const values = formValuesOf({ ...profile, logo: LOGO }, CHECKSUMMED);
    expect(values.payoutAddress).toBe(CHECKSUMMED);
    expect(validateProjectForm(values)).toEqual({});
    const kept = { ...(profile.node ? { node: profile.node } : {}), ...(profile.tags ? { tags: profile.tags } : {}) };
    const unchanged = buildProjectDocument(values, LOGO, kept);
    expect(sameDocument(unchanged, { ...profile, logo: LOGO })).toBe(true);
    const changed = buildProjectDocument({ ...values, description: "Another description." }, LOGO, kept);
    expect(sameDocument(changed, unchanged)).toBe(false);
  });

  it("leaves every field empty for a missing document, but the payout address", () => {
    expect(formValuesOf(undefined, CHECKSUMMED)).toEqual({ ...EMPTY_PROJECT_FORM, payoutAddress: CHECKSUMMED });
  });

  it("compares documents whatever the order of their keys", () => {
    expect(sameDocument({ a: 1, b: { c: 2, d: [1, 2] } }, { b: { d: [1, 2], c: 2 }, a: 1 })).toBe(true);
    expect(sameDocument({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe("project ids in routes", () => {
  it("takes positive whole numbers only", () => {
    expect(parseProjectId("1")).toBe(1n);
    expect(parseProjectId("1234")).toBe(1234n);
    for (const bad of ["0", "-1", "01", "1.5", "1e3", "", " 1", "new", "0x1"])
      expect(parseProjectId(bad)).toBeUndefined();
  });
});

describe("the application form", () => {
  it("requires a summary of at most 4,000 characters", () => {
    expect(validateSummary("")).toMatch(/^Summarise/);
    expect(validateSummary("x".repeat(4_000))).toBeUndefined();
    expect(validateSummary("x".repeat(4_001))).toBe("The summary is 4,001 characters long; the most is 4,000.");
  });

  it("reads uses of funds one a line, skipping blank lines", () => {
    expect(useOfFundsLines(" Tools \n\n  Rent\r\nSeeds \n")).toEqual(["Tools", "Rent", "Seeds"]);
    expect(useOfFundsLines("")).toEqual([]);
  });

  it("takes at most 20 uses of funds of at most 400 characters each", () => {
    expect(validateUseOfFunds("")).toBeUndefined();
    expect(validateUseOfFunds(Array.from({ length: 20 }, (_, i) => `use ${i}`).join("\n"))).toBeUndefined();
    expect(validateUseOfFunds(Array.from({ length: 21 }, (_, i) => `use ${i}`).join("\n"))).toBe(
      "List at most 20 uses of funds, one a line (there are 21).",
    );
    expect(validateUseOfFunds(`fine\n${"x".repeat(401)}`)).toBe("Line 2 is longer than 400 characters: shorten it.");
    expect(validateUseOfFunds("x".repeat(400))).toBeUndefined();
  });

  it("names each wrong field", () => {
    expect(validateApplicationForm({ summary: "", useOfFunds: "" })).toEqual({ summary: expect.any(String) as string });
    expect(validateApplicationForm({ summary: "Workshops", useOfFunds: "a" })).toEqual({});
  });

  it("builds the document the app reads back", () => {
    const document = buildApplicationDocument({ summary: "  Workshops in six gardens. ", useOfFunds: "Seeds\n\nRent" });
    expect(document).toEqual({ summary: "Workshops in six gardens.", useOfFunds: ["Seeds", "Rent"] });
    expect(parseApplicationDocument(JSON.parse(JSON.stringify(document)))).toEqual(document);
    expect(buildApplicationDocument({ summary: "Workshops", useOfFunds: " \n" })).toEqual({ summary: "Workshops" });
    expect(() => buildApplicationDocument({ summary: " ", useOfFunds: "" })).toThrow('"summary" is empty');
  });
});
