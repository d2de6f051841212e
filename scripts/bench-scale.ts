/**
 * `npm run bench:scale`: Hyphae with a round the size of the largest Gitcoin rounds — 1,000 approved projects and
 * 100,000 donations from 20,000 contributors — on a local node, measured with the app's real data layer:
 *
 * - seeding time (scripts/scale/seedLargeRound.ts: the contracts' own entry points, sent in JSON-RPC batches);
 * - the round page in Chromium from a cold start (no cache), reading the chain directly, then through the indexer:
 *   the median of three loads of the time until the app's first render, until the projects are listed (interactive)
 *   and until the first row shows its verified name; the JSON-RPC requests (HTTP requests and calls inside them),
 *   documents fetched, and the page's JavaScript heap;
 * - reading all 100,000 `Donated` events, and the TypeScript CLR over them (lib/quadratic-funding.ts), which must
 *   equal the round's on-chain Σ ideal to the wei;
 * - a match preview as a donor types (`previewDonations` for one cart line).
 *
 * Prints a table against the targets of issue 6 and writes benchmarks/scale.json. Sizes can be lowered for a quick
 * look: HYPHAE_SCALE_PROJECTS, HYPHAE_SCALE_CONTRIBUTORS (5 gifts each). Ports: HYPHAE_SCALE_RPC_PORT (8945),
 * HYPHAE_SCALE_APP_PORT (5373). HYPHAE_SCALE_TRACE=1 prints the page's requests as they finish; HYPHAE_SCALE_KEEP=1 keeps the
 * node and the indexer running after the figures, until interrupted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { type Address, createPublicClient, http } from "viem";
import { fetchDonationEvents } from "../app/src/data/history.ts";
import { quadraticFundingRoundAbi } from "../app/src/generated/abis.ts";
import type { Deployment } from "../app/src/generated/deployments.ts";
import { CONTENT_STORE_DIR } from "../lib/content-store.js";
import {
  computeDistribution,
  contributionsByProject,
  type LiveRound,
  previewDonations,
} from "../lib/quadratic-funding.js";
import { launchChromium } from "../test/e2e/support/chromium.ts";
import {
  answersAt,
  buildAndServeApp,
  deployWithIgnition,
  keepAsItIs,
  root,
  type Started,
  startHardhatNode,
  startServer,
  stopServer,
  waitUntil,
} from "../test/support/processes.ts";
import { JsonRpc } from "./scale/rpc.js";
import { seedLargeRound } from "./scale/seedLargeRound.js";

const CHAIN_ID = 31339;
const PROJECTS = Number(process.env.HYPHAE_SCALE_PROJECTS ?? 1_000);
const CONTRIBUTORS = Number(process.env.HYPHAE_SCALE_CONTRIBUTORS ?? 20_000);
const GIFTS = 5;
const RPC_PORT = Number(process.env.HYPHAE_SCALE_RPC_PORT ?? 8945);
const APP_PORT = Number(process.env.HYPHAE_SCALE_APP_PORT ?? 5373);
const INDEXER_PORT = Number(process.env.HYPHAE_SCALE_INDEXER_PORT ?? 42269);
const INDEXED_APP_PORT = APP_PORT + 1;
const rpcUrl = `http://127.0.0.1:${RPC_PORT}`;
const indexerUrl = `http://127.0.0.1:${INDEXER_PORT}`;
const RECORD = path.join(root, "ignition", "deployments", `chain-${CHAIN_ID}`);
const GENERATED = path.join(root, "app", "src", "generated", "deployments.ts");
const OUTPUT = path.join(root, "benchmarks", "scale.json");

/** The median of `runs` timings of `work` (after one warm-up), in milliseconds. */
function medianMs(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

interface PageFigures {
  /** The app's first render (its header), before any data: the floor the page's JavaScript sets. */
  shellMs: number;
  /** The round's projects listed with their figures; search, sort and "add to cart" work from here on. */
  interactiveMs: number;
  /** The first row shows its verified profile name. */
  namedMs: number;
  rpcHttpRequests: number;
  rpcCalls: number;
  indexerRequests: number;
  documentRequests: number;
  jsHeapMb: number;
}

/** Cold loads measured per path; the figures are their medians (this machine's timings vary by a few hundred ms). */
const LOADS = 5;

/** Timestamps the page takes of itself (ms since its navigation started), watching its own DOM. */
type PageMarks = Partial<Record<"shell" | "listed" | "named", number>>;

function watchPageMarks(namePattern: string): void {
  const marks: PageMarks = {};
  (globalThis as unknown as { hyphaeBenchMarks: PageMarks }).hyphaeBenchMarks = marks;
  const named = new RegExp(namePattern);
  new MutationObserver(() => {
    const now = performance.now();
    marks.shell ??= document.querySelector("#root > *") === null ? undefined : now;
    const firstRow = document.querySelector(".project-list > li");
    marks.listed ??= firstRow === null ? undefined : now;
    marks.named ??= named.test(firstRow?.querySelector("h3")?.textContent ?? "") ? now : undefined;
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/**
 * Opens the round page in a fresh browser context (nothing cached: neither responses nor compiled code) and measures
 * it until its first row shows the verified name, by the page's own clock from the start of its navigation (as
 * browsers time their own metrics; the driver's round trips are not the page's).
 */
async function loadRoundPage(
  browser: Browser,
  app: string,
  round: Address,
  expectedFirst: RegExp,
): Promise<PageFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(watchPageMarks, expectedFirst.source);
    const figures = { rpcHttpRequests: 0, rpcCalls: 0, indexerRequests: 0, documentRequests: 0 };
    page.on("request", (request) => {
      if (request.url().startsWith(rpcUrl)) {
        figures.rpcHttpRequests++;
        const body = JSON.parse(request.postData() ?? "null") as unknown;
        figures.rpcCalls += Array.isArray(body) ? body.length : 1;
      } else if (request.url().startsWith(indexerUrl)) {
        figures.indexerRequests++;
      } else if (new URL(request.url()).pathname.startsWith("/ipfs/")) {
        figures.documentRequests++;
      }
    });
    const started = performance.now();
    if (process.env.HYPHAE_SCALE_TRACE === "1") {
      // The page's requests as they finish, to see where the time goes.
      page.on("requestfinished", (request) => {
        const at = Math.round(performance.now() - started);
        console.log(`  ${at} ms  ${request.method()} ${request.url().slice(0, 90)}`);
      });
    }
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${app}/rounds/${round}`);
    try {
      await page
        .locator(".project-list > li")
        .first()
        .getByRole("heading", { name: expectedFirst })
        .waitFor({ timeout: 120_000 });
    } catch (error) {
      const shown = await page.locator("body").innerText();
      throw new Error(`the round page did not show its projects:\n${shown.slice(0, 2_000)}\n${errors.join("\n")}`, {
        cause: error,
      });
    }
    const marks = await page.evaluate(
      () => (globalThis as unknown as { hyphaeBenchMarks: PageMarks }).hyphaeBenchMarks,
    );
    if (marks.shell === undefined || marks.listed === undefined || marks.named === undefined) {
      throw new Error(`the page missed a mark: ${JSON.stringify(marks)}`);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const heap = metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0;
    return {
      shellMs: marks.shell,
      interactiveMs: marks.listed,
      namedMs: marks.named,
      ...figures,
      jsHeapMb: heap / 1024 / 1024,
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** `LOADS` cold loads of the round page: the median of each timing, the requests and heap of the median load. */
async function measureRoundPage(app: string, round: Address, expectedFirst: RegExp): Promise<PageFigures> {
  // One browser, as a reader's is already running: a browser that has just started spends its first seconds
  // setting up its own pages (the address bar's), which on two cores would be counted as the round page's.
  const browser = await launchChromium();
  const loads: PageFigures[] = [];
  try {
    for (let load = 0; load < LOADS; load++) loads.push(await loadRoundPage(browser, app, round, expectedFirst));
  } finally {
    await browser.close();
  }
  const typical = loads.find((load) => load.interactiveMs === median(loads.map((each) => each.interactiveMs)));
  return {
    ...(typical as PageFigures),
    shellMs: median(loads.map((load) => load.shellMs)),
    interactiveMs: median(loads.map((load) => load.interactiveMs)),
    namedMs: median(loads.map((load) => load.namedMs)),
  };
}

async function main(): Promise<void> {
  const restoreGenerated = keepAsItIs(GENERATED);
  const servers: Started[] = [];
  const scratch = mkdtempSync(path.join(tmpdir(), "hyphae-scale-"));
  try {
    console.log(
      `scale benchmark: ${PROJECTS} projects, ${CONTRIBUTORS * GIFTS} donations from ${CONTRIBUTORS} contributors`,
    );
    rmSync(RECORD, { recursive: true, force: true });
    servers.push(await startHardhatNode(RPC_PORT, ["--network", "scale"]));
    await deployWithIgnition(rpcUrl, "Hyphae");
    const addresses = JSON.parse(readFileSync(path.join(RECORD, "deployed_addresses.json"), "utf8")) as Record<
      string,
      Address
    >;
    const contracts = {
      nodeRegistry: addresses["Hyphae#NodeRegistry"] as Address,
      projectRegistry: addresses["Hyphae#ProjectRegistry"] as Address,
      roundFactory: addresses["Hyphae#RoundFactory"] as Address,
    };

    const seedStarted = performance.now();
    const seeded = await seedLargeRound(new JsonRpc(rpcUrl), contracts, {
      projects: PROJECTS,
      contributors: CONTRIBUTORS,
      giftsPerContributor: GIFTS,
      contentDir: CONTENT_STORE_DIR,
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`seeded in ${seedSeconds.toFixed(0)} s (${JSON.stringify(seeded.seconds)})`);

    // Reading every donation, as anyone recomputing the round does, and the CLR over them.
    // A local node answers one range of 100,000 logs slowly on a busy machine: give it a minute, not viem's 10 s.
    const client = createPublicClient({ transport: http(rpcUrl, { timeout: 60_000 }) });
    const readStarted = performance.now();
    // The app's own reader: ranges of blocks, halved where a range holds more logs than one response carries.
    const logs = await fetchDonationEvents(client, { fromBlock: 0 } as Deployment, seeded.round);
    const readEventsMs = performance.now() - readStarted;
    if (logs.length !== seeded.donations) throw new Error(`read ${logs.length} donations, seeded ${seeded.donations}`);
    const donations = logs;
    const onChainIdealSum = await client.readContract({
      address: seeded.round,
      abi: quadraticFundingRoundAbi,
      functionName: "idealMatchSum",
    });
    let idealMatchSum = 0n;
    const clrMs = medianMs(7, () => {
      const projects = contributionsByProject(seeded.projectIds, donations);
      idealMatchSum = computeDistribution({
        matchingPool: seeded.matchingPool,
        decimals: 18,
        matchCapBps: 0,
        projects,
      }).idealMatchSum;
    });
    if (idealMatchSum !== onChainIdealSum) {
      throw new Error(`the TypeScript CLR gives Σ ideal ${idealMatchSum}, the round ${onChainIdealSum}`);
    }
    const busiest = await client.readContract({
      address: seeded.round,
      abi: quadraticFundingRoundAbi,
      functionName: "projectTally",
      args: [seeded.projectIds[0] as bigint],
    });
    const live: LiveRound = {
      matchingPool: seeded.matchingPool,
      decimals: 18,
      matchCapBps: 0,
      idealMatchSum: onChainIdealSum,
    };
    const tally = { projectId: seeded.projectIds[0] as bigint, sqrtSum: busiest.sqrtSum, donations: busiest.donations };
    let keystroke = 0n;
    const previewMs = medianMs(2_001, () => {
      keystroke += 10n ** 15n;
      previewDonations(live, [{ tally, previous: 0n, amount: keystroke }]);
    });

    // The app, built for the benchmark chain alone, served as in production: reading the chain directly, then
    // through the indexer.
    const serveApp = async (port: number, env: Record<string, string>): Promise<string> => {
      const { url, server } = await buildAndServeApp({
        chainId: CHAIN_ID,
        rpcUrl,
        outDir: path.join(scratch, `dist-${port}`),
        port,
        env,
      });
      servers.push(server);
      return url;
    };
    const direct = await measureRoundPage(await serveApp(APP_PORT, {}), seeded.round, /Scale benchmark project/);

    const indexingStarted = performance.now();
    const indexer = startServer("the indexer", [path.join("indexer", "start.ts")], {
      HYPHAE_INDEXER_CHAIN_ID: String(CHAIN_ID),
      HYPHAE_INDEXER_RPC_URL: rpcUrl,
      HYPHAE_INDEXER_PORT: String(INDEXER_PORT),
    });
    servers.push(indexer);
    await waitUntil(indexer, answersAt(`${indexerUrl}/ready`), 1_800_000);
    const head = Number(await client.getBlockNumber());
    for (;;) {
      const status = (await (await fetch(`${indexerUrl}/status`)).json()) as Record<
        string,
        { block?: { number: number } }
      >;
      if (Object.values(status).some((chain) => (chain.block?.number ?? 0) >= head)) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const indexingSeconds = (performance.now() - indexingStarted) / 1000;
    const apiStarted = performance.now();
    const apiResponse = await fetch(`${indexerUrl}/rounds/${seeded.round}`);
    const apiBody = await apiResponse.text();
    const apiMs = performance.now() - apiStarted;
    if (!apiResponse.ok) throw new Error(`the indexer answered ${apiResponse.status}: ${apiBody.slice(0, 200)}`);
    const viaIndexer = await measureRoundPage(
      await serveApp(INDEXED_APP_PORT, { HYPHAE_PUBLIC_INDEXER_URL: indexerUrl }),
      seeded.round,
      /Scale benchmark project/,
    );
    if (viaIndexer.indexerRequests === 0) throw new Error("the app built with the indexer never asked it");

    const figures = {
      date: new Date().toISOString().slice(0, 10),
      machine: "2 cores shared by the node, the indexer, the app server and Debian Chromium headless",
      pageTimings: `median of ${LOADS} cold loads, ms from the start of navigation, by the page's own clock`,
      round: { projects: PROJECTS, contributors: CONTRIBUTORS, donations: seeded.donations },
      seedSeconds: round1(seedSeconds),
      seedPhasesSeconds: seeded.seconds,
      directRead: {
        appShellMs: Math.round(direct.shellMs),
        roundPageInteractiveMs: Math.round(direct.interactiveMs),
        firstNameVerifiedMs: Math.round(direct.namedMs),
        rpcHttpRequests: direct.rpcHttpRequests,
        rpcCalls: direct.rpcCalls,
        documentRequests: direct.documentRequests,
        jsHeapMb: round1(direct.jsHeapMb),
      },
      indexer: {
        catchUpSeconds: round1(indexingSeconds),
        roundApiMs: Math.round(apiMs),
        roundApiKb: Math.round(apiBody.length / 1024),
        appShellMs: Math.round(viaIndexer.shellMs),
        roundPageInteractiveMs: Math.round(viaIndexer.interactiveMs),
        firstNameVerifiedMs: Math.round(viaIndexer.namedMs),
        indexerRequests: viaIndexer.indexerRequests,
        rpcHttpRequests: viaIndexer.rpcHttpRequests,
        rpcCalls: viaIndexer.rpcCalls,
        documentRequests: viaIndexer.documentRequests,
        jsHeapMb: round1(viaIndexer.jsHeapMb),
      },
      readAllDonationEventsMs: Math.round(readEventsMs),
      clrAllDonationsMs: round1(clrMs),
      matchPreviewPerKeystrokeMs: Math.round(previewMs * 1000) / 1000,
      targets: { roundPageDirectMs: 10_000, roundPageIndexerMs: 2_000, clrMs: 200, previewMs: 5 },
    };
    writeFileSync(OUTPUT, `${JSON.stringify(figures, null, 2)}\n`);
    const rows: [string, string, string][] = [
      ["seed the round (batched)", `${figures.seedSeconds} s`, "minutes"],
      ["round page interactive, cold, direct reads", `${figures.directRead.roundPageInteractiveMs} ms`, "≤ 10,000 ms"],
      [
        "  app shell (no data yet) / first name verified",
        `${figures.directRead.appShellMs} / ${figures.directRead.firstNameVerifiedMs} ms`,
        "",
      ],
      ["  JSON-RPC: HTTP requests / calls", `${direct.rpcHttpRequests} / ${direct.rpcCalls}`, ""],
      ["  documents fetched", `${direct.documentRequests}`, ""],
      ["  JavaScript heap", `${figures.directRead.jsHeapMb} MB`, ""],
      ["indexer: catch up from the first block", `${figures.indexer.catchUpSeconds} s`, ""],
      ["indexer: GET /rounds/<round>", `${figures.indexer.roundApiMs} ms (${figures.indexer.roundApiKb} kB)`, ""],
      [
        "round page interactive, cold, through the indexer",
        `${figures.indexer.roundPageInteractiveMs} ms`,
        "≤ 2,000 ms",
      ],
      [
        "  app shell (no data yet) / first name verified",
        `${figures.indexer.appShellMs} / ${figures.indexer.firstNameVerifiedMs} ms`,
        "",
      ],
      ["  indexer requests / JSON-RPC calls", `${viaIndexer.indexerRequests} / ${viaIndexer.rpcCalls}`, ""],
      ["  JavaScript heap", `${figures.indexer.jsHeapMb} MB`, ""],
      ["read all donation events (direct)", `${figures.readAllDonationEventsMs} ms`, ""],
      ["CLR over all donations (TypeScript)", `${figures.clrAllDonationsMs} ms`, "≤ 200 ms"],
      ["match preview per keystroke", `${figures.matchPreviewPerKeystrokeMs} ms`, "≤ 5 ms"],
    ];
    console.log(
      `\n| measure | figure | target |\n| --- | ---: | ---: |\n${rows.map((row) => `| ${row.join(" | ")} |`).join("\n")}`,
    );
    console.log(`\nwritten to ${path.relative(root, OUTPUT)}`);
    if (process.env.HYPHAE_SCALE_KEEP === "1") {
      // To look into the seeded round by hand (or measure a changed app against it) without seeding again.
      console.log(`kept running until interrupted: node ${rpcUrl}, indexer ${indexerUrl}, round ${seeded.round}`);
      await new Promise((resolve) => process.once("SIGINT", resolve));
    }
  } finally {
    for (const server of servers.reverse()) await stopServer(server);
    restoreGenerated();
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
