import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");

/** `npm start` run a second time, while the journeys' own instance holds its ports. */
function startAgain(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(root, "scripts", "start.ts")], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("npm start, when its ports are taken", () => {
  const rpcPort = new URL(inject("rpcUrl")).port;
  const appPort = new URL(inject("appUrl")).port;

  it("says the chain's port is in use and stops, starting nothing", () => {
    const result = startAgain({ HYPHAE_RPC_PORT: rpcPort, HYPHAE_APP_PORT: "5999" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `port ${rpcPort} is in use — is Hyphae (or another server) already running? stop it or set HYPHAE_RPC_PORT`,
    );
    expect(result.stdout).not.toContain("starting local chain");
  });

  it("says the app's port is in use and stops, starting nothing", () => {
    const result = startAgain({ HYPHAE_RPC_PORT: "8999", HYPHAE_APP_PORT: appPort });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${appPort} is in use`);
    expect(result.stderr).toContain("HYPHAE_APP_PORT");
  });

  it("refuses a port that is not a number", () => {
    const result = startAgain({ HYPHAE_RPC_PORT: "eighty" });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('HYPHAE_RPC_PORT must be a port number between 1 and 65535, not "eighty"');
  });
});
