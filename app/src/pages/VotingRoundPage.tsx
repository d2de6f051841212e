import { useQueries } from "@tanstack/react-query";
import { type Address, getAddress, isAddress } from "viem";
import { Link } from "wouter";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { LoadError, Loading, RefreshFailed } from "../components/Loading.tsx";
import { NodeName } from "../components/NodeName.tsx";
import { RoundLoadError, roundReadError } from "../components/RoundLoadError.tsx";
import { roundNameOf } from "../components/RoundName.tsx";
import { BallotPanel, type NamedVotingProject } from "../components/voting/BallotPanel.tsx";
import { RelayPanel } from "../components/voting/RelayPanel.tsx";
import { VotingClosingPanel, VotingPoolPanel } from "../components/voting/VotingPanels.tsx";
import { VotingResults } from "../components/voting/VotingResults.tsx";
import { parseProjectProfile, parseRoundDescription } from "../data/documents.ts";
import { fetchDocument } from "../data/metadata.ts";
import { type VotingProject, type VotingRoundSummary, votingPhase, votingWindow } from "../data/votingRounds.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useVoterInRound, useVotingProjects, useVotingRound } from "../hooks/useVotingRounds.ts";
import { useVotingRoundWrite } from "../hooks/useVotingRoundWrite.ts";
import { voiceCredits } from "../lib/ballot.ts";
import { formatTime, formatTokenAmount } from "../lib/format.ts";
import { describeVotingPhase } from "../lib/phases.ts";
import { firstReadError, type ReadResult } from "../lib/queryFailure.ts";
import "../voting.css";

/** A quadratic voting round: its ballot, its tally or results, its pool, and closing it. */
export function VotingRoundPage({ address }: { address: string }) {
  if (!isAddress(address)) return <p className="status status-error">“{address}” is not a round address.</p>;
  return <VotingRoundView address={getAddress(address)} />;
}

function VotingRoundView({ address }: { address: Address }) {
  const round = useVotingRound(address);
  const now = useChainTime();
  const error = roundReadError(round);
  if (error) return <RoundLoadError error={error} what="the voting round" />;
  if (round.data === undefined || now === undefined) return <Loading what="the voting round" />;
  return <VotingRoundDetails round={round.data} now={now} reads={[round]} />;
}

/** The rule that turns voting power into voice credits, in words. */
function creditRule(round: VotingRoundSummary): string {
  const { symbol, decimals } = round.votingToken;
  const per = formatTokenAmount(round.powerPerVoiceCredit, decimals, decimals);
  const base = round.baseVoiceCredits === 0n ? "" : `, plus ${voiceCredits(round.baseVoiceCredits)} for every voter`;
  return `1 voice credit per ${per} ${symbol} of voting power at the snapshot${base}`;
}

/** `reads` are the page's reads above this one (the round's), for a line when one failed to refresh. */
function VotingRoundDetails(props: { round: VotingRoundSummary; now: bigint; reads: readonly ReadResult<unknown>[] }) {
  const { round, now } = props;
  const { data: description } = useDocument(round.metadataPointer, "round", parseRoundDescription);
  const projects = useVotingProjects(round);
  const voter = useVoterInRound(round, now);
  const phase = votingPhase(round, now);
  const name = roundNameOf(round.address, description);
  const named = useNamedProjects(projects.data);
  const window = votingWindow(round, now);
  // The ballot's and the relay's transactions are the page's: voting can close on the clock while one is on its
  // way, and what became of it must stay in sight.
  const ballotWrite = useVotingRoundWrite(round.address);
  const relayWrite = useVotingRoundWrite(round.address);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Rounds</Link> / {name}
      </nav>
      <header className="round-header">
        <p className="eyebrow">
          <NodeName nodeId={round.nodeId} /> · <span className="round-kind">Quadratic voting</span>
        </p>
        <h1>{name}</h1>
        <p className={`phase phase-${phase}`}>{describeVotingPhase(round, phase, now)}</p>
        <RefreshFailed reads={[...props.reads, projects]} />
        <DocumentProblem fetched={description} what="round description" />
        {description?.state === "verified" && <p className="lede">{description.value.description}</p>}
        <dl className="figures figures-wide">
          <div>
            <dt>Matching pool</dt>
            <dd>
              {formatTokenAmount(round.matchingPool, round.token.decimals, 2)} {round.token.symbol}
            </dd>
          </div>
          <div>
            <dt>Votes cast</dt>
            <dd data-testid="total-votes">{round.totalVotes.toLocaleString("en-US")}</dd>
          </div>
          <div>
            <dt>Projects</dt>
            <dd>{round.approvedProjectIds.length}</dd>
          </div>
          <div>
            <dt>Voice credits</dt>
            <dd className="figure-text">
              {round.votingToken.isCommonsCredits ? "From commons credits" : `From ${round.votingToken.symbol}`}
            </dd>
          </div>
        </dl>
        <p className="windows">
          Applications {formatTime(round.applicationsStart)} – {formatTime(round.applicationsEnd)} · Voting{" "}
          {formatTime(round.votingStart)} – {formatTime(round.votingEnd)} · paid in {round.token.name} (
          {round.token.symbol})
        </p>
        <p className="hint voting-rule">
          How it works: {creditRule(round)} (snapshot {formatTime(round.snapshot)}). Each project costs votes² voice
          credits — 1 vote costs 1, 2 votes cost 4, 3 votes cost 9 — so spreading your credits over the projects you
          care about weighs more than piling them on one.
        </p>
      </header>
      {firstReadError(projects) ? (
        <LoadError error={projects.error} what="the projects" />
      ) : named === undefined ? (
        <Loading what="projects" />
      ) : (
        <>
          {(window === "open" ||
            window === "notOpen" ||
            window === "cancelled" ||
            ballotWrite.state.status !== "idle") && (
            <BallotPanel
              round={round}
              projects={named}
              now={now}
              voter={voter.data}
              voterError={firstReadError(voter)}
              write={ballotWrite}
            />
          )}
          <div className="panels">
            <VotingPoolPanel round={round} voter={voter.data} now={now} />
            <VotingClosingPanel round={round} projects={projects.data} voter={voter.data} now={now} />
            {(window === "open" || relayWrite.state.status !== "idle") && (
              <RelayPanel round={round} now={now} write={relayWrite} />
            )}
          </div>
          {named.length === 0 ? (
            <p className="empty">No project has been approved in this round yet.</p>
          ) : (
            <VotingResults round={round} projects={named} />
          )}
        </>
      )}
    </>
  );
}

/** The projects with their names from their verified profiles (their number until a profile is verified). */
function useNamedProjects(projects: VotingProject[] | undefined): NamedVotingProject[] | undefined {
  const profiles = useQueries({
    queries: (projects ?? []).map((project) => ({
      queryKey: ["document", "project", project.profilePointer],
      staleTime: Infinity,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchDocument(project.profilePointer, parseProjectProfile, signal),
    })),
  });
  if (projects === undefined) return undefined;
  return projects.map((project, index) => {
    const fetched = profiles[index]?.data;
    const name = fetched?.state === "verified" ? fetched.value.name : `Project #${project.projectId}`;
    return { project, name };
  });
}
