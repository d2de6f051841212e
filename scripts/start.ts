/**
 * `npm start`: a local Hyphae network for development and demos. Starts a Hardhat node on 127.0.0.1:8545,
 * deploys the contracts with Ignition, seeds a demo (scripts/seed.ts), builds the app against that deployment
 * and serves it on http://127.0.0.1:5173, prints what it created, and keeps everything running until Ctrl-C or
 * SIGTERM, when it stops what it started.
 *
 * HYPHAE_RPC_PORT and HYPHAE_APP_PORT choose other ports. The node's output goes to .hardhat-node.log.
 *
 * Node runs this file directly by stripping its types, so it uses erasable TypeScript only (no enums,
 * namespaces or parameter properties) and imports nothing from the project itself.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_PORT = 8545;
const DEFAULT_APP_PORT = 5173;
const LOCAL_CHAIN_ID = "0x7a69"; // 31337, the chain id of a Hardhat node
const NODE_LOG = path.join(root, ".hardhat-node.log");
const IGNITION_JOURNAL = path.join(root, "ignition", "deployments", "chain-31337");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/** A step that failed, with the output of the command that failed, if any. */
class StartError extends Error {
  output: string;
  constructor(message: string, output = "") {
    super(message);
    this.output = output;
  }
}

const port = parsePort("HYPHAE_RPC_PORT", DEFAULT_PORT);
const appPort = parsePort("HYPHAE_APP_PORT", DEFAULT_APP_PORT);
const rpcUrl = `http://127.0.0.1:${port}`;
const appUrl = `http://127.0.0.1:${appPort}`;
const children = new Set<ChildProcess>();
let stopping = false;

function parsePort(variable: string, fallback: number): number {
  const value = process.env[variable];
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 65_535) {
    console.error(`${variable} must be a port number between 1 and 65535, not "${value}"`);
    process.exit(1);
  }
  return parsed;
}

/** The Hardhat CLI of this project, run with the Node that runs this script (Hardhat 3 needs Node 22+). */
function hardhatCli(): string {
  const manifest = path.join(root, "node_modules", "hardhat", "package.json");
  if (!existsSync(manifest)) throw new StartError("Hardhat is not installed: run `npm ci` first");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: string | Record<string, string> };
  const cli = typeof bin === "string" ? bin : bin.hardhat;
  if (cli === undefined) throw new StartError("node_modules/hardhat/package.json names no `hardhat` binary");
  return path.join(path.dirname(manifest), cli);
}

/** Whether nothing listens on 127.0.0.1:`port` (binding fails too if something listens on all interfaces). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") resolve(false);
      else reject(new StartError(`cannot check port ${port}: ${error.message}`));
    });
    server.once("listening", () =>
      server.close(() => {
        resolve(true);
      }),
    );
    server.listen({ host: "127.0.0.1", port, exclusive: true });
  });
}

/** The Vite CLI of this project. */
function viteCli(): string {
  const cli = path.join(root, "node_modules", "vite", "bin", "vite.js");
  if (!existsSync(cli)) throw new StartError("Vite is not installed: run `npm ci` first");
  return cli;
}

/** Runs `node <cli> ...args` (or `node ...args` when `cli` is empty) as a child this script stops. */
function spawnChild(args: string[], stdio: "pipe" | "ignore" | number, cli = hardhatCli()): ChildProcess {
  const child = spawn(process.execPath, cli === "" ? args : [cli, ...args], {
    cwd: root,
    // The seed and the deployment of a custom port read the node's URL from here.
    env: {
      ...process.env,
      HYPHAE_RPC_URL: rpcUrl,
      HYPHAE_APP_PORT: String(appPort),
      HYPHAE_PUBLIC_LOCAL_RPC_URL: rpcUrl,
      // The demo app is built for the local chain only, whatever other deployments this checkout holds.
      HYPHAE_CHAINS: "31337",
      // Built as it ships, even when a test runner (NODE_ENV=test) starts this script.
      NODE_ENV: "production",
    },
    stdio: ["ignore", stdio, stdio],
    // Its own process group: a Ctrl-C in the terminal reaches only this script, which then stops the children.
    detached: true,
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

function startNode(): ChildProcess {
  const log = openSync(NODE_LOG, "w");
  try {
    return spawnChild(["--network", "demo", "node", "--hostname", "127.0.0.1", "--port", String(port)], log);
  } finally {
    closeSync(log); // the child has its own copy
  }
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Waits until the node answers eth_chainId over JSON-RPC. */
async function waitForRpc(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) {
      throw new StartError(`the Hardhat node exited (code ${child.exitCode ?? child.signalCode}) before it answered`);
    }
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
        signal: AbortSignal.timeout(2_000),
      });
      const { result } = (await response.json()) as { result?: unknown };
      if (result === LOCAL_CHAIN_ID) return;
      throw new StartError(`the node at ${rpcUrl} answered chain id ${String(result)}, not 31337`);
    } catch (error) {
      if (error instanceof StartError) throw error;
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new StartError(`the Hardhat node did not answer on ${rpcUrl} within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Runs a Hardhat task (or another CLI) to completion; `echo` shows its output as it comes, otherwise only when it fails. */
function runHardhat(args: string[], echo: boolean, cli?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(args, "pipe", cli);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stdout.write(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stderr.write(chunk);
    });
    child.once("error", (error) => {
      reject(new StartError(`cannot run \`hardhat ${args.join(" ")}\`: ${error.message}`));
    });
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else {
        const status = signal === null ? `exit code ${code}` : `signal ${signal}`;
        reject(new StartError(`\`hardhat ${args.join(" ")}\` failed (${status})`, echo ? "" : output));
      }
    });
  });
}

function logTail(lines: number): string {
  if (!existsSync(NODE_LOG)) return "(no node log)";
  // The node colours the names of the methods it logs, even into a file.
  const text = stripVTControlCharacters(readFileSync(NODE_LOG, "utf8"));
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** Stops every child (SIGTERM, then SIGKILL after a timeout) and waits for them to exit. */
async function stopChildren(): Promise<void> {
  const running = [...children].filter((child) => !exited(child));
  await Promise.all(
    running.map(async (child) => {
      const exit = new Promise<void>((resolve) =>
        child.once("exit", () => {
          resolve();
        }),
      );
      child.kill("SIGTERM");
      const stopped = await Promise.race([exit.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
      if (!stopped) {
        child.kill("SIGKILL");
        await exit;
      }
    }),
  );
}

async function shutdown(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping the app and the local chain…`);
  await stopChildren();
  console.log("stopped.");
  process.exit(0);
}

async function fail(error: unknown): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof StartError && error.output.trim() !== "") {
    console.error(`\n--- output ---\n${error.output.trimEnd()}`);
  }
  if (!(error instanceof StartError)) console.error(error);
  console.error(`\n--- last lines of ${path.relative(root, NODE_LOG)} ---\n${logTail(30)}\n`);
  await stopChildren();
  process.exit(1);
}

// If the terminal or pipe that shows the output goes away, keep going so the node is still stopped.
process.stdout.on("error", () => undefined);
process.stderr.on("error", () => undefined);
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGHUP", () => void shutdown("SIGHUP"));
// npm does not pass a SIGTERM or SIGINT sent to it alone on to its script (a Ctrl-C in a terminal reaches the
// whole process group, so that case is covered above): when it exits, this script is re-parented; stop then.
const parentPid = process.ppid;
setInterval(() => {
  if (process.ppid !== parentPid) void shutdown("parent process exited");
}, 1_000).unref();
// Last resort if this script dies of an error: never leave a node holding the port.
process.on("exit", () => {
  for (const child of children) if (!exited(child)) child.kill("SIGKILL");
});

/** Waits until the app server answers its index page. */
async function waitForApp(child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) throw new StartError(`the app server exited (code ${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(appUrl, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new StartError(`the app server did not answer on ${appUrl} within ${READY_TIMEOUT_MS / 1000} s`);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  for (const [taken, variable] of [
    [port, "HYPHAE_RPC_PORT"],
    [appPort, "HYPHAE_APP_PORT"],
  ] as const) {
    if (!(await portIsFree(taken))) {
      console.error(
        `port ${taken} is in use — is Hyphae (or another server) already running? stop it or set ${variable}`,
      );
      process.exit(1);
    }
  }

  console.log(`starting local chain… (${rpcUrl}, log in ${path.relative(root, NODE_LOG)})`);
  const chain = startNode();
  chain.once("exit", (code, signal) => {
    if (!stopping)
      void fail(new StartError(`the Hardhat node stopped unexpectedly (${signal ?? `exit code ${code}`})`));
  });
  await waitForRpc(chain);

  console.log("deploying contracts… (the first run compiles them)");
  // The node starts empty every time, so an Ignition journal from an earlier run describes contracts that
  // no longer exist.
  rmSync(IGNITION_JOURNAL, { recursive: true, force: true });
  if (port === DEFAULT_PORT) {
    // The default build profile, which `npm test` uses too: Ignition would build with the `production` profile,
    // which has the same settings in hardhat.config.ts, but switching profiles recompiles everything (~20 s).
    await runHardhat(
      ["--build-profile", "default", "ignition", "deploy", "ignition/modules/Hyphae.ts", "--network", "localhost"],
      false,
    );
  } else {
    // The `localhost` network of hardhat.config.ts is fixed to port 8545 and the Ignition CLI cannot override
    // a URL: this script deploys the same module with Ignition through a connection to the custom port.
    await runHardhat(["run", "--network", "localhost", "scripts/deploy-localhost.ts"], false);
  }

  console.log("seeding demo…");
  await runHardhat(["run", "--no-compile", "--network", "localhost", "scripts/seed.ts"], true);

  console.log("building the app…");
  await runHardhat([path.join("scripts", "generate-app-contracts.ts")], false, "");
  await runHardhat(["build", "--config", path.join("app", "vite.config.ts"), "--logLevel", "warn"], false, viteCli());

  console.log("serving the app…");
  const app = spawnChild(["preview", "--config", path.join("app", "vite.config.ts")], "ignore", viteCli());
  app.once("exit", (code, signal) => {
    if (!stopping) void fail(new StartError(`the app server stopped unexpectedly (${signal ?? `exit code ${code}`})`));
  });
  await waitForApp(app);

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`
Hyphae is running (ready in ${seconds} s)
  open       http://localhost:${appPort}   and choose "Connect wallet" → "Local demo accounts"
  JSON-RPC   ${rpcUrl}   chain id 31337
  addresses  deployments/localhost.json
  node log   ${path.relative(root, NODE_LOG)}   (also lists the test accounts' private keys)
Press Ctrl-C to stop the app and the local chain.`);
}

main().catch(fail);
