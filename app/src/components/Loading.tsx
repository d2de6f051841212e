import { describeError } from "../lib/errors.ts";
import { type ReadResult, refreshFailed } from "../lib/queryFailure.ts";

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function LoadError({ error, what }: { error: unknown; what: string }) {
  return (
    <p className="status status-error" role="alert">
      Could not load {what}: {describeError(error).message}
    </p>
  );
}

/**
 * A quiet line for a page's main reads when one of them failed to refresh: what was last read stays on screen, and
 * the next refresh tries again. Nothing while every read is up to date.
 */
export function RefreshFailed({ reads }: { reads: readonly ReadResult<unknown>[] }) {
  if (!reads.some(refreshFailed)) return null;
  return (
    <p className="hint" role="status" data-testid="refresh-failed">
      Could not refresh just now; showing what was last read.
    </p>
  );
}
