import { describeError } from "../lib/errors.ts";

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
