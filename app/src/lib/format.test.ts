import { afterEach, describe, expect, it, vi } from "vitest";
import {
  formatRelative,
  formatShare,
  formatTime,
  formatTokenAmount,
  parseTokenAmount,
  shortAddress,
} from "./format.ts";

const CUSD = 10n ** 6n;
const ETHER = 10n ** 18n;

describe("parseTokenAmount", () => {
  it("asks for an amount when nothing is typed", () => {
    expect(parseTokenAmount("", 6, "CUSD")).toEqual({ ok: false, error: "Enter an amount." });
  });

  it("treats an input of only spaces as empty", () => {
    expect(parseTokenAmount("   ", 6, "CUSD")).toEqual({ ok: false, error: "Enter an amount." });
  });

  it.each(["abc", "ten", "1e18", "0x10", "1.2.3", ".", "1 000", "∞"])(
    "rejects %j as not a number, naming the token",
    (input) => {
      expect(parseTokenAmount(input, 6, "CUSD")).toEqual({
        ok: false,
        error: "Enter a number of CUSD, like 10 or 2.5.",
      });
    },
  );

  it.each(["1,5", "2,5 CUSD", "12,34", "1,5000"])(
    "refuses %j rather than read a decimal comma as a thousands separator",
    (input) => {
      expect(parseTokenAmount(input, 6, "CUSD")).toEqual({
        ok: false,
        error: "Use a point for decimals, like 2.5 CUSD.",
      });
    },
  );

  it("accepts commas that group thousands", () => {
    expect(parseTokenAmount("1,500.25", 6, "CUSD")).toEqual({ ok: true, value: 1_500_250_000n });
  });

  it("rejects a negative amount with the not-a-number message", () => {
    expect(parseTokenAmount("-5", 18, "ETH")).toEqual({ ok: false, error: "Enter a number of ETH, like 10 or 2.5." });
    expect(parseTokenAmount("+5", 18, "ETH")).toEqual({ ok: false, error: "Enter a number of ETH, like 10 or 2.5." });
  });

  it("rejects an amount with more decimals than the token has", () => {
    expect(parseTokenAmount("1.1234567", 6, "CUSD")).toEqual({
      ok: false,
      error: "CUSD has 6 decimals: use at most 6 digits after the point.",
    });
    expect(parseTokenAmount("0.0000000000000000001", 18, "ETH")).toEqual({
      ok: false,
      error: "ETH has 18 decimals: use at most 18 digits after the point.",
    });
  });

  it("counts trailing zeros as decimals too", () => {
    expect(parseTokenAmount("1.0000000", 6, "CUSD")).toEqual({
      ok: false,
      error: "CUSD has 6 decimals: use at most 6 digits after the point.",
    });
  });

  it.each(["0", "0.0", "0.000000", "000", "0.", ".0"])("rejects the zero amount %j", (input) => {
    expect(parseTokenAmount(input, 6, "CUSD")).toEqual({ ok: false, error: "The amount must be more than zero." });
  });

  it("reads whole tokens into base units for a 6-decimal token", () => {
    expect(parseTokenAmount("10", 6, "CUSD")).toEqual({ ok: true, value: 10n * CUSD });
    expect(parseTokenAmount("2.5", 6, "CUSD")).toEqual({ ok: true, value: 2_500_000n });
  });

  it("reads whole tokens into base units for an 18-decimal token", () => {
    expect(parseTokenAmount("10", 18, "ETH")).toEqual({ ok: true, value: 10n * ETHER });
    expect(parseTokenAmount("2.5", 18, "ETH")).toEqual({ ok: true, value: (5n * ETHER) / 2n });
  });

  it("accepts the token's smallest unit at full precision", () => {
    expect(parseTokenAmount("0.000001", 6, "CUSD")).toEqual({ ok: true, value: 1n });
    expect(parseTokenAmount("0.000000000000000001", 18, "ETH")).toEqual({ ok: true, value: 1n });
    expect(parseTokenAmount("123.456789", 6, "CUSD")).toEqual({ ok: true, value: 123_456_789n });
  });

  it("accepts a leading point", () => {
    expect(parseTokenAmount(".5", 6, "CUSD")).toEqual({ ok: true, value: 500_000n });
  });

  it("accepts a trailing point", () => {
    expect(parseTokenAmount("7.", 6, "CUSD")).toEqual({ ok: true, value: 7n * CUSD });
  });

  it("ignores thousands separators", () => {
    expect(parseTokenAmount("1,000", 6, "CUSD")).toEqual({ ok: true, value: 1_000n * CUSD });
    expect(parseTokenAmount("1,234,567.89", 6, "CUSD")).toEqual({ ok: true, value: 1_234_567_890_000n });
  });

  it("ignores spaces around the amount", () => {
    expect(parseTokenAmount("  12.5 ", 6, "CUSD")).toEqual({ ok: true, value: 12_500_000n });
  });

  it("reads amounts larger than a JavaScript number can hold exactly", () => {
    expect(parseTokenAmount("123456789012345678901234.5", 18, "ETH")).toEqual({
      ok: true,
      value: 123456789012345678901234n * ETHER + ETHER / 2n,
    });
  });

  it("rejects any decimal for a token without decimals", () => {
    expect(parseTokenAmount("3", 0, "UNIT")).toEqual({ ok: true, value: 3n });
    expect(parseTokenAmount("3.5", 0, "UNIT")).toEqual({
      ok: false,
      error: "UNIT has 0 decimals: use at most 0 digits after the point.",
    });
  });
});

describe("formatTokenAmount", () => {
  it("shows zero as 0", () => {
    expect(formatTokenAmount(0n, 18)).toBe("0");
    expect(formatTokenAmount(0n, 6)).toBe("0");
  });

  it("groups the whole part in thousands", () => {
    expect(formatTokenAmount(1_500n * CUSD, 6)).toBe("1,500");
    expect(formatTokenAmount(1_234_567_890_000n, 6)).toBe("1,234,567.89");
  });

  it("groups amounts beyond a JavaScript number's precision exactly", () => {
    expect(formatTokenAmount(123456789012345678901234n * ETHER, 18)).toBe("123,456,789,012,345,678,901,234");
  });

  it("drops trailing zeros of the fraction", () => {
    expect(formatTokenAmount(1_500_000n, 6)).toBe("1.5");
    expect(formatTokenAmount(2n * ETHER, 18)).toBe("2");
    expect(formatTokenAmount(1_050_000n, 6)).toBe("1.05");
  });

  it("shows at most four decimals by default, cutting (never rounding up) the rest", () => {
    expect(formatTokenAmount(1_234_567n, 6)).toBe("1.2345");
    expect(formatTokenAmount(999_999n, 6)).toBe("0.9999");
  });

  it("shows as many decimals as asked", () => {
    expect(formatTokenAmount(1_234_567n, 6, 2)).toBe("1.23");
    expect(formatTokenAmount(1_234_567n, 6, 6)).toBe("1.234567");
  });

  it("shows a tiny non-zero amount as less than the smallest shown step, never as 0", () => {
    expect(formatTokenAmount(1n, 18)).toBe("< 0.0001");
    expect(formatTokenAmount(99n, 6)).toBe("< 0.0001");
    expect(formatTokenAmount(1n, 6, 2)).toBe("< 0.01");
  });

  it("shows the smallest step itself as a number", () => {
    expect(formatTokenAmount(100n, 6)).toBe("0.0001");
  });

  it("shows a whole amount with a tiny remainder as the whole amount", () => {
    expect(formatTokenAmount(ETHER + 1n, 18)).toBe("1");
  });

  it("round-trips what parseTokenAmount reads", () => {
    const parsed = parseTokenAmount("1,234.5678", 18, "ETH");
    expect(parsed.ok && formatTokenAmount(parsed.value, 18)).toBe("1,234.5678");
  });
});

describe("formatShare", () => {
  it("gives a percentage with one decimal", () => {
    expect(formatShare(1n, 3n)).toBe("33.3 %");
    expect(formatShare(1n, 8n)).toBe("12.5 %");
  });

  it("drops a zero decimal", () => {
    expect(formatShare(1n, 2n)).toBe("50 %");
    expect(formatShare(5n, 5n)).toBe("100 %");
  });

  it("cuts rather than rounds the second decimal", () => {
    expect(formatShare(2n, 3n)).toBe("66.6 %");
  });

  it("is 0 % of nothing, without dividing by zero", () => {
    expect(formatShare(0n, 0n)).toBe("0 %");
    expect(formatShare(7n, 0n)).toBe("0 %");
  });

  it("handles token amounts far beyond a JavaScript number", () => {
    expect(formatShare(250n * ETHER * 10n ** 12n, 1_000n * ETHER * 10n ** 12n)).toBe("25 %");
  });
});

describe("formatRelative", () => {
  const now = 1_767_225_600n;

  it("speaks of days in the future", () => {
    expect(formatRelative(now + 3n * 86_400n, now)).toBe("in 3 days");
  });

  it("speaks of hours in the past", () => {
    expect(formatRelative(now - 2n * 3_600n, now)).toBe("2 hours ago");
  });

  it("uses words for one day either way", () => {
    expect(formatRelative(now + 86_400n, now)).toBe("tomorrow");
    expect(formatRelative(now - 86_400n, now)).toBe("yesterday");
  });

  it("rounds to the nearest unit", () => {
    expect(formatRelative(now + 90n, now)).toBe("in 2 minutes");
    expect(formatRelative(now + 86_399n, now)).toBe("in 24 hours");
  });

  it("counts seconds under a minute", () => {
    expect(formatRelative(now + 59n, now)).toBe("in 59 seconds");
    expect(formatRelative(now - 30n, now)).toBe("30 seconds ago");
  });

  it("says now for the same moment", () => {
    expect(formatRelative(now, now)).toBe("now");
  });
});

describe("formatTime", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("shows day, month, year, hours and minutes", () => {
    vi.stubEnv("TZ", "UTC");
    expect(formatTime(1_767_225_600n)).toBe("1 Jan 2026, 00:00");
  });
});

describe("shortAddress", () => {
  it("keeps the 0x prefix with four characters and the last four", () => {
    expect(shortAddress("0x1234567890AbcdEF1234567890aBcdef12345678")).toBe("0x1234…5678");
  });

  it("shortens a transaction hash the same way", () => {
    expect(shortAddress(`0x${"ab".repeat(31)}cdef`)).toBe("0xabab…cdef");
  });
});
