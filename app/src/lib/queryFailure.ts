/**
 * What a failed read means for the page that shows it. When a query that has data fails to refresh (an RPC hiccup
 * on a new block), TanStack Query keeps the data it last read and sets the error as well: a page that shows an
 * error whenever there is one throws away good data, and with it everything under it (a form being filled in, a
 * transaction's status, the scroll position). A page shows a load error only when there is nothing else to show.
 */

/** What these helpers look at: a query's result, or what a hook that combines queries returns. */
export interface ReadResult<TError> {
  data: unknown;
  error: TError | null | undefined;
}

/**
 * The error to show in place of what `read` reads: its error when it has no data, as when its first read failed;
 * null once it has data, even when a later refresh failed (the data last read stays on screen).
 */
export function firstReadError<TError>(read: ReadResult<TError>): TError | null {
  return read.data === undefined ? (read.error ?? null) : null;
}

/** Whether `read` shows what it last read because a refresh failed since. */
export function refreshFailed(read: ReadResult<unknown>): boolean {
  return read.data !== undefined && read.error !== null && read.error !== undefined;
}
