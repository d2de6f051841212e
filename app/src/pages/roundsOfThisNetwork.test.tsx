/**
 * Any contract can answer a round's views. A page reached by /rounds/<address>, /voting/<address> or
 * /network/seasons/<address>, and a checkout of the cart, deal only with rounds and seasons that the deployment's
 * factories created (`isRound`, `isSeason`); anything else is said to be none of this network's, and nothing is
 * offered or sent to it.
 */
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { type Address, zeroAddress } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());
const writes = vi.hoisted(() => ({
  readContract: vi.fn(),
  simulateContract: vi.fn(),
  writeContract: vi.fn(),
  signTypedData: vi.fn(),
  getBalance: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));
vi.mock("wagmi/actions", () => writes);

const { contentStore, setChain, TEST_DEPLOYMENT, TEST_CHAIN } = await import("../testing/fakeChain.ts");
const { expectNothingInjected, renderWithQueries } = await import("../testing/render.tsx");
const { RoundPage } = await import("./RoundPage.tsx");
const { VotingRoundPage } = await import("./VotingRoundPage.tsx");
const { SeasonPage } = await import("./SeasonPage.tsx");
const { CartPage } = await import("./CartPage.tsx");
const { serializeCart } = await import("../lib/cart.ts");

const ROUND: Address = "0x75537828f2ce51be7289709686A69CbFDbB714F1";
const POSER: Address = "0xE451980132E65465d0a498c53f0b5227326Dd73F";
const DONOR: Address = "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a";
const NOW = 1_800_000_000n;

/** The views of an open funding round with one approved project, as the round at `address` answers them. */
function openRoundViews(metadata: string, profile: string): Record<string, unknown> {
  return {
    parameters: {
      config: {
        payoutToken: zeroAddress,
        applicationsStart: NOW - 1_000n,
        applicationsEnd: NOW - 500n,
        donationsStart: NOW - 100n,
        donationsEnd: NOW + 10_000n,
        matchCapBps: 0,
      },
      nodeId: 1n,
    },
    status: 0,
    matchingPool: 10n ** 18n,
    idealMatchSum: 0n,
    metadata,
    approvedProjectIds: [1n],
    eligibility: { kind: 0, source: zeroAddress, key: `0x${"00".repeat(32)}`, minimum: 0n, attester: zeroAddress },
    countingRules: [0n, 0n],
    links: { commonsShareBps: 0, season: zeroAddress },
    commonsShare: [0n, false],
    projectTally: { status: 2, matchCapped: false, paid: false, contributors: 0, sqrtSum: 0n, donations: 0n },
    estimatedMatch: 0n,
    applicationMetadata: "",
    getProject: { owner: DONOR, homeNode: 1n, payoutAddress: DONOR, pendingOwner: zeroAddress, metadata: profile },
    contributionOf: 0n,
    countedContributionOf: 0n,
    isEligible: true,
  };
}

/**
 * A chain whose RoundFactory created ROUND only, and where both ROUND and POSER answer a round's views alike
 * (POSER is a lookalike); the node registry has no node and no factory lists a round.
 */
function chainWithRoundAndLookalike(roundViews: Record<string, unknown>, account?: Address) {
  return setChain({
    blockTimestamp: NOW,
    ...(account === undefined ? {} : { account }),
    view: ({ address, functionName, args }) => {
      if (functionName === "isRound") {
        return address === TEST_DEPLOYMENT.roundFactory && args[0] === ROUND;
      }
      if (functionName === "nodeCount" || functionName === "roundCount") return 0n;
      const fromRound = address === ROUND || address === POSER;
      if ((fromRound || address === TEST_DEPLOYMENT.projectRegistry) && functionName in roundViews) {
        return roundViews[functionName];
      }
      throw new Error(`unexpected ${functionName} of ${address}`);
    },
  });
}

let store: ReturnType<typeof contentStore>;

beforeEach(() => {
  store = contentStore();
  vi.stubGlobal("fetch", vi.fn(store.fetch));
  localStorage.clear();
  for (const write of Object.values(writes)) write.mockReset();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("a funding round page", () => {
  it("shows a round the factory created, its texts as text", async () => {
    const metadata = await store.add({
      name: "Seeds <script>globalThis.injected = true</script>",
      description: "<style>body { display: none }</style>",
      eligibility: [`<img src=x onerror="globalThis.injected = true">`],
    });
    const profile = await store.add({
      name: "Seed library <img src=x onerror=alert(1)>",
      description: "<script>alert(1)</script>",
      website: "https://seeds.example.org",
    });
    chainWithRoundAndLookalike(openRoundViews(metadata, profile));
    const { container } = renderWithQueries(<RoundPage address={ROUND} />);

    expect(
      (await screen.findByRole("heading", { level: 1, name: "Seeds <script>globalThis.injected = true</script>" }))
        .children,
    ).toHaveLength(0);
    await screen.findByRole("heading", { level: 3, name: "Seed library <img src=x onerror=alert(1)>" });
    expect(screen.getByText("<script>alert(1)</script>")).toBeDefined();
    expect(screen.getByRole("button", { name: /Add .* to the cart|Add to cart/i })).toBeDefined();
    expect(screen.queryByTestId("not-a-round")).toBeNull();
    expectNothingInjected(container);
    expect(Reflect.get(globalThis, "injected")).toBeUndefined();
  });

  it("says a lookalike the factory did not create is not a round of this network, and offers nothing", async () => {
    const metadata = await store.add({ name: "Seeds", description: "Give to seeds." });
    const profile = await store.add({ name: "Seed library", description: "Free seeds." });
    chainWithRoundAndLookalike(openRoundViews(metadata, profile));
    renderWithQueries(<RoundPage address={POSER} />);

    const alert = await screen.findByTestId("not-a-round");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("Not a round of this network.");
    expect(alert.textContent).toContain(POSER);
    expect(screen.queryByRole("heading", { name: "Seeds" })).toBeNull();
    expect(screen.queryAllByRole("button")).toHaveLength(0);
    expect(screen.queryByRole("textbox")).toBeNull();
  });
});

describe("a voting round page", () => {
  it("says an address the VotingRoundFactory did not create is not a voting round of this network", async () => {
    setChain({
      blockTimestamp: NOW,
      view: ({ address, functionName }) => {
        if (functionName === "isRound") return false;
        if (functionName === "commonsCredits") return zeroAddress;
        throw new Error(`unexpected ${functionName} of ${address}`);
      },
    });
    renderWithQueries(<VotingRoundPage address={ROUND} />);

    const alert = await screen.findByTestId("not-a-round");
    expect(alert.textContent).toContain("Not a voting round of this network.");
    expect(screen.queryAllByRole("button")).toHaveLength(0);
  });

  it("asks the VotingRoundFactory, not the RoundFactory", async () => {
    const calls = setChain({
      blockTimestamp: NOW,
      view: ({ functionName }) => {
        if (functionName === "isRound") return false;
        throw new Error(`unexpected ${functionName}`);
      },
    });
    renderWithQueries(<VotingRoundPage address={ROUND} />);

    await screen.findByTestId("not-a-round");
    expect(calls.filter((call) => call.functionName === "isRound")).toEqual([
      { address: TEST_DEPLOYMENT.votingRoundFactory, functionName: "isRound", args: [ROUND] },
    ]);
  });
});

describe("a co-matching season page", () => {
  it("says an address the RoundFactory did not create is not a season of this network, and offers no funding", async () => {
    const calls = setChain({
      blockTimestamp: NOW,
      view: ({ functionName }) => {
        if (functionName === "isSeason") return false;
        if (functionName === "roundCount") return 0n;
        throw new Error(`unexpected ${functionName}`);
      },
    });
    renderWithQueries(<SeasonPage address={POSER} />);

    const alert = await screen.findByTestId("not-a-round");
    expect(alert.textContent).toContain("Not a co-matching season of this network.");
    expect(screen.queryAllByRole("button")).toHaveLength(0);
    expect(calls.filter((call) => call.functionName === "isSeason")).toEqual([
      { address: TEST_DEPLOYMENT.roundFactory, functionName: "isSeason", args: [POSER] },
    ]);
  });
});

describe("the cart", () => {
  /** A cart with one line in the lookalike and one in the real round, each with a valid amount. */
  function cartWithLookalike() {
    localStorage.setItem(
      "hyphae.cart",
      serializeCart([
        { chainId: TEST_CHAIN.id, round: POSER, projectId: 1n, amount: "1" },
        { chainId: TEST_CHAIN.id, round: ROUND, projectId: 1n, amount: "1" },
      ]),
    );
  }

  it("refuses to check out while a line's round is not a round of this network, and sends nothing", async () => {
    const metadata = await store.add({ name: "Seeds", description: "Give to seeds." });
    const profile = await store.add({ name: "Seed library", description: "Free seeds." });
    chainWithRoundAndLookalike(openRoundViews(metadata, profile), DONOR);
    cartWithLookalike();
    renderWithQueries(<CartPage />);

    const alert = await screen.findByTestId("not-a-round");
    expect(alert.textContent).toContain(POSER);
    await screen.findByText(/Your cart holds projects of an address that is not a round of this network/);
    const checkout = screen.getByRole("button", { name: /Check out/ });
    expect(checkout.hasAttribute("disabled")).toBe(true);
    fireEvent.click(checkout);
    expect(writes.simulateContract).not.toHaveBeenCalled();
    expect(writes.writeContract).not.toHaveBeenCalled();
    expect(writes.signTypedData).not.toHaveBeenCalled();
  });

  it("lets the lookalike's lines be removed, and then checks out the rest", async () => {
    const metadata = await store.add({ name: "Seeds", description: "Give to seeds." });
    const profile = await store.add({ name: "Seed library", description: "Free seeds." });
    chainWithRoundAndLookalike(openRoundViews(metadata, profile), DONOR);
    cartWithLookalike();
    renderWithQueries(<CartPage />);

    fireEvent.click(await screen.findByRole("button", { name: "Remove its project from the cart" }));
    await waitFor(() => {
      expect(screen.queryByTestId("not-a-round")).toBeNull();
    });
    expect(localStorage.getItem("hyphae.cart")).not.toContain(POSER);
    await waitFor(() => {
      expect(screen.getByRole("button", { name: "Check out" }).hasAttribute("disabled")).toBe(false);
    });
  });
});
