import { Link } from "wouter";
import { NotARoundOfThisNetworkError, roundKindName } from "../data/rounds.ts";
import { LoadError } from "./Loading.tsx";

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
