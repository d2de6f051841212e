import { describe, expect, it } from "vitest";
import {
  barHeights,
  formatPeriod,
  MAX_PERIODS_SHOWN,
  PERIOD_SECONDS,
  periodOf,
  periodStart,
  periodsToShow,
  shortPeriodLabel,
} from "./periods.ts";

describe("periods", () => {
  it("counts 30-day periods from the unix epoch, as the ledger does", () => {
    expect(PERIOD_SECONDS).toBe(2_592_000n);
    expect(periodOf(0n)).toBe(0n);
    expect(periodOf(PERIOD_SECONDS - 1n)).toBe(0n);
    expect(periodOf(PERIOD_SECONDS)).toBe(1n);
    // 2027-03-25T19:47:13Z is in period 696 (1_806_000_433 / 2_592_000 = 696.76…).
    expect(periodOf(1_806_000_433n)).toBe(696n);
    expect(periodStart(696n)).toBe(696n * 2_592_000n);
  });

  it("shows every period from the deployment's to now's, oldest first", () => {
    const since = periodStart(692n) + 5n;
    const now = periodStart(696n) + 100n;
    expect(periodsToShow(since, now)).toEqual([692n, 693n, 694n, 695n, 696n]);
  });

  it("shows only the latest periods when there are more than the most shown", () => {
    const shown = periodsToShow(0n, periodStart(100n));
    expect(shown).toHaveLength(MAX_PERIODS_SHOWN);
    expect(shown[0]).toBe(BigInt(100 - MAX_PERIODS_SHOWN + 1));
    expect(shown.at(-1)).toBe(100n);
    expect(periodsToShow(0n, periodStart(10n), 3)).toEqual([8n, 9n, 10n]);
  });

  it("shows the current period alone on a fresh deployment, and never runs backwards", () => {
    expect(periodsToShow(periodStart(5n), periodStart(5n) + 1n)).toEqual([5n]);
    expect(periodsToShow(periodStart(7n), periodStart(5n))).toEqual([5n]);
  });

  it("labels a period by its first and last day (UTC)", () => {
    // Period 0 runs from 1 Jan 1970 to 30 Jan 1970.
    expect(formatPeriod(0n)).toBe("1 Jan – 30 Jan 1970");
    // Period 12 starts on 27 Dec 1970 and ends on 25 Jan 1971: the year shows on both ends.
    expect(formatPeriod(12n)).toBe("27 Dec 1970 – 25 Jan 1971");
    expect(shortPeriodLabel(1n)).toBe("31 Jan");
  });
});

describe("barHeights", () => {
  it("scales each value to the tallest", () => {
    expect(barHeights([50n, 100n, 25n])).toEqual([0.5, 1, 0.25]);
  });

  it("keeps a tiny value visible, and zero at zero", () => {
    expect(barHeights([1n, 1_000_000n, 0n])).toEqual([0.02, 1, 0]);
  });

  it("is flat when there is nothing to show", () => {
    expect(barHeights([0n, 0n])).toEqual([0, 0]);
    expect(barHeights([])).toEqual([]);
  });

  it("handles credits of 18 decimals without losing the proportions", () => {
    const credit = 10n ** 18n;
    expect(barHeights([120n * credit, 100n * credit, 0n, 50n * credit])).toEqual([1, 0.8333, 0, 0.4166]);
  });
});
