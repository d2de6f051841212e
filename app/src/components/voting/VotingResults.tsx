import { useId } from "react";
import { RoundStatus } from "../../data/contracts.ts";
import type { VotingRoundSummary } from "../../data/votingRounds.ts";
import { formatShare, formatTokenAmount } from "../../lib/format.ts";
import type { NamedVotingProject } from "./BallotPanel.tsx";

const ROW = 34;
const LABEL = 220;
const PLOT = 420;
const VALUE = 190;

/**
 * Votes and payout per project: SVG bars (payouts are proportional to votes, so one bar shows both) and the same
 * figures in a table, for screen readers and for recomputing the split.
 */
export function VotingResults({ round, projects }: { round: VotingRoundSummary; projects: NamedVotingProject[] }) {
  const id = useId();
  if (projects.length === 0) return null;
  const final = round.status === RoundStatus.Finalized;
  const token = round.token;
  const sorted = [...projects].sort((a, b) =>
    a.project.votes === b.project.votes ? a.name.localeCompare(b.name) : a.project.votes > b.project.votes ? -1 : 1,
  );
  const largest = sorted.reduce((max, { project }) => (project.votes > max ? project.votes : max), 0n);
  const width = LABEL + PLOT + VALUE;
  const height = sorted.length * ROW + 8;
  const payout = (value: bigint) => `${formatTokenAmount(value, token.decimals, 2)} ${token.symbol}`;
  const summary = sorted
    .map(({ project, name }) => `${name}: ${project.votes} votes, ${payout(project.estimatedPayout)}`)
    .join("; ");
  return (
    <section className="card panel results" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{final ? "Results" : "Tally so far"}</h2>
      <p className="hint">
        {round.totalVotes.toLocaleString("en-US")} votes in all. Each project receives the matching pool × its votes ÷
        all votes, rounded down{final ? "" : " — the estimate changes with every ballot until voting closes"}.
      </p>
      <figure className="votes-chart">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          data-testid="votes-chart"
        >
          <title id={`${id}-title`}>
            {final ? "Votes and payout per project" : "Votes and estimated payout per project"}
          </title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {sorted.map(({ project, name }, index) => {
            const y = 4 + index * ROW;
            const barWidth = largest === 0n ? 0 : Number((project.votes * BigInt(PLOT * 100)) / largest) / 100;
            return (
              <g key={project.projectId.toString()} data-project={project.projectId.toString()}>
                <text className="chart-label" x={LABEL - 8} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle">
                  {name.length > 30 ? `${name.slice(0, 29)}…` : name}
                </text>
                <rect className="chart-track" x={LABEL} y={y + 6} width={PLOT} height={ROW - 12} rx={3} />
                <rect className="chart-bar" x={LABEL} y={y + 6} width={barWidth} height={ROW - 12} rx={3} />
                <text className="chart-value" x={LABEL + PLOT + 8} y={y + ROW / 2} dominantBaseline="middle">
                  {`${project.votes.toLocaleString("en-US")} votes · ${payout(project.estimatedPayout)}`}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      <div className="table-scroll">
        <table className="results-table" data-testid="votes-table">
          <caption className="visually-hidden">Votes and payout per project</caption>
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Voters</th>
              <th scope="col">Votes</th>
              <th scope="col">Share of votes</th>
              <th scope="col">{final ? "Payout" : "Estimated payout"}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map(({ project, name }) => (
              <tr key={project.projectId.toString()}>
                <th scope="row">{name}</th>
                <td>{project.voters}</td>
                <td>{project.votes.toLocaleString("en-US")}</td>
                <td>{formatShare(project.votes, round.totalVotes)}</td>
                <td>
                  {payout(project.estimatedPayout)}
                  {final && project.paid ? " · paid" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
