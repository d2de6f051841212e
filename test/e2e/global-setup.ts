/**
 * Starts what the browser journeys run against, exactly as a newcomer would: `node scripts/start.ts` (a local
 * Hardhat node, the deployment, the demo seed, the built app) on ports of its own, and stops it by its PID.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";

const root = path.resolve(import.meta.dirname, "..", "..");
const RPC_PORT = process.env.HYPHAE_E2E_RPC_PORT ?? "8645";
const APP_PORT = process.env.HYPHAE_E2E_APP_PORT ?? "5273";
const READY = /Hyphae is running/;
const START_TIMEOUT_MS = 200_000;

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    rpcUrl: string;
  }
}

function waitUntilReady(child: ChildProcess, output: { text: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`npm start was not ready within ${START_TIMEOUT_MS / 1000} s:\n${output.text}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output.text += chunk.toString();
      if (READY.test(output.text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (code ${code}) before it was ready:\n${output.text}`));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.ts")], {
    cwd: root,
    env: { ...process.env, HYPHAE_RPC_PORT: RPC_PORT, HYPHAE_APP_PORT: APP_PORT },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { text: "" };
  await waitUntilReady(child, output);
  project.provide("appUrl", `http://127.0.0.1:${APP_PORT}`);
  project.provide("rpcUrl", `http://127.0.0.1:${RPC_PORT}`);

  return async () => {
    const exited = new Promise<boolean>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(true);
      child.once("exit", () => {
        resolve(true);
      });
    });
    // scripts/start.ts stops the app and the node it started, then exits.
    child.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(resolve, 15_000, false);
    });
    const stopped = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (!stopped) child.kill("SIGKILL");
    child.stdout.destroy();
    child.stderr.destroy();
  };
}
