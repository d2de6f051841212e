import type { Page } from "playwright-core";
import { type Address, decodeEventLog, getAddress, type Hex } from "viem";
import { describe, expect, inject, it } from "vitest";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts, rpc } from "./support/chain.ts";
import { contributionLedgerAbi, readView } from "./support/contracts.ts";
import { demoSummary } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const CONTRIBUTOR = 15;
const WALLET_CONTRIBUTOR = 16;
const LABOUR = 1;

describe("Record a contribution: a form checked before signing, documents by CID, the ledger's record", () => {
  const { browser } = journeyLifecycle();
  const { network } = demoSummary();
  const ledger = network.contracts.contributionLedger;
  const nairobi = network.nodes.find((node) => node.name === "Nairobi Makers");
  const cascadia = network.nodes.find((node) => node.name === "Cascadia");
  if (nairobi === undefined || cascadia === undefined) throw new Error("the seed's nodes are missing");

  async function account(index: number): Promise<Address> {
    const address = (await accounts())[index];
    if (address === undefined) throw new Error(`no account #${index}`);
    return getAddress(address);
  }

  async function contributionCount(): Promise<bigint> {
    return (await readView(ledger, contributionLedgerAbi, "contributionCount")) as bigint;
  }

  /** The pointers the ledger recorded for a contribution, from its ContributionRecorded event. */
  async function recordedPointers(id: bigint): Promise<{ description: string; evidence: string }> {
    const topic = `0x${id.toString(16).padStart(64, "0")}`;
    const logs = await rpc<{ data: Hex; topics: [Hex, ...Hex[]] }[]>("eth_getLogs", [
      { address: ledger, fromBlock: "0x0", toBlock: "latest", topics: [null, topic] },
    ]);
    for (const log of logs) {
      const event = decodeEventLog({ abi: contributionLedgerAbi, data: log.data, topics: log.topics });
      if (event.eventName === "ContributionRecorded") return event.args;
    }
    throw new Error(`no ContributionRecorded for #${id}`);
  }

  /** The document the app published, as the content store serves it. */
  async function published(pointer: string): Promise<unknown> {
    const response = await fetch(new URL(`/ipfs/${pointer.replace("ipfs://", "")}`, inject("appUrl")));
    expect(response.status).toBe(200);
    return response.json();
  }

  async function fillValidForm(page: Page) {
    await page.getByLabel("Node").selectOption({ label: nairobi!.name });
    await page.getByLabel("Kind").selectOption({ label: "labour (hours)" });
    await page.getByLabel("Quantity").fill("6");
    await page.getByLabel("Title").fill("Solar drier workshop");
    await page
      .getByLabel("What you gave")
      .fill("Taught two afternoons of building solar fruit driers at the Kibera makerspace.");
    await page.getByLabel("Links").fill("https://makers.nairobi.example.org/workshops/solar-drier\n");
    await page.getByLabel("Note").fill("Twelve participants signed in.");
  }

  it("refuses every bad field before signing, then records the contribution with its documents", async () => {
    const page = await openApp(browser(), "/network");
    await connectLocalDemoAccount(page, CONTRIBUTOR);
    await page
      .getByRole("navigation", { name: "Network" })
      .getByRole("link", { name: "Record a contribution" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Record a contribution" }).waitFor();
    const before = await contributionCount();

    const submit = page.getByRole("button", { name: "Record the contribution" });
    await submit.click();
    await page.getByText("6 fields need fixing (marked above). Nothing was sent.").waitFor();
    for (const message of [
      "Choose the node you gave this to.",
      "Choose what kind of contribution it is.",
      "Enter how many hours, items or documents you gave, like 4.",
      "Give the contribution a title, like “Seed cleaning day”.",
      "Describe what you gave: what, where, when and for whom.",
      "Give the stewards something to check: at least a link or a note.",
    ]) {
      expect(await page.getByText(message).count(), message).toBe(1);
    }
    // The first field in error takes the focus.
    expect(await page.getByLabel("Node").evaluate((element) => element === document.activeElement)).toBe(true);
    // The money kind is counted from rounds: it is not offered.
    expect(await page.getByLabel("Kind").locator("option").allTextContents()).toEqual([
      "Choose a kind…",
      ...network.kinds.filter((kind) => kind.selfReported).map((kind) => `${kind.name} (${kind.unit})`),
    ]);
    await expectAccessible(page);

    await fillValidForm(page);
    const quantity = page.getByLabel("Quantity");
    await quantity.fill("2.5");
    await page
      .getByText("Record whole hours: the ledger counts whole units. Round to the nearest whole number.")
      .waitFor();
    await quantity.fill("0");
    await page.getByText("The quantity must be at least 1.").waitFor();
    await quantity.fill("six");
    await page.getByText("Enter a whole number of hours, like 4.").waitFor();
    await page.getByLabel("Links").fill("makers.nairobi.example.org/workshops");
    await page.getByText("Line 1 is not a web address: write it in full, like https://example.org/photos.").waitFor();
    await submit.click();
    await page.getByText("2 fields need fixing (marked above). Nothing was sent.").waitFor();
    expect(await quantity.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await contributionCount()).toBe(before);

    await quantity.fill("6");
    await page.getByText("Once attested, this earns 60 credits.").waitFor();
    await page.getByLabel("Links").fill("https://makers.nairobi.example.org/workshops/solar-drier\n");
    await saveScreenshot(page, "network-record");
    await submit.click();

    const id = before + 1n;
    const success = page.getByRole("region", { name: `Contribution #${id} recorded` });
    await success.waitFor({ timeout: 30_000 });
    expect(await success.textContent()).toContain(
      "“Solar drier workshop” is pending: it is credited once a steward of Nairobi Makers attests it.",
    );

    // On chain: the contributor's pending record, of the node, kind and quantity typed.
    expect(await contributionCount()).toBe(id);
    const stored = (await readView(ledger, contributionLedgerAbi, "contribution", [id])) as {
      contributor: string;
      nodeId: bigint;
      kind: number;
      status: number;
      quantity: bigint;
    };
    expect(stored).toMatchObject({
      contributor: await account(CONTRIBUTOR),
      nodeId: BigInt(nairobi.id),
      kind: LABOUR,
      status: 1,
      quantity: 6n,
    });
    // The pointers name the documents as typed, stored by their content identifiers.
    const pointers = await recordedPointers(id);
    expect(await published(pointers.description)).toEqual({
      title: "Solar drier workshop",
      text: "Taught two afternoons of building solar fruit driers at the Kibera makerspace.",
    });
    expect(await published(pointers.evidence)).toEqual({
      links: ["https://makers.nairobi.example.org/workshops/solar-drier"],
      note: "Twelve participants signed in.",
    });

    await success.getByRole("link", { name: `See contribution #${id}` }).click();
    await page.getByRole("heading", { level: 1, name: "Solar drier workshop" }).waitFor();
    expect(await page.getByTestId("contribution-status").textContent()).toBe("Pending");
    expect(await page.getByTestId("quantity").textContent()).toBe("6 hours of labour");
    await expect
      .poll(() => page.getByTestId("contribution-evidence").textContent())
      .toContain("https://makers.nairobi.example.org/workshops/solar-drier");
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it("keeps everything typed when the signature is declined, and records it on the next try", async () => {
    const page = await openApp(browser(), "/network/contribute", {
      wallet: { account: await account(WALLET_CONTRIBUTOR) },
    });
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByRole("button", { name: "Test Wallet" }).click();
    await page.getByRole("heading", { level: 1, name: "Record a contribution" }).waitFor();
    const before = await contributionCount();
    await fillValidForm(page);
    await page.evaluate(() => {
      (window as unknown as { hyphaeTestWallet: { declineNext: boolean } }).hyphaeTestWallet.declineNext = true;
    });
    await page.getByRole("button", { name: "Record the contribution" }).click();
    await page.getByText("You declined the request in your wallet. Nothing was sent.").waitFor();
    expect(await contributionCount()).toBe(before);
    expect(await page.getByLabel("Node").inputValue()).toBe(String(nairobi.id));
    expect(await page.getByLabel("Kind").inputValue()).toBe(String(LABOUR));
    expect(await page.getByLabel("Quantity").inputValue()).toBe("6");
    expect(await page.getByLabel("Title").inputValue()).toBe("Solar drier workshop");
    expect(await page.getByLabel("What you gave").inputValue()).toContain("Kibera makerspace");
    expect(await page.getByLabel("Links").inputValue()).toBe(
      "https://makers.nairobi.example.org/workshops/solar-drier\n",
    );
    expect(await page.getByLabel("Note").inputValue()).toBe("Twelve participants signed in.");

    await page.getByRole("button", { name: "Record the contribution" }).click();
    await page.getByRole("region", { name: `Contribution #${before + 1n} recorded` }).waitFor({ timeout: 30_000 });
    expect(await contributionCount()).toBe(before + 1n);
    const stored = (await readView(ledger, contributionLedgerAbi, "contribution", [before + 1n])) as {
      contributor: string;
    };
    expect(stored.contributor).toBe(await account(WALLET_CONTRIBUTOR));

    // "Record another" starts a new form for the same node.
    await page.getByRole("button", { name: "Record another contribution" }).click();
    expect(await page.getByLabel("Title").inputValue()).toBe("");
    expect(await page.getByLabel("Node").inputValue()).toBe(String(nairobi.id));
    expectNoPageErrors(page);
  });

  it("starts from a node's page with that node chosen, and asks a visitor to connect first", async () => {
    const page = await openApp(browser(), `/network/nodes/${cascadia.id}`);
    await page.getByRole("link", { name: "Record a contribution to Cascadia" }).click();
    await page.getByRole("heading", { level: 1, name: "Record a contribution" }).waitFor();
    await expect.poll(() => page.getByLabel("Node").inputValue()).toBe(String(cascadia.id));
    await page.getByText("2 of its 3 stewards must attest each contribution.").waitFor();
    await page.getByText("Connect a wallet to record a contribution", { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: "Record the contribution" }).isDisabled()).toBe(true);
    expectNoPageErrors(page);
  });
});
