/**
 * Project, node and contribution documents come from IPFS and are written by anyone. Rendered by the app's real
 * components, with every document verified against its CID as in the browser, hostile text stays text: no script,
 * style or handler comes alive, and a link that is not a plain http(s) address is never a link.
 */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import type { Address } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());

const { contentStore, setChain } = await import("../testing/fakeChain.ts");
const { openRound, TEST_ROUND } = await import("../testing/roundFixtures.ts");
const { expectNothingInjected, renderWithQueries } = await import("../testing/render.tsx");
const { ProjectPage } = await import("./ProjectPage.tsx");
const { NodePage } = await import("./NodePage.tsx");
const { RoundPage } = await import("./RoundPage.tsx");
const { ContributionDescriptionText, ContributionEvidenceBlock } =
  await import("../components/network/ContributionDocuments.tsx");
const { ExternalLink } = await import("../components/ExternalLink.tsx");
const { ProjectLogo } = await import("../components/ProjectLogo.tsx");

const OWNER: Address = "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a";

/** Text that would run script or load style if it were ever read as HTML. */
const HOSTILE_NAME = `Seeds<script>globalThis.injected = true</script><img src=x onerror="globalThis.injected = true">`;
const HOSTILE_DESCRIPTION = [
  `<style>body { display: none } * { background: url(https://evil.example/track) }</style>`,
  `<img src="https://evil.example/pixel.png" onerror="globalThis.injected = true">`,
  `<a href="javascript:globalThis.injected = true">click</a>`,
  `<iframe src="javascript:globalThis.injected = true"></iframe><svg onload="globalThis.injected = true"></svg>`,
].join("\n\n");

/** Links a document may hold that must never become links. */
const HOSTILE_LINKS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "\njavascript:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "file:///etc/passwd",
  "blob:https://app.example/0b7c5b6e",
  "//evil.example",
  "https://bank.example@evil.example/",
];

let store: ReturnType<typeof contentStore>;

beforeEach(() => {
  store = contentStore();
  vi.stubGlobal("fetch", vi.fn(store.fetch));
  Reflect.deleteProperty(globalThis, "injected");
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  expect(Reflect.get(globalThis, "injected")).toBeUndefined();
});

/** A chain with one registered project whose profile is `profilePointer`, no node and no round. */
function chainWithProject(profilePointer: string) {
  setChain({
    view: ({ functionName }) => {
      switch (functionName) {
        case "projectCount":
          return 1n;
        case "getProject":
          return { owner: OWNER, homeNode: 1n, payoutAddress: OWNER, pendingOwner: OWNER, metadata: profilePointer };
        case "roundCount":
        case "nodeCount":
          return 0n;
        default:
          throw new Error(`unexpected ${functionName}`);
      }
    },
  });
}

/** A chain with one local node whose profile is `profilePointer`. */
function chainWithNode(name: string, profilePointer: string) {
  setChain({
    view: ({ functionName }) => {
      switch (functionName) {
        case "nodeCount":
          return 1n;
        case "node":
          return { kind: 0, parentId: 0n, attestationThreshold: 1, name, metadata: profilePointer };
        case "roundCount":
          return 0n;
        default:
          throw new Error(`unexpected ${functionName}`);
      }
    },
  });
}

describe("a project page with a hostile profile", () => {
  it("shows the name, description and place as text, and nothing of them runs", async () => {
    const pointer = await store.add({
      name: HOSTILE_NAME.slice(0, 80),
      description: HOSTILE_DESCRIPTION,
      website: "https://seeds.example.org/",
      location: { place: `<b onmouseover="globalThis.injected = true">Portland</b>`, bioregion: "<style>x</style>" },
      tags: ["<script>globalThis.injected = true</script>"],
    });
    chainWithProject(pointer);
    const { container } = renderWithQueries(<ProjectPage id="1" />);

    const heading = await screen.findByRole("heading", { level: 1, name: HOSTILE_NAME.slice(0, 80) });
    expect(heading.children).toHaveLength(0);
    expect(screen.getByTestId("description").textContent).toContain("<style>body { display: none }");
    expect(screen.getByText(/onmouseover/, { selector: "dd" })).toBeDefined();
    expect(screen.getByRole("link", { name: /seeds\.example\.org/ }).getAttribute("href")).toBe(
      "https://seeds.example.org/",
    );
    expectNothingInjected(container);
  });

  it.each(HOSTILE_LINKS)("does not link to the website %j: it says the profile is invalid", async (website) => {
    const pointer = await store.add({ name: "Seed library", description: "Free seeds.", website });
    chainWithProject(pointer);
    const { container } = renderWithQueries(<ProjectPage id="1" />);

    await screen.findByText(/The project profile is invalid: the website/);
    expect(container.querySelector("a[target=_blank]")).toBeNull();
    expectNothingInjected(container);
  });
});

describe("a node page with a hostile profile", () => {
  it("shows the node's texts as text and links only to an http(s) website", async () => {
    const pointer = await store.add({
      name: "Cascadia",
      description: HOSTILE_DESCRIPTION,
      region: `<script>globalThis.injected = true</script>`,
      place: `<img src=x onerror="globalThis.injected = true">`,
      website: "https://cascadia.example.org",
    });
    chainWithNode(`Cascadia<script>globalThis.injected = true</script>`, pointer);
    const { container } = renderWithQueries(<NodePage id="1" />);

    const description = await screen.findByTestId("node-description");
    expect(description.textContent).toContain(`<iframe src="javascript:globalThis.injected = true">`);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(
      `Cascadia<script>globalThis.injected = true</script>`,
    );
    expect(screen.getByRole("link", { name: /cascadia\.example\.org/ }).getAttribute("href")).toBe(
      "https://cascadia.example.org/",
    );
    expectNothingInjected(container);
  });

  it.each(HOSTILE_LINKS)("does not link to the website %j", async (website) => {
    const pointer = await store.add({ name: "Cascadia", description: "A node.", region: "Salish Sea", website });
    chainWithNode("Cascadia", pointer);
    const { container } = renderWithQueries(<NodePage id="1" />);

    await screen.findByText(/The node profile is invalid: the website/);
    expect(container.querySelector("a[target=_blank]")).toBeNull();
    expectNothingInjected(container);
  });
});

describe("a round page's project rows", () => {
  it("link a project's website through ExternalLink, naming whose website it is", async () => {
    await openRound(store, {
      profile: { name: "Seed library", description: "Free seeds.", website: "https://seeds.example.org/library" },
    });
    const { container } = renderWithQueries(<RoundPage address={TEST_ROUND} />);

    const row = await screen.findByRole("listitem", { name: "Seed library" });
    const link = await within(row).findByRole("link", { name: /seeds\.example\.org/ });
    expect(link.textContent).toBe("seeds.example.org (website of Seed library, opens in a new tab)");
    expect(link.getAttribute("href")).toBe("https://seeds.example.org/library");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expectNothingInjected(container);
  });
});

describe("every link to an outside address", () => {
  /** The app's components and pages, as source text. */
  const sources = Object.entries(
    import.meta.glob<string>(["../**/*.tsx", "!../**/*.test.tsx"], { query: "?raw", import: "default", eager: true }),
  );
  /** An <a> element whose href is computed: a link to an address the app did not write itself. */
  const computedLink = /<a\s[^>]*\bhref=\{/;

  it("is made by ExternalLink, the one component that checks the address again before it links", () => {
    const external = sources.find(([file]) => file.endsWith("/components/ExternalLink.tsx"));
    expect(external?.[1]).toMatch(computedLink);

    const others = sources.filter(
      ([file, text]) => !file.endsWith("/components/ExternalLink.tsx") && computedLink.test(text),
    );
    expect(others.map(([file]) => file)).toEqual([]);
  });
});

describe("a contribution's hostile description and evidence", () => {
  it("shows the description's text as text", async () => {
    const pointer = await store.add({ title: HOSTILE_NAME, text: HOSTILE_DESCRIPTION });
    const { container } = renderWithQueries(<ContributionDescriptionText pointer={pointer} />);

    const block = await screen.findByTestId("contribution-description");
    expect(block.textContent).toContain("<style>body { display: none }");
    expectNothingInjected(container);
  });

  it("links the http(s) evidence and shows the note as text", async () => {
    const pointer = await store.add({
      links: ["https://photos.example.org/barrels", "http://log.example.org/2024"],
      note: HOSTILE_DESCRIPTION,
    });
    const { container } = renderWithQueries(<ContributionEvidenceBlock pointer={pointer} />);

    await screen.findByTestId("contribution-evidence");
    const hrefs = [...container.querySelectorAll("a")].map((link) => link.getAttribute("href"));
    expect(hrefs).toEqual(["https://photos.example.org/barrels", "http://log.example.org/2024"]);
    expectNothingInjected(container);
  });

  it.each(HOSTILE_LINKS)("does not link to the evidence %j: it says the evidence is invalid", async (link) => {
    const pointer = await store.add({ links: ["https://photos.example.org/", link], note: "Photos." });
    const { container } = renderWithQueries(<ContributionEvidenceBlock pointer={pointer} />);

    await screen.findByText(/The evidence of this contribution is invalid: link 2/);
    expect(container.querySelector("a")).toBeNull();
    expectNothingInjected(container);
  });
});

describe("ExternalLink, the last check before a document's address becomes a link", () => {
  it("links an http(s) address in a new tab that cannot reach back into the app", () => {
    const { container } = render(<ExternalLink href="https://seeds.example.org/library" show="address" />);
    const link = screen.getByRole("link");
    expect(link.getAttribute("href")).toBe("https://seeds.example.org/library");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expectNothingInjected(container);
  });

  it("shows the host alone for a website", () => {
    render(<ExternalLink href="https://seeds.example.org/library" show="host" />);
    expect(screen.getByRole("link").firstChild?.textContent).toBe("seeds.example.org");
  });

  it.each(HOSTILE_LINKS)("shows %j as inert text, never as a link", (href) => {
    const { container } = render(<ExternalLink href={href} show="host" />);
    expect(container.querySelector("a")).toBeNull();
    expect(screen.getByTestId("inert-link").textContent).toBe(href);
    expectNothingInjected(container);
  });
});

describe("a project's logo", () => {
  const svgWithScript = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" onload="globalThis.injected = true"><script>globalThis.injected = true</script></svg>`,
    "utf8",
  );
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  // jsdom has no object URLs: the test makes them, as a browser would, and sees which the logo asks for.
  const createObjectURL = vi.fn(() => "blob:http://localhost/logo");
  beforeEach(() => {
    createObjectURL.mockClear();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
  });

  it("shows an SVG from a data: URL, which runs with no origin if opened on its own, never from a blob: URL", async () => {
    const pointer = await store.add(svgWithScript);
    const { container } = renderWithQueries(<ProjectLogo pointer={pointer} name="Seeds" />);

    await waitFor(() => {
      expect(container.querySelector("img")?.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    });
    expect(createObjectURL).not.toHaveBeenCalled();
    expectNothingInjected(container);
  });

  it("shows a PNG from an object URL of its verified bytes", async () => {
    const pointer = await store.add(png);
    const { container } = renderWithQueries(<ProjectLogo pointer={pointer} name="Seeds" />);

    await waitFor(() => {
      expect(container.querySelector("img")?.getAttribute("src")).toBe("blob:http://localhost/logo");
    });
    expectNothingInjected(container);
  });

  it("shows initials, not an image, for a logo pointer that is a web address", () => {
    const { container } = renderWithQueries(<ProjectLogo pointer="https://evil.example/logo.svg" name="Seeds" />);
    expect(container.querySelector("img")).toBeNull();
    expect(container.textContent).toBe("S");
    expect(fetch).not.toHaveBeenCalled();
  });
});
