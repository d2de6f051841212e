/**
 * A season settles even when a round refuses its draw (the token paused, or its issuer blocking the round's
 * address): the draw waits in the season until anyone delivers it, and the round cannot finalize until then. The
 * round's closing panel and the season's page say so and offer the delivery; a cancelled round's waiting draw is
 * recovered for the funders instead. The app's real components, on a fake chain with a connected wallet.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { Address } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RoundSummary } from "../data/rounds.ts";
import type { ViewCall } from "../testing/fakeChain.ts";
import { roundSummaryWith } from "../testing/roundSummary.ts";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());
const wallet = vi.hoisted(() => ({
  readContract: vi.fn(),
  simulateContract: vi.fn(),
  writeContract: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));
vi.mock("wagmi/actions", () => wallet);

const { contentStore, setChain, TEST_DEPLOYMENT } = await import("../testing/fakeChain.ts");
const { renderWithQueries } = await import("../testing/render.tsx");
const { ClosingPanel } = await import("../components/ClosingPanel.tsx");
const { CommonsLinksPanel } = await import("../components/CommonsLinksPanel.tsx");
const { SeasonPage } = await import("./SeasonPage.tsx");

const ACCOUNT: Address = "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a";
const SEASON: Address = "0x9A676e781A523b5d0C0e43731313A708CB607508";
const TOKEN: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
/** Refused its draw when the season settled: the draw waits. */
const WAITING: Address = "0x75537828f2ce51be7289709686A69CbFDbB714F1";
/** Took its draw when the season settled. */
const DELIVERED: Address = "0xE451980132E65465d0a498c53f0b5227326Dd73F";
/** Refused its draw, then its stewards cancelled it: the draw goes back to the funders. */
const CANCELLED: Address = "0x0B306BF915C4d645ff596e518fAf3F9669b97016";
const NOW = 1_800_000_000n;
const CUSD = (amount: number) => BigInt(Math.round(amount * 1_000_000));

const STATUS = { [WAITING]: 0, [DELIVERED]: 0, [CANCELLED]: 3 } as Record<Address, number>;
const DRAWN = { [WAITING]: CUSD(139.5), [DELIVERED]: CUSD(1_860), [CANCELLED]: CUSD(50.25) } as Record<Address, bigint>;
/** Each round's own funders' part of its matching pool. */
const OWN_POOL = CUSD(1_000);

let store: ReturnType<typeof contentStore>;
/** The draws waiting in the season, as `undeliveredDraw` answers: a delivery or a recovery changes it. */
let waiting: Map<Address, bigint>;
/** What the season put in each round's matching pool: its draw, once delivered. */
let inRound: Map<Address, bigint>;
let roundMetadata: Map<Address, string>;
/** Whether the season has settled, as `isSettled` answers: a settle changes it. */
let settled: boolean;

beforeEach(async () => {
  store = contentStore();
  vi.stubGlobal("fetch", vi.fn(store.fetch));
  for (const action of Object.values(wallet)) action.mockReset();
  waiting = new Map([
    [WAITING, CUSD(139.5)],
    [CANCELLED, CUSD(50.25)],
  ]);
  inRound = new Map([[DELIVERED, CUSD(1_860)]]);
  settled = true;
  roundMetadata = new Map([
    [WAITING, await store.add({ name: "Poblenou Neighbours Round", description: "Neighbours give." })],
    [DELIVERED, await store.add({ name: "Bioregional Commons Round", description: "The bioregion gives." })],
    [CANCELLED, await store.add({ name: "Colorado Plateau Round", description: "Cancelled." })],
  ]);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Whether the rounds' reads of what the season funded in them have stopped coming back (a slow node). */
let seasonFundingReadsHang: boolean;

beforeEach(() => {
  seasonFundingReadsHang = false;
});

/** The views of one settled season's round, as `fetchRoundSummaries` reads them. */
function roundView(address: Address, functionName: string): unknown {
  const delivered = inRound.get(address) ?? 0n;
  switch (functionName) {
    case "parameters":
      return {
        config: {
          payoutToken: TOKEN,
          applicationsStart: NOW - 3_000n,
          applicationsEnd: NOW - 2_500n,
          donationsStart: NOW - 2_000n,
          donationsEnd: NOW - 1_000n,
          matchCapBps: 0,
        },
        nodeId: 2n,
      };
    case "status":
      return STATUS[address];
    case "matchingPool":
      return OWN_POOL + delivered;
    case "idealMatchSum":
      return 0n;
    case "metadata":
      return roundMetadata.get(address);
    case "approvedProjectIds":
      return [];
    case "eligibility":
      return { kind: 0, source: TOKEN, key: `0x${"00".repeat(32)}`, minimum: 0n, attester: TOKEN };
    case "countingRules":
      return [0n, 0n];
    case "links":
      return { commonsShareBps: 0, season: SEASON };
    case "commonsShare":
      return [0n, false];
    case "funderAccount":
      return seasonFundingReadsHang ? new Promise(() => undefined) : [delivered, false];
    default:
      throw new Error(`unexpected ${functionName} of round ${address}`);
  }
}

/** A chain with a settled season of three rounds in CUSD, whose RoundFactory created them all. */
function settledSeasonChain(): ViewCall[] {
  const rounds = [DELIVERED, WAITING, CANCELLED];
  return setChain({
    account: ACCOUNT,
    blockTimestamp: NOW,
    view: ({ address, functionName, args }) => {
      if (address === TEST_DEPLOYMENT.roundFactory) {
        if (functionName === "isSeason") return args[0] === SEASON;
        if (functionName === "roundCount") return BigInt(rounds.length);
        if (functionName === "rounds") return rounds;
      }
      if (address === TEST_DEPLOYMENT.nodeRegistry && functionName === "nodeCount") return 0n;
      if (address === TOKEN) {
        if (functionName === "name") return "Commons Dollar";
        if (functionName === "symbol") return "CUSD";
        if (functionName === "decimals") return 6;
      }
      if (address === SEASON) {
        switch (functionName) {
          case "parameters":
            return { payoutToken: TOKEN, closesAt: NOW - 500n, nodeId: 1n, metadata: "" };
          case "isSettled":
            return settled;
          case "pool":
            return CUSD(2_100);
          case "returned":
            return CUSD(2_100) - rounds.reduce((sum, round) => sum + (DRAWN[round] ?? 0n), 0n);
          case "draws":
            return [rounds, rounds.map(() => 1n), rounds.map((round) => DRAWN[round])];
          case "undeliveredDraw":
            return waiting.get(args[0] as Address) ?? 0n;
          case "funderAccount":
            return [0n, 0n];
        }
      }
      if (rounds.includes(address as Address)) return roundView(address as Address, functionName);
      throw new Error(`unexpected ${functionName} of ${address}`);
    },
  });
}

/** The round as the round page reads it, its donations over. */
function roundSummary(address: Address): RoundSummary {
  return roundSummaryWith({
    address,
    nodeId: 2n,
    token: { address: TOKEN, isNative: false, name: "Commons Dollar", symbol: "CUSD", decimals: 6 },
    applicationsStart: NOW - 3_000n,
    applicationsEnd: NOW - 2_500n,
    donationsStart: NOW - 2_000n,
    donationsEnd: NOW - 1_000n,
    matchingPool: OWN_POOL,
    season: SEASON,
  });
}

/** The wallet signs and the chain confirms every call; `onConfirmed` changes the chain as the call would. */
function walletConfirms(onConfirmed: (call: { functionName: string; args: readonly unknown[] }) => void) {
  wallet.simulateContract.mockImplementation((_config: unknown, call: { functionName: string; args: unknown[] }) =>
    Promise.resolve({ request: call }),
  );
  wallet.writeContract.mockImplementation((_config: unknown, request: { functionName: string; args: unknown[] }) => {
    onConfirmed(request);
    return Promise.resolve(`0x${"ab".repeat(32)}`);
  });
  wallet.waitForTransactionReceipt.mockResolvedValue({ status: "success" });
}

/** The chain after `deliverDraw(round)`: the waiting draw is in the round's matching pool. */
function deliver(round: Address) {
  inRound.set(round, waiting.get(round) ?? 0n);
  waiting.delete(round);
}

/** What the wallet was asked to simulate: the contract, the function and its arguments. */
function simulated() {
  return wallet.simulateContract.mock.calls.map(([, call]) => {
    const { address, functionName, args } = call as { address: Address; functionName: string; args: unknown[] };
    return { address, functionName, args };
  });
}

describe("the closing panel of a season round whose draw waits in the season", () => {
  it("says the draw waits, for how much and why it matters, and offers to deliver it instead of finalizing", async () => {
    settledSeasonChain();
    renderWithQueries(<ClosingPanel round={roundSummary(WAITING)} projects={[]} donationsEnded />);

    const explanation = await screen.findByTestId("draw-waiting");
    expect(explanation.textContent).toContain("this round's draw of 139.5 CUSD has not reached its matching pool");
    expect(explanation.textContent).toContain("The round cannot be finalized until the draw is in");
    expect(screen.queryByRole("button", { name: "Finalize the round" })).toBeNull();
    expect(screen.getByRole("link", { name: "Go to the season" }).getAttribute("href")).toBe(
      `/network/seasons/${SEASON}`,
    );
    expect(screen.getByRole("button", { name: "Deliver the draw" }).hasAttribute("disabled")).toBe(false);
  });

  it("delivers the draw through the season, then offers to finalize the round as usual", async () => {
    settledSeasonChain();
    walletConfirms(({ functionName, args }) => {
      if (functionName === "deliverDraw") deliver(args[0] as Address);
    });
    renderWithQueries(<ClosingPanel round={roundSummary(WAITING)} projects={[]} donationsEnded />);

    fireEvent.click(await screen.findByRole("button", { name: "Deliver the draw" }));

    await screen.findByText("Delivering the draw: confirmed.");
    expect(simulated()).toEqual([{ address: SEASON, functionName: "deliverDraw", args: [WAITING] }]);
    await screen.findByRole("button", { name: "Finalize the round" });
    expect(screen.queryByTestId("draw-waiting")).toBeNull();
    expect(screen.queryByRole("button", { name: "Deliver the draw" })).toBeNull();
  });

  it("offers only Finalize for a season round whose draw reached it when the season settled", async () => {
    settledSeasonChain();
    renderWithQueries(<ClosingPanel round={roundSummary(DELIVERED)} projects={[]} donationsEnded />);

    await screen.findByRole("button", { name: "Finalize the round" });
    expect(screen.queryByTestId("draw-waiting")).toBeNull();
    expect(screen.queryByRole("button", { name: "Deliver the draw" })).toBeNull();
  });
});

describe("the co-matching part of a round page whose draw waits in the season", () => {
  it("says what the round drew, and that it is not in the matching pool until anyone delivers it", async () => {
    settledSeasonChain();
    renderWithQueries(<CommonsLinksPanel round={roundSummary(WAITING)} />);

    const part = await screen.findByTestId("round-season");
    await waitFor(() => {
      expect(part.textContent).toContain(
        "The season has settled: this round drew 139.5 CUSD, but the token refused the transfer, so the draw waits in the season until anyone delivers it; it is not in the matching pool yet.",
      );
    });
    expect(part.textContent).not.toContain("now part of its matching pool");
  });
});

describe("the page of a season with a draw waiting", () => {
  it("lists the draws to deliver with their amounts, not a cancelled round's, and says the season waits for them", async () => {
    settledSeasonChain();
    renderWithQueries(<SeasonPage address={SEASON} />);

    const list = await screen.findByRole("list", { name: "Draws waiting to be delivered" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((item) => item.getAttribute("data-round"))).toEqual([WAITING]);
    await within(list).findByRole("link", { name: "Poblenou Neighbours Round" });
    expect(items[0]?.textContent).toContain("139.5 CUSD");
    expect(screen.getByTestId("season-phase").textContent).toBe(
      "Settled: 1 of the rounds' draws waits to be delivered",
    );
    const table = within(screen.getByRole("region", { name: "Local rounds and their draws" })).getByRole("table");
    const waitingRow = table.querySelector(`tr[data-round="${WAITING}"]`);
    expect(waitingRow?.querySelector('[data-testid="draw"]')?.textContent).toBe("139.5 CUSD");
    expect(waitingRow?.querySelector('[data-testid="draw-undelivered"]')?.textContent).toBe(
      "139.5 CUSD waiting in the season",
    );
    // Its own matching pool is all of its pool: the draw is not in it.
    expect(waitingRow?.textContent).toContain("1,000 CUSD");
    expect(table.querySelector(`tr[data-round="${DELIVERED}"] [data-testid="draw-undelivered"]`)).toBeNull();
  });

  it("delivers a waiting draw, and then says every draw is in", async () => {
    settledSeasonChain();
    walletConfirms(({ functionName, args }) => {
      if (functionName === "deliverDraw") deliver(args[0] as Address);
    });
    renderWithQueries(<SeasonPage address={SEASON} />);

    const list = await screen.findByRole("list", { name: "Draws waiting to be delivered" });
    // jsdom's accessible names drop the space that starts the visually hidden " of …".
    fireEvent.click(
      await within(list).findByRole("button", { name: /^Deliver the draw ?of Poblenou Neighbours Round$/ }),
    );

    await screen.findByText("Delivering 139.5 CUSD to Poblenou Neighbours Round: confirmed.");
    expect(simulated()).toEqual([{ address: SEASON, functionName: "deliverDraw", args: [WAITING] }]);
    await screen.findByText("Every round's draw is in its matching pool.");
    expect(screen.queryByRole("list", { name: "Draws waiting to be delivered" })).toBeNull();
    await waitFor(() => {
      expect(screen.getByTestId("season-phase").textContent).toBe("Settled: each round's draw is in its matching pool");
    });
  });

  it("keeps a recovery's confirmation in its row while what the season can recover is read again", async () => {
    settledSeasonChain();
    walletConfirms(({ functionName, args }) => {
      if (functionName === "recover") {
        waiting.delete(args[0] as Address);
        seasonFundingReadsHang = true;
      }
    });
    renderWithQueries(<SeasonPage address={SEASON} />);

    fireEvent.click(await screen.findByRole("button", { name: /^Recover 50\.25 CUSD ?from Colorado Plateau Round$/ }));
    await screen.findByText("Recovering 50.25 CUSD: confirmed.");
    // The season is read again on the receipt: nothing waits for the cancelled round, and what the season can
    // recover is being read again (it does not come back).
    await waitFor(() => {
      expect(screen.queryByRole("button", { name: /^Recover/ })).toBeNull();
    });

    const row = document.querySelector(`tr[data-round="${CANCELLED}"]`);
    expect(row?.textContent).toContain("Recovering 50.25 CUSD: confirmed.");
    expect(screen.queryByText("The season took back its part.")).toBeNull();
  });

  it("recovers a cancelled round's waiting draw for its amount, and then says the season took it back", async () => {
    settledSeasonChain();
    walletConfirms(({ functionName, args }) => {
      // The waiting draw comes back to the season without a call to the round.
      if (functionName === "recover") waiting.delete(args[0] as Address);
    });
    renderWithQueries(<SeasonPage address={SEASON} />);

    await screen.findByText("Its draw never reached it: recovering it returns it to the funders.");
    fireEvent.click(await screen.findByRole("button", { name: /^Recover 50\.25 CUSD ?from Colorado Plateau Round$/ }));

    await screen.findByText("Recovering 50.25 CUSD: confirmed.");
    expect(simulated()).toEqual([{ address: SEASON, functionName: "recover", args: [CANCELLED] }]);
    await screen.findByText("The season took back its part.");
    expect(screen.queryByRole("button", { name: /^Recover/ })).toBeNull();
  });
});

describe("settling a season from its page", () => {
  it("keeps the confirmation in view once the page reads the season as settled", async () => {
    settled = false;
    waiting = new Map();
    settledSeasonChain();
    walletConfirms(({ functionName }) => {
      if (functionName === "settle") settled = true;
    });
    renderWithQueries(<SeasonPage address={SEASON} />);
    await waitFor(() => {
      expect(screen.getByTestId("season-phase").textContent).toBe("Over: waiting for anyone to settle it");
    });

    fireEvent.click(await screen.findByRole("button", { name: "Settle the season" }));

    await waitFor(() => {
      expect(screen.getByTestId("season-phase").textContent).toBe("Settled: each round's draw is in its matching pool");
    });
    expect(simulated()).toEqual([{ address: SEASON, functionName: "settle", args: [] }]);
    const panel = screen.getByRole("region", { name: "Settle the season" });
    expect(within(panel).getByText("Settling the season: confirmed.")).toBeTruthy();
    expect(within(panel).getByText("The season is settled.")).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Settle the season" })).toBeNull();
  });
});

describe("funding a season that anyone may settle", () => {
  it("takes funds after the close, until it is settled", async () => {
    settled = false;
    waiting = new Map();
    settledSeasonChain();
    renderWithQueries(<SeasonPage address={SEASON} />);

    const fund = await screen.findByRole("region", { name: "Fund the season" });
    expect(screen.getByTestId("season-phase").textContent).toBe("Over: waiting for anyone to settle it");
    expect(within(fund).getByLabelText("Add to the co-matching pool")).toBeTruthy();
  });

  it("keeps a gift's status when someone settles the season while the gift is on its way, and says it was refused", async () => {
    settled = false;
    waiting = new Map();
    settledSeasonChain();
    // Enough of the token, and enough allowance: the gift is one call.
    wallet.readContract.mockResolvedValue(10n ** 30n);
    let refuse: () => void = () => undefined;
    wallet.simulateContract.mockImplementation((_config: unknown, call: { functionName: string; args: unknown[] }) =>
      Promise.resolve({ request: call }),
    );
    wallet.writeContract.mockImplementation(() => {
      // Someone settles the season in the same block: the gift is refused.
      settled = true;
      return Promise.resolve(`0x${"ab".repeat(32)}`);
    });
    wallet.waitForTransactionReceipt.mockReturnValue(
      new Promise((resolve) => {
        refuse = () => {
          resolve({ status: "reverted" });
        };
      }),
    );
    const { queryClient } = renderWithQueries(<SeasonPage address={SEASON} />);

    const fund = await screen.findByRole("region", { name: "Fund the season" });
    fireEvent.change(within(fund).getByLabelText("Add to the co-matching pool"), { target: { value: "250" } });
    fireEvent.click(within(fund).getByRole("button", { name: "Add to the co-matching pool" }));
    await within(fund).findByText(/^Adding to the co-matching pool: waiting for confirmation/);
    await queryClient.invalidateQueries();
    await waitFor(() => {
      expect(screen.getByTestId("season-phase").textContent).toBe("Settled: each round's draw is in its matching pool");
    });
    refuse();

    const panel = screen.getByRole("region", { name: "Fund the season" });
    expect((await within(panel).findByRole("alert")).textContent).toBe(
      "Adding to the co-matching pool failed: The transaction was reverted on chain.",
    );
    expect(within(panel).getByText("The season is settled: it takes no more funds.")).toBeTruthy();
    expect(within(panel).queryByRole("button", { name: "Add to the co-matching pool" })).toBeNull();
  });
});
