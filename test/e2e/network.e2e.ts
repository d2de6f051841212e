import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentIdOf, pointerOf } from "../../lib/content-address.ts";
import { storeContent } from "../../lib/content-store.ts";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts } from "./support/chain.ts";
import { contributionLedgerAbi, readView, sendAs } from "./support/contracts.ts";
import { demoSummary } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const CONTENT_STORE = path.resolve(import.meta.dirname, "..", "..", ".hyphae", "content");
const METADATA = path.resolve(import.meta.dirname, "..", "..", "demo", "metadata");
const CREDIT = 10n ** 18n;

/** Whole credits as the app shows them ("1,660"): every seeded figure is a whole number of credits. */
function credits(value: bigint): string {
  expect(value % CREDIT).toBe(0n);
  return (value / CREDIT).toLocaleString("en-US");
}

describe("Network: the nodes, a node's page, a contribution and its documents", () => {
  const { browser } = journeyLifecycle();
  const { network } = demoSummary();
  const ledger = network.contracts.contributionLedger;
  const cascadia = network.nodes.find((node) => node.name === "Cascadia");
  const commons = network.nodes.find((node) => node.kind === "translocal");
  if (cascadia === undefined || commons === undefined) throw new Error("the seed's nodes are missing");

  async function nodeTotal(nodeId: number, kind: number): Promise<{ quantity: bigint; credits: bigint }> {
    return (await readView(ledger, contributionLedgerAbi, "nodeTotal", [BigInt(nodeId), kind])) as {
      quantity: bigint;
      credits: bigint;
    };
  }

  it("shows every node, the translocal commons above its local nodes, with stewards and the ledger's totals", async () => {
    const page = await openApp(browser(), "/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Network" }).click();
    await page.getByRole("heading", { level: 1, name: "The network" }).waitFor();
    await expect.poll(() => page.getByTestId("node-card").count()).toBe(network.nodes.length);

    const localNodes = page.getByRole("list", { name: `Local nodes of ${commons.name}` });
    const local = network.nodes.filter((node) => node.parentId === commons.id).map((node) => node.name);
    expect(local).toEqual(["Cascadia", "Nairobi Makers", "Barcelona Fab City"]);
    await expect.poll(() => localNodes.getByRole("heading", { level: 3 }).allTextContents()).toEqual(local);
    expect(await page.getByTestId("local-node-count").textContent()).toBe("3");

    const card = page.getByTestId("node-card").filter({ has: page.getByRole("heading", { name: "Cascadia" }) });
    await expect.poll(() => card.getByTestId("node-region").textContent()).toBe("Pacific Northwest — Portland, Oregon");
    const stewards = await card.getByRole("list", { name: "Stewards of Cascadia" }).textContent();
    for (const steward of cascadia.stewards) expect(stewards).toContain(steward.address);
    expect(await card.textContent()).toContain("2 of its 3 stewards must attest each contribution.");
    // Each node's open rounds: Cascadia runs the Bioregional Commons Round (its earlier round is closed), the
    // translocal commons the knowledge round and a quadratic voting round, Nairobi none.
    const openRounds = (name: string) =>
      page
        .getByTestId("node-card")
        .filter({ has: page.getByRole("heading", { name, exact: true }) })
        .getByTestId("node-rounds");
    await expect.poll(() => openRounds("Cascadia").textContent()).toMatch(/^1 open roundBioregional Commons Round ·/);
    expect(await openRounds("Hyphae Translocal Commons").textContent()).toMatch(
      /^2 open roundsTranslocal Knowledge Commons Round ·.+Translocal Commons Priorities Vote Quadratic voting ·/,
    );
    expect(await openRounds("Nairobi Makers").textContent()).toBe("0 open rounds");

    // The overview's credits per node are the ledger's totals, summed over the kinds.
    const kinds = network.kinds.map((kind) => kind.id);
    let networkCredits = 0n;
    for (const node of network.nodes) {
      let nodeCredits = 0n;
      for (const kind of kinds) nodeCredits += (await nodeTotal(node.id, kind)).credits;
      networkCredits += nodeCredits;
      const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: node.name, exact: true }) });
      await expect.poll(() => row.getByRole("cell").last().textContent()).toBe(credits(nodeCredits));
    }
    expect(networkCredits).toBeGreaterThan(0n);
    expect(await page.getByTestId("network-credits").textContent()).toBe(credits(networkCredits));
    await expectAccessible(page);
    await saveScreenshot(page, "network");
    expectNoPageErrors(page);
  });

  it("opens a node with its threshold, totals by kind, credits per period and recent contributions", async () => {
    const page = await openApp(browser(), "/network");
    await page.getByRole("link", { name: "Cascadia", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Cascadia" }).waitFor();
    expect(await page.getByTestId("attestation-threshold").textContent()).toBe(
      "2 of its 3 stewards must attest each contribution",
    );
    await expect.poll(() => page.getByTestId("node-description").textContent()).toContain("Cascadian bioregion");

    // Totals by kind, as the ledger's views give them.
    const totals = page.getByRole("table", { name: "What Cascadia was given" });
    for (const kind of network.kinds) {
      const total = await nodeTotal(cascadia.id, kind.id);
      const row = totals.getByRole("row", { name: new RegExp(`^${kind.name} `) });
      await expect.poll(() => row.getByRole("cell").last().textContent()).toBe(credits(total.credits));
    }

    // One row per period from the deployment's to now's: the four seeded periods and the current one.
    const periods = page.getByTestId("credits-per-period").locator("tbody tr");
    await expect.poll(() => periods.count()).toBe(network.periods.attested.length + 1);
    const shownPeriods = await periods.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-period")));
    expect(shownPeriods).toEqual([...network.periods.attested, network.periods.current].map(String));
    const perPeriod: bigint[] = [];
    for (const [index, period] of shownPeriods.entries()) {
      const onChain = (await readView(ledger, contributionLedgerAbi, "nodeCreditsInPeriod", [
        BigInt(cascadia.id),
        BigInt(period ?? ""),
      ])) as bigint;
      perPeriod.push(onChain);
      expect(await periods.nth(index).locator("td").textContent()).toBe(credits(onChain));
    }
    // Every seeded period has attested work; this period, the money counted from the earlier round.
    expect(perPeriod.slice(0, -1).every((value) => value > 0n)).toBe(true);
    const countedMoney = network.contributions
      .filter((contribution) => contribution.nodeId === cascadia.id && contribution.kind === 5)
      .reduce((sum, contribution) => sum + BigInt(contribution.credits.replace(/\.0$/, "")) * CREDIT, 0n);
    expect(countedMoney).toBeGreaterThan(0n);
    expect(perPeriod.at(-1)).toBe(countedMoney);
    expect(await page.getByTestId("credits-chart").locator("rect").count()).toBe(shownPeriods.length);

    // Its contributions, newest first, with their status.
    const seeded = network.contributions.filter((contribution) => contribution.nodeId === cascadia.id).reverse();
    const list = page.getByRole("list", { name: "Contributions to Cascadia" });
    await expect.poll(() => list.getByRole("listitem").count()).toBe(seeded.length);
    const first = seeded[0]!;
    const firstItem = list.getByRole("listitem").first();
    await expect.poll(() => firstItem.getByRole("heading").textContent()).toBe(first.title);
    expect(await firstItem.getByTestId("contribution-status").textContent()).toBe(
      first.status.charAt(0).toUpperCase() + first.status.slice(1),
    );
    expect(await list.getByTestId("contribution-status").filter({ hasText: "Pending" }).count()).toBe(
      seeded.filter((contribution) => contribution.status === "pending").length,
    );
    await expectAccessible(page);
    await saveScreenshot(page, "network-node");

    // The newest pending contribution, with its evidence.
    const pending = seeded.find((contribution) => contribution.status === "pending")!;
    await list.getByRole("link", { name: pending.title }).first().click();
    await page.getByRole("heading", { level: 1, name: pending.title }).waitFor();
    expect(await page.getByTestId("contribution-status").textContent()).toBe("Pending");
    await page.getByTestId("contribution-evidence").waitFor();

    // The node's rounds, open and closed, each linked.
    await page.goBack();
    const rounds = page.getByRole("list", { name: "Rounds of Cascadia" });
    await expect
      .poll(() => rounds.getByRole("link").allTextContents())
      .toEqual(["Bioregional Commons Round", "Cascadia Repair and Seed Round"]);
    expect(await rounds.textContent()).toContain("Finalized");
    await page.goForward();

    // Money counted from a round: the round is its evidence, linked, with what was donated.
    const money = seeded.find((contribution) => contribution.kind === 5)!;
    await page.goBack();
    await list.getByRole("link", { name: money.title }).first().click();
    await page.getByRole("heading", { level: 1, name: "Money given through a round" }).waitFor();
    const counted = page.getByTestId("counted-from-round");
    await expect.poll(() => counted.textContent()).toContain("Cascadia Repair and Seed Round");
    expect(await counted.textContent()).toContain(
      `${money.quantity / 1_000_000} CUSD of money donated to its projects`,
    );
    expect(await page.getByTestId("contribution-evidence").count()).toBe(0);
    await counted.getByRole("link", { name: "Cascadia Repair and Seed Round" }).click();
    await page.getByRole("heading", { level: 1, name: "Cascadia Repair and Seed Round" }).waitFor();
    expectNoPageErrors(page);
  });

  it("shows a revoked contribution with the dispute and the stewards' reasons, and a rejected one with its reason", async () => {
    const reason = (file: string) =>
      (JSON.parse(readFileSync(path.join(METADATA, "reviews", "contributions", file), "utf8")) as { reason: string })
        .reason;
    const revoked = network.contributions.find((contribution) => contribution.status === "revoked");
    const rejected = network.contributions.find((contribution) => contribution.status === "rejected");
    if (revoked === undefined || rejected === undefined) throw new Error("the seed revoked or rejected nothing");

    const page = await openApp(browser(), `/network/contributions/${revoked.id}`);
    await page.getByRole("heading", { level: 1, name: revoked.title }).waitFor();
    expect(await page.getByTestId("contribution-status").textContent()).toBe("Revoked");
    const reasons = page.getByTestId("reason");
    await expect
      .poll(() => reasons.allTextContents())
      .toEqual([
        `Disputed, because${reason("barcelona-cnc-hours-disputed.json")}`,
        `The stewards' reason for revoking it${reason("barcelona-cnc-hours-revoked.json")}`,
      ]);
    expect(await page.getByTestId("credits").textContent()).toBe(credits(BigInt(revoked.quantity) * 10n * CREDIT));
    await expectAccessible(page);

    await page.goto(new URL(`/network/contributions/${rejected.id}`, page.url()).toString());
    await page.getByRole("heading", { level: 1, name: rejected.title }).waitFor();
    expect(await page.getByTestId("contribution-status").textContent()).toBe("Rejected");
    await expect
      .poll(() => page.getByTestId("reason").textContent())
      .toBe(`The stewards' reason for rejecting it${reason("barcelona-festival-hours-rejected.json")}`);
    expectNoPageErrors(page);
  });

  it("shows a description that does not match its identifier, or missing evidence, as such, never their content", async () => {
    const pending = network.contributions.find((contribution) => contribution.status === "pending");
    if (pending === undefined) throw new Error("the seed left nothing pending");
    const cid = pending.description.replace("ipfs://", "");
    const file = path.join(CONTENT_STORE, cid);
    const original = readFileSync(file);
    writeFileSync(file, original.toString("utf8").replace(/"text": ".*"/, '"text": "Send your credits to a casino."'));
    try {
      const page = await openApp(browser(), `/network/contributions/${pending.id}`);
      await page
        .getByText(
          `The description of this contribution does not match its content identifier ${cid}: it is not shown.`,
        )
        .waitFor();
      expect(await page.locator("main").textContent()).not.toContain("casino");
      // The rest of the contribution is still there, from the chain.
      expect(await page.getByTestId("contribution-status").textContent()).toBe("Pending");
      expectNoPageErrors(page);
    } finally {
      writeFileSync(file, original);
    }

    // A contribution whose evidence was never published anywhere.
    const contributor = (await accounts())[17]!;
    const description = pointerOf(
      await storeContent(
        new TextEncoder().encode(`${JSON.stringify({ title: "Compost day", text: "Turned the heaps." })}\n`),
      ),
    );
    const unpublished = await contentIdOf(new TextEncoder().encode('{"note":"never published"}\n'));
    await sendAs(contributor, ledger, contributionLedgerAbi, "record", [
      BigInt(cascadia.id),
      1,
      3n,
      description,
      pointerOf(unpublished),
    ]);
    const id = (await readView(ledger, contributionLedgerAbi, "contributionCount")) as bigint;
    const page = await openApp(browser(), `/network/contributions/${id}`);
    await page.getByRole("heading", { level: 1, name: "Compost day" }).waitFor();
    await page
      .getByText(`The evidence of this contribution (${unpublished}) is missing from the content store.`)
      .waitFor();
    expect(await page.locator("main").textContent()).not.toContain("never published");
    expectNoPageErrors(page);
  });

  it("fits a phone's screen, and says so when a node or a contribution does not exist", async () => {
    const page = await openApp(browser(), "/network", { phone: true });
    await expect.poll(() => page.getByTestId("node-card").count()).toBe(network.nodes.length);
    // Nothing is wider than the phone (wide tables scroll inside their own box).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await saveScreenshot(page, "network-phone");

    await page.goto(new URL("/network/nodes/99", page.url()).toString());
    await page.getByRole("heading", { level: 1, name: "Node not found" }).waitFor();
    await page.goto(new URL("/network/contributions/999", page.url()).toString());
    await page.getByRole("heading", { level: 1, name: "Contribution not found" }).waitFor();
    await page.goto(new URL("/network/nodes/abc", page.url()).toString());
    await page.getByText("“abc” is not a node id.").waitFor();
    expectNoPageErrors(page);
  });

  it("links a connected account to its own contributions", async () => {
    const page = await openApp(browser(), "/network");
    expect(await page.getByRole("link", { name: "My contributions" }).count()).toBe(0);
    await connectLocalDemoAccount(page, 10);
    await page.getByRole("link", { name: "My contributions" }).click();
    await page.getByRole("heading", { level: 1, name: "My contributions" }).waitFor();
    const address = (await accounts())[10]!;
    expect((await page.getByTestId("contributor-address").textContent())?.toLowerCase()).toBe(
      `${address.toLowerCase()} (you)`,
    );
    expectNoPageErrors(page);
  });
});
