import { parseContributionDescription, parseContributionEvidence, parseReviewDocument } from "../../data/documents.ts";
import { useDocument } from "../../hooks/useDocument.ts";
import { DocumentProblem } from "../DocumentProblem.tsx";
import { ExternalLink } from "../ExternalLink.tsx";
import { LoadError, Loading } from "../Loading.tsx";
import { firstReadError } from "../../lib/queryFailure.ts";

/** Paragraphs of plain text: blank lines separate them; never read as HTML. */
export function PlainText({ text }: { text: string }) {
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

/** A contribution's title, from its verified description; `fallback` until then or if it cannot be shown. */
export function useContributionTitle(descriptionPointer: string, fallback: string): string {
  const description = useDocument(descriptionPointer, "contributionDescription", parseContributionDescription);
  return description.data?.state === "verified" ? description.data.value.title : fallback;
}

/** The description's text (its title is the heading above it), shown only once its bytes match the CID. */
export function ContributionDescriptionText({ pointer }: { pointer: string }) {
  const description = useDocument(pointer, "contributionDescription", parseContributionDescription);
  if (firstReadError(description)) return <LoadError error={description.error} what="the description" />;
  if (description.data === undefined) return <Loading what="the description" />;
  if (description.data.state !== "verified") {
    return <DocumentProblem fetched={description.data} what="description of this contribution" />;
  }
  return (
    <div className="document-block" data-testid="contribution-description">
      <PlainText text={description.data.value.text} />
    </div>
  );
}

/** The evidence (links and a note), shown only once its bytes match the CID; links open in a new tab. */
export function ContributionEvidenceBlock({ pointer }: { pointer: string }) {
  const evidence = useDocument(pointer, "contributionEvidence", parseContributionEvidence);
  if (firstReadError(evidence)) return <LoadError error={evidence.error} what="the evidence" />;
  if (evidence.data === undefined) return <Loading what="the evidence" />;
  if (evidence.data.state !== "verified") {
    return <DocumentProblem fetched={evidence.data} what="evidence of this contribution" />;
  }
  const { links, note } = evidence.data.value;
  return (
    <div className="document-block" data-testid="contribution-evidence">
      <p className="review-label">Evidence</p>
      {links.length > 0 && (
        <ul className="evidence-links">
          {links.map((link) => (
            <li key={link}>
              <ExternalLink href={link} show="address" />
            </li>
          ))}
        </ul>
      )}
      {note !== undefined && <PlainText text={note} />}
    </div>
  );
}

/** A steward's or disputer's reason (`{ "reason": … }`), verified; plain on-chain text is shown as is. */
export function ReasonBlock({ pointer, label }: { pointer: string; label: string }) {
  const isPointer = pointer.startsWith("ipfs://");
  const review = useDocument(isPointer ? pointer : undefined, "review", parseReviewDocument);
  let body: React.ReactNode;
  if (!isPointer) body = <p>{pointer}</p>;
  else if (firstReadError(review)) body = <LoadError error={review.error} what="the reason" />;
  else if (review.data === undefined) body = <Loading what="the reason" />;
  else if (review.data.state === "verified") body = <PlainText text={review.data.value.reason} />;
  else body = <DocumentProblem fetched={review.data} what="reason" />;
  return (
    <div className="review-reason" data-testid="reason">
      <p className="review-label">{label}</p>
      {body}
    </div>
  );
}
