/**
 * "Run a network" in the README, rehearsed end to end on a second local chain (chain id 31338): the commands it
 * gives deploy the contracts, publish the first node's document, add the node and hand governance to a stand-in
 * for the governors' Safe; the app is built for that chain alone (into its own folder, so the demo app of the other
 * journeys keeps being served) and a steward opens the first round in it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, http, type Address } from "viem";
import { nodeRegistryAbi } from "../../app/src/generated/abis.ts";
import {
  buildAndServeApp,
  deployWithIgnition,
  hardhatOnCustomNetwork,
  keepAsItIs,
  root,
  type Started,
  startHardhatNode,
  stopServer,
} from "../support/processes.ts";
import {
  connectLocalDemoAccount,
  expectAccessible,
  fillDateTime,
  launchBrowser,
  saveScreenshot,
} from "./support/browser.ts";

const CHAIN_ID = 31338;
const RPC_PORT = Number(process.env.HYPHAE_E2E_SECOND_RPC_PORT ?? 8646);
const APP_PORT = Number(process.env.HYPHAE_E2E_SECOND_APP_PORT ?? 5274);
const rpcUrl = `http://127.0.0.1:${RPC_PORT}`;
const RECORD = path.join(root, "ignition", "deployments", `chain-${CHAIN_ID}`);
const GENERATED = path.join(root, "app", "src", "generated", "deployments.ts");
// The well-known addresses of a Hardhat node's first accounts (they hold only test ether).
const DEPLOYER: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const STEWARD: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // account #1, the stewards' "Safe"
const GOVERNORS_SAFE: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"; // account #2

/** `npx hardhat …` as the README gives it, with the rehearsal's variables. */
const hardhatCommand = (args: string[]) => hardhatOnCustomNetwork(rpcUrl, args);

describe("Run a network: the README's deployment to a second chain, and the app pointed at it", () => {
  let chain: Started | undefined;
  let app: Started | undefined;
  let appUrl: string;
  let browser: Browser | undefined;
  let scratch: string;
  let restoreGenerated: () => void = () => {};
  let nodePointer: string;
  let registry: Address;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), "hyphae-second-chain-"));
    restoreGenerated = keepAsItIs(GENERATED);
    rmSync(RECORD, { recursive: true, force: true });
    chain = await startHardhatNode(RPC_PORT, ["--chain-id", String(CHAIN_ID)]);

    // 1. Deploy.
    await deployWithIgnition(rpcUrl, "Hyphae");
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
      await deployWithIgnition(rpcUrl, module, ["--parameters", parameters]);
    }
    registry = (
      JSON.parse(readFileSync(path.join(RECORD, "deployed_addresses.json"), "utf8")) as Record<string, Address>
    )["Hyphae#NodeRegistry"] as Address;

    // 4. The app for this chain alone (`npm run app:build` writes app/dist, which serves the other journeys).
    const served = await buildAndServeApp({
      chainId: CHAIN_ID,
      rpcUrl,
      outDir: path.join(scratch, "dist"),
      port: APP_PORT,
    });
    app = served.server;
    appUrl = served.url;
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await stopServer(app);
    await stopServer(chain);
    // Leave the checkout as it was: the demo's generated deployments, and no rehearsal record.
    restoreGenerated();
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
