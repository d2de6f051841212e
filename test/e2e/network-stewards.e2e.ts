import { type Address, decodeEventLog, getAddress, type Hex } from "viem";
import { describe, expect, inject, it } from "vitest";
import { pointerOf } from "../../lib/content-address.ts";
import { storeContent } from "../../lib/content-store.ts";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts, rpc } from "./support/chain.ts";
import { contributionLedgerAbi, readView, sendAs } from "./support/contracts.ts";
import { demoSummary } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const STEWARD = 1; // stewards every node
const CASCADIA_STEWARD = 2; // stewards Cascadia only, and already attested its work party
const CASCADIA_AND_NAIROBI_STEWARD = 3;
const NEWCOMER = 19; // no role in the demo
const CREDIT = 10n ** 18n;
const Status = { Pending: 1, Attested: 2, Rejected: 3 } as const;

describe("Stewards' queue: attest, reject with a reason, never one's own", () => {
  const { browser } = journeyLifecycle();
  const { network } = demoSummary();
  const ledger = network.contracts.contributionLedger;
  const cascadia = network.nodes.find((node) => node.name === "Cascadia");
  if (cascadia === undefined) throw new Error("the seed has no Cascadia node");
  const pendingAtCascadia = network.contributions.filter(
    (contribution) => contribution.nodeId === cascadia.id && contribution.status === "pending",
  );
  const workParty = pendingAtCascadia.find((contribution) => contribution.attestations === 1);
  const barrels = pendingAtCascadia.find((contribution) => contribution.attestations === 0);
  if (workParty === undefined || barrels === undefined) throw new Error("the seed's pending contributions changed");

  async function account(index: number): Promise<Address> {
    const address = (await accounts())[index];
    if (address === undefined) throw new Error(`no account #${index}`);
    return getAddress(address);
  }

  async function contribution(id: number | bigint) {
    return (await readView(ledger, contributionLedgerAbi, "contribution", [BigInt(id)])) as {
      status: number;
      attestations: number;
      credits: bigint;
    };
  }

  async function queueAs(index: number) {
    const page = await openApp(browser(), "/network");
    await connectLocalDemoAccount(page, index);
    await page.getByRole("link", { name: "Stewards' queue" }).click();
    await page.getByRole("heading", { level: 1, name: "Stewards' queue" }).waitFor();
    return page;
  }

  it("attests a pending contribution, which is credited once the node's threshold is reached", async () => {
    const contributor = await account(workParty.contributor.index);
    const unclaimedBefore = (await readView(ledger, contributionLedgerAbi, "unclaimedCredits", [
      contributor,
    ])) as bigint;
    const page = await queueAs(STEWARD);
    const waiting = page.getByRole("list", { name: "Waiting at Cascadia" });
    // The queue's own items (their evidence has lists of links of its own).
    const items = waiting.locator(":scope > li");
    await expect.poll(() => items.count()).toBe(pendingAtCascadia.length);
    const item = waiting.getByRole("listitem", { name: workParty.title });
    await expect.poll(() => item.getByTestId("attestations").textContent()).toContain("1 of 2 attestations so far, by");
    expect(await item.getByTestId("attestations").textContent()).toContain(await account(CASCADIA_STEWARD));
    // The description and the evidence, verified against their identifiers, are there to check.
    await expect.poll(() => item.getByTestId("contribution-description").textContent()).toContain("Tryon Creek");
    await expect.poll(() => item.getByTestId("contribution-evidence").textContent()).toContain("attendance sheet");
    await expectAccessible(page);
    await saveScreenshot(page, "network-stewards");

    await item.getByRole("button", { name: `Attest ${workParty.title}` }).click();
    await page
      .getByTestId("decisions")
      .getByText(`You attested ${workParty.title} (#${workParty.id}).`)
      .waitFor({ timeout: 30_000 });
    const stored = await contribution(workParty.id);
    expect(stored.status).toBe(Status.Attested);
    expect(stored.attestations).toBe(2);
    // 6 hours of labour at 10 credits an hour wait for the contributor's claim.
    expect(stored.credits).toBe(60n * CREDIT);
    expect(await readView(ledger, contributionLedgerAbi, "unclaimedCredits", [contributor])).toBe(
      unclaimedBefore + 60n * CREDIT,
    );
    // Credited, it leaves the queue.
    await expect.poll(() => items.count()).toBe(pendingAtCascadia.length - 1);
    expect(await waiting.getByRole("listitem", { name: workParty.title }).count()).toBe(0);
    expectNoPageErrors(page);
  });

  it("rejects only with a reason, which the contributor then reads", async () => {
    const page = await queueAs(STEWARD);
    const item = page.getByRole("listitem", { name: barrels.title });
    await item.getByRole("button", { name: `Reject ${barrels.title}` }).click();
    await item.getByRole("button", { name: "Reject with this reason" }).click();
    await item.getByText("Say why, so the contributor can add what is missing and record it again.").waitFor();
    expect((await contribution(barrels.id)).status).toBe(Status.Pending);
    await expectAccessible(page);

    const reason = "Please add a photo of the barrels in the gardens, and which gardens received them.";
    await item.getByLabel(`Reason for rejecting ${barrels.title}`).fill(reason);
    await item.getByRole("button", { name: "Reject with this reason" }).click();
    await page
      .getByTestId("decisions")
      .getByText(`You rejected ${barrels.title} (#${barrels.id}).`)
      .waitFor({ timeout: 30_000 });
    expect((await contribution(barrels.id)).status).toBe(Status.Rejected);

    // The ledger's event points to the reason, published as a document by its content identifier.
    const topic = `0x${BigInt(barrels.id).toString(16).padStart(64, "0")}`;
    const logs = await rpc<{ data: Hex; topics: [Hex, ...Hex[]] }[]>("eth_getLogs", [
      { address: ledger, fromBlock: "0x0", toBlock: "latest", topics: [null, topic] },
    ]);
    const rejected = logs
      .map((log) => decodeEventLog({ abi: contributionLedgerAbi, data: log.data, topics: log.topics }))
      .find((event) => event.eventName === "ContributionRejected");
    if (rejected?.eventName !== "ContributionRejected") throw new Error("no ContributionRejected event");
    expect(rejected.args.steward).toBe(await account(STEWARD));
    const document = await fetch(new URL(`/ipfs/${rejected.args.reason.replace("ipfs://", "")}`, inject("appUrl")));
    expect(await document.json()).toEqual({ reason });

    await page.getByRole("link", { name: barrels.title }).click();
    await page.getByRole("heading", { level: 1, name: barrels.title }).waitFor();
    expect(await page.getByTestId("contribution-status").textContent()).toBe("Rejected");
    await expect
      .poll(() => page.getByTestId("reason").textContent())
      .toBe(`The stewards' reason for rejecting it${reason}`);
    expectNoPageErrors(page);
  });

  it("shows a steward their own contribution, and one they attested already, without an attest button, saying why", async () => {
    // Steward #3 records work of their own at Cascadia.
    const description = pointerOf(
      await storeContent(
        new TextEncoder().encode(
          `${JSON.stringify({ title: "Stewards' meeting notes", text: "Wrote up the node's monthly meeting." }, null, 2)}\n`,
        ),
      ),
    );
    const evidence = pointerOf(
      await storeContent(new TextEncoder().encode(`${JSON.stringify({ note: "Posted to the node's forum." })}\n`)),
    );
    await sendAs(await account(CASCADIA_AND_NAIROBI_STEWARD), ledger, contributionLedgerAbi, "record", [
      BigInt(cascadia.id),
      3,
      1n,
      description,
      evidence,
    ]);
    const own = (await readView(ledger, contributionLedgerAbi, "contributionCount")) as bigint;

    const page = await queueAs(CASCADIA_AND_NAIROBI_STEWARD);
    // Only the nodes this steward stewards.
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).allTextContents())
      .toEqual([
        `Cascadia ${pendingAtCascadia.length + 1}`,
        `Nairobi Makers ${network.contributions.filter((item) => item.nodeId === 3 && item.status === "pending").length}`,
      ]);
    const mine = page.getByRole("listitem", { name: "Stewards' meeting notes" });
    await expect
      .poll(() => mine.getByTestId("cannot-attest").textContent())
      .toBe("This is your own contribution: another steward of the node must attest it.");
    expect(await mine.getByRole("button", { name: /^Attest/ }).count()).toBe(0);
    // Another steward can attest it: #2 sees it with the button.
    const picker = page.getByLabel("Local demo account");
    await picker.selectOption((await picker.locator("option").nth(CASCADIA_STEWARD).getAttribute("value")) ?? "");
    const forOther = page.getByRole("listitem", { name: "Stewards' meeting notes" });
    await forOther.getByRole("button", { name: "Attest Stewards' meeting notes" }).waitFor();
    // #2 attested the work party already: it waits for another steward.
    const attested = page.getByRole("listitem", { name: workParty.title });
    await expect
      .poll(() => attested.getByTestId("cannot-attest").textContent())
      .toBe("You have attested it already: it waits for the other stewards.");
    expect(await attested.getByRole("button", { name: /^Attest/ }).count()).toBe(0);
    expect((await contribution(own)).status).toBe(Status.Pending);
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it("explains the queue to an account that stewards no node", async () => {
    const page = await queueAs(NEWCOMER);
    await page.getByText("This account stewards no node, so no contribution waits for it.", { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: /^Attest/ }).count()).toBe(0);
    expect(await page.getByRole("listitem").count()).toBe(0);
    await page.getByRole("link", { name: "See the nodes and their stewards" }).waitFor();
    await expectAccessible(page);

    await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByText("Connect a steward's wallet to see the contributions waiting for you.").waitFor();
    expectNoPageErrors(page);
  });
});
