import { describe, expect, it } from "vitest";
import { checkExternalUrl, safeExternalUrl } from "./externalUrl.ts";

describe("checkExternalUrl", () => {
  it.each([
    ["https://solar.example.org", "https://solar.example.org/"],
    ["http://tools.example.org/library?lang=en#top", "http://tools.example.org/library?lang=en#top"],
    ["HTTPS://Solar.Example.org/Path", "https://solar.example.org/Path"],
    ["  https://solar.example.org/\n", "https://solar.example.org/"],
    ["https://xn--mnchen-3ya.example/", "https://xn--mnchen-3ya.example/"],
  ])("accepts the web address %j in its normal form", (value, href) => {
    expect(checkExternalUrl(value)).toEqual({ ok: true, href });
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\njavascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "file:///etc/passwd",
    "blob:https://app.example/0b7c5b6e-6d0e-4a31-9f67-0a4c1b4f0d1e",
    "ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy",
    "ftp://files.example.org/",
    "https:evil.example",
    "https:/evil.example",
    "https:\\\\evil.example",
  ])("refuses %j: not an http(s) address with its two slashes", (value) => {
    expect(checkExternalUrl(value)).toEqual({ ok: false, problem: "notWeb" });
  });

  it.each(["//evil.example", "/about", "about.html", "evil.example", "", "   "])(
    "refuses the relative or incomplete address %j",
    (value) => {
      expect(checkExternalUrl(value)).toEqual({ ok: false, problem: "notUrl" });
    },
  );

  it.each([
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "javascript\u0000:alert(1)",
    "https://example.org/\u0000",
    "https://exa\tmple.org/",
    "https://example.org/a b",
    "https://example.org/a\u00a0b",
    "https://example.org/a\u2028b",
    "https://example.org/\u0085",
  ])("refuses %j, whose spaces or control characters a browser would drop or hide", (value) => {
    expect(checkExternalUrl(value)).toEqual({ ok: false, problem: "hiddenCharacters" });
  });

  it("refuses an address with a user name or password, which hides the real host", () => {
    expect(checkExternalUrl("https://bank.example@evil.example/")).toEqual({ ok: false, problem: "credentials" });
    expect(checkExternalUrl("https://user:secret@evil.example/")).toEqual({ ok: false, problem: "credentials" });
  });
});

describe("safeExternalUrl", () => {
  it("gives the normal form of a web address, and nothing for anything else", () => {
    expect(safeExternalUrl("https://example.org")).toBe("https://example.org/");
    expect(safeExternalUrl("javascript:alert(1)")).toBeUndefined();
    expect(safeExternalUrl("//evil.example")).toBeUndefined();
  });
});
