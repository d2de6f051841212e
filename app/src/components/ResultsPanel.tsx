import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { usePublicClient } from "wagmi";
import { hasCountingRules, idealMatch } from "../../../lib/quadratic-funding.ts";
import { RoundStatus } from "../data/contracts.ts";
import { fetchDonationEvents } from "../data/history.ts";
import { parseProjectProfile } from "../data/documents.ts";
import { fetchDocument } from "../data/metadata.ts";
import type { RoundProject, RoundSummary } from "../data/rounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { downloadText, toCsv } from "../lib/csv.ts";
import { describeError } from "../lib/errors.ts";
import { formatTokenAmount } from "../lib/format.ts";

export interface NamedProject {
  project: RoundProject;
  name: string;
}

/**
 * Where the money goes: donations and match per project as a chart (with the figures in a table beside it),
 * and CSV exports of the results and of every donation, from which anyone can recompute the match.
 */
export function ResultsPanel({
  round,
  projects,
  allProjects,
}: {
  round: RoundSummary;
  /** The projects to chart and tabulate, with their names. */
  projects: NamedProject[];
  /** Every approved project of the round, for the results CSV (their names are read when it is made). */
  allProjects: readonly RoundProject[];
}) {
  const queryClient = useQueryClient();
  const final = round.status === RoundStatus.Finalized;
  const token = round.token;
  const titleId = useId();
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const [exportError, setExportError] = useState<string>();
  if (projects.length === 0) return null;
  const fmt = (value: bigint) => formatTokenAmount(value, token.decimals, 2);
  const fmtExact = (value: bigint) => formatTokenAmount(value, token.decimals, token.decimals);
  const largest = projects.reduce(
    (max, { project }) =>
      project.donations + project.estimatedMatch > max ? project.donations + project.estimatedMatch : max,
    1n,
  );
  const width = (value: bigint) => Number((value * 1000n) / largest) / 10;
  const slug = round.address.slice(2, 10).toLowerCase();

  const exportResults = async () => {
    setExportError(undefined);
    // Every project's name, from the profiles the page has read and those it has not read yet.
    const named = await Promise.all(
      allProjects.map(async (project) => {
        const fetched = await queryClient.query({
          queryKey: ["document", "project", project.profilePointer],
          staleTime: Infinity,
          queryFn: ({ signal }) => fetchDocument(project.profilePointer, parseProjectProfile, signal),
        });
        return { project, name: fetched.state === "verified" ? fetched.value.name : `Project #${project.projectId}` };
      }),
    );
    const rows = named.map(({ project, name }) => [
      project.projectId,
      name,
      project.payoutAddress,
      project.contributors,
      formatTokenAmount(project.donations, token.decimals, token.decimals).replace(/,/g, ""),
      project.sqrtSum,
      idealMatch(project.sqrtSum, project.countedDonations),
      formatTokenAmount(project.estimatedMatch, token.decimals, token.decimals).replace(/,/g, ""),
      project.matchCapped,
      project.paid,
    ]);
    downloadText(
      `hyphae-round-${slug}-results.csv`,
      toCsv(
        [
          "project_id",
          "name",
          "payout_address",
          "contributors",
          `donations_${token.symbol}`,
          "sqrt_sum_18_decimals",
          "ideal_match_18_decimals",
          `${final ? "match" : "estimated_match"}_${token.symbol}`,
          "match_capped",
          "paid",
        ],
        rows,
      ),
    );
  };

  const exportDonations = async () => {
    if (client === undefined || active === undefined) return;
    setExportError(undefined);
    try {
      const events = await fetchDonationEvents(client, active.deployment, round.address);
      downloadText(
        `hyphae-round-${slug}-donations.csv`,
        toCsv(
          [
            "block",
            "transaction",
            "log_index",
            "project_id",
            "contributor",
            "amount_base_units",
            `decimals_${token.decimals}`,
          ],
          events.map((event) => [
            event.blockNumber,
            event.transactionHash,
            event.logIndex,
            event.projectId,
            event.contributor,
            event.amount,
            token.decimals,
          ]),
        ),
      );
    } catch (error) {
      setExportError(describeError(error).message);
    }
  };

  return (
    <section className="card panel results" aria-labelledby={titleId}>
      <h2 id={titleId}>{final ? "Results" : "Results so far"}</h2>
      <p className="hint">
        Donations <span className="swatch swatch-donations" aria-hidden="true" /> and{" "}
        {final ? "match" : "estimated match"} <span className="swatch swatch-match" aria-hidden="true" /> per project,
        in {token.symbol}.
        {allProjects.length > projects.length &&
          ` The ${projects.length} largest of ${allProjects.length} projects; the results CSV has every one.`}
      </p>
      <figure className="chart" aria-labelledby={`${titleId}-caption`}>
        <figcaption id={`${titleId}-caption`} className="visually-hidden">
          Donations and match per project; the same figures are in the table below.
        </figcaption>
        {projects.map(({ project, name }) => (
          <div key={project.projectId.toString()} className="chart-row" aria-hidden="true">
            <span className="chart-label">{name}</span>
            <span className="chart-track">
              <span className="bar bar-donations" style={{ width: `${width(project.donations)}%` }} />
              <span className="bar bar-match" style={{ width: `${width(project.estimatedMatch)}%` }} />
            </span>
          </div>
        ))}
      </figure>
      <table className="results-table">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Contributors</th>
            <th scope="col">Donations</th>
            <th scope="col">{final ? "Match" : "Estimated match"}</th>
          </tr>
        </thead>
        <tbody>
          {projects.map(({ project, name }) => (
            <tr key={project.projectId.toString()}>
              <th scope="row">{name}</th>
              <td>{project.contributors}</td>
              <td>{fmt(project.donations)}</td>
              <td>{fmt(project.estimatedMatch)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="exports">
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            exportResults().catch((error: unknown) => {
              setExportError(describeError(error).message);
            });
          }}
        >
          Download results (CSV)
        </button>
        <button type="button" className="button-secondary" onClick={() => void exportDonations()}>
          Download every donation (CSV)
        </button>
      </div>
      <p className="hint">
        To recompute: sum each contributor&apos;s donations to a project, scale them to 18 decimals, take S = Σ√c and
        ideal = S² − Σc; each project&apos;s match is pool × ideal ÷ Σ ideal (or its ideal when the pool covers them
        all), rounded down
        {round.commonsShareBps > 0 &&
          `, where the pool is the matching pool without its ${round.commonsShareBps / 100} % commons share`}
        {round.matchCapBps > 0 ? `, capped at ${round.matchCapBps / 100} % of the pool` : ""}.
        {hasCountingRules(round.countingRules) && (
          <>
            {" "}
            In this round c is what counts of the donations: take each contributor&apos;s gifts to a project in the
            order they were made;{" "}
            {round.countingRules.minCountedDonation > 0n &&
              `a gift below ${fmtExact(round.countingRules.minCountedDonation)} ${token.symbol} adds nothing; `}
            {round.countingRules.countedContributionCap > 0n &&
              `what counts stops at ${fmtExact(round.countingRules.countedContributionCap)} ${token.symbol}; `}
            donations are paid in full all the same.
          </>
        )}
      </p>
      {exportError && (
        <p className="status status-error" role="alert">
          Could not export: {exportError}
        </p>
      )}
    </section>
  );
}
