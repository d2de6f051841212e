/**
 * "Run a network" in the README, rehearsed end to end on a second local chain (chain id 31338): the commands it
 * gives deploy the contracts, publish the first node's document, add the node and hand governance to a stand-in
 * for the governors' Safe; the app is built for that chain alone (into its own folder, so the demo app of the other
 * journeys keeps being served) and a steward opens the first round in it.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, type Address } from "viem";
import { nodeRegistryAbi } from "../../app/src/generated/abis.ts";
import {
  connectLocalDemoAccount,
  expectAccessible,
  fillDateTime,
  launchBrowser,
  saveScreenshot,
} from "./support/browser.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const CHAIN_ID = 31338;
const RPC_PORT = Number(process.env.HYPHAE_E2E_SECOND_RPC_PORT ?? 8646);
const APP_PORT = Number(process.env.HYPHAE_E2E_SECOND_APP_PORT ?? 5274);
const rpcUrl = `http://127.0.0.1:${RPC_PORT}`;
const appUrl = `http://127.0.0.1:${APP_PORT}`;
const RECORD = path.join(root, "ignition", "deployments", `chain-${CHAIN_ID}`);
const GENERATED = path.join(root, "app", "src", "generated", "deployments.ts");
// The well-known keys of a Hardhat node's first accounts (they hold only test ether).
const DEPLOYER_PRIVATE_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const DEPLOYER: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const STEWARD: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // account #1, the stewards' "Safe"
const GOVERNORS_SAFE: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"; // account #2

const run = promisify(execFile);
const hardhat = path.join(root, "node_modules", "hardhat", "dist", "src", "cli.js");
const vite = path.join(root, "node_modules", "vite", "bin", "vite.js");

/** `npx hardhat …` as the README gives it, with the rehearsal's variables. */
async function hardhatCommand(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [hardhat, ...args], {
    cwd: root,
    env: {
      ...process.env,
      CUSTOM_RPC_URL: rpcUrl,
      DEPLOYER_PRIVATE_KEY,
      HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1",
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

async function waitFor(url: string, init: RequestInit, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, init);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not answer at ${url}`);
}

function stop(child: ChildProcess | undefined): void {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
}

describe("Run a network: the README's deployment to a second chain, and the app pointed at it", () => {
  let chain: ChildProcess | undefined;
  let app: ChildProcess | undefined;
  let browser: Browser | undefined;
  let scratch: string;
  let generatedBefore: string;
  let nodePointer: string;
  let registry: Address;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), "hyphae-second-chain-"));
    generatedBefore = readFileSync(GENERATED, "utf8");
    rmSync(RECORD, { recursive: true, force: true });
    chain = spawn(
      process.execPath,
      [hardhat, "node", "--chain-id", String(CHAIN_ID), "--hostname", "127.0.0.1", "--port", String(RPC_PORT)],
      {
        cwd: root,
        stdio: "ignore",
        detached: true,
      },
    );
    await waitFor(
      rpcUrl,
      {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}',
      },
      "the second chain",
    );

    // 1. Deploy (the test build's profile: the same compiler settings as `production`, already compiled).
    await hardhatCommand([
      "--build-profile",
      "default",
      "ignition",
      "deploy",
      "ignition/modules/Hyphae.ts",
      "--network",
      "custom",
    ]);
    // 2. The first node's document, then the node.
    const document = path.join(scratch, "commons.json");
    writeFileSync(
      document,
      JSON.stringify({
        name: "Rehearsal Commons",
        description: "The translocal commons of a network rehearsing its launch.",
        region: "Everywhere the network reaches",
      }),
    );
    const published = await hardhatCommand(["publish-document", "node", document]);
    const pointer = /ipfs:\/\/b[a-z2-7]+/.exec(published)?.[0];
    if (pointer === undefined) throw new Error(`publish-document printed no pointer:\n${published}`);
    nodePointer = pointer;
    const parameters = path.join(scratch, "parameters.json");
    writeFileSync(
      parameters,
      JSON.stringify({
        HyphaeFirstNode: { name: "Rehearsal Commons", metadata: nodePointer, kind: 1, stewards: [STEWARD] },
        HyphaeGovernanceHandOver: { multisig: GOVERNORS_SAFE },
      }),
    );
    for (const module of ["FirstNode", "GovernanceHandOver"]) {
      await hardhatCommand([
        "--build-profile",
        "default",
        "ignition",
        "deploy",
        `ignition/modules/${module}.ts`,
        "--network",
        "custom",
        "--parameters",
        parameters,
      ]);
    }
    registry = (
      JSON.parse(readFileSync(path.join(RECORD, "deployed_addresses.json"), "utf8")) as Record<string, Address>
    )["Hyphae#NodeRegistry"] as Address;

    // 4. The app for this chain alone (`npm run app:build` writes app/dist, which serves the other journeys).
    const buildEnv = { ...process.env, HYPHAE_CHAINS: String(CHAIN_ID), [`HYPHAE_PUBLIC_RPC_URL_${CHAIN_ID}`]: rpcUrl };
    await run(process.execPath, [path.join("scripts", "generate-app-contracts.ts")], { cwd: root, env: buildEnv });
    const outDir = path.join(scratch, "dist");
    await run(
      process.execPath,
      [vite, "build", "--config", "app/vite.config.ts", "--outDir", outDir, "--logLevel", "warn"],
      {
        cwd: root,
        env: buildEnv,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    app = spawn(process.execPath, [vite, "preview", "--config", "app/vite.config.ts", "--outDir", outDir], {
      cwd: root,
      env: { ...process.env, HYPHAE_APP_PORT: String(APP_PORT) },
      stdio: "ignore",
      detached: true,
    });
    await waitFor(appUrl, {}, "the second chain's app");
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    stop(app);
    stop(chain);
    // Leave the checkout as it was: the demo's generated deployments, and no rehearsal record.
    const temporary = `${GENERATED}.restore.tmp`;
    writeFileSync(temporary, generatedBefore);
    renameSync(temporary, GENERATED);
    rmSync(RECORD, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  async function open(route: string): Promise<Page> {
    if (browser === undefined) throw new Error("no browser");
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(new URL(route, appUrl).toString());
    return page;
  }

  it("records the deployment per chain and hands governance to the multisig", async () => {
    const client = createPublicClient({ transport: http(rpcUrl) });
    expect(await client.getChainId()).toBe(CHAIN_ID);
    const read = (functionName: "isGovernor", account: Address) =>
      client.readContract({ address: registry, abi: nodeRegistryAbi, functionName, args: [account] });
    expect(await read("isGovernor", GOVERNORS_SAFE)).toBe(true);
    expect(await read("isGovernor", DEPLOYER)).toBe(false);
    const node = await client.readContract({
      address: registry,
      abi: nodeRegistryAbi,
      functionName: "node",
      args: [1n],
    });
    expect(node.name).toBe("Rehearsal Commons");
    expect(node.metadata).toBe(nodePointer);
    expect(
      await client.readContract({
        address: registry,
        abi: nodeRegistryAbi,
        functionName: "isSteward",
        args: [1n, STEWARD],
      }),
    ).toBe(true);
  });

  it("shows the app on that chain only, with the node its document describes", async () => {
    const page = await open("/network");
    await page.getByRole("heading", { name: "The network" }).waitFor();
    await page.getByText(`Chain ${CHAIN_ID}`).waitFor();
    // The region comes from the node's document: fetched by its CID and verified byte for byte.
    await page.getByTestId("node-region").getByText("Everywhere the network reaches").waitFor();
    expect(await page.getByTestId("node-card").count()).toBe(1);
    await expectAccessible(page);
  });

  it("lets the node's steward open the first round", async () => {
    const page = await open("/");
    await connectLocalDemoAccount(page, 1);
    await page.goto(new URL("/manage/new", appUrl).toString());
    await page.getByRole("heading", { name: "Create a round" }).waitFor();
    await page.getByLabel("Name").fill("First Commons Round");
    await page.getByLabel("Description").fill("The network's first round, opened from the app.");
    const applicationsClose = await page.getByLabel("Applications close").inputValue();
    await page.getByLabel("Donations open").fill(applicationsClose);
    await fillDateTime(page, "Donations close", new Date(new Date(applicationsClose).getTime() + 14 * 86_400_000));
    await page.getByRole("button", { name: "Create the round" }).click();
    await page.getByRole("heading", { level: 1, name: "First Commons Round" }).waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Rounds", exact: true }).click();
    await page.getByRole("link", { name: "First Commons Round" }).waitFor();
    await saveScreenshot(page, "second-chain-first-round");
  });
});
