import { useId, useState } from "react";
import { type Address, getAddress, isAddress } from "viem";
import { NodeName } from "../components/NodeName.tsx";
import { Link } from "wouter";
import { useConnection } from "wagmi";
import { type Application, type ProjectRound, projectRoundOf } from "../data/applications.ts";
import { ApplicationStatus, RoundStatus } from "../data/contracts.ts";
import { LIMITS, parseApplicationDocument, parseProjectProfile, parseReviewDocument } from "../data/documents.ts";
import { publishDocument } from "../data/metadata.ts";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { ProjectLogo } from "../components/ProjectLogo.tsx";
import { useRoundName } from "../components/RoundName.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useApplications, useRoundKind, useStewardedRounds } from "../hooks/useRegistry.ts";
import { useRound } from "../hooks/useRounds.ts";
import { useProjectRoundWrite } from "../hooks/useRoundWrite.ts";
import { useVotingRound } from "../hooks/useVotingRounds.ts";
import { formatTime } from "../lib/format.ts";
import { firstReadError } from "../lib/queryFailure.ts";

/** `/manage/rounds/:address`: a steward reviews the applications to a funding or a voting round. */
export function ReviewRoundPage({ address }: { address: string }) {
  if (!isAddress(address)) return <p className="status status-error">“{address}” is not a round address.</p>;
  return <ReviewRound address={getAddress(address)} />;
}

function ReviewRound({ address }: { address: Address }) {
  const kind = useRoundKind(address);
  if (firstReadError(kind)) return <LoadError error={kind.error} what="the round" />;
  if (kind.data === undefined) return <Loading what="the round" />;
  if (kind.data === null) {
    return <p className="status status-error">There is no round of this network at {address}.</p>;
  }
  return kind.data === "voting" ? <ReviewVotingRound address={address} /> : <ReviewFundingRound address={address} />;
}

function ReviewFundingRound({ address }: { address: Address }) {
  const round = useRound(address);
  const now = useChainTime();
  if (firstReadError(round)) return <LoadError error={round.error} what="the round" />;
  if (round.data === undefined || now === undefined) return <Loading what="the round" />;
  return <Review round={projectRoundOf(round.data)} now={now} />;
}

function ReviewVotingRound({ address }: { address: Address }) {
  const round = useVotingRound(address);
  const now = useChainTime();
  if (firstReadError(round)) return <LoadError error={round.error} what="the voting round" />;
  if (round.data === undefined || now === undefined) return <Loading what="the voting round" />;
  return <Review round={projectRoundOf(round.data)} now={now} />;
}

/** A steward reviews a round's applications and can cancel it; the same for funding and voting rounds. */
function Review({ round, now }: { round: ProjectRound; now: bigint }) {
  const { isConnected } = useConnection();
  const name = useRoundName(round.address, round.metadataPointer);
  const applications = useApplications(round);
  const stewarded = useStewardedRounds([round.address]);
  const isSteward = stewarded.data?.has(round.address) === true;
  const reviewsOpen = round.status === RoundStatus.Active && now < round.reviewsEnd;
  const voting = round.kind === "voting";
  // One write for the page's reviews: a reviewed card moves to another section (a new card), and what became of
  // the review must stay in sight after it moved.
  const review = useProjectRoundWrite(round.address);
  // The cancel's write is kept here too: the panel that sends it goes once the round is cancelled, and the
  // confirmation must stay in sight (the page can read the round as cancelled before the wallet has the receipt).
  const cancellation = useProjectRoundWrite(round.address);
  const byStatus = (status: ApplicationStatus) =>
    (applications.data ?? []).filter((application) => application.status === status);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/manage">Manage</Link> / {name}
      </nav>
      {voting && (
        <p className="eyebrow">
          <NodeName nodeId={round.nodeId} /> · <span className="round-kind">Quadratic voting</span>
        </p>
      )}
      <h1>{name}</h1>
      <p>
        <Link href={round.href}>Open the public round page</Link>{" "}
        {voting
          ? "(ballot, votes, matching pool, finalizing and payouts)."
          : "(matching pool, finalizing and payouts)."}
      </p>
      {!isConnected && <p className="status status-neutral">Connect a steward's wallet to review applications.</p>}
      {isConnected && stewarded.data !== undefined && !isSteward && (
        <p className="status status-neutral">
          Only the stewards of the node that runs this round, <NodeName nodeId={round.nodeId} />, can review it or
          cancel it.
        </p>
      )}
      {!reviewsOpen && round.status === RoundStatus.Active && (
        <p className="status status-neutral">
          Reviews closed when {voting ? "voting" : "donations"} closed, {formatTime(round.reviewsEnd)}.
        </p>
      )}
      {reviewsOpen && isSteward && (
        <p className="hint">
          Approve or reject until {voting ? "voting closes" : "donations close"}, {formatTime(round.reviewsEnd)}. An
          approved project {voting ? "is on the ballot" : "takes donations"} at once; an approval is final.
        </p>
      )}
      <TransactionStatus state={review.state} />
      {firstReadError(applications) ? (
        <LoadError error={applications.error} what="the applications" />
      ) : applications.data === undefined ? (
        <Loading what="applications" />
      ) : (
        <>
          <ApplicationSection
            title="Waiting for review"
            empty="No application is waiting for review."
            applications={byStatus(ApplicationStatus.Pending)}
            round={round}
            canReview={isSteward && reviewsOpen}
            write={review}
          />
          <ApplicationSection
            title="Approved"
            empty="No application has been approved yet."
            applications={byStatus(ApplicationStatus.Approved)}
            round={round}
            canReview={false}
            write={review}
          />
          <ApplicationSection
            title="Rejected"
            empty="No application has been rejected."
            applications={byStatus(ApplicationStatus.Rejected)}
            round={round}
            canReview={isSteward && reviewsOpen}
            write={review}
          />
        </>
      )}
      {isSteward && (round.status === RoundStatus.Active || cancellation.state.status !== "idle") && (
        <CancelRound round={round} write={cancellation} />
      )}
    </>
  );
}

function ApplicationSection(props: {
  title: string;
  empty: string;
  applications: Application[];
  round: ProjectRound;
  canReview: boolean;
  write: ReviewWrite;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="review-section">
      <h2 id={headingId}>
        {props.title} <span className="count">{props.applications.length}</span>
      </h2>
      {props.applications.length === 0 ? (
        <p className="empty">{props.empty}</p>
      ) : (
        <ul className="project-list">
          {props.applications.map((application) => (
            <ApplicationCard
              key={application.projectId.toString()}
              application={application}
              round={props.round}
              canReview={props.canReview}
              write={props.write}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

type ReviewWrite = ReturnType<typeof useProjectRoundWrite>;

function ApplicationCard({
  application,
  canReview,
  write,
}: {
  application: Application;
  round: ProjectRound;
  canReview: boolean;
  write: ReviewWrite;
}) {
  const profile = useDocument(application.profilePointer, "project", parseProjectProfile);
  const document = useDocument(application.applicationPointer, "application", parseApplicationDocument);
  const review = useDocument(
    application.status === ApplicationStatus.Rejected ? application.reviewReason : undefined,
    "review",
    parseReviewDocument,
  );
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonTouched, setReasonTouched] = useState(false);
  const reasonId = useId();
  const reasonError =
    reason.trim() === ""
      ? "Say why, so the project can improve and apply again."
      : // The review document keeps the reason trimmed, and limits it so.
        reason.trim().length > LIMITS.description
        ? `At most ${LIMITS.description} characters.`
        : undefined;
  const name = profile.data?.state === "verified" ? profile.data.value.name : `Project #${application.projectId}`;
  const pending = application.status === ApplicationStatus.Pending;

  const decide = (approve: boolean) => {
    const label = approve ? `Approving ${name}` : `Rejecting ${name}`;
    if (approve) {
      void write.send(label, "approveApplication", [application.projectId, ""]);
      return;
    }
    // The reason is a document of its own; its pointer is known only once it is stored.
    void write.run(label, async () => {
      const reasonPointer = await publishDocument({ reason: reason.trim() }, parseReviewDocument);
      return write.sendNow("rejectApplication", [application.projectId, reasonPointer]);
    });
  };

  return (
    <li className="card project-row" aria-label={name}>
      <ProjectLogo pointer={profile.data?.state === "verified" ? profile.data.value.logo : undefined} name={name} />
      <div className="project-main">
        <h3>
          <Link href={`/projects/${application.projectId}`}>{name}</Link>
        </h3>
        <DocumentProblem fetched={profile.data} what="project profile" />
        <DocumentProblem fetched={document.data} what="application" />
        {document.data?.state === "verified" && (
          <>
            <p className="project-description">{document.data.value.summary}</p>
            {document.data.value.useOfFunds && (
              <>
                <p className="eyebrow">Use of funds</p>
                <ul>
                  {document.data.value.useOfFunds.map((use) => (
                    <li key={use}>{use}</li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
        {review.data?.state === "verified" && (
          <p className="review-reason">
            <strong>Reason given:</strong> {review.data.value.reason}
          </p>
        )}
        <DocumentProblem fetched={review.data} what="review" />
        {canReview && rejecting && (
          <div className="field">
            <label htmlFor={reasonId}>Reason for rejecting {name}</label>
            <textarea
              id={reasonId}
              rows={3}
              value={reason}
              aria-invalid={reasonTouched && reasonError !== undefined}
              aria-describedby={reasonTouched && reasonError ? `${reasonId}-error` : undefined}
              onChange={(event) => {
                setReason(event.target.value);
                setReasonTouched(true);
              }}
            />
            {reasonTouched && reasonError && (
              <p id={`${reasonId}-error`} className="field-error">
                {reasonError}
              </p>
            )}
          </div>
        )}
      </div>
      {canReview && (
        <div className="project-actions review-actions">
          {pending && !rejecting && (
            <button
              type="button"
              className="button-primary"
              disabled={write.busy}
              onClick={() => {
                decide(true);
              }}
            >
              Approve<span className="visually-hidden"> {name}</span>
            </button>
          )}
          {rejecting ? (
            <>
              <button
                type="button"
                className="button-secondary"
                disabled={write.busy}
                onClick={() => {
                  setReasonTouched(true);
                  if (reasonError === undefined) decide(false);
                }}
              >
                Reject with this reason
              </button>
              <button
                type="button"
                className="button-quiet"
                onClick={() => {
                  setRejecting(false);
                }}
              >
                Cancel
              </button>
            </>
          ) : (
            pending && (
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setRejecting(true);
                }}
              >
                Reject<span className="visually-hidden"> {name}</span>
              </button>
            )
          )}
        </div>
      )}
    </li>
  );
}

/** Cancelling, for the stewards while the round is active; once it is cancelled from here, it says so. */
function CancelRound({ round, write }: { round: ProjectRound; write: ReturnType<typeof useProjectRoundWrite> }) {
  const [understood, setUnderstood] = useState(false);
  const checkboxId = useId();
  return (
    <section className="card panel danger" aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel the round</h2>
      {round.status === RoundStatus.Cancelled ? (
        <p className="status status-ok">The round is cancelled.</p>
      ) : round.status !== RoundStatus.Active ? (
        <p className="status status-neutral">The round is no longer active: it can no longer be cancelled.</p>
      ) : (
        <>
          <p>
            Cancelling cannot be undone. No project is paid;{" "}
            {round.kind === "voting"
              ? "the votes count for nothing, and every funder can withdraw exactly what they put in."
              : "every funder and donor can withdraw exactly what they put in."}
          </p>
          <div className="checkbox">
            <input
              id={checkboxId}
              type="checkbox"
              checked={understood}
              onChange={(event) => {
                setUnderstood(event.target.checked);
              }}
            />
            <label htmlFor={checkboxId}>I understand: cancel this round for everyone</label>
          </div>
          <button
            type="button"
            className="button-danger"
            disabled={!understood || write.busy}
            onClick={() => void write.send("Cancelling the round", "cancel", [])}
          >
            Cancel the round
          </button>
        </>
      )}
      <TransactionStatus state={write.state} />
    </section>
  );
}
