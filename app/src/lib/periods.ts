/**
 * The ledger's 30-day periods, counted from the unix epoch (`ContributionLedger.periodOf(t) = t / 30 days`), and
 * what a chart of credits per period needs. Pure functions, no React.
 */

/** The length of a period in seconds: the ledger's PERIOD_LENGTH (30 days). */
export const PERIOD_SECONDS = 30n * 86_400n;

/** How many periods a chart shows at most: the latest ones. */
export const MAX_PERIODS_SHOWN = 12;

/** The period of a unix timestamp (seconds), as the ledger counts it. */
export function periodOf(timestamp: bigint): bigint {
  return timestamp / PERIOD_SECONDS;
}

/** The first second of a period. */
export function periodStart(period: bigint): bigint {
  return period * PERIOD_SECONDS;
}

/**
 * The periods to show, oldest first: from the period of `since` (no contribution is older than the deployment) to
 * the period of `now`, at most `max` of them (the latest).
 */
export function periodsToShow(since: bigint, now: bigint, max = MAX_PERIODS_SHOWN): bigint[] {
  const last = periodOf(now);
  let first = periodOf(since);
  if (first > last) first = last;
  if (last - first + 1n > BigInt(max)) first = last - BigInt(max) + 1n;
  const periods: bigint[] = [];
  for (let period = first; period <= last; period++) periods.push(period);
  return periods;
}

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dayMonthYear = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** "2 Jan – 31 Jan 2027": the first and last day of a period (UTC, as the ledger counts). */
export function formatPeriod(period: bigint): string {
  const start = new Date(Number(periodStart(period)) * 1000);
  const end = new Date(Number(periodStart(period + 1n) - 1n) * 1000);
  const startText =
    start.getUTCFullYear() === end.getUTCFullYear() ? dayMonth.format(start) : dayMonthYear.format(start);
  return `${startText} – ${dayMonthYear.format(end)}`;
}

/** A short label for a chart's axis: "2 Jan". */
export function shortPeriodLabel(period: bigint): string {
  return dayMonth.format(new Date(Number(periodStart(period)) * 1000));
}

/**
 * Bar heights for values, as fractions of the tallest (0 to 1); all zero when every value is zero. A value above
 * zero always gets a visible sliver, so a small contribution never looks like none.
 */
export function barHeights(values: readonly bigint[], minimumVisible = 0.02): number[] {
  const largest = values.reduce((max, value) => (value > max ? value : max), 0n);
  if (largest === 0n) return values.map(() => 0);
  return values.map((value) => {
    if (value <= 0n) return 0;
    const fraction = Number((value * 10_000n) / largest) / 10_000;
    return Math.max(fraction, minimumVisible);
  });
}
