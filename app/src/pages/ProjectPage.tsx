import { useId, useMemo, useState } from "react";
import { isAddressEqual } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { Link } from "wouter";
import { contentIdOfPointer } from "../../../lib/content-address.ts";
import { latestApplicationsFirst, type ProjectRound, projectRoundOf } from "../data/applications.ts";
import { ApplicationStatus, projectRoundAbi, RoundStatus } from "../data/contracts.ts";
import {
  type ApplicationDocument,
  parseApplicationDocument,
  parseProjectProfile,
  parseReviewDocument,
  parseRoundDescription,
} from "../data/documents.ts";
import { type Fetched, publishDocument } from "../data/metadata.ts";
import type { ProjectInRound } from "../data/projectRounds.ts";
import type { RegisteredProject } from "../data/projects.ts";
import { isApplicationWindowOpen, type RoundSummary } from "../data/rounds.ts";
import type { VotingRoundSummary } from "../data/votingRounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDocument, useVerifiedImage } from "../hooks/useDocument.ts";
import { useProject, useProjectInRounds } from "../hooks/useProject.ts";
import { NodeName } from "../components/NodeName.tsx";
import { useRoundProjects, useRounds } from "../hooks/useRounds.ts";
import { useVotingProjects, useVotingRounds } from "../hooks/useVotingRounds.ts";
import { useTransaction } from "../hooks/useTransaction.ts";
import { describeError } from "../lib/errors.ts";
import { formatTime, formatTokenAmount } from "../lib/format.ts";
import {
  type ApplicationFormValues,
  applicationFormValuesOf,
  buildApplicationDocument,
  hasErrors,
  LIMITS_OF_APPLICATION,
  parseProjectId,
  sameDocument,
  useOfFundsLines,
  validateApplicationForm,
} from "../lib/projectForm.ts";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { ExternalLink } from "../components/ExternalLink.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { ProjectLogo } from "../components/ProjectLogo.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import "../project.css";
import { roundNameOf } from "../components/RoundName.tsx";
import { firstReadError } from "../lib/queryFailure.ts";

/** `/projects/:id`: a project's profile, and its applications to every round of the network, funding or voting. */
export function ProjectPage({ id }: { id: string }) {
  const projectId = parseProjectId(id);
  if (projectId === undefined) return <p className="status status-error">“{id}” is not a project id.</p>;
  return <ProjectView key={projectId.toString()} projectId={projectId} />;
}

function ProjectView({ projectId }: { projectId: bigint }) {
  const project = useProject(projectId);
  if (firstReadError(project)) return <LoadError error={project.error} what="the project" />;
  if (project.data === undefined) return <Loading what="the project" />;
  if (project.data === null) {
    return (
      <>
        <h1>Project not found</h1>
        <p>
          There is no project #{projectId.toString()} on this network. <Link href="/projects">See every project</Link>.
        </p>
      </>
    );
  }
  return <ProjectDetails project={project.data} />;
}

/** Paragraphs of plain text: blank lines separate them; never read as HTML. */
function PlainText({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter((paragraph) => paragraph !== "")
        .map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
    </>
  );
}

function ProjectDetails({ project }: { project: RegisteredProject }) {
  const { address: account } = useConnection();
  const profileRead = useDocument(project.profilePointer, "project", parseProjectProfile);
  const fetched = profileRead.data;
  const error = firstReadError(profileRead);
  const profile = fetched?.state === "verified" ? fetched.value : undefined;
  const { problem: logoProblem } = useVerifiedImage(profile?.logo);
  const isOwner = account !== undefined && isAddressEqual(account, project.owner);
  const name = profile?.name ?? `Project #${project.projectId}`;
  const place = [profile?.location?.place, profile?.location?.bioregion].filter(Boolean).join(" · ");
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/projects">Projects</Link> / {name}
      </nav>
      <header className="project-header">
        <ProjectLogo pointer={profile?.logo} name={name} size={96} />
        <div className="project-heading">
          {place && <p className="eyebrow">{place}</p>}
          <h1>{name}</h1>
          {profile?.website && (
            <ExternalLink
              href={profile.website}
              show="host"
              description="website, opens in a new tab"
              className="project-website"
            />
          )}
        </div>
        {isOwner && (
          <Link href={`/projects/${project.projectId}/edit`} className="button-secondary project-edit">
            Edit<span className="visually-hidden"> the profile</span>
          </Link>
        )}
      </header>
      {error && <LoadError error={error} what="the project's profile" />}
      {fetched === undefined && !error && <Loading what="the profile" />}
      <DocumentProblem fetched={fetched} what="project profile" />
      {profile?.logo && logoProblem && <p className="hint">{logoProblem}</p>}
      {profile && (
        <div className="project-text" data-testid="description">
          <PlainText text={profile.description} />
        </div>
      )}
      <dl className="project-facts">
        {profile?.location?.place && (
          <div>
            <dt>Place</dt>
            <dd>{profile.location.place}</dd>
          </div>
        )}
        {profile?.location?.bioregion && (
          <div>
            <dt>Bioregion</dt>
            <dd>{profile.location.bioregion}</dd>
          </div>
        )}
        <div>
          <dt>Home node</dt>
          <dd>
            <NodeName nodeId={project.homeNode} />
          </dd>
        </div>
        {profile?.tags && profile.tags.length > 0 && (
          <div>
            <dt>Tags</dt>
            <dd>{profile.tags.join(", ")}</dd>
          </div>
        )}
        <div>
          <dt>Owner</dt>
          <dd className="address" data-testid="owner">
            {project.owner}
            {isOwner && <span className="you"> (you)</span>}
          </dd>
        </div>
        <div>
          <dt>Payout address</dt>
          <dd className="address" data-testid="payout-address">
            {project.payoutAddress}
          </dd>
        </div>
      </dl>
      <ProjectRounds project={project} isOwner={isOwner} />
    </>
  );
}

type AnyRound = RoundSummary | VotingRoundSummary;

function ProjectRounds({ project, isOwner }: { project: RegisteredProject; isOwner: boolean }) {
  const rounds = useRounds();
  const votingRounds = useVotingRounds();
  const now = useChainTime();
  const all = useMemo<AnyRound[] | undefined>(
    () =>
      rounds.data === undefined || votingRounds.data === undefined
        ? undefined
        : latestApplicationsFirst<AnyRound>([...[...rounds.data].reverse(), ...[...votingRounds.data].reverse()]),
    [rounds.data, votingRounds.data],
  );
  const refs = useMemo(() => all?.map(projectRoundOf), [all]);
  const standing = useProjectInRounds(project.projectId, refs);
  const error = firstReadError(rounds) ?? firstReadError(votingRounds);
  let content: React.ReactNode;
  if (error) content = <LoadError error={error} what="the rounds" />;
  else if (firstReadError(standing)) content = <LoadError error={standing.error} what="the project's applications" />;
  else if (all === undefined || refs === undefined || standing.data === undefined || now === undefined) {
    content = <Loading what="the project's applications" />;
  } else if (all.length === 0) {
    content = <p className="empty">The network has no round yet.</p>;
  } else {
    content = (
      <ul className="round-standings">
        {all.map((summary, index) => {
          const round = refs[index];
          const inRound = standing.data[index];
          return round === undefined || inRound === undefined ? null : (
            <RoundStanding
              key={round.address}
              summary={summary}
              round={round}
              standing={inRound}
              now={now}
              projectId={project.projectId}
              isOwner={isOwner}
            />
          );
        })}
      </ul>
    );
  }
  return (
    <section aria-labelledby="rounds-heading" className="project-section">
      <h2 id="rounds-heading">Rounds</h2>
      {content}
    </section>
  );
}

const STATUS_WORDS: Record<ApplicationStatus, string> = {
  [ApplicationStatus.None]: "Not applied",
  [ApplicationStatus.Pending]: "Pending review",
  [ApplicationStatus.Approved]: "Approved",
  [ApplicationStatus.Rejected]: "Rejected",
};

const STATUS_CLASSES: Record<ApplicationStatus, string> = {
  [ApplicationStatus.None]: "status-neutral",
  [ApplicationStatus.Pending]: "status-pending",
  [ApplicationStatus.Approved]: "status-ok",
  [ApplicationStatus.Rejected]: "status-error",
};

function RoundStanding(props: {
  summary: AnyRound;
  round: ProjectRound;
  standing: ProjectInRound;
  now: bigint;
  projectId: bigint;
  isOwner: boolean;
}) {
  const { summary, round, standing, now, isOwner } = props;
  const { data: description } = useDocument(round.metadataPointer, "round", parseRoundDescription);
  const application = useDocument(
    standing.applicationPointer === "" ? undefined : standing.applicationPointer,
    "application",
    parseApplicationDocument,
  );
  const transaction = useTransaction();
  const [formOpen, setFormOpen] = useState(false);
  const roundName = roundNameOf(round.address, description);
  const status = standing.status;
  const windowOpen = isApplicationWindowOpen(round, now);
  const upcoming = round.status === RoundStatus.Active && now < round.applicationsStart;
  const canApply = isOwner && windowOpen && status !== ApplicationStatus.Approved;
  const applicationLoading = standing.applicationPointer !== "" && application.data === undefined && !application.error;
  const current = application.data?.state === "verified" ? application.data.value : undefined;
  const action =
    status === ApplicationStatus.Pending
      ? "Update the application"
      : status === ApplicationStatus.Rejected
        ? "Apply again"
        : "Apply";
  return (
    <li className="card round-standing" aria-label={roundName}>
      <div className="standing-header">
        <h3>
          <Link href={round.href}>{roundName}</Link>
        </h3>
        <span className={`application-status ${STATUS_CLASSES[status]}`} data-testid="application-status">
          {STATUS_WORDS[status]}
        </span>
      </div>
      <p className="windows">
        Applications {formatTime(round.applicationsStart)} – {formatTime(round.applicationsEnd)}
        {windowOpen ? " · open now" : upcoming ? " · not open yet" : " · closed"} · paid in {round.payoutSymbol}
        {round.kind === "voting" && (
          <>
            {" "}
            · <span className="round-kind">Quadratic voting</span>
          </>
        )}
      </p>
      {status === ApplicationStatus.Rejected && (
        <ReviewReason pointer={standing.reviewReason} label="The stewards' reason for the rejection" />
      )}
      {status === ApplicationStatus.Approved &&
        ("kind" in summary ? (
          <VotingFigures round={summary} projectId={props.projectId} />
        ) : (
          <ApprovedFigures round={summary} projectId={props.projectId} />
        ))}
      {status === ApplicationStatus.Approved && standing.reviewReason !== "" && (
        <ReviewReason pointer={standing.reviewReason} label="The stewards' note" />
      )}
      {status !== ApplicationStatus.None && (
        <ApplicationSummary fetched={application.data} error={firstReadError(application)} />
      )}
      {isOwner && status === ApplicationStatus.Rejected && windowOpen && !formOpen && (
        <p className="hint">The application window is still open: you can apply again.</p>
      )}
      {isOwner && status === ApplicationStatus.None && upcoming && (
        <p className="hint">Applications open {formatTime(round.applicationsStart)}.</p>
      )}
      {canApply &&
        (formOpen ? (
          <ApplicationForm
            round={round}
            roundName={roundName}
            projectId={props.projectId}
            status={status}
            current={current}
            transaction={transaction}
            onClose={() => {
              setFormOpen(false);
            }}
          />
        ) : (
          <button
            type="button"
            className={status === ApplicationStatus.None ? "button-primary" : "button-secondary"}
            disabled={applicationLoading}
            onClick={() => {
              transaction.reset();
              setFormOpen(true);
            }}
          >
            {action}
            <span className="visually-hidden"> to {roundName}</span>
          </button>
        ))}
      {!formOpen && <TransactionStatus state={transaction.state} />}
    </li>
  );
}

/** The reviewer's note a review pointer names ({ "reason": "..." }), verified; plain on-chain text as is. */
function ReviewReason({ pointer, label }: { pointer: string; label: string }) {
  const isPointer = contentIdOfPointer(pointer) !== undefined;
  const review = useDocument(isPointer ? pointer : undefined, "review", parseReviewDocument);
  if (pointer === "") return null;
  let body: React.ReactNode;
  if (!isPointer) body = <p>{pointer}</p>;
  else if (firstReadError(review)) body = <LoadError error={review.error} what="the reviewer's reason" />;
  else if (review.data === undefined) body = <Loading what="the reviewer's reason" />;
  else if (review.data.state === "verified") body = <PlainText text={review.data.value.reason} />;
  else body = <DocumentProblem fetched={review.data} what="reviewer's reason" />;
  return (
    <div className="review-reason" data-testid="review-reason">
      <p className="review-label">{label}</p>
      {body}
    </div>
  );
}

function ApprovedFigures({ round, projectId }: { round: RoundSummary; projectId: bigint }) {
  const projects = useRoundProjects(round);
  const mine = projects.data?.find((project) => project.projectId === projectId);
  const token = round.token;
  const finalized = round.status === RoundStatus.Finalized;
  return (
    <div className="approved-figures">
      {firstReadError(projects) ? (
        <LoadError error={projects.error} what="the project's donations" />
      ) : mine === undefined ? (
        <Loading what="donations" />
      ) : (
        <dl className="figures">
          <div>
            <dt>Donations</dt>
            <dd data-testid="donations">
              {formatTokenAmount(mine.donations, token.decimals, 2)} {token.symbol}
            </dd>
          </div>
          <div>
            <dt>Contributors</dt>
            <dd>{mine.contributors}</dd>
          </div>
          <div>
            <dt>{finalized ? "Match" : "Estimated match"}</dt>
            <dd data-testid="match">
              {formatTokenAmount(mine.estimatedMatch, token.decimals, 2)} {token.symbol}
            </dd>
          </div>
          {finalized && (
            <div>
              <dt>Payout</dt>
              <dd>{mine.paid ? "Paid" : "Not paid yet"}</dd>
            </div>
          )}
        </dl>
      )}
      <Link href={`/rounds/${round.address}`}>See the project in the round</Link>
    </div>
  );
}

function VotingFigures({ round, projectId }: { round: VotingRoundSummary; projectId: bigint }) {
  const projects = useVotingProjects(round);
  const mine = projects.data?.find((project) => project.projectId === projectId);
  const token = round.token;
  const finalized = round.status === RoundStatus.Finalized;
  return (
    <div className="approved-figures">
      {firstReadError(projects) ? (
        <LoadError error={projects.error} what="the project's votes" />
      ) : mine === undefined ? (
        <Loading what="votes" />
      ) : (
        <dl className="figures">
          <div>
            <dt>Votes</dt>
            <dd data-testid="votes">{mine.votes.toLocaleString("en-US")}</dd>
          </div>
          <div>
            <dt>Voters</dt>
            <dd>{mine.voters}</dd>
          </div>
          <div>
            <dt>{finalized ? "Share of the pool" : "Estimated share of the pool"}</dt>
            <dd data-testid="payout">
              {formatTokenAmount(mine.estimatedPayout, token.decimals, 2)} {token.symbol}
            </dd>
          </div>
          {finalized && (
            <div>
              <dt>Payout</dt>
              <dd>{mine.paid ? "Paid" : "Not paid yet"}</dd>
            </div>
          )}
        </dl>
      )}
      <Link href={`/voting/${round.address}`}>See the project on the ballot</Link>
    </div>
  );
}

function ApplicationSummary({ fetched, error }: { fetched: Fetched<ApplicationDocument> | undefined; error: unknown }) {
  if (error) return <LoadError error={error} what="the application" />;
  if (fetched === undefined) return null;
  if (fetched.state !== "verified") return <DocumentProblem fetched={fetched} what="application" />;
  const { summary, useOfFunds } = fetched.value;
  return (
    <details className="application-document">
      <summary>The application</summary>
      <PlainText text={summary} />
      {useOfFunds && useOfFunds.length > 0 && (
        <>
          <p className="review-label">Uses of funds</p>
          <ul>
            {useOfFunds.map((use, index) => (
              <li key={index}>{use}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

type Step = { status: "idle" } | { status: "publishing" } | { status: "failed"; message: string };

function ApplicationForm(props: {
  round: ProjectRound;
  roundName: string;
  projectId: bigint;
  status: ApplicationStatus;
  current: ApplicationDocument | undefined;
  transaction: ReturnType<typeof useTransaction>;
  onClose: () => void;
}) {
  const { round, projectId, status, current, transaction } = props;
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const formId = useId();
  const [values, setValues] = useState<ApplicationFormValues>(() => applicationFormValuesOf(current));
  const [touched, setTouched] = useState<Partial<Record<keyof ApplicationFormValues, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [step, setStep] = useState<Step>({ status: "idle" });
  const [notice, setNotice] = useState<string>();
  const errors = validateApplicationForm(values);
  const shown = (field: keyof ApplicationFormValues) => (submitted || touched[field] ? errors[field] : undefined);
  const canAct = isConnected && account !== undefined && active !== undefined && !active.walletOnOtherChain;
  const busy = step.status === "publishing" || transaction.busy;
  const updating = status === ApplicationStatus.Pending;

  const change = (field: keyof ApplicationFormValues, value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setTouched((previous) => ({ ...previous, [field]: true }));
    setNotice(undefined);
  };

  const submit = async () => {
    setSubmitted(true);
    setNotice(undefined);
    if (hasErrors(errors)) {
      const field = errors.summary !== undefined ? "summary" : "useOfFunds";
      document.getElementById(`${formId}-${field}`)?.focus();
      return;
    }
    if (!canAct) return;
    let application: ApplicationDocument;
    try {
      application = buildApplicationDocument(values);
    } catch (error) {
      setStep({ status: "failed", message: describeError(error).message });
      return;
    }
    if (updating && current !== undefined && sameDocument(application, current)) {
      setNotice("Nothing has changed: there is nothing to send.");
      return;
    }
    setStep({ status: "publishing" });
    let pointer: string;
    try {
      pointer = await publishDocument(application, parseApplicationDocument);
      setStep({ status: "idle" });
    } catch (error) {
      setStep({
        status: "failed",
        message: `The application could not be stored: ${describeError(error).message.replace(/\.?$/, ".")} Nothing was sent to the chain.`,
      });
      return;
    }
    const receipt = await transaction.run(
      updating ? "Updating the application" : "Submitting the application",
      async () => {
        const { request } = await simulateContract(config, {
          chainId: active.chain.id,
          account,
          address: round.address,
          abi: projectRoundAbi,
          functionName: "submitApplication",
          args: [projectId, pointer],
        });
        return writeContract(config, request);
      },
    );
    if (receipt !== undefined) props.onClose();
  };

  const summaryId = `${formId}-summary`;
  const fundsId = `${formId}-useOfFunds`;
  const summaryError = shown("summary");
  const fundsError = shown("useOfFunds");
  const lines = useOfFundsLines(values.useOfFunds).length;
  return (
    <form
      className="application-form"
      aria-label={`Application to ${props.roundName}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={summaryId}>Summary</label>
        <textarea
          id={summaryId}
          rows={5}
          value={values.summary}
          aria-required
          aria-invalid={summaryError !== undefined}
          aria-describedby={`${summaryId}-hint${summaryError === undefined ? "" : ` ${summaryId}-error`}`}
          onChange={(event) => {
            change("summary", event.target.value);
          }}
          onBlur={() => {
            setTouched((previous) => ({ ...previous, summary: true }));
          }}
        />
        <p id={`${summaryId}-hint`} className="hint">
          What the project will do with this round's funds, in plain text.{" "}
          <span className="counter">
            {values.summary.trim().length.toLocaleString("en-US")} /{" "}
            {LIMITS_OF_APPLICATION.summary.toLocaleString("en-US")} characters
          </span>
        </p>
        {summaryError !== undefined && (
          <p id={`${summaryId}-error`} className="field-error">
            {summaryError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={fundsId}>
          Uses of funds <span className="optional">(optional)</span>
        </label>
        <textarea
          id={fundsId}
          rows={4}
          value={values.useOfFunds}
          aria-invalid={fundsError !== undefined}
          aria-describedby={`${fundsId}-hint${fundsError === undefined ? "" : ` ${fundsId}-error`}`}
          onChange={(event) => {
            change("useOfFunds", event.target.value);
          }}
          onBlur={() => {
            setTouched((previous) => ({ ...previous, useOfFunds: true }));
          }}
        />
        <p id={`${fundsId}-hint`} className="hint">
          One a line, at most {LIMITS_OF_APPLICATION.useOfFunds} ({lines} so far).
        </p>
        {fundsError !== undefined && (
          <p id={`${fundsId}-error`} className="field-error">
            {fundsError}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy || !canAct}>
          {updating ? "Update the application" : "Submit the application"}
        </button>
        <button type="button" className="button-quiet" disabled={busy} onClick={props.onClose}>
          Cancel
        </button>
      </div>
      <div aria-live="polite">
        {submitted && hasErrors(errors) && (
          <p className="status status-error">Fix the fields marked above. Nothing was sent.</p>
        )}
        {notice !== undefined && <p className="status status-neutral">{notice}</p>}
        {step.status === "publishing" && (
          <p className="status status-pending">Storing the application in the content store…</p>
        )}
        {step.status === "failed" && <p className="status status-error">{step.message}</p>}
      </div>
      <TransactionStatus state={transaction.state} />
    </form>
  );
}
