/**
 * Every form says what is wrong with bad input, next to the field, and changes nothing: no document is stored, no
 * transaction is simulated, signed or sent. The app's real pages, on a fake chain with a connected wallet.
 */
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { type Address, zeroAddress, zeroHash } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FakeEvent } from "../data/testClient.ts";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());
const wallet = vi.hoisted(() => ({
  readContract: vi.fn(),
  getBalance: vi.fn(),
  simulateContract: vi.fn(),
  writeContract: vi.fn(),
  signTypedData: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));
vi.mock("wagmi/actions", () => wallet);

const { contentStore, setChain, TEST_CHAIN } = await import("../testing/fakeChain.ts");
const { openRound, openVotingRound, TEST_ACCOUNT, TEST_NOW, TEST_ROUND, TEST_VOTING_ROUND } =
  await import("../testing/roundFixtures.ts");
const { renderWithQueries } = await import("../testing/render.tsx");
const { RecordContributionPage } = await import("./RecordContributionPage.tsx");
const { ProjectEditorPage } = await import("./ProjectEditorPage.tsx");
const { RoundPage } = await import("./RoundPage.tsx");
const { ProjectPage } = await import("./ProjectPage.tsx");
const { SeasonPage } = await import("./SeasonPage.tsx");
const { CreateSeasonPage } = await import("./CreateSeasonPage.tsx");
const { CreateRoundPage } = await import("./CreateRoundPage.tsx");
const { CartPage } = await import("./CartPage.tsx");
const { CreateVotingRoundPage } = await import("./CreateVotingRoundPage.tsx");
const { VotingRoundPage } = await import("./VotingRoundPage.tsx");
const { ReviewRoundPage } = await import("./ReviewRoundPage.tsx");
const { StewardsQueuePage } = await import("./StewardsQueuePage.tsx");
const { ContributorPage } = await import("./ContributorPage.tsx");
const { serializeCart } = await import("../lib/cart.ts");
const { signedBallotToJson } = await import("../lib/ballot.ts");

let store: ReturnType<typeof contentStore>;
let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>;

beforeEach(() => {
  store = contentStore();
  fetchMock = vi.fn<typeof fetch>(store.fetch);
  vi.stubGlobal("fetch", fetchMock);
  localStorage.clear();
  for (const action of Object.values(wallet)) action.mockReset();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** That nothing was stored (the content store takes documents by POST) and nothing sent to the chain. */
function expectNothingSent() {
  const posts = fetchMock.mock.calls.filter(([, init]) => init?.method !== undefined && init.method !== "GET");
  expect(posts).toEqual([]);
  expect(wallet.simulateContract).not.toHaveBeenCalled();
  expect(wallet.writeContract).not.toHaveBeenCalled();
  expect(wallet.signTypedData).not.toHaveBeenCalled();
}

/** The field-error messages on screen, in order. */
function fieldErrors(): string[] {
  return [...document.querySelectorAll(".field-error")].map((element) => element.textContent);
}

/** The form shows exactly the field errors `messages`, in order, and nothing was sent. */
async function expectRefused(messages: string[]) {
  await waitFor(() => {
    expect(fieldErrors()).toEqual(messages);
  });
  expectNothingSent();
}

/** The one form a page rendered. */
function formIn(container: HTMLElement): HTMLFormElement {
  const element = container.querySelector("form");
  if (element === null) throw new Error("no form");
  return element;
}

/**
 * A network with one local node (its steward connected) and one self-reported kind, hours of labour; `more` adds
 * events and answers to views for the page under test.
 */
function network(more: { events?: FakeEvent[]; views?: Record<string, unknown> } = {}) {
  const views: Record<string, unknown> = {
    nodeCount: 1n,
    node: { kind: 0, parentId: 0n, attestationThreshold: 1, name: "Cascadia", metadata: "" },
    isSteward: true,
    kind: { creditsPerUnit: 10n ** 18n, selfReported: true, name: "Labour", unit: "hours" },
    ...more.views,
  };
  setChain({
    account: TEST_ACCOUNT,
    blockTimestamp: TEST_NOW,
    events: [
      { eventName: "StewardAdded", args: { nodeId: 1n, account: TEST_ACCOUNT } },
      { eventName: "KindSet", args: { kind: 1 } },
      ...(more.events ?? []),
    ],
    view: ({ functionName }) => {
      if (functionName in views) return views[functionName];
      throw new Error(`unexpected ${functionName}`);
    },
  });
}

describe("recording a contribution", () => {
  async function form() {
    network();
    renderWithQueries(<RecordContributionPage />);
    return screen.findByRole("form", { name: "Record a contribution" });
  }

  it("names every missing field when sent empty, and sends nothing", async () => {
    fireEvent.submit(await form());

    await expectRefused([
      "Choose the node you gave this to.",
      "Choose what kind of contribution it is.",
      "Enter how many hours, items or documents you gave, like 4.",
      "Give the contribution a title, like “Seed cleaning day”.",
      "Describe what you gave: what, where, when and for whom.",
      "Give the stewards something to check: at least a link or a note.",
    ]);
  });

  it.each([
    ["1.5", "Record whole hours: the ledger counts whole units. Round to the nearest whole number."],
    ["-3", "The quantity must be a positive whole number."],
    ["0", "The quantity must be at least 1."],
    ["four", "Enter a whole number of hours, like 4."],
  ])("refuses the quantity %j: %s", async (quantity, message) => {
    const element = await form();
    fireEvent.change(screen.getByLabelText("Node"), { target: { value: "1" } });
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "1" } });
    fireEvent.change(screen.getByLabelText("Quantity"), { target: { value: quantity } });
    fireEvent.submit(element);

    expect(await screen.findByText(message)).toBeDefined();
    expectNothingSent();
  });

  it.each([
    ["javascript:alert(1)", "Line 1 must start with https:// or http://."],
    ["java\tscript:alert(1)", "Line 1 holds a space, line break or control character."],
    ["data:text/html,<script>alert(1)</script>", "Line 1 must start with https:// or http://."],
    ["//evil.example", "Line 1 is not a web address: write it in full, like https://example.org/photos."],
    ["https://bank.example@evil.example", "Line 1 must not hold a user name or password."],
  ])("refuses the evidence link %j", async (link, message) => {
    const element = await form();
    fireEvent.change(screen.getByLabelText("Node"), { target: { value: "1" } });
    fireEvent.change(screen.getByLabelText("Kind"), { target: { value: "1" } });
    fireEvent.change(screen.getByLabelText("Quantity"), { target: { value: "4" } });
    fireEvent.change(screen.getByLabelText("Title"), { target: { value: "Seed cleaning day" } });
    fireEvent.change(screen.getByLabelText("What you gave"), { target: { value: "Four hours of seed cleaning." } });
    fireEvent.change(screen.getByLabelText(/^Links/), { target: { value: link } });
    fireEvent.submit(element);

    await expectRefused([message]);
  });
});

describe("registering a project", () => {
  async function form() {
    network();
    const { container } = renderWithQueries(<ProjectEditorPage />);
    await screen.findByRole("option", { name: "Cascadia" });
    return formIn(container);
  }

  it("names the missing name, description and home node when sent empty, and sends nothing", async () => {
    fireEvent.submit(await form());

    await expectRefused([
      "Enter the project's name.",
      "Describe the project: what it does, where and for whom.",
      "Choose the node the project belongs to.",
    ]);
  });

  it.each([
    ["javascript:alert(1)", "The website must start with https:// or http://."],
    ["JaVaScRiPt:alert(1)", "The website must start with https:// or http://."],
    ["java\tscript:alert(1)", "The website holds a space, line break or control character."],
    ["//evil.example", "The website is not a valid web address: write it in full, like https://example.org."],
    ["seeds.example.org", "The website is not a valid web address: write it in full, like https://example.org."],
  ])("refuses the website %j", async (website, message) => {
    const element = await form();
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: "Seed library" } });
    fireEvent.change(screen.getByLabelText(/^Description/), { target: { value: "Free seeds." } });
    fireEvent.change(screen.getByLabelText("Home node"), { target: { value: "1" } });
    fireEvent.change(screen.getByLabelText(/^Website/), { target: { value: website } });
    fireEvent.submit(element);

    await expectRefused([message]);
  });

  it.each([
    ["0x1234", "An address is 0x followed by 40 hexadecimal digits (0–9, a–f)."],
    [
      "0xfABB0ac9d68B0B445fB7357272Ff202C5651694a",
      "This address does not match its checksum (the mix of capital letters): check it for a typo.",
    ],
  ])("refuses the payout address %j", async (payoutAddress, message) => {
    const element = await form();
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: "Seed library" } });
    fireEvent.change(screen.getByLabelText(/^Description/), { target: { value: "Free seeds." } });
    fireEvent.change(screen.getByLabelText("Home node"), { target: { value: "1" } });
    fireEvent.change(screen.getByLabelText(/^Payout address/), { target: { value: payoutAddress } });
    fireEvent.submit(element);

    expect(await screen.findByText(message)).toBeDefined();
    expectNothingSent();
  });
});

describe("choosing a project's logo", () => {
  it.each([
    { what: "an empty file", bytes: new Uint8Array(0), message: "The logo file is empty." },
    {
      what: "a file that is not an image, whatever its name",
      bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>"),
      message: "The logo must be a PNG, JPEG, WebP or SVG image.",
    },
    {
      what: "an image over 512 KiB",
      bytes: new Uint8Array(600 * 1024),
      message: "The logo is 600 KiB; the most is 512 KiB. Choose a smaller image.",
    },
  ])("refuses $what, and the profile is not sent", async ({ bytes, message }) => {
    network();
    const { container } = renderWithQueries(<ProjectEditorPage />);
    await screen.findByRole("option", { name: "Cascadia" });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: "Seed library" } });
    fireEvent.change(screen.getByLabelText(/^Description/), { target: { value: "Free seeds." } });
    fireEvent.change(screen.getByLabelText("Home node"), { target: { value: "1" } });
    const logo = screen.getByLabelText(/^Logo/);
    fireEvent.change(logo, { target: { files: [new File([bytes], "logo.png", { type: "image/png" })] } });
    await waitFor(() => {
      expect(logo.getAttribute("aria-invalid")).toBe("true");
    });
    fireEvent.submit(formIn(container));

    await expectRefused([message]);
  });
});

/** Amounts no token field takes, with what it says (the payout token is the chain's coin, ETH, 18 decimals). */
const BAD_AMOUNTS = [
  ["abc", "Enter a number of ETH, like 10 or 2.5."],
  ["-1", "Enter a number of ETH, like 10 or 2.5."],
  ["1,5", "Use a point for decimals, like 2.5 ETH."],
  ["0", "The amount must be more than zero."],
  ["0.0000000000000000001", "ETH has 18 decimals: use at most 18 digits after the point."],
  ["1e18", "Enter a number of ETH, like 10 or 2.5."],
] as const;

describe("adding to a round's matching pool", () => {
  it.each(BAD_AMOUNTS)("refuses %j: %s", async (amount, message) => {
    await openRound(store);
    renderWithQueries(<RoundPage address={TEST_ROUND} />);
    const field = await screen.findByLabelText("Add to the pool");
    fireEvent.change(field, { target: { value: amount } });

    expect(await screen.findByText(message)).toBeDefined();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    const button = screen.getByRole("button", { name: "Add to the pool" });
    expect(button.hasAttribute("disabled")).toBe(true);
    const form = button.closest("form");
    if (form === null) throw new Error("no form");
    fireEvent.submit(form);
    expectNothingSent();
    expect(wallet.getBalance).not.toHaveBeenCalled();
  });
});

describe("adding more to a matching pool than the wallet holds", () => {
  it.each([
    { pool: "a funding round's", open: () => openRound(store), page: () => <RoundPage address={TEST_ROUND} /> },
    {
      pool: "a voting round's",
      open: () => openVotingRound(store),
      page: () => <VotingRoundPage address={TEST_VOTING_ROUND} />,
    },
  ])("is refused for $pool pool once the balance is read, before anything is signed", async ({ open, page }) => {
    await open();
    wallet.getBalance.mockResolvedValue({ value: 10n ** 18n, decimals: 18, symbol: "ETH" });
    renderWithQueries(page());
    fireEvent.change(await screen.findByLabelText("Add to the pool"), { target: { value: "2.5" } });
    const button = screen.getByRole("button", { name: "Add to the pool" });
    await waitFor(() => {
      expect(button.hasAttribute("disabled")).toBe(false);
    });
    fireEvent.click(button);

    expect(await screen.findByText(/Your wallet holds 1 ETH; you are adding 2\.5 ETH\./)).toBeDefined();
    expect(wallet.getBalance).toHaveBeenCalledOnce();
    expectNothingSent();
  });
});

describe("funding a co-matching season", () => {
  const SEASON: Address = "0x9A676e781A523b5d0C0e43731313A708CB607508";

  it.each(BAD_AMOUNTS)("refuses %j: %s", async (amount, message) => {
    setChain({
      account: TEST_ACCOUNT,
      blockTimestamp: TEST_NOW,
      view: ({ functionName }) => {
        switch (functionName) {
          case "isSeason":
            return true;
          case "parameters":
            return { payoutToken: zeroAddress, closesAt: TEST_NOW + 10_000n, nodeId: 1n, metadata: "" };
          case "isSettled":
            return false;
          case "pool":
          case "returned":
          case "roundCount":
          case "nodeCount":
            return 0n;
          case "draws":
            return [[], [], []];
          default:
            throw new Error(`unexpected ${functionName}`);
        }
      },
    });
    renderWithQueries(<SeasonPage address={SEASON} />);
    const field = await screen.findByLabelText("Add to the co-matching pool");
    fireEvent.change(field, { target: { value: amount } });

    expect(await screen.findByText(message)).toBeDefined();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    const button = screen.getByRole("button", { name: "Add to the co-matching pool" });
    expect(button.hasAttribute("disabled")).toBe(true);
    const form = button.closest("form");
    if (form === null) throw new Error("no form");
    fireEvent.submit(form);
    expectNothingSent();
    expect(wallet.getBalance).not.toHaveBeenCalled();
  });
});

describe("the cart's amounts", () => {
  it.each(BAD_AMOUNTS)("refuses %j: %s", async (amount, message) => {
    await openRound(store);
    localStorage.setItem(
      "hyphae.cart",
      serializeCart([{ chainId: TEST_CHAIN.id, round: TEST_ROUND, projectId: 1n, amount: "1" }]),
    );
    renderWithQueries(<CartPage />);
    const field = await screen.findByLabelText("Seed library");
    fireEvent.change(field, { target: { value: amount } });

    expect(await screen.findByText(message)).toBeDefined();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    await screen.findByText("Fix what is marked above to check out.");
    const checkout = screen.getByRole("button", { name: "Check out" });
    expect(checkout.hasAttribute("disabled")).toBe(true);
    fireEvent.click(checkout);
    expectNothingSent();
    expect(wallet.readContract).not.toHaveBeenCalled();
  });
});

describe("applying to a round", () => {
  async function form() {
    await openRound(store, { takingApplications: true });
    renderWithQueries(<ProjectPage id="1" />);
    // jsdom's accessible names drop the space that starts the visually hidden " to Seeds".
    fireEvent.click(await screen.findByRole("button", { name: /^Apply ?to Seeds$/ }));
    return screen.getByRole("form", { name: "Application to Seeds" });
  }

  it("asks for a summary when sent empty, and sends nothing", async () => {
    fireEvent.submit(await form());

    expect(await screen.findByText("Summarise what the project will do with the funds of this round.")).toBeDefined();
    expectNothingSent();
  });

  it.each([
    {
      what: "a summary over the limit",
      summary: "x".repeat(4_001),
      useOfFunds: "",
      message: "The summary is 4,001 characters long; the most is 4,000.",
    },
    {
      what: "a use of funds over the limit",
      summary: "Seeds for ten schools.",
      useOfFunds: "x".repeat(401),
      message: "Line 1 is longer than 400 characters: shorten it.",
    },
    {
      what: "more uses of funds than the limit",
      summary: "Seeds for ten schools.",
      useOfFunds: Array.from({ length: 21 }, (_, index) => `Use ${index + 1}`).join("\n"),
      message: "List at most 20 uses of funds, one a line (there are 21).",
    },
  ])("refuses $what, and says so", async ({ summary, useOfFunds, message }) => {
    const element = await form();
    fireEvent.change(screen.getByLabelText("Summary"), { target: { value: summary } });
    fireEvent.change(screen.getByLabelText(/^Uses of funds/), { target: { value: useOfFunds } });
    fireEvent.submit(element);

    await expectRefused([message]);
  });
});

describe("opening a co-matching season", () => {
  async function form() {
    network();
    const { container } = renderWithQueries(<CreateSeasonPage />);
    await screen.findByRole("heading", { name: "Open a co-matching season" });
    return formIn(container);
  }

  it("names the empty name and description, says nothing was sent, and sends nothing", async () => {
    fireEvent.submit(await form());

    await waitFor(() => {
      expect(fieldErrors()).toEqual(["The name is empty.", "The description is empty."]);
    });
    expect(screen.getByRole("alert").textContent).toBe("Fix the fields marked above: nothing has been sent.");
    expectNothingSent();
  });

  it.each([
    ["2020-01-01T10:00", "The season must close in the future."],
    ["", "Choose a date and time."],
  ])("refuses the close %j: %s", async (closesAt, message) => {
    const element = await form();
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Cascadia commons season" } });
    fireEvent.change(screen.getByLabelText("Description"), { target: { value: "Co-matching for the spring." } });
    fireEvent.change(screen.getByLabelText("Closes (your time zone)"), { target: { value: closesAt } });
    fireEvent.submit(element);

    await expectRefused([message]);
  });
});

describe("creating a funding round", () => {
  async function form() {
    network();
    const { container } = renderWithQueries(<CreateRoundPage />);
    await screen.findByRole("heading", { name: "Create a round", level: 1 });
    return formIn(container);
  }

  /** A name and a description, so that only the field under test is wrong. */
  function describeTheRound() {
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Spring seeds" } });
    fireEvent.change(screen.getByLabelText("Description"), { target: { value: "Seeds for the spring." } });
  }

  it("names the empty name and description, and sends nothing", async () => {
    fireEvent.submit(await form());

    await expectRefused(["The name is empty.", "The description is empty."]);
  });

  it.each([
    ["150", "The match cap must be between 1 % and 100 % of the pool, or none."],
    ["0.5", "The match cap must be between 1 % and 100 % of the pool, or none."],
    ["ten", "Enter a percentage like 10 or 12.5, or leave it empty for no cap."],
  ])("refuses the match cap %j: %s", async (matchCap, message) => {
    const element = await form();
    describeTheRound();
    fireEvent.change(screen.getByLabelText("Match cap (% of the pool)"), { target: { value: matchCap } });
    fireEvent.submit(element);

    await expectRefused([message]);
  });

  it("refuses donations that close before they open", async () => {
    const element = await form();
    describeTheRound();
    const opens = screen.getByLabelText<HTMLInputElement>("Donations open").value;
    fireEvent.change(screen.getByLabelText("Donations close"), { target: { value: opens } });
    fireEvent.submit(element);

    await expectRefused(["Donations must close after they open."]);
  });

  it("refuses an allowlist line that is not an address", async () => {
    const element = await form();
    describeTheRound();
    fireEvent.change(screen.getByLabelText("Donors"), { target: { value: "allowlist" } });
    fireEvent.change(await screen.findByLabelText("Allowlist"), { target: { value: `${TEST_ACCOUNT}\n0x1234` } });
    fireEvent.submit(element);

    await expectRefused(["Not an address: “0x1234”. Put one address (0x and 40 hexadecimal digits) per line."]);
  });
});

/** Someone else: another voter, another contributor. */
const OTHER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("creating a voting round", () => {
  async function form() {
    network({ views: { commonsCredits: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", symbol: "CC", decimals: 18 } });
    const { container } = renderWithQueries(<CreateVotingRoundPage />);
    await screen.findByRole("heading", { name: "Create a voting round", level: 1 });
    return formIn(container);
  }

  /** A name and a description, so that only the field under test is wrong. */
  function describeTheRound() {
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "Commons vote" } });
    fireEvent.change(screen.getByLabelText("Description"), { target: { value: "Vote for the commons." } });
  }

  it("names the empty name and description, says nothing was sent, and sends nothing", async () => {
    fireEvent.submit(await form());

    await expectRefused(["The name is empty.", "The description is empty."]);
    expect(screen.getByRole("alert").textContent).toBe("Fix the fields marked above: nothing has been sent.");
  });

  it("refuses a name and a description over their limits", async () => {
    const element = await form();
    fireEvent.change(screen.getByLabelText("Name"), { target: { value: "x".repeat(81) } });
    fireEvent.change(screen.getByLabelText("Description"), { target: { value: "x".repeat(4_001) } });
    fireEvent.submit(element);

    await expectRefused(["The name is longer than 80 characters.", "The description is longer than 4000 characters."]);
  });

  it.each([
    ["", "Enter how many credits of voting power make one voice credit, like 1 or 0.5."],
    ["one", "Enter how many credits of voting power make one voice credit, like 1 or 0.5."],
    ["-1", "Enter how many credits of voting power make one voice credit, like 1 or 0.5."],
    ["1,5", "Enter how many credits of voting power make one voice credit, like 1 or 0.5."],
    ["0", "One voice credit needs some voting power: more than 0."],
    ["0.0000000000000000001", "Use at most 18 digits after the point."],
    ["340282366920938463464", "That is more than a round can hold."],
  ])("refuses the voting power per voice credit %j: %s", async (power, message) => {
    const element = await form();
    describeTheRound();
    fireEvent.change(screen.getByLabelText("Voting power per voice credit (CC)"), { target: { value: power } });
    fireEvent.submit(element);

    await expectRefused([message]);
  });

  it("refuses a snapshot that is not before voting opens", async () => {
    const element = await form();
    describeTheRound();
    const opens = screen.getByLabelText<HTMLInputElement>("Voting opens").value;
    fireEvent.change(screen.getByLabelText("Snapshot"), { target: { value: opens } });
    fireEvent.submit(element);

    await expectRefused(["The snapshot must come before voting opens, so every budget is fixed while people vote."]);
  });

  it("refuses voting that closes when it opens", async () => {
    const element = await form();
    describeTheRound();
    const opens = screen.getByLabelText<HTMLInputElement>("Voting opens").value;
    fireEvent.change(screen.getByLabelText("Voting closes"), { target: { value: opens } });
    fireEvent.submit(element);

    await expectRefused(["Voting must close after it opens."]);
  });

  it("refuses a round whose voting has already ended", async () => {
    const element = await form();
    describeTheRound();
    for (const [label, value] of [
      ["Applications open", "2020-01-01T10:00"],
      ["Applications close", "2020-01-02T10:00"],
      ["Snapshot", "2020-01-02T10:00"],
      ["Voting opens", "2020-01-02T11:00"],
      ["Voting closes", "2020-01-03T10:00"],
    ] as const) {
      fireEvent.change(screen.getByLabelText(label), { target: { value } });
    }
    fireEvent.submit(element);

    await expectRefused(["The voting window has already ended."]);
  });

  it("asks for a date where one was cleared", async () => {
    const element = await form();
    describeTheRound();
    fireEvent.change(screen.getByLabelText("Applications open"), { target: { value: "" } });
    fireEvent.submit(element);

    await expectRefused(["Choose a date and time."]);
  });
});

describe("a ballot", () => {
  /** The voting round's page, once the connected account's ballot form has loaded. */
  async function ballot(options: Parameters<typeof openVotingRound>[1] = {}) {
    await openVotingRound(store, options);
    renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);
    await screen.findByLabelText("Votes for Tool library");
  }

  function setVotes(project: string, votes: string) {
    fireEvent.change(screen.getByLabelText(`Votes for ${project}`), { target: { value: votes } });
  }

  /** Neither way to send the ballot can be used, and trying sends nothing. */
  function expectBallotBlocked(castLabel: string) {
    const cast = screen.getByRole("button", { name: castLabel });
    const sign = screen.getByRole("button", { name: "Sign ballot (no gas)" });
    expect(cast.hasAttribute("disabled")).toBe(true);
    expect(sign.hasAttribute("disabled")).toBe(true);
    const form = cast.closest("form");
    if (form === null) throw new Error("no form");
    fireEvent.submit(form);
    fireEvent.click(sign);
    expectNothingSent();
  }

  it.each([
    ["five", "Enter a whole number of votes, like 0, 1 or 5."],
    ["-1", "Enter a whole number of votes, like 0, 1 or 5."],
    ["1.5", "Enter a whole number of votes, like 0, 1 or 5."],
    ["2e3", "Enter a whole number of votes, like 0, 1 or 5."],
    ["1000000000001", "That is more votes than any budget allows."],
  ])("refuses the votes %j: %s", async (votes, message) => {
    await ballot();
    setVotes("Seed library", votes);

    await expectRefused([message]);
    expect(screen.getByLabelText("Votes for Seed library").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("ballot-problem").textContent).toBe("Fix the votes marked above.");
    expectBallotBlocked("Cast ballot");
  });

  it("refuses a ballot that costs more voice credits than the voter has, and says by how much", async () => {
    await ballot({ voiceCredits: 100n });
    setVotes("Seed library", "8");
    setVotes("Tool library", "7");

    expect((await screen.findByRole("alert")).textContent).toBe(
      "This ballot costs 113 voice credits: 13 voice credits more than your 100 voice credits.",
    );
    expect(screen.getByTestId("remaining").textContent).toBe("-13");
    expectBallotBlocked("Cast ballot");
  });

  it("refuses a ballot without a vote", async () => {
    await ballot();

    expect(screen.getByTestId("ballot-problem").textContent).toBe("Give at least one vote to a project.");
    expectBallotBlocked("Cast ballot");
  });

  it("does not send the ballot already cast again", async () => {
    await ballot({ ballot: { projectIds: [1n], votes: [5n] } });

    await waitFor(() => {
      expect(screen.getByLabelText<HTMLInputElement>("Votes for Seed library").value).toBe("5");
    });
    expect(screen.getByTestId("ballot-problem").textContent).toBe("This is the ballot you have already cast.");
    expectBallotBlocked("Replace my ballot");
  });

  it("refuses a replacement over the budget, and the ballot cast stays as it is", async () => {
    await ballot({ voiceCredits: 100n, ballot: { projectIds: [1n], votes: [5n] } });
    await waitFor(() => {
      expect(screen.getByLabelText<HTMLInputElement>("Votes for Seed library").value).toBe("5");
    });
    setVotes("Tool library", "10");

    expect((await screen.findByRole("alert")).textContent).toBe(
      "This ballot costs 125 voice credits: 25 voice credits more than your 100 voice credits.",
    );
    expect(screen.getByTestId("current-ballot").textContent).toContain("Your ballot: 5 votes for Seed library");
    expectBallotBlocked("Replace my ballot");
  });
});

describe("submitting signed ballots", () => {
  /** A ballot OTHER signed for this round, as the JSON a voter copies, with `change` made to it. */
  function signedBallot(change: Record<string, unknown> = {}) {
    const json = signedBallotToJson({
      chainId: TEST_CHAIN.id,
      round: TEST_VOTING_ROUND,
      voter: OTHER,
      previousBallot: zeroHash,
      ballot: { projectIds: [1n, 2n], votes: [3n, 1n] },
      nonce: 0n,
      deadline: TEST_NOW + 10_000n,
      signature: `0x${"ab".repeat(65)}`,
    });
    return { ...(JSON.parse(json) as Record<string, unknown>), ...change };
  }

  async function relay() {
    await openVotingRound(store);
    renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);
    const field = await screen.findByLabelText("Signed ballots (JSON)");
    const form = field.closest("form");
    if (form === null) throw new Error("no form");
    return { field, form };
  }

  it("asks for a signed ballot when sent empty, and sends nothing", async () => {
    const { form } = await relay();
    expect(screen.getByRole("button", { name: "Submit signed ballots" }).hasAttribute("disabled")).toBe(true);
    fireEvent.submit(form);

    await expectRefused(["Paste one or more signed ballots."]);
  });

  it.each([
    {
      what: "text that is not JSON",
      pasted: "{ oops",
      message: "This is not valid JSON: paste the signed ballots exactly as they were copied.",
    },
    {
      what: "a ballot of another round",
      pasted: signedBallot({ round: TEST_ROUND }),
      message: `The signed ballot was signed for another round (${TEST_ROUND}).`,
    },
    {
      what: "a ballot of another chain",
      pasted: signedBallot({ chainId: 1 }),
      message: "The signed ballot was signed for another chain (chain id 1).",
    },
    {
      what: "a voter that is not an address",
      pasted: signedBallot({ voter: "0x1234" }),
      message: 'The signed ballot: "voter" is not an address.',
    },
    {
      what: "votes for a project the round has not approved",
      pasted: signedBallot({ projectIds: ["1", "9"] }),
      message: "The signed ballot gives votes to project #9, which is not approved in this round.",
    },
    {
      what: "a project with no vote",
      pasted: signedBallot({ votes: ["3", "0"] }),
      message: "The signed ballot: every project on a ballot needs at least one vote.",
    },
    {
      what: "a fraction of a vote",
      pasted: signedBallot({ votes: ["3", "1.5"] }),
      message: "The signed ballot: votes 2 must be a whole number.",
    },
    {
      what: "a signature that is not hex",
      pasted: signedBallot({ signature: "signed" }),
      message: 'The signed ballot: "signature" is not a hex string.',
    },
    {
      what: "an expired signature",
      pasted: signedBallot({ deadline: String(TEST_NOW - 1n) }),
      message: `The signature of ${OTHER}'s ballot has expired: the voter must sign again.`,
    },
    {
      what: "two ballots of one voter",
      pasted: [signedBallot(), signedBallot()],
      message: `Two ballots of ${OTHER}: submit only the voter's latest one.`,
    },
  ])("refuses $what, and says so at the field", async ({ pasted, message }) => {
    const { field, form } = await relay();
    fireEvent.change(field, { target: { value: typeof pasted === "string" ? pasted : JSON.stringify(pasted) } });
    fireEvent.submit(form);

    await expectRefused([message]);
    expect(field.getAttribute("aria-invalid")).toBe("true");
  });
});

describe("adding to a voting round's matching pool", () => {
  it.each(BAD_AMOUNTS)("refuses %j: %s", async (amount, message) => {
    await openVotingRound(store);
    renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);
    const field = await screen.findByLabelText("Add to the pool");
    fireEvent.change(field, { target: { value: amount } });

    expect(await screen.findByText(message)).toBeDefined();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    const button = screen.getByRole("button", { name: "Add to the pool" });
    expect(button.hasAttribute("disabled")).toBe(true);
    const form = button.closest("form");
    if (form === null) throw new Error("no form");
    fireEvent.submit(form);
    expectNothingSent();
    expect(wallet.getBalance).not.toHaveBeenCalled();
  });
});

describe("rejecting an application", () => {
  /** The review page of a voting round where Water commons waits, its reason field open. */
  async function rejecting() {
    await openVotingRound(store, { isSteward: true, pending: [3n] });
    renderWithQueries(<ReviewRoundPage address={TEST_VOTING_ROUND} />);
    const card = await screen.findByRole("listitem", { name: "Water commons" });
    // jsdom's accessible names drop the space that starts the visually hidden " Water commons".
    fireEvent.click(await within(card).findByRole("button", { name: /^Reject ?Water commons$/ }));
    return {
      reason: within(card).getByLabelText("Reason for rejecting Water commons"),
      reject: within(card).getByRole("button", { name: "Reject with this reason" }),
    };
  }

  it.each([
    { what: "no reason", text: "", message: "Say why, so the project can improve and apply again." },
    { what: "a blank reason", text: "   \n ", message: "Say why, so the project can improve and apply again." },
    { what: "a reason over 4,000 characters", text: "x".repeat(4_001), message: "At most 4000 characters." },
  ])("refuses $what: $message", async ({ text, message }) => {
    const { reason, reject } = await rejecting();
    fireEvent.change(reason, { target: { value: text } });
    fireEvent.click(reject);

    await expectRefused([message]);
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("listitem", { name: "Water commons" }).closest("section")?.textContent).toContain(
      "Waiting for review",
    );
  });
});

describe("a reason for rejecting an application that fits once trimmed", () => {
  it("is taken: the review is published, as its document keeps it trimmed", async () => {
    await openVotingRound(store, { isSteward: true, pending: [3n] });
    renderWithQueries(<ReviewRoundPage address={TEST_VOTING_ROUND} />);
    const card = await screen.findByRole("listitem", { name: "Water commons" });
    fireEvent.click(await within(card).findByRole("button", { name: /^Reject ?Water commons$/ }));
    fireEvent.change(within(card).getByLabelText("Reason for rejecting Water commons"), {
      target: { value: ` ${"x".repeat(4_000)}\n` },
    });
    fireEvent.click(within(card).getByRole("button", { name: "Reject with this reason" }));

    await waitFor(() => {
      expect(fetchMock.mock.calls.filter(([, init]) => init?.method === "POST")).toHaveLength(1);
    });
    expect(fieldErrors()).toEqual([]);
  });
});

describe("rejecting a contribution in the stewards' queue", () => {
  async function rejecting() {
    const description = await store.add({ title: "Seed cleaning day", text: "Four hours of seed cleaning." });
    const evidence = await store.add({ links: [], note: "Ask the seed library." });
    network({
      events: [
        {
          eventName: "ContributionRecorded",
          args: {
            contributionId: 1n,
            contributor: OTHER,
            nodeId: 1n,
            kind: 1n,
            quantity: 4n,
            description,
            evidence,
          },
        },
      ],
      views: {
        contribution: { status: 1, attestations: 0, credits: 0n, recordedAt: Number(TEST_NOW), attestedAt: 0 },
      },
    });
    renderWithQueries(<StewardsQueuePage />);
    const item = await screen.findByRole("listitem", { name: "Seed cleaning day" });
    fireEvent.click(within(item).getByRole("button", { name: /^Reject ?Seed cleaning day$/ }));
    return {
      reason: within(item).getByLabelText("Reason for rejecting Seed cleaning day"),
      reject: within(item).getByRole("button", { name: "Reject with this reason" }),
    };
  }

  it.each([
    {
      what: "no reason",
      text: "",
      message: "Say why, so the contributor can add what is missing and record it again.",
    },
    {
      what: "a blank reason",
      text: "  ",
      message: "Say why, so the contributor can add what is missing and record it again.",
    },
    {
      what: "a reason over 4,000 characters",
      text: "x".repeat(4_001),
      message: "The reason is 4,001 characters long; the most is 4,000.",
    },
  ])("refuses $what: $message", async ({ text, message }) => {
    const { reason, reject } = await rejecting();
    fireEvent.change(reason, { target: { value: text } });
    fireEvent.click(reject);

    await expectRefused([message]);
    expect(reason.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("decisions").textContent).toBe("");
  });
});

describe("delegating voting power", () => {
  async function form() {
    network({
      views: {
        credits: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0",
        balanceOf: 10n ** 18n,
        getVotes: 0n,
        delegates: zeroAddress,
        unclaimedCredits: 0n,
      },
    });
    renderWithQueries(<ContributorPage address={TEST_ACCOUNT} />);
    return screen.findByRole("form", { name: "Delegate to another account" });
  }

  it.each([
    ["", "Enter the address of the account to delegate to."],
    ["0x1234", "An address is 0x followed by 40 hexadecimal digits (0–9, a–f)."],
    ["alice.eth", "An address is 0x followed by 40 hexadecimal digits (0–9, a–f)."],
    [
      "0x70997970c51812dc3A010C7d01b50e0d17dc79C8",
      "This address does not match its checksum (the mix of capital letters): check it for a typo.",
    ],
    [zeroAddress, "Delegating to the zero address would leave your credits without a vote."],
  ])("refuses the delegate %j: %s", async (delegate, message) => {
    const element = await form();
    const field = within(element).getByLabelText("Delegate to another account");
    fireEvent.change(field, { target: { value: delegate } });
    fireEvent.submit(element);

    await expectRefused([message]);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("delegate").textContent).toBe("None yet");
  });
});

describe("the cart's attestation id", () => {
  const ATTESTER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

  it.each([
    ["0x1234", "An attestation id is 0x followed by 64 hexadecimal digits (0–9, a–f)."],
    ["attestation 7", "An attestation id is 0x followed by 64 hexadecimal digits (0–9, a–f)."],
    [`0x${"g".repeat(64)}`, "An attestation id is 0x followed by 64 hexadecimal digits (0–9, a–f)."],
    [`0x${"ab".repeat(33)}`, "An attestation id is 0x followed by 64 hexadecimal digits (0–9, a–f)."],
  ])("refuses %j at its field, never asks the round about it, and cannot check out", async (uid, message) => {
    const viewCalls = await openRound(store, {
      eligibility: { kind: 3, source: OTHER, key: `0x${"11".repeat(32)}`, minimum: 0n, attester: ATTESTER },
      isEligible: () => false,
    });
    localStorage.setItem(
      "hyphae.cart",
      serializeCart([{ chainId: TEST_CHAIN.id, round: TEST_ROUND, projectId: 1n, amount: "1" }]),
    );
    renderWithQueries(<CartPage />);
    const field = await screen.findByLabelText("Your attestation id");
    fireEvent.change(field, { target: { value: uid } });

    await expectRefused([message]);
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect((await screen.findByTestId("eligibility")).textContent).toBe(
      `Enter the id of your attestation by ${ATTESTER} to donate.`,
    );
    expect(viewCalls.filter((call) => call.functionName === "isEligible")).toEqual([]);
    const checkout = screen.getByRole("button", { name: "Check out" });
    expect(checkout.hasAttribute("disabled")).toBe(true);
    fireEvent.click(checkout);
    expectNothingSent();
    expect(wallet.readContract).not.toHaveBeenCalled();
  });
});
