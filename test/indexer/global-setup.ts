/**
 * What the indexer's test reads: a Hardhat node of its own (port 8745), a fresh Ignition deployment seeded by
 * test/indexer/seed.ts, and the indexer (indexer/start.ts, port 42169) started against it the way a person
 * would, waited for until it has indexed the seed's last block. Every process is stopped by its PID.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { TestProject } from "vitest/node";

const root = path.resolve(import.meta.dirname, "..", "..");
const RPC_PORT = process.env.HYPHAE_INDEXER_TEST_RPC_PORT ?? "8745";
const INDEXER_PORT = process.env.HYPHAE_INDEXER_TEST_PORT ?? "42169";
const DEPLOYMENT = "indexer-test";
const WORK_DIR = path.join(root, ".hyphae", "indexer-test");
const SEED_OUTPUT = path.join(WORK_DIR, "seed.json");
const HARDHAT_CLI = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");
const READY_TIMEOUT_MS = 180_000;

/** What the seed created, as test/indexer/seed.ts writes it. */
export interface SeedSummary {
  deployment: { roundFactory: `0x${string}`; projectRegistry: `0x${string}` };
  rounds: { open: `0x${string}`; capped: `0x${string}`; cancelled: `0x${string}` };
  contributors: `0x${string}`[];
  lastBlock: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    indexerRpcUrl: string;
    indexerUrl: string;
    indexerSeed: SeedSummary;
    /** Seconds from starting the indexer to its having indexed the seed's last block. */
    indexerCatchUpSeconds: number;
  }
}

interface Started {
  child: ChildProcess;
  output: { text: string };
}

/** Starts `node …args` in its own process group, so stopping it stops what it started too. */
function start(args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = { text: "" };
  const append = (chunk: Buffer) => {
    // Keep the tail only: a failure shows what happened last, and a long run does not hold its whole log.
    output.text = (output.text + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  return { child, output };
}

/** Runs `node …args` to completion, failing with its output. */
async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  const { child, output } = start(args, env);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited with ${code}:\n${output.text}`);
}

async function stop({ child }: Started): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      resolve();
    });
  });
  process.kill(-child.pid, "SIGTERM");
  // A timer left running would keep Vitest from exiting: cancel it once the process is gone.
  const timer = new AbortController();
  const stopped = await Promise.race([
    exited.then(() => true),
    sleep(15_000, false, { signal: timer.signal }).catch(() => false),
  ]);
  timer.abort();
  if (!stopped) process.kill(-child.pid, "SIGKILL");
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** Polls `check` until it returns true, failing with the process's output if it exits or time runs out. */
async function waitFor(what: string, started: Started, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited:\n${started.output.text}`);
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${what} was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${started.output.text}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const rpcUrl = `http://127.0.0.1:${RPC_PORT}`;
  const indexerUrl = `http://127.0.0.1:${INDEXER_PORT}`;
  // The ABIs of the build, for the seed and for the indexer.
  await run([HARDHAT_CLI, "build", "--quiet"]);
  await run([path.join(root, "indexer", "generate-abis.ts")]);

  const running: Started[] = [];
  const teardown = async () => {
    for (const started of running.reverse()) await stop(started);
  };
  try {
    const node = start([HARDHAT_CLI, "node", "--hostname", "127.0.0.1", "--port", RPC_PORT]);
    running.push(node);
    await waitFor("the Hardhat node", node, async () => {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      return response.ok;
    });
    // A new chain: the deployment and the indexer's database of an earlier run belong to another one.
    rmSync(path.join(root, "ignition", "deployments", DEPLOYMENT), { recursive: true, force: true });
    rmSync(WORK_DIR, { recursive: true, force: true });
    await run([HARDHAT_CLI, "run", "--network", "localhost", path.join("test", "indexer", "seed.ts")], {
      HYPHAE_RPC_URL: rpcUrl,
      HYPHAE_INDEXER_DEPLOYMENT: DEPLOYMENT,
      HYPHAE_INDEXER_SEED_OUTPUT: SEED_OUTPUT,
    });
    const seed = JSON.parse(readFileSync(SEED_OUTPUT, "utf8")) as SeedSummary;

    const startedAt = performance.now();
    const indexer = start([path.join(root, "indexer", "start.ts")], {
      HYPHAE_INDEXER_CHAIN_ID: "31337",
      HYPHAE_INDEXER_RPC_URL: rpcUrl,
      HYPHAE_INDEXER_DEPLOYMENT: DEPLOYMENT,
      HYPHAE_INDEXER_PORT: INDEXER_PORT,
      HYPHAE_INDEXER_DATABASE_DIR: path.join(WORK_DIR, "pglite"),
    });
    running.push(indexer);
    // Ready (history indexed), then at the seed's last block: Ponder indexes the chain's most recent blocks
    // live, after it reports ready.
    await waitFor("the indexer", indexer, async () => {
      if ((await fetch(`${indexerUrl}/ready`)).status !== 200) return false;
      const status = (await (await fetch(`${indexerUrl}/status`)).json()) as Record<
        string,
        { block: { number: number } } | undefined
      >;
      return (status.hyphae?.block.number ?? 0) >= seed.lastBlock;
    });
    const catchUpSeconds = (performance.now() - startedAt) / 1000;

    project.provide("indexerRpcUrl", rpcUrl);
    project.provide("indexerUrl", indexerUrl);
    project.provide("indexerSeed", seed);
    project.provide("indexerCatchUpSeconds", catchUpSeconds);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
