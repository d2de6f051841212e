import { useId } from "react";
import type { PeriodCredits } from "../../data/network.ts";
import { formatCredits } from "../../lib/contributionForm.ts";
import { barHeights, formatPeriod, shortPeriodLabel } from "../../lib/periods.ts";

const BAR_WIDTH = 36;
const GAP = 24;
const PLOT_HEIGHT = 120;
const TOP = 20;
const BOTTOM = 24;

/**
 * Credits attested per 30-day period as a bar chart (SVG, no library), with the same figures in a table below it:
 * the chart for the eye, the table for screen readers and for copying.
 */
export function CreditsChart(props: { title: string; periods: readonly PeriodCredits[] }) {
  const id = useId();
  const { periods } = props;
  const heights = barHeights(periods.map((period) => period.credits));
  const width = periods.length * (BAR_WIDTH + GAP) + GAP;
  const height = TOP + PLOT_HEIGHT + BOTTOM;
  const summary = periods
    .map((period) => `${formatCredits(period.credits)} credits in ${formatPeriod(period.period)}`)
    .join("; ");
  return (
    <figure className="credits-chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        // Drawn at most a little larger than its own units, so a chart of few periods keeps readable labels.
        style={{ maxWidth: `${width * 1.5}px` }}
        aria-labelledby={`${id}-title ${id}-desc`}
        data-testid="credits-chart"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <line className="chart-axis" x1={0} x2={width} y1={TOP + PLOT_HEIGHT} y2={TOP + PLOT_HEIGHT} />
        {periods.map((period, index) => {
          const barHeight = (heights[index] ?? 0) * PLOT_HEIGHT;
          const x = GAP + index * (BAR_WIDTH + GAP);
          const y = TOP + PLOT_HEIGHT - barHeight;
          return (
            <g key={period.period.toString()} data-period={period.period.toString()}>
              <rect className="chart-bar" x={x} y={y} width={BAR_WIDTH} height={barHeight} rx={3} />
              <text className="chart-value" x={x + BAR_WIDTH / 2} y={y - 5} textAnchor="middle">
                {formatCredits(period.credits)}
              </text>
              <text
                className="chart-label"
                x={x + BAR_WIDTH / 2}
                y={TOP + PLOT_HEIGHT + BOTTOM - 8}
                textAnchor="middle"
              >
                {shortPeriodLabel(period.period)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="hint">
        Each bar is one 30-day period of the ledger (counted from 1 January 1970, UTC), labelled by its first day; the
        same figures are in the table.
      </figcaption>
      <div className="table-scroll">
        <table className="kind-totals" data-testid="credits-per-period">
          <caption className="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col">Credits attested</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period.period.toString()} data-period={period.period.toString()}>
                <th scope="row">{formatPeriod(period.period)}</th>
                <td>{formatCredits(period.credits)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
