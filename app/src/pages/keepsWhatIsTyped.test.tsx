/**
 * A page keeps what its reader is typing when the chain changes something else: a contribution leaving the
 * stewards' queue does not reset the others (a rejection reason half written), and a round changing status does not
 * read again a project's applications in every round. The app's real pages and hooks, on a fake chain.
 */
import { act, cleanup, fireEvent, renderHook, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import type { Address } from "viem";
import { hashFn } from "wagmi/query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ProjectRound } from "../data/applications.ts";
import type { ViewCall } from "../testing/fakeChain.ts";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());

const { contentStore, setChain } = await import("../testing/fakeChain.ts");
const { stewardsQueue } = await import("../testing/queueFixtures.ts");
const { renderWithQueries } = await import("../testing/render.tsx");
const { StewardsQueuePage } = await import("./StewardsQueuePage.tsx");
const { useProjectInRounds } = await import("../hooks/useProject.ts");

const ROUND: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const REASON = "The evidence names another day";

let store: ReturnType<typeof contentStore>;

beforeEach(() => {
  store = contentStore();
  vi.stubGlobal("fetch", vi.fn(store.fetch));
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("the stewards' queue", () => {
  it("keeps a rejection reason being typed when another contribution leaves the queue", async () => {
    const seedCleaning = { title: "Seed cleaning day", status: 1, attestations: 0 };
    await stewardsQueue(store, {
      contributions: [seedCleaning, { title: "Tool library shift", status: 1, attestations: 0 }],
      threshold: 2,
    });
    const { queryClient } = renderWithQueries(<StewardsQueuePage />);
    const second = await screen.findByRole("listitem", { name: "Tool library shift" });
    fireEvent.click(within(second).getByRole("button", { name: /^Reject ?Tool library shift$/ }));
    fireEvent.change(within(second).getByLabelText(/^Reason for rejecting Tool library shift/), {
      target: { value: REASON },
    });

    // Other stewards credit the first contribution: it leaves the queue on the next block.
    Object.assign(seedCleaning, { status: 2, attestations: 2 });
    await act(() => queryClient.invalidateQueries());
    await waitFor(() => {
      expect(screen.queryByRole("listitem", { name: "Seed cleaning day" })).toBeNull();
    });

    const kept = screen.getByRole("listitem", { name: "Tool library shift" });
    expect(within(kept).getByLabelText<HTMLTextAreaElement>(/^Reason for rejecting Tool library shift/).value).toBe(
      REASON,
    );
  });
});

describe("a project's applications in the rounds", () => {
  it("are not read again when a round only changes status", async () => {
    const calls: ViewCall[] = setChain({
      view: ({ functionName }) => {
        if (functionName === "projectTally") {
          return { status: 2, matchCapped: false, paid: false, contributors: 0, sqrtSum: 0n, donations: 0n };
        }
        if (functionName === "applicationMetadata") return "";
        throw new Error(`unexpected ${functionName}`);
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { queryKeyHashFn: hashFn, retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const round = (status: ProjectRound["status"]) => [{ address: ROUND, kind: "funding", status } as ProjectRound];
    const { result, rerender } = renderHook(({ rounds }) => useProjectInRounds(1n, rounds), {
      wrapper,
      initialProps: { rounds: round(0) },
    });
    await waitFor(() => {
      expect(result.current.data).toHaveLength(1);
    });
    const reads = calls.length;

    rerender({ rounds: round(2) });

    expect(result.current.isFetching).toBe(false);
    expect(result.current.data?.[0]?.round).toBe(ROUND);
    expect(calls).toHaveLength(reads);
  });
});
