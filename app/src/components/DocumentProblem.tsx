import type { Fetched } from "../data/metadata.ts";

/** Says why a metadata document is not shown: missing, not matching its identifier, or invalid. */
export function DocumentProblem({ fetched, what }: { fetched: Fetched<unknown> | undefined; what: string }) {
  if (fetched === undefined || fetched.state === "verified") return null;
  const message =
    fetched.state === "missing"
      ? `The ${what} (${fetched.cid}) is missing from the content store.`
      : fetched.state === "mismatch"
        ? `The ${what} does not match its content identifier ${fetched.cid}: it is not shown.`
        : `The ${what} is invalid: ${fetched.reason}.`;
  return <p className="status status-error document-problem">{message}</p>;
}
