/**
 * Where the indexer reads from and serves, from the environment, with the local chain of `npm start` as the
 * default. Read by the launcher (indexer/start.ts) and by ponder.config.ts, so both agree on every value.
 *
 * Node runs this file directly through the launcher by stripping its types: erasable TypeScript only.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The chain id of a Hardhat node, whose chain is new on every `npm start`. */
export const LOCAL_CHAIN_ID = 31337;
const DEFAULT_RPC_URL = "http://127.0.0.1:8545";
/** Ponder's own default port; tests and parallel checkouts choose another with HYPHAE_INDEXER_PORT. */
const DEFAULT_PORT = 42069;
const DEFAULT_HOSTNAME = "127.0.0.1";

/** The repository's root: the indexer reads the Hardhat build and the Ignition deployments there. */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface IndexerSettings {
  /** HYPHAE_INDEXER_CHAIN_ID: the chain to index. */
  chainId: number;
  /** HYPHAE_INDEXER_RPC_URL: its JSON-RPC endpoint (HTTP). */
  rpcUrl: string;
  /**
   * HYPHAE_INDEXER_DEPLOYMENT: the folder of ignition/deployments/ whose addresses and first block are indexed;
   * `chain-<chainId>` by default, as `hardhat ignition deploy` names it.
   */
  deployment: string;
  /** HYPHAE_INDEXER_PORT: where the HTTP API listens. */
  port: number;
  /** HYPHAE_INDEXER_HOST: the interface it listens on; loopback unless told otherwise. */
  hostname: string;
  /**
   * HYPHAE_INDEXER_DATABASE_DIR: the PGlite data directory, under .hyphae/ (see indexer/start.ts for the
   * default, which depends on the chain's genesis block).
   */
  databaseDirectory: string | undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > max) {
    throw new Error(`${name} must be a whole number between 1 and ${max}, not "${value}"`);
  }
  return parsed;
}

export function indexerSettings(env: NodeJS.ProcessEnv = process.env): IndexerSettings {
  const chainId = integer(env, "HYPHAE_INDEXER_CHAIN_ID", LOCAL_CHAIN_ID, Number.MAX_SAFE_INTEGER);
  const rpcUrl = env.HYPHAE_INDEXER_RPC_URL ?? DEFAULT_RPC_URL;
  if (!/^https?:\/\//.test(rpcUrl)) throw new Error(`HYPHAE_INDEXER_RPC_URL must be an http(s) URL, not "${rpcUrl}"`);
  const deployment = env.HYPHAE_INDEXER_DEPLOYMENT ?? `chain-${chainId}`;
  if (!/^[\w.-]+$/.test(deployment)) {
    throw new Error(`HYPHAE_INDEXER_DEPLOYMENT must name a folder of ignition/deployments/, not "${deployment}"`);
  }
  const databaseDirectory = env.HYPHAE_INDEXER_DATABASE_DIR;
  return {
    chainId,
    rpcUrl,
    deployment,
    port: integer(env, "HYPHAE_INDEXER_PORT", DEFAULT_PORT, 65_535),
    hostname: env.HYPHAE_INDEXER_HOST ?? DEFAULT_HOSTNAME,
    databaseDirectory:
      databaseDirectory === undefined || databaseDirectory === ""
        ? undefined
        : path.resolve(repositoryRoot, databaseDirectory),
  };
}
