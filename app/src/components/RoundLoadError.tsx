import { Link } from "wouter";
import { NotARoundOfThisNetworkError, roundKindName } from "../data/rounds.ts";
import { firstReadError, type ReadResult } from "../lib/queryFailure.ts";
import { LoadError } from "./Loading.tsx";

/**
 * The error a round's or a season's page shows instead of it: its first read's, as for any read, and the factory's
 * "not a round" whenever it comes, even over what was read before. That one is an answer, not a failed read, and
 * the page must offer nothing for such an address.
 */
export function roundReadError(read: ReadResult<Error>): Error | null {
  return read.error instanceof NotARoundOfThisNetworkError ? read.error : firstReadError(read);
}

/**
 * Why a round or a co-matching season cannot be shown. An address the network's factory did not create is said plainly, as a warning: a
 * link to such a "round" may be phishing for donations or approvals, and the app offers nothing for it.
 */
export function RoundLoadError({ error, what }: { error: Error; what: string }) {
  if (!(error instanceof NotARoundOfThisNetworkError)) return <LoadError error={error} what={what} />;
  const kind = roundKindName(error.kind);
  const factory = error.kind === "voting" ? "voting round factory" : "round factory";
  return (
    <div className="status status-error" role="alert" data-testid="not-a-round">
      <p>
        <strong>Not a {kind} of this network.</strong> The contract at <span className="address">{error.address}</span>{" "}
        was not created by this network&apos;s {factory}, so Hyphae shows nothing of it and sends it nothing. If a link
        brought you here, do not donate or approve anything through it.
      </p>
      <p>
        <Link href="/">See the rounds of this network</Link>
      </p>
    </div>
  );
}
