import { describe, expect, it } from "vitest";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts } from "./support/chain.ts";
import { contributionLedgerAbi, readView } from "./support/contracts.ts";
import { demoSummary } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const COUNTED_DONOR = 13; // gave 20 + 20 CUSD in the earlier round and counted it
const UNCOUNTED_DONOR = 17; // gave 60 CUSD to the mycology lab in the earlier round, not counted yet
const FUNDER = 2; // funded its 600 CUSD pool; what the rule distributed is not counted yet
const NOBODY = 19; // gave nothing
const MONEY = 5;
const CASCADIA = 2n;

describe("Giving in a finalized round counts in the commons ledger", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const earlier = demo.rounds.find((round) => round.name === "Cascadia Repair and Seed Round");
  if (earlier === undefined) throw new Error("the seed's finalized round is missing");
  const ledger = demo.contracts.contributionLedger;

  async function roundPageAs(index: number) {
    const page = await openApp(browser(), `/rounds/${earlier?.address ?? ""}`);
    await connectLocalDemoAccount(page, index);
    await page.getByRole("heading", { level: 1, name: "Cascadia Repair and Seed Round" }).waitFor();
    return page;
  }

  it("lets a donor count what they gave, once, as money given to the round's node", async () => {
    const donor = (await accounts())[UNCOUNTED_DONOR] ?? "";
    const before = (await readView(ledger, contributionLedgerAbi, "contributorTotal", [donor, MONEY])) as {
      quantity: bigint;
    };
    expect(before.quantity).toBe(0n);
    const unclaimedBefore = (await readView(ledger, contributionLedgerAbi, "unclaimedCredits", [donor])) as bigint;

    const page = await roundPageAs(UNCOUNTED_DONOR);
    const panel = page.getByRole("region", { name: "Your giving in the commons ledger" });
    await panel.getByText("You gave 60 CUSD in this round.").waitFor();
    await panel
      .getByText(/60 CUSD of it is not counted yet\. Counting it records it as money given to Cascadia/)
      .waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, "count-giving");
    await panel.getByRole("button", { name: "Count my giving" }).click();
    await panel.getByText("Counting your giving in the commons ledger: confirmed.").waitFor();
    await panel.getByText("Counted as money given to Cascadia.").waitFor();
    expect(await panel.getByRole("button", { name: "Count my giving" }).count()).toBe(0);

    const after = (await readView(ledger, contributionLedgerAbi, "contributorTotal", [donor, MONEY])) as {
      quantity: bigint;
      credits: bigint;
    };
    expect(after.quantity).toBe(60_000_000n);
    expect(after.credits).toBe(60n * 10n ** 18n);
    const unclaimed = (await readView(ledger, contributionLedgerAbi, "unclaimedCredits", [donor])) as bigint;
    expect(unclaimed - unclaimedBefore).toBe(60n * 10n ** 18n);
    const nodeTotal = (await readView(ledger, contributionLedgerAbi, "nodeTotal", [CASCADIA, MONEY])) as {
      quantity: bigint;
    };
    expect(nodeTotal.quantity).toBeGreaterThanOrEqual(60_000_000n);
    expectNoPageErrors(page);
  });

  it("counts the matching funds the rule distributed for a funder, not what went back", async () => {
    const funder = (await accounts())[FUNDER] ?? "";
    const page = await roundPageAs(FUNDER);
    const panel = page.getByRole("region", { name: "Your giving in the commons ledger" });
    // 336.609333 of the 600 CUSD pool went to projects (the rest back to the funder); the app shows two decimals.
    await panel
      .getByText("You gave 336.6 CUSD in this round (336.6 CUSD of it matching funds the rule distributed).")
      .waitFor();
    await panel.getByRole("button", { name: "Count my giving" }).click();
    await panel.getByText("Counted as money given to Cascadia.").waitFor();
    const total = (await readView(ledger, contributionLedgerAbi, "contributorTotal", [funder, MONEY])) as {
      quantity: bigint;
    };
    expect(total.quantity).toBe(336_609_333n);
    expectNoPageErrors(page);
  });

  it("tells a donor whose giving is counted so, and shows nothing to someone who gave nothing", async () => {
    const page = await roundPageAs(COUNTED_DONOR);
    const panel = page.getByRole("region", { name: "Your giving in the commons ledger" });
    await panel.getByText("You gave 40 CUSD in this round.").waitFor();
    await panel.getByText("Counted as money given to Cascadia.").waitFor();

    const other = await roundPageAs(NOBODY);
    await other.getByRole("heading", { name: "Matching pool" }).waitFor();
    expect(await other.getByRole("region", { name: "Your giving in the commons ledger" }).count()).toBe(0);
    expectNoPageErrors(page);
    expectNoPageErrors(other);
  });
});
