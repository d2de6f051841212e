/**
 * `npm run indexer`: starts Ponder (`ponder start`) on the chain and deployment the environment names
 * (indexer/settings.ts), after checking that the RPC answers with that chain and that the deployment is there,
 * and stops it on Ctrl-C or SIGTERM.
 *
 * Ponder keeps what it indexed, and caches RPC results, in a PGlite database. A local chain is new on every
 * `npm start` while keeping its chain id and addresses, so the database is named after the chain's genesis
 * block: a new chain gets a new database, and a restart on the same chain resumes where it stopped.
 *
 * Node runs this file directly by stripping its types: erasable TypeScript only.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readDeployment } from "./deployment.ts";
import { indexerSettings, repositoryRoot } from "./settings.ts";

const PONDER_CLI = path.join(repositoryRoot, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js");

/**
 * The database schema of this version of the indexer. `ponder start` refuses a schema that another build of the
 * app wrote ("previously used by a different Ponder app"), so a changed indexer gets a schema of its own in the
 * same database, named after everything its build depends on: its sources, the CLR module, the ABIs and Ponder's
 * version. Hashing more than Ponder does costs at worst a needless re-index, never a refusal; Ponder's cache of
 * RPC results lives outside the schema and is kept.
 */
function schemaName(): string {
  const hash = createHash("sha256");
  const indexer = path.join(repositoryRoot, "indexer");
  const files = readdirSync(indexer, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.startsWith(".ponder"))
    .map((file) => path.join(indexer, file))
    .concat(
      path.join(repositoryRoot, "lib", "quadratic-funding.ts"),
      path.join(repositoryRoot, "node_modules", "ponder", "package.json"),
    )
    .sort();
  for (const file of files) hash.update(path.relative(repositoryRoot, file)).update(readFileSync(file));
  return `hyphae_${hash.digest("hex").slice(0, 12)}`;
}

async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
  } catch (error) {
    throw new Error(
      `no JSON-RPC endpoint answers at ${url} (${String(error)}): start the chain or set HYPHAE_INDEXER_RPC_URL`,
    );
  }
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method} at ${url}: ${body.error.message}`);
  return body.result;
}

async function main(): Promise<number> {
  const settings = indexerSettings();
  const deployment = readDeployment(settings.deployment);
  const chainId = Number(await rpc(settings.rpcUrl, "eth_chainId", []));
  if (chainId !== settings.chainId) {
    throw new Error(
      `${settings.rpcUrl} serves chain ${chainId}, not ${settings.chainId}: set HYPHAE_INDEXER_CHAIN_ID or HYPHAE_INDEXER_RPC_URL`,
    );
  }
  const code = await rpc(settings.rpcUrl, "eth_getCode", [deployment.roundFactory, "latest"]);
  if (code === "0x") {
    throw new Error(
      `no RoundFactory at ${deployment.roundFactory} on ${settings.rpcUrl}: the deployment in ` +
        `ignition/deployments/${settings.deployment} belongs to another chain`,
    );
  }
  const genesis = (await rpc(settings.rpcUrl, "eth_getBlockByNumber", ["0x0", false])) as { hash: string };
  const databaseDirectory =
    settings.databaseDirectory ??
    path.join(repositoryRoot, ".hyphae", "indexer", `${settings.deployment}-${genesis.hash.slice(2, 14)}`);

  const schema = process.env.DATABASE_SCHEMA ?? schemaName();
  console.log(
    `Indexing chain ${chainId} (${settings.rpcUrl}) from block ${deployment.fromBlock}: RoundFactory ` +
      `${deployment.roundFactory}; database ${path.relative(repositoryRoot, databaseDirectory)} (schema ${schema}); ` +
      `API on http://${settings.hostname}:${settings.port}`,
  );
  const child = spawn(
    process.execPath,
    [
      PONDER_CLI,
      "start",
      "--root",
      path.join(repositoryRoot, "indexer"),
      "--port",
      String(settings.port),
      "--hostname",
      settings.hostname,
      // `ponder start` needs a database schema, even in PGlite.
      ...(process.argv.includes("--schema") ? [] : ["--schema", schema]),
      ...process.argv.slice(2),
    ],
    {
      cwd: repositoryRoot,
      env: { ...process.env, HYPHAE_INDEXER_DATABASE_DIR: databaseDirectory },
      stdio: "inherit",
    },
  );
  // Ponder shuts down cleanly (flushing its database) on SIGINT and SIGTERM: pass them on and wait for it.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  return new Promise((resolve) => {
    child.once("exit", (exitCode, signal) => {
      resolve(exitCode ?? (signal === null ? 1 : 0));
    });
  });
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
