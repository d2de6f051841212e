import { useQueries } from "@tanstack/react-query";
import { lazy, Suspense, useId, useMemo, useState } from "react";
import { type Address, getAddress, isAddress } from "viem";
import { NodeName } from "../components/NodeName.tsx";
import { Link } from "wouter";
import { parseProjectProfile, parseRoundDescription, type ProjectProfile } from "../data/documents.ts";
import { type Fetched, fetchDocument } from "../data/metadata.ts";
import { RoundStatus } from "../data/contracts.ts";
import { isDonationWindowOpen, roundPhase, type RoundProject, type RoundSummary } from "../data/rounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useAfterFirstPaint } from "../hooks/useAfterFirstPaint.ts";
import { useCart } from "../hooks/useCart.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useRound, useRoundProjects } from "../hooks/useRounds.ts";
import { addToCart, isInCart } from "../lib/cart.ts";
import { formatShare, formatTime, formatTokenAmount } from "../lib/format.ts";
import { describePhase } from "../lib/phases.ts";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { ExternalLink } from "../components/ExternalLink.tsx";
import { RoundRules } from "../components/RoundRules.tsx";
import { PayoutButton } from "../components/PayoutButton.tsx";
import { LoadError, Loading, RefreshFailed } from "../components/Loading.tsx";
import { ProjectLogo } from "../components/ProjectLogo.tsx";
import { RoundLoadError, roundReadError } from "../components/RoundLoadError.tsx";
import { roundNameOf } from "../components/RoundName.tsx";
import { firstReadError, type ReadResult } from "../lib/queryFailure.ts";

// The panels (funding, closing, the commons share, results) load after the page's own code: the project list does
// not wait for them, nor for the ABIs and writes they bring.
const MatchingPoolPanel = lazy(() =>
  import("../components/MatchingPoolPanel.tsx").then((module) => ({ default: module.MatchingPoolPanel })),
);
const CommonsLinksPanel = lazy(() =>
  import("../components/CommonsLinksPanel.tsx").then((module) => ({ default: module.CommonsLinksPanel })),
);
const ClosingPanel = lazy(() =>
  import("../components/ClosingPanel.tsx").then((module) => ({ default: module.ClosingPanel })),
);
const CountGivingPanel = lazy(() =>
  import("../components/CountGivingPanel.tsx").then((module) => ({ default: module.CountGivingPanel })),
);
const ResultsPanel = lazy(() =>
  import("../components/ResultsPanel.tsx").then((module) => ({ default: module.ResultsPanel })),
);

type SortKey = "match" | "donations" | "contributors" | "name";

const SORTS: Record<SortKey, string> = {
  match: "Estimated match",
  donations: "Donations",
  contributors: "Contributors",
  name: "Name",
};

export function RoundPage({ address }: { address: string }) {
  if (!isAddress(address)) return <p className="status status-error">“{address}” is not a round address.</p>;
  return <RoundView address={getAddress(address)} />;
}

function RoundView({ address }: { address: Address }) {
  const round = useRound(address);
  const now = useChainTime();
  const error = roundReadError(round);
  if (error) return <RoundLoadError error={error} what="the round" />;
  if (round.data === undefined || now === undefined) return <Loading what="the round" />;
  return <RoundDetails round={round.data} now={now} reads={[round]} />;
}

/** `reads` are the page's reads above this one (the round's), for a line when one failed to refresh. */
function RoundDetails(props: { round: RoundSummary; now: bigint; reads: readonly ReadResult<unknown>[] }) {
  const { round, now } = props;
  const { data: description } = useDocument(round.metadataPointer, "round", parseRoundDescription);
  const projects = useRoundProjects(round);
  const phase = roundPhase(round, now);
  const name = roundNameOf(round.address, description);
  const token = round.token;
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Rounds</Link> / {name}
      </nav>
      <header className="round-header">
        <p className="eyebrow">
          <NodeName nodeId={round.nodeId} />
        </p>
        <h1>{name}</h1>
        <p className={`phase phase-${phase}`}>{describePhase(round, phase, now)}</p>
        <RefreshFailed reads={[...props.reads, projects]} />
        <DocumentProblem fetched={description} what="round description" />
        {description?.state === "verified" && <p className="lede">{description.value.description}</p>}
        <dl className="figures figures-wide">
          <div>
            <dt>Matching pool</dt>
            <dd>
              {formatTokenAmount(round.matchingPool, token.decimals, 2)} {token.symbol}
            </dd>
          </div>
          <div>
            <dt>Donated</dt>
            <dd>
              {formatTokenAmount(round.totalDonations, token.decimals, 2)} {token.symbol}
            </dd>
          </div>
          <div>
            <dt>Projects</dt>
            <dd>{round.approvedProjectIds.length}</dd>
          </div>
          {round.commonsShareBps > 0 && (
            <div>
              <dt>Commons share</dt>
              <dd data-testid="commons-share-figure">
                {round.commonsShareBps / 100} % · {formatTokenAmount(round.commonsShare, token.decimals, 2)}{" "}
                {token.symbol}
              </dd>
            </div>
          )}
          <div>
            <dt>Match cap</dt>
            <dd>{round.matchCapBps === 0 ? "none" : `${round.matchCapBps / 100} % of the pool`}</dd>
          </div>
        </dl>
        <p className="windows">
          Applications {formatTime(round.applicationsStart)} – {formatTime(round.applicationsEnd)} · Donations{" "}
          {formatTime(round.donationsStart)} – {formatTime(round.donationsEnd)} · paid in {token.name} ({token.symbol})
        </p>
        <RoundRules
          round={round}
          allowlistSize={description?.state === "verified" ? description.value.allowlist?.length : undefined}
        />
        {description?.state === "verified" && description.value.eligibility && (
          <details className="eligibility">
            <summary>Who can apply</summary>
            <ul>
              {description.value.eligibility.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </details>
        )}
      </header>
      <div className="panels">
        <Suspense fallback={null}>
          <MatchingPoolPanel round={round} projects={projects.data} />
          <CommonsLinksPanel round={round} />
          <ClosingPanel round={round} projects={projects.data} donationsEnded={now >= round.donationsEnd} />
          {round.status === RoundStatus.Finalized && <CountGivingPanel round={round} />}
        </Suspense>
      </div>
      {firstReadError(projects) ? (
        <LoadError error={projects.error} what="the projects" />
      ) : projects.data === undefined ? (
        <Loading what="projects" />
      ) : (
        <ProjectsAndResults round={round} projects={projects.data} now={now} />
      )}
    </>
  );
}

/** Rows shown at first, and added by "Show more": a round may have a thousand projects. */
const PAGE_SIZE = 50;
/** Projects the results chart and table show; every project is in the results CSV. */
const RESULTS_SHOWN = 20;

const compareDescending = (a: bigint, b: bigint) => (a === b ? 0 : a > b ? -1 : 1);

/** The approved projects in the order of the chain's figures (`sort`), before any profile is read. */
function orderByFigures(projects: readonly RoundProject[], sort: SortKey): RoundProject[] {
  const byId = (a: RoundProject, b: RoundProject) => (a.projectId < b.projectId ? -1 : 1);
  return [...projects].sort((a, b) => {
    switch (sort) {
      case "donations":
        return compareDescending(a.donations, b.donations) || byId(a, b);
      case "contributors":
        return b.contributors - a.contributors || byId(a, b);
      case "match":
      case "name":
        return compareDescending(a.estimatedMatch, b.estimatedMatch) || byId(a, b);
    }
  });
}

/**
 * The project list and the results, which share the projects' verified profiles. Profiles are fetched for the rows
 * shown and the results' projects; a search or a sort by name needs every name, so it fetches them all.
 */
function ProjectsAndResults({ round, projects, now }: { round: RoundSummary; projects: RoundProject[]; now: bigint }) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<SortKey>("match");
  const [shown, setShown] = useState(PAGE_SIZE);
  const needle = query.trim().toLowerCase();
  const ordered = useMemo(() => orderByFigures(projects, sort), [projects, sort]);
  // The results show the largest projects (all of them in a round of up to RESULTS_SHOWN), in approval order.
  const largest = useMemo(() => {
    const kept = new Set(
      [...projects]
        .sort((a, b) => compareDescending(a.donations + a.estimatedMatch, b.donations + b.estimatedMatch))
        .slice(0, RESULTS_SHOWN),
    );
    return projects.filter((project) => kept.has(project));
  }, [projects]);
  const wanted = useMemo(() => {
    if (needle !== "" || sort === "name") return projects;
    const ids = new Set([...ordered.slice(0, shown), ...largest].map((project) => project.projectId));
    return projects.filter((project) => ids.has(project.projectId));
  }, [needle, sort, projects, ordered, shown, largest]);
  // The rows show the chain's figures first; their names follow once the list is on screen.
  const painted = useAfterFirstPaint();
  // Observers for the wanted profiles only: one per project of a thousand-project round would be re-read on every
  // profile that arrives.
  const profiles = useQueries({
    queries: wanted.map((project) => ({
      queryKey: ["document", "project", project.profilePointer],
      enabled: painted,
      staleTime: Infinity,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchDocument(project.profilePointer, parseProjectProfile, signal),
    })),
  });
  const fetchedById = new Map(wanted.map((project, index) => [project.projectId, profiles[index]?.data]));
  const named = new Map(
    projects.map((project) => {
      const fetched = fetchedById.get(project.projectId);
      const profile = fetched?.state === "verified" ? fetched.value : undefined;
      return [project.projectId, { project, profile, fetched, name: profile?.name ?? `Project #${project.projectId}` }];
    }),
  );
  const withProfile = (project: RoundProject) => named.get(project.projectId) as ProjectWithProfile;
  const loadingNames = profiles.filter((profile) => profile.isPending).length;
  const rows = (
    sort === "name" ? ordered.map(withProfile).sort((a, b) => a.name.localeCompare(b.name)) : ordered.map(withProfile)
  ).filter(
    ({ name, profile }) =>
      needle === "" ||
      [name, profile?.description, profile?.location?.place, profile?.location?.bioregion, ...(profile?.tags ?? [])]
        .filter((text): text is string => text !== undefined)
        .some((text) => text.toLowerCase().includes(needle)),
  );
  return (
    <>
      <ProjectList
        round={round}
        total={projects.length}
        rows={rows}
        shown={shown}
        onShowMore={() => {
          setShown((count) => count + PAGE_SIZE);
        }}
        query={query}
        onQuery={setQuery}
        sort={sort}
        onSort={setSort}
        namesStillLoading={needle !== "" || sort === "name" ? loadingNames : 0}
        now={now}
      />
      {round.totalDonations > 0n && (
        <Suspense fallback={null}>
          <ResultsPanel round={round} projects={largest.map(withProfile)} allProjects={projects} />
        </Suspense>
      )}
    </>
  );
}

interface ProjectWithProfile {
  project: RoundProject;
  profile: ProjectProfile | undefined;
  fetched: Fetched<ProjectProfile> | undefined;
  name: string;
}

function ProjectList(props: {
  round: RoundSummary;
  total: number;
  rows: ProjectWithProfile[];
  shown: number;
  onShowMore: () => void;
  query: string;
  onQuery: (query: string) => void;
  sort: SortKey;
  onSort: (sort: SortKey) => void;
  namesStillLoading: number;
  now: bigint;
}) {
  const { round, total, rows, shown, query, sort, now } = props;
  const searchId = useId();
  const sortId = useId();
  const donationsOpen = isDonationWindowOpen(round, now);
  const visible = rows.slice(0, shown);
  return (
    <section aria-labelledby="projects-heading" className="projects">
      <div className="list-header">
        <h2 id="projects-heading">Projects</h2>
        <div className="list-controls">
          <label htmlFor={searchId}>Search</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder="Name, place, bioregion…"
            onChange={(event) => {
              props.onQuery(event.target.value);
            }}
          />
          <label htmlFor={sortId}>Sort by</label>
          <select
            id={sortId}
            value={sort}
            onChange={(event) => {
              props.onSort(event.target.value as SortKey);
            }}
          >
            {Object.entries(SORTS).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {props.namesStillLoading > 0 && (
        <p className="hint" role="status">
          Reading {props.namesStillLoading} more project profiles to search and sort by name…
        </p>
      )}
      {total === 0 && <p className="empty">No project has been approved in this round yet.</p>}
      {total > 0 && rows.length === 0 && props.namesStillLoading === 0 && (
        <p className="empty">No project matches “{query}”.</p>
      )}
      <ul className="project-list">
        {visible.map(({ project, profile, fetched, name }) => (
          <ProjectRow
            key={project.projectId.toString()}
            round={round}
            project={project}
            profile={profile}
            problem={fetched}
            name={name}
            donationsOpen={donationsOpen}
          />
        ))}
      </ul>
      {rows.length > visible.length && (
        <div className="show-more">
          <p className="hint">
            {visible.length} of {rows.length} {query.trim() === "" ? "projects" : "matching projects"} shown.
          </p>
          <button type="button" className="button-secondary" onClick={props.onShowMore}>
            Show {Math.min(PAGE_SIZE, rows.length - visible.length)} more
          </button>
        </div>
      )}
    </section>
  );
}

function ProjectRow(props: {
  round: RoundSummary;
  project: RoundProject;
  profile: ProjectProfile | undefined;
  problem: Parameters<typeof DocumentProblem>[0]["fetched"];
  name: string;
  donationsOpen: boolean;
}) {
  const { round, project, profile, name, donationsOpen } = props;
  const active = useActiveChain();
  const [cart, updateCart] = useCart();
  const token = round.token;
  const line = { chainId: round.chainId, round: round.address, projectId: project.projectId };
  const inCart = isInCart(cart, line);
  const place = [profile?.location?.place, profile?.location?.bioregion].filter(Boolean).join(" · ");
  return (
    <li className="card project-row" aria-label={name}>
      <ProjectLogo pointer={profile?.logo} name={name} />
      <div className="project-main">
        <h3>{name}</h3>
        {place && <p className="eyebrow">{place}</p>}
        <DocumentProblem fetched={props.problem} what="project profile" />
        {profile && <p className="project-description">{profile.description}</p>}
        {profile?.website && (
          <ExternalLink href={profile.website} show="host" description={`website of ${name}, opens in a new tab`} />
        )}
      </div>
      <dl className="figures project-figures">
        <div>
          <dt>Donations</dt>
          <dd data-testid="donations">
            {formatTokenAmount(project.donations, token.decimals, 2)} {token.symbol}
          </dd>
        </div>
        <div>
          <dt>Contributors</dt>
          <dd data-testid="contributors">{project.contributors}</dd>
        </div>
        <div>
          <dt>{round.status === RoundStatus.Finalized ? "Match" : "Estimated match"}</dt>
          <dd data-testid="match">
            {formatTokenAmount(project.estimatedMatch, token.decimals, 2)} {token.symbol}
            <span className="share">
              {" "}
              · {formatShare(project.estimatedMatch, round.distributablePool)} of the{" "}
              {round.commonsShareBps > 0 ? "pool without the commons share" : "pool"}
            </span>
          </dd>
        </div>
        {project.contributionOfAccount > 0n && (
          <div>
            <dt>You gave</dt>
            <dd>
              {formatTokenAmount(project.contributionOfAccount, token.decimals)} {token.symbol}
            </dd>
          </div>
        )}
      </dl>
      {round.status === RoundStatus.Finalized && (
        <div className="project-actions">
          <PayoutButton round={round} project={project} name={name} />
        </div>
      )}
      {donationsOpen && active !== undefined && (
        <div className="project-actions">
          {inCart ? (
            <Link href="/cart" className="button-secondary">
              In your cart
            </Link>
          ) : (
            <button
              type="button"
              className="button-primary"
              onClick={() => {
                updateCart((current) => addToCart(current, { ...line, amount: "" }));
              }}
            >
              Add to cart<span className="visually-hidden"> : {name}</span>
            </button>
          )}
        </div>
      )}
    </li>
  );
}
