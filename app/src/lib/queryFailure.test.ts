import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { firstReadError, refreshFailed } from "./queryFailure.ts";

/** A query read by an observer, as a page reads it: `answers` are its reads, in turn (an Error fails the read). */
async function readInTurn(answers: readonly (string | Error)[]) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  let reads = 0;
  const observer = new QueryObserver<string>(queryClient, {
    queryKey: ["answer"],
    queryFn: () => {
      const answer = answers[reads++];
      if (answer === undefined) throw new Error("no more answers");
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
  });
  const unsubscribe = observer.subscribe(() => undefined);
  await observer.refetch();
  for (let read = 1; read < answers.length; read++) await observer.refetch();
  unsubscribe();
  return observer.getCurrentResult();
}

describe("a query's failure", () => {
  const failure = new Error("the node did not answer");

  it("is shown when the first read fails: there is nothing else to show", async () => {
    const result = await readInTurn([failure]);

    expect(result.data).toBeUndefined();
    expect(firstReadError(result)).toBe(failure);
    expect(refreshFailed(result)).toBe(false);
  });

  it("is not shown when a refresh fails after a good read: the data last read stays", async () => {
    const result = await readInTurn(["first", failure]);

    // TanStack Query keeps the data and reports the error (status "error") at once.
    expect(result.status).toBe("error");
    expect(result.data).toBe("first");
    expect(result.error).toBe(failure);
    expect(firstReadError(result)).toBeNull();
    expect(refreshFailed(result)).toBe(true);
  });

  it("is forgotten once a later refresh succeeds", async () => {
    const result = await readInTurn(["first", failure, "third"]);

    expect(result.data).toBe("third");
    expect(firstReadError(result)).toBeNull();
    expect(refreshFailed(result)).toBe(false);
  });

  it("is nothing while the first read is on its way or has succeeded", () => {
    expect(firstReadError({ data: undefined, error: null })).toBeNull();
    expect(refreshFailed({ data: undefined, error: null })).toBe(false);
    expect(firstReadError({ data: "read", error: null })).toBeNull();
    expect(refreshFailed({ data: "read", error: null })).toBe(false);
  });

  it("counts null as data: a read that found nothing has something to show", () => {
    expect(firstReadError({ data: null, error: failure })).toBeNull();
    expect(refreshFailed({ data: null, error: failure })).toBe(true);
  });

  it("reads what a hook combining several queries returns", () => {
    // A hook's own `error` may be undefined rather than null.
    expect(firstReadError({ data: undefined, error: undefined })).toBeNull();
    expect(firstReadError({ data: undefined, error: failure })).toBe(failure);
    expect(refreshFailed({ data: [1n], error: undefined })).toBe(false);
  });
});
