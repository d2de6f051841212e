/**
 * What the indexer's test reads: a Hardhat node of its own (port 8745), a fresh Ignition deployment seeded by
 * test/indexer/seed.ts, and the indexer (indexer/start.ts, port 42169) started against it the way a person
 * would, waited for until it has indexed the seed's last block. Every process is stopped by its PID.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import {
  answersAt,
  HARDHAT_CLI,
  root,
  runNode,
  type Started,
  startHardhatNode,
  startServer,
  stopServer,
  waitUntil,
} from "../support/processes.ts";

const RPC_PORT = process.env.HYPHAE_INDEXER_TEST_RPC_PORT ?? "8745";
const INDEXER_PORT = process.env.HYPHAE_INDEXER_TEST_PORT ?? "42169";
const DEPLOYMENT = "indexer-test";
const WORK_DIR = path.join(root, ".hyphae", "indexer-test");
const SEED_OUTPUT = path.join(WORK_DIR, "seed.json");
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

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const rpcUrl = `http://127.0.0.1:${RPC_PORT}`;
  const indexerUrl = `http://127.0.0.1:${INDEXER_PORT}`;
  // The ABIs of the build, for the seed and for the indexer.
  await runNode([HARDHAT_CLI, "build", "--quiet"]);
  await runNode([path.join(root, "indexer", "generate-abis.ts")]);

  const running: Started[] = [];
  const teardown = async () => {
    for (const started of running.reverse()) await stopServer(started);
  };
  try {
    running.push(await startHardhatNode(Number(RPC_PORT)));
    // A new chain: the deployment and the indexer's database of an earlier run belong to another one.
    rmSync(path.join(root, "ignition", "deployments", DEPLOYMENT), { recursive: true, force: true });
    rmSync(WORK_DIR, { recursive: true, force: true });
    await runNode([HARDHAT_CLI, "run", "--network", "localhost", path.join("test", "indexer", "seed.ts")], {
      HYPHAE_RPC_URL: rpcUrl,
      HYPHAE_INDEXER_DEPLOYMENT: DEPLOYMENT,
      HYPHAE_INDEXER_SEED_OUTPUT: SEED_OUTPUT,
    });
    const seed = JSON.parse(readFileSync(SEED_OUTPUT, "utf8")) as SeedSummary;

    const startedAt = performance.now();
    const indexer = startServer("the indexer", [path.join(root, "indexer", "start.ts")], {
      HYPHAE_INDEXER_CHAIN_ID: "31337",
      HYPHAE_INDEXER_RPC_URL: rpcUrl,
      HYPHAE_INDEXER_DEPLOYMENT: DEPLOYMENT,
      HYPHAE_INDEXER_PORT: INDEXER_PORT,
      HYPHAE_INDEXER_DATABASE_DIR: path.join(WORK_DIR, "pglite"),
    });
    running.push(indexer);
    // Ready (history indexed), then at the seed's last block: Ponder indexes the chain's most recent blocks
    // live, after it reports ready.
    await waitUntil(
      indexer,
      async () => {
        if (!(await answersAt(`${indexerUrl}/ready`)())) return false;
        const status = (await (await fetch(`${indexerUrl}/status`)).json()) as Record<
          string,
          { block: { number: number } } | undefined
        >;
        return (status.hyphae?.block.number ?? 0) >= seed.lastBlock;
      },
      READY_TIMEOUT_MS,
    );
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
