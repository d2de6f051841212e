import { describe, expect, it } from "vitest";
import { LIMITS } from "../data/documents.ts";
import type { ContributionKind } from "../data/network.ts";
import {
  buildContributionDocuments,
  describeThreshold,
  type ContributionFormValues,
  formatCredits,
  describeQuantity,
  formatQuantity,
  linkLines,
  MAX_UINT96,
  maxQuantityOf,
  parseDelegateAddress,
  parseQuantity,
  parseRouteId,
  validateContributionForm,
  validateReason,
} from "./contributionForm.ts";

const CREDIT = 10n ** 18n;
const labour: ContributionKind = {
  id: 1,
  name: "labour",
  unit: "hours",
  creditsPerUnit: 10n * CREDIT,
  selfReported: true,
  decimals: 0,
};
const money: ContributionKind = {
  id: 5,
  name: "money",
  unit: "CUSD",
  creditsPerUnit: 10n ** 12n,
  selfReported: false,
  decimals: 6,
};
const context = { nodes: [{ id: 1n }, { id: 2n }], kinds: [labour, money] };
const valid: ContributionFormValues = {
  nodeId: "2",
  kindId: "1",
  quantity: "12",
  title: "Seed cleaning days",
  text: "Three Saturdays of threshing and packing seed.",
  links: "https://seeds.example.org/volunteers\n",
  note: "",
};

describe("parseQuantity", () => {
  it("takes a whole number of units, with or without thousands separators", () => {
    expect(parseQuantity("12", labour)).toEqual({ ok: true, value: 12n });
    expect(parseQuantity(" 1,500 ", labour)).toEqual({ ok: true, value: 1500n });
  });

  it("asks for a quantity in the kind's unit when there is none", () => {
    expect(parseQuantity("  ", labour)).toEqual({ ok: false, error: "Enter how many hours you gave, like 4." });
  });

  it("refuses fractions: the ledger counts whole units", () => {
    expect(parseQuantity("2.5", labour)).toEqual({
      ok: false,
      error: "Record whole hours: the ledger counts whole units. Round to the nearest whole number.",
    });
  });

  it("refuses zero, negative numbers and text", () => {
    expect(parseQuantity("0", labour)).toEqual({ ok: false, error: "The quantity must be at least 1." });
    expect(parseQuantity("-3", labour)).toEqual({ ok: false, error: "The quantity must be a positive whole number." });
    expect(parseQuantity("four", labour)).toEqual({ ok: false, error: "Enter a whole number of hours, like 4." });
    expect(parseQuantity("1e3", labour)).toEqual({ ok: false, error: "Enter a whole number of hours, like 4." });
    expect(parseQuantity("1,5", labour)).toEqual({
      ok: false,
      error: "Use commas only to group thousands, like 1,500.",
    });
  });

  it("refuses a quantity whose credits the ledger could not hold (it would never be attested)", () => {
    const max = maxQuantityOf(labour);
    expect(max).toBe(MAX_UINT96 / (10n * CREDIT));
    expect(parseQuantity(max.toString(), labour)).toEqual({ ok: true, value: max });
    expect(parseQuantity((max + 1n).toString(), labour)).toEqual({
      ok: false,
      error: `The ledger takes at most ${max.toLocaleString("en-US")} hours in one contribution.`,
    });
  });

  it("bounds a weightless kind by the 96 bits of the quantity itself", () => {
    const free = { unit: "items", creditsPerUnit: 0n };
    expect(maxQuantityOf(free)).toBe(MAX_UINT96);
    expect(parseQuantity((MAX_UINT96 + 1n).toString(), free).ok).toBe(false);
  });
});

describe("validateContributionForm", () => {
  it("finds nothing wrong with a valid form", () => {
    expect(validateContributionForm(valid, context)).toEqual({});
  });

  it("finds every missing field of the empty form", () => {
    const errors = validateContributionForm(
      { nodeId: "", kindId: "", quantity: "", title: "", text: "", links: "", note: "" },
      context,
    );
    expect(Object.keys(errors).sort()).toEqual(["kindId", "nodeId", "note", "quantity", "text", "title"]);
    expect(errors.quantity).toBe("Enter how many hours, items or documents you gave, like 4.");
    expect(errors.note).toBe("Give the stewards something to check: at least a link or a note.");
  });

  it("refuses a node or a kind that does not exist, and a kind that is not self-reported", () => {
    expect(validateContributionForm({ ...valid, nodeId: "9" }, context).nodeId).toBe(
      "This node does not exist on this network.",
    );
    expect(validateContributionForm({ ...valid, kindId: "7" }, context).kindId).toBe(
      "This kind of contribution does not exist on this network.",
    );
    expect(validateContributionForm({ ...valid, kindId: "5" }, context).kindId).toBe(
      "money is counted by the protocol itself (from rounds): it cannot be recorded by hand.",
    );
  });

  it("checks the quantity against the chosen kind", () => {
    expect(validateContributionForm({ ...valid, quantity: "2.5" }, context).quantity).toContain("Record whole hours");
    expect(validateContributionForm({ ...valid, quantity: "" }, context).quantity).toBe(
      "Enter how many hours you gave, like 4.",
    );
  });

  it("checks a typed quantity even before a kind is chosen", () => {
    expect(validateContributionForm({ ...valid, kindId: "", quantity: "abc" }, context).quantity).toBe(
      "Enter a whole number, like 4.",
    );
  });

  it("limits the title, the description and the note", () => {
    const errors = validateContributionForm(
      {
        ...valid,
        title: "x".repeat(LIMITS.title + 1),
        text: "x".repeat(LIMITS.description + 1),
        note: "x".repeat(LIMITS.evidenceNote + 1),
      },
      context,
    );
    expect(errors.title).toBe(`The title is 121 characters long; the most is ${LIMITS.title}.`);
    expect(errors.text).toBe("The description is 4,001 characters long; the most is 4,000.");
    expect(errors.note).toBe("The note is 2,001 characters long; the most is 2,000.");
  });

  it("names the evidence link that is not an http(s) web address, and limits their number", () => {
    expect(validateContributionForm({ ...valid, links: "https://a.example\nseeds.example.org" }, context).links).toBe(
      "Line 2 is not a web address: write it in full, like https://example.org/photos.",
    );
    expect(validateContributionForm({ ...valid, links: "ftp://files.example.org" }, context).links).toBe(
      "Line 1 must start with https:// or http://.",
    );
    const many = Array.from({ length: LIMITS.evidenceLinks + 1 }, (_, index) => `https://e.example/${index}`);
    expect(validateContributionForm({ ...valid, links: many.join("\n") }, context).links).toBe(
      `Give at most ${LIMITS.evidenceLinks} links, one a line (there are ${LIMITS.evidenceLinks + 1}).`,
    );
  });

  it("takes a note alone as evidence", () => {
    expect(validateContributionForm({ ...valid, links: "", note: "Signed sheets at the library." }, context)).toEqual(
      {},
    );
  });
});

describe("buildContributionDocuments", () => {
  it("writes the description and the evidence as the app reads them back", () => {
    expect(
      buildContributionDocuments({ ...valid, title: " Seeds ", links: " https://a.example/x \n\n", note: " n " }),
    ).toEqual({
      description: { title: "Seeds", text: "Three Saturdays of threshing and packing seed." },
      evidence: { links: ["https://a.example/x"], note: "n" },
    });
  });

  it("leaves an empty note out", () => {
    expect(buildContributionDocuments(valid).evidence).toEqual({ links: ["https://seeds.example.org/volunteers"] });
  });

  it("throws rather than write a document the app would refuse", () => {
    expect(() => buildContributionDocuments({ ...valid, links: "", note: "" })).toThrow(
      "the evidence has neither a link nor a note",
    );
  });

  it("splits links by line, dropping blank ones", () => {
    expect(linkLines(" a \r\n\n b ")).toEqual(["a", "b"]);
  });
});

describe("validateReason", () => {
  it("requires a reason within the limit", () => {
    expect(validateReason(" ")).toBe("Say why, so the contributor can add what is missing and record it again.");
    expect(validateReason("x".repeat(LIMITS.description + 1))).toBe(
      "The reason is 4,001 characters long; the most is 4,000.",
    );
    expect(validateReason("No evidence of the hours.")).toBeUndefined();
  });
});

describe("parseDelegateAddress", () => {
  const checksummed = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

  it("takes a checksummed, lower-case or upper-case address and returns it checksummed", () => {
    expect(parseDelegateAddress(checksummed)).toEqual({ ok: true, address: checksummed });
    expect(parseDelegateAddress(` ${checksummed.toLowerCase()} `)).toEqual({ ok: true, address: checksummed });
    expect(parseDelegateAddress(`0x${checksummed.slice(2).toUpperCase()}`)).toEqual({ ok: true, address: checksummed });
  });

  it("refuses an empty value, a wrong length or non-hex digits", () => {
    expect(parseDelegateAddress("")).toEqual({ ok: false, error: "Enter the address of the account to delegate to." });
    for (const value of [
      "0x1234",
      "70997970C51812dc3A010C7d01b50e0d17dc79C8",
      "0xZZ997970C51812dc3A010C7d01b50e0d17dc79C8",
    ]) {
      expect(parseDelegateAddress(value)).toEqual({
        ok: false,
        error: "An address is 0x followed by 40 hexadecimal digits (0–9, a–f).",
      });
    }
  });

  it("refuses a mixed-case address whose checksum does not match, and the zero address", () => {
    expect(parseDelegateAddress("0x70997970c51812dc3A010C7d01b50e0d17dc79C8").ok).toBe(false);
    expect(parseDelegateAddress(`0x${"0".repeat(40)}`)).toEqual({
      ok: false,
      error: "Delegating to the zero address would leave your credits without a vote.",
    });
  });
});

describe("formatting", () => {
  it("puts a unit in the singular for one, and leaves other units alone", () => {
    const whole = (unit: string) => ({ unit, decimals: 0 });
    expect(formatQuantity(1n, whole("hours"))).toBe("1 hour");
    expect(formatQuantity(12n, whole("hours"))).toBe("12 hours");
    expect(formatQuantity(1n, whole("documents"))).toBe("1 document");
    expect(formatQuantity(1_500n, whole("items"))).toBe("1,500 items");
    // Money kinds count a token's base units: 6 decimals for CUSD.
    const cusd = { unit: "CUSD", decimals: 6 };
    expect(formatQuantity(1_000_000n, cusd)).toBe("1 CUSD");
    expect(formatQuantity(1_500_250_000n, cusd)).toBe("1,500.25 CUSD");
    expect(describeQuantity(60_000_000n, 5, { name: "money", ...cusd })).toBe("60 CUSD of money");
    expect(describeQuantity(12n, 7, undefined)).toBe("12 units of kind #7");
  });

  it("shows credits of 18 decimals with at most two", () => {
    expect(formatCredits(120n * CREDIT)).toBe("120");
    expect(formatCredits(1_234_567n * 10n ** 16n)).toBe("12,345.67");
    expect(formatCredits(0n)).toBe("0");
  });
});

describe("parseRouteId", () => {
  it("takes a positive whole number without sign or leading zero", () => {
    expect(parseRouteId("1")).toBe(1n);
    expect(parseRouteId("24")).toBe(24n);
    for (const value of ["0", "01", "-1", "1.5", "x", ""]) expect(parseRouteId(value)).toBeUndefined();
  });
});

describe("describeThreshold", () => {
  it("says how many of a node's stewards must attest, in plain words", () => {
    expect(describeThreshold(2, 3)).toBe("2 of its 3 stewards must attest each contribution");
    expect(describeThreshold(1, 2)).toBe("1 of its 2 stewards must attest each contribution");
    expect(describeThreshold(1, 1)).toBe("Its one steward must attest each contribution");
    expect(describeThreshold(3, 3)).toBe("All 3 of its stewards must attest each contribution");
  });
});
