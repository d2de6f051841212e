/**
 * `npm run bench:scale`: Hyphae with a round the size of the largest Gitcoin rounds — 1,000 approved projects and
 * 100,000 donations from 20,000 contributors — on a local node, measured with the app's real data layer:
 *
 * - seeding time (scripts/scale/seedLargeRound.ts: the contracts' own entry points, sent in JSON-RPC batches);
 * - the round page in Chromium from a cold start (no cache) reading the chain directly: time until the project
 *   list is shown with verified profiles, the JSON-RPC requests (HTTP requests and calls inside them), documents
 *   fetched, and the page's JavaScript heap;
 * - reading all 100,000 `Donated` events, and the TypeScript CLR over them (lib/quadratic-funding.ts), which must
 *   equal the round's on-chain Σ ideal to the wei;
 * - a match preview as a donor types (`previewDonations` for one cart line).
 *
 * Prints a table against the targets of issue 6 and writes benchmarks/scale.json. Sizes can be lowered for a quick
 * look: HYPHAE_SCALE_PROJECTS, HYPHAE_SCALE_CONTRIBUTORS (5 gifts each). Ports: HYPHAE_SCALE_RPC_PORT (8945),
 * HYPHAE_SCALE_APP_PORT (5373).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
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
import { JsonRpc } from "./scale/rpc.js";
import { seedLargeRound } from "./scale/seedLargeRound.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
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
const hardhat = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");
const vite = path.join(root, "node_modules", "vite", "bin", "vite.js");
// The well-known key of a Hardhat node's first account: the benchmark chain's deployer.
const DEPLOYER_PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

const run = promisify(execFile);
const children: ChildProcess[] = [];

function start(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: "ignore",
    detached: true,
  });
  children.push(child);
  return child;
}

function stopAll(): void {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  }
}

async function waitFor(url: string, child: ChildProcess, init: RequestInit = {}, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server for ${url} exited (is the port taken?)`);
    try {
      if ((await fetch(url, init)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`nothing answered at ${url}`);
}

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
  interactiveMs: number;
  rpcHttpRequests: number;
  rpcCalls: number;
  indexerRequests: number;
  documentRequests: number;
  jsHeapMb: number;
}

/** Opens the round page in a fresh browser context (nothing cached) and measures it until the list is shown. */
async function measureRoundPage(app: string, round: Address, expectedFirst: RegExp): Promise<PageFigures> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
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
    await page.goto(`${app}/rounds/${round}`);
    // Interactive: the projects are listed with their verified names and estimates, and the search box works.
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
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
    const interactiveMs = performance.now() - started;
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const { metrics } = await cdp.send("Performance.getMetrics");
    const heap = metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0;
    return { interactiveMs, ...figures, jsHeapMb: heap / 1024 / 1024 };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const generatedBefore = readFileSync(GENERATED, "utf8");
  const scratch = mkdtempSync(path.join(tmpdir(), "hyphae-scale-"));
  try {
    console.log(
      `scale benchmark: ${PROJECTS} projects, ${CONTRIBUTORS * GIFTS} donations from ${CONTRIBUTORS} contributors`,
    );
    rmSync(RECORD, { recursive: true, force: true });
    const node = start([hardhat, "node", "--network", "scale", "--hostname", "127.0.0.1", "--port", String(RPC_PORT)]);
    await waitFor(rpcUrl, node, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}',
    });
    await run(
      process.execPath,
      [
        hardhat,
        "--build-profile",
        "default",
        "ignition",
        "deploy",
        "ignition/modules/Hyphae.ts",
        "--network",
        "custom",
      ],
      {
        cwd: root,
        env: { ...process.env, CUSTOM_RPC_URL: rpcUrl, DEPLOYER_PRIVATE_KEY, HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1" },
      },
    );
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
    const client = createPublicClient({ transport: http(rpcUrl) });
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
      const buildEnv = {
        ...process.env,
        ...env,
        HYPHAE_CHAINS: String(CHAIN_ID),
        [`HYPHAE_PUBLIC_RPC_URL_${CHAIN_ID}`]: rpcUrl,
      };
      await run(process.execPath, [path.join("scripts", "generate-app-contracts.ts")], { cwd: root, env: buildEnv });
      const outDir = path.join(scratch, `dist-${port}`);
      await run(
        process.execPath,
        [vite, "build", "--config", "app/vite.config.ts", "--outDir", outDir, "--logLevel", "warn"],
        { cwd: root, env: buildEnv },
      );
      const preview = start([vite, "preview", "--config", "app/vite.config.ts", "--outDir", outDir], {
        HYPHAE_APP_PORT: String(port),
      });
      const url = `http://127.0.0.1:${port}`;
      await waitFor(url, preview);
      return url;
    };
    const direct = await measureRoundPage(await serveApp(APP_PORT, {}), seeded.round, /Scale benchmark project/);

    const indexingStarted = performance.now();
    const indexer = start([path.join("indexer", "start.ts")], {
      HYPHAE_INDEXER_CHAIN_ID: String(CHAIN_ID),
      HYPHAE_INDEXER_RPC_URL: rpcUrl,
      HYPHAE_INDEXER_PORT: String(INDEXER_PORT),
    });
    await waitFor(`${indexerUrl}/ready`, indexer, {}, 1_800_000);
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
      machine: "2 cores, local Hardhat node (EDR), Debian Chromium headless",
      round: { projects: PROJECTS, contributors: CONTRIBUTORS, donations: seeded.donations },
      seedSeconds: round1(seedSeconds),
      seedPhasesSeconds: seeded.seconds,
      directRead: {
        roundPageInteractiveMs: Math.round(direct.interactiveMs),
        rpcHttpRequests: direct.rpcHttpRequests,
        rpcCalls: direct.rpcCalls,
        documentRequests: direct.documentRequests,
        jsHeapMb: round1(direct.jsHeapMb),
      },
      indexer: {
        catchUpSeconds: round1(indexingSeconds),
        roundApiMs: Math.round(apiMs),
        roundApiKb: Math.round(apiBody.length / 1024),
        roundPageInteractiveMs: Math.round(viaIndexer.interactiveMs),
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
  } finally {
    stopAll();
    const temporary = `${GENERATED}.restore.tmp`;
    writeFileSync(temporary, generatedBefore);
    renameSync(temporary, GENERATED);
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
