/**
 * A page keeps what it has read when a later read fails: a background refresh that fails (an RPC hiccup on a new
 * block) leaves the page, and what its reader is typing, as it was, with at most a quiet line on the page's main
 * reads. Only a first read that fails, with nothing to show, puts a load error in the page's place. The app's real
 * pages, on a fake chain with a connected wallet.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Answers } from "../testing/roundFixtures.ts";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());
// The wallet is never asked for anything here: its actions stay unanswered stand-ins.
vi.mock("wagmi/actions", () => ({
  getBalance: vi.fn(),
  readContract: vi.fn(),
  simulateContract: vi.fn(),
  writeContract: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));

import type { QueryClient } from "@tanstack/react-query";

const { contentStore, setChain } = await import("../testing/fakeChain.ts");
const { openRound, openVotingRound, TEST_ACCOUNT, TEST_NOW, TEST_ROUND, TEST_VOTING_ROUND } =
  await import("../testing/roundFixtures.ts");
const { stewardsQueue } = await import("../testing/queueFixtures.ts");
const { renderWithQueries } = await import("../testing/render.tsx");
const { RoundPage } = await import("./RoundPage.tsx");
const { VotingRoundPage } = await import("./VotingRoundPage.tsx");
const { RecordContributionPage } = await import("./RecordContributionPage.tsx");
const { StewardsQueuePage } = await import("./StewardsQueuePage.tsx");

/** The line a page's main reads show when one of them failed to refresh. */
const NOT_REFRESHED = "Could not refresh just now; showing what was last read.";

let store: ReturnType<typeof contentStore>;

beforeEach(() => {
  store = contentStore();
  vi.stubGlobal("fetch", vi.fn(store.fetch));
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** From now on, the chain fails every call of the fixture's `functionNames` (until `answers` lose them again). */
function failCalls(answers: Answers, ...functionNames: string[]) {
  for (const functionName of functionNames) {
    Object.defineProperty(answers, functionName, {
      configurable: true,
      enumerable: true,
      get: () => {
        throw new Error(`the node did not answer ${functionName}`);
      },
    });
  }
}

/**
 * A new block on which the node fails: every read on screen is done again (`invalidateQueries` settles once they
 * all have), and at least one of them failed while it had data to keep.
 */
async function refreshFailing(queryClient: QueryClient) {
  await act(() => queryClient.invalidateQueries());
  // The cache tells its observers on a later task (TanStack Query's notify scheduler): let the page render that.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  const failed = queryClient
    .getQueryCache()
    .findAll({ type: "active" })
    .filter((query) => query.state.status === "error" && query.state.data !== undefined);
  expect(failed).not.toEqual([]);
}

/** The alerts on screen: a load error is one. */
function alerts(): string[] {
  return screen.queryAllByRole("alert").map((element) => element.textContent);
}

describe("a round's page", () => {
  it("keeps the round, its projects and what is typed when a refresh fails, and says so quietly", async () => {
    const answers: Answers = {};
    await openRound(store, { answers });
    const { queryClient } = renderWithQueries(<RoundPage address={TEST_ROUND} />);
    const row = await screen.findByRole("listitem", { name: "Seed library" });
    const pool = await screen.findByLabelText<HTMLInputElement>("Add to the pool");
    fireEvent.change(pool, { target: { value: "2.5" } });
    const search = screen.getByLabelText<HTMLInputElement>("Search");
    fireEvent.change(search, { target: { value: "seed" } });

    // A new block, and the node fails the round's and the projects' reads.
    failCalls(answers, "matchingPool", "estimatedMatch");
    await refreshFailing(queryClient);

    expect(alerts()).toEqual([]);
    expect(screen.getByRole("heading", { level: 1, name: "Seeds" })).toBeTruthy();
    expect(screen.getByRole("listitem", { name: "Seed library" })).toBe(row);
    expect(screen.getByLabelText<HTMLInputElement>("Add to the pool")).toBe(pool);
    expect(pool.value).toBe("2.5");
    expect(screen.getByLabelText<HTMLInputElement>("Search")).toBe(search);
    expect(search.value).toBe("seed");
    // A quiet line, announced politely: not an alert.
    expect(screen.getByText(NOT_REFRESHED).getAttribute("role")).toBe("status");

    // The next block's reads succeed: the line goes.
    delete answers.matchingPool;
    delete answers.estimatedMatch;
    await act(() => queryClient.invalidateQueries());
    await waitFor(() => {
      expect(screen.queryByText(NOT_REFRESHED)).toBeNull();
    });
    expect(pool.value).toBe("2.5");
  });

  it("shows the load error when the first read of the round fails", async () => {
    const answers: Answers = {};
    failCalls(answers, "matchingPool");
    await openRound(store, { answers });
    renderWithQueries(<RoundPage address={TEST_ROUND} />);

    expect((await screen.findByRole("alert")).textContent).toMatch(/^Could not load the round: /);
    expect(screen.queryByRole("heading", { level: 1 })).toBeNull();
    expect(screen.queryByText(NOT_REFRESHED)).toBeNull();
  });

  it("shows the load error in the projects' place when their first read fails", async () => {
    const answers: Answers = {};
    failCalls(answers, "estimatedMatch");
    await openRound(store, { answers });
    renderWithQueries(<RoundPage address={TEST_ROUND} />);

    expect((await screen.findByRole("alert")).textContent).toMatch(/^Could not load the projects: /);
    expect(screen.getByRole("heading", { level: 1, name: "Seeds" })).toBeTruthy();
    expect(screen.queryByRole("listitem", { name: "Seed library" })).toBeNull();
  });
});

describe("a voting round's page", () => {
  it("keeps the ballot being filled in when the round and the voter's credits fail to refresh", async () => {
    const answers: Answers = {};
    await openVotingRound(store, { answers });
    const { queryClient } = renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);
    const votes = await screen.findByLabelText<HTMLInputElement>("Votes for Tool library");
    fireEvent.change(votes, { target: { value: "3" } });

    failCalls(answers, "totalVotes", "nonces");
    await refreshFailing(queryClient);

    expect(alerts()).toEqual([]);
    expect(screen.getByLabelText<HTMLInputElement>("Votes for Tool library")).toBe(votes);
    expect(votes.value).toBe("3");
    expect(screen.getByText(NOT_REFRESHED)).toBeTruthy();
  });

  it("shows the load error when the first read of the voter's credits fails", async () => {
    const answers: Answers = {};
    failCalls(answers, "nonces");
    await openVotingRound(store, { answers });
    renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);

    expect((await screen.findByRole("alert")).textContent).toMatch(/^Could not read your voice credits and ballot: /);
    expect(screen.queryByLabelText("Votes for Tool library")).toBeNull();
  });
});

describe("recording a contribution", () => {
  /** One local node and one self-reported kind, as the fixture's answers unless `answers` take their place. */
  function network(answers: Answers) {
    const views: Record<string, unknown> = {
      nodeCount: 1n,
      node: { kind: 0, parentId: 0n, attestationThreshold: 1, name: "Cascadia", metadata: "" },
      isSteward: true,
      kind: { creditsPerUnit: 10n ** 18n, selfReported: true, name: "Labour", unit: "hours" },
    };
    setChain({
      account: TEST_ACCOUNT,
      blockTimestamp: TEST_NOW,
      events: [
        { eventName: "StewardAdded", args: { nodeId: 1n, account: TEST_ACCOUNT } },
        { eventName: "KindSet", args: { kind: 1 } },
      ],
      view: ({ functionName }) => {
        if (functionName in answers) return answers[functionName];
        if (functionName in views) return views[functionName];
        throw new Error(`unexpected ${functionName}`);
      },
    });
  }

  it("keeps the form and what is typed in it when the nodes and kinds fail to refresh", async () => {
    const answers: Answers = {};
    network(answers);
    const { queryClient } = renderWithQueries(<RecordContributionPage />);
    const form = await screen.findByRole("form", { name: "Record a contribution" });
    fireEvent.change(within(form).getByLabelText("Node"), { target: { value: "1" } });
    fireEvent.change(within(form).getByLabelText("Kind"), { target: { value: "1" } });
    fireEvent.change(within(form).getByLabelText("Quantity"), { target: { value: "4" } });
    fireEvent.change(within(form).getByLabelText("Title"), { target: { value: "Seed cleaning day" } });

    failCalls(answers, "nodeCount", "kind");
    await refreshFailing(queryClient);

    expect(alerts()).toEqual([]);
    expect(screen.getByRole("form", { name: "Record a contribution" })).toBe(form);
    expect(within(form).getByLabelText<HTMLSelectElement>("Node").value).toBe("1");
    expect(within(form).getByLabelText<HTMLSelectElement>("Kind").value).toBe("1");
    expect(within(form).getByLabelText<HTMLInputElement>("Quantity").value).toBe("4");
    expect(within(form).getByLabelText<HTMLInputElement>("Title").value).toBe("Seed cleaning day");
    // Not one of the pages' main reads: nothing is said.
    expect(screen.queryByText(NOT_REFRESHED)).toBeNull();
  });

  it("shows the load error when the nodes cannot be read at first", async () => {
    const answers: Answers = {};
    failCalls(answers, "nodeCount");
    network(answers);
    renderWithQueries(<RecordContributionPage />);

    expect((await screen.findByRole("alert")).textContent).toMatch(/^Could not load the network's nodes: /);
    expect(screen.queryByRole("form", { name: "Record a contribution" })).toBeNull();
  });
});

describe("the stewards' queue", () => {
  /** One node the connected account stewards, and one contribution waiting there. */
  async function queue(answers: Answers) {
    await stewardsQueue(store, {
      contributions: [{ title: "Seed cleaning day", status: 1, attestations: 0 }],
      threshold: 2,
      answers,
    });
  }

  it("keeps a rejection reason being typed when the contributions fail to refresh", async () => {
    const answers: Answers = {};
    await queue(answers);
    const { queryClient } = renderWithQueries(<StewardsQueuePage />);
    const item = await screen.findByRole("listitem", { name: "Seed cleaning day" });
    fireEvent.click(within(item).getByRole("button", { name: /^Reject ?Seed cleaning day$/ }));
    const reason = within(item).getByLabelText<HTMLTextAreaElement>(/^Reason for rejecting Seed cleaning day/);
    fireEvent.change(reason, { target: { value: "The evidence names another day" } });

    failCalls(answers, "contribution");
    await refreshFailing(queryClient);

    expect(alerts()).toEqual([]);
    expect(screen.getByRole("listitem", { name: "Seed cleaning day" })).toBe(item);
    expect(reason.value).toBe("The evidence names another day");
    expect(screen.getByText(NOT_REFRESHED)).toBeTruthy();
  });

  it("shows the load error when the contributions cannot be read at first", async () => {
    const answers: Answers = {};
    failCalls(answers, "contribution");
    await queue(answers);
    renderWithQueries(<StewardsQueuePage />);

    expect((await screen.findByRole("alert")).textContent).toMatch(/^Could not load the contributions: /);
    expect(screen.queryByRole("listitem", { name: "Seed cleaning day" })).toBeNull();
  });
});
