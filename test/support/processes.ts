/**
 * The servers and commands the slow tests and the scale benchmark run: a Hardhat node, Ignition with the
 * rehearsal's variables, the app built for one chain and served as in production, the indexer. Each server runs in
 * a process group of its own, so stopping it by its PID stops what it started too.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";

export const root = path.resolve(import.meta.dirname, "..", "..");
export const HARDHAT_CLI = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");
export const VITE_CLI = path.join(root, "node_modules", "vite", "bin", "vite.js");
/** The well-known key of a Hardhat node's first account: it holds only test ether. */
export const LOCAL_DEPLOYER_PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

/** A server started by `startServer`, with the tail of what it printed (to explain a failure). */
export interface Started {
  what: string;
  child: ChildProcess;
  output: { text: string };
}

/** Starts `node …args` in its own process group, keeping the last 20 kB of its output. */
export function startServer(what: string, args: string[], env: NodeJS.ProcessEnv = {}): Started {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const output = { text: "" };
  const append = (chunk: Buffer) => {
    // The tail only: a failure shows what happened last, and a long run does not hold its whole log.
    output.text = (output.text + chunk.toString()).slice(-20_000);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  return { what, child, output };
}

/** Stops a server and everything it started; SIGKILL if it has not exited 15 s after SIGTERM. */
export async function stopServer(started: Started | undefined): Promise<void> {
  if (started === undefined) return;
  const { child } = started;
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => {
      child.once("exit", () => {
        resolve();
      });
    });
    process.kill(-child.pid, "SIGTERM");
    // A timer left running would keep the test runner from exiting: cancel it once the process is gone.
    const timer = new AbortController();
    const stopped = await Promise.race([
      exited.then(() => true),
      sleep(15_000, false, { signal: timer.signal }).catch(() => false),
    ]);
    timer.abort();
    if (!stopped) process.kill(-child.pid, "SIGKILL");
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** Polls `check` until it holds, failing with the server's output if the server exits or time runs out. */
export async function waitUntil(started: Started, check: () => Promise<boolean>, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) {
      throw new Error(`${started.what} exited (is its port taken?):\n${started.output.text}`);
    }
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`${started.what} was not ready within ${timeoutMs / 1000} s:\n${started.output.text}`);
}

/** True once `url` answers 2xx. */
export const answersAt = (url: string) => async (): Promise<boolean> => (await fetch(url)).ok;

/** True once a JSON-RPC node at `url` answers `eth_chainId`. */
export const nodeAnswersAt = (url: string) => async (): Promise<boolean> =>
  (
    await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}',
    })
  ).ok;

const execNode = promisify(execFile);

/** Runs `node …args` to completion and returns what it printed; a failure carries its output. */
export async function runNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    const { stdout } = await execNode(process.execPath, args, {
      cwd: root,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.join(" ")} failed:\n${stdout.slice(-5_000)}\n${stderr.slice(-5_000)}`, {
      cause: error,
    });
  }
}

/** `npx hardhat …args` as the README's "Run a network" gives it, against the `custom` network at `rpcUrl`. */
export function hardhatOnCustomNetwork(rpcUrl: string, args: string[]): Promise<string> {
  return runNode([HARDHAT_CLI, ...args], {
    CUSTOM_RPC_URL: rpcUrl,
    DEPLOYER_PRIVATE_KEY: LOCAL_DEPLOYER_PRIVATE_KEY,
    HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1",
  });
}

/**
 * `npx hardhat ignition deploy ignition/modules/<module>.ts --network custom …` as the README gives it, with the
 * test build's profile (the same compiler settings as `production`, already compiled).
 */
export function deployWithIgnition(rpcUrl: string, module: string, extraArgs: string[] = []): Promise<string> {
  return hardhatOnCustomNetwork(rpcUrl, [
    "--build-profile",
    "default",
    "ignition",
    "deploy",
    `ignition/modules/${module}.ts`,
    "--network",
    "custom",
    ...extraArgs,
  ]);
}

/** Starts `hardhat node` on 127.0.0.1 and waits until it answers. */
export async function startHardhatNode(port: number, extraArgs: string[] = []): Promise<Started> {
  const node = startServer(`the Hardhat node on port ${port}`, [
    HARDHAT_CLI,
    "node",
    ...extraArgs,
    "--hostname",
    "127.0.0.1",
    "--port",
    String(port),
  ]);
  await waitUntil(node, nodeAnswersAt(`http://127.0.0.1:${port}`));
  return node;
}

/**
 * Builds the app for `chainId` alone, read from `rpcUrl`, into `outDir` (not app/dist, which the demo serves),
 * then serves it with `vite preview` on `port` and waits until it answers. `env` adds build variables.
 */
export async function buildAndServeApp(options: {
  chainId: number;
  rpcUrl: string;
  outDir: string;
  port: number;
  env?: Record<string, string>;
}): Promise<{ url: string; server: Started }> {
  const buildEnv = {
    ...options.env,
    // A test runner sets NODE_ENV=test, which would make the build a development one (React's development
    // runtime, absolute source paths): the app under test is built as it ships.
    NODE_ENV: "production",
    HYPHAE_CHAINS: String(options.chainId),
    [`HYPHAE_PUBLIC_RPC_URL_${options.chainId}`]: options.rpcUrl,
  };
  await runNode([path.join("scripts", "generate-app-contracts.ts")], buildEnv);
  await runNode(
    [VITE_CLI, "build", "--config", "app/vite.config.ts", "--outDir", options.outDir, "--logLevel", "warn"],
    buildEnv,
  );
  const server = startServer(
    `the app on port ${options.port}`,
    [VITE_CLI, "preview", "--config", "app/vite.config.ts", "--outDir", options.outDir],
    { HYPHAE_APP_PORT: String(options.port) },
  );
  const url = `http://127.0.0.1:${options.port}`;
  await waitUntil(server, answersAt(url), 60_000);
  return { url, server };
}

/** Remembers `file` as it is now; the returned function writes it back (atomically), whatever happened since. */
export function keepAsItIs(file: string): () => void {
  const before = readFileSync(file, "utf8");
  return () => {
    const temporary = `${file}.restore.tmp`;
    writeFileSync(temporary, before);
    renameSync(temporary, file);
  };
}
