/**
 * Every form says what is wrong with bad input, next to the field, and changes nothing: no document is stored, no
 * transaction is simulated, signed or sent. The app's real pages, on a fake chain with a connected wallet.
 */
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { type Address, zeroAddress } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

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
const { openRound, TEST_ACCOUNT, TEST_NOW, TEST_ROUND } = await import("../testing/roundFixtures.ts");
const { renderWithQueries } = await import("../testing/render.tsx");
const { RecordContributionPage } = await import("./RecordContributionPage.tsx");
const { ProjectEditorPage } = await import("./ProjectEditorPage.tsx");
const { RoundPage } = await import("./RoundPage.tsx");
const { ProjectPage } = await import("./ProjectPage.tsx");
const { SeasonPage } = await import("./SeasonPage.tsx");
const { CreateSeasonPage } = await import("./CreateSeasonPage.tsx");
const { CreateRoundPage } = await import("./CreateRoundPage.tsx");
const { CartPage } = await import("./CartPage.tsx");
const { serializeCart } = await import("../lib/cart.ts");

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

/** A network with one local node (its steward connected) and one self-reported kind, hours of labour. */
function network() {
  setChain({
    account: TEST_ACCOUNT,
    blockTimestamp: TEST_NOW,
    events: [
      { eventName: "StewardAdded", args: { nodeId: 1n, account: TEST_ACCOUNT } },
      { eventName: "KindSet", args: { kind: 1 } },
    ],
    view: ({ functionName }) => {
      switch (functionName) {
        case "nodeCount":
          return 1n;
        case "node":
          return { kind: 0, parentId: 0n, attestationThreshold: 1, name: "Cascadia", metadata: "" };
        case "isSteward":
          return true;
        case "kind":
          return { creditsPerUnit: 10n ** 18n, selfReported: true, name: "Labour", unit: "hours" };
        default:
          throw new Error(`unexpected ${functionName}`);
      }
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
    await screen.findByText("Fix the amounts marked above to check out.");
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
