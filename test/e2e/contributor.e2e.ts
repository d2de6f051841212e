import type { Page } from "playwright-core";
import { type Address, getAddress, zeroAddress } from "viem";
import { describe, expect, it } from "vitest";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts } from "./support/chain.ts";
import { commonsCreditsAbi, contributionLedgerAbi, readView } from "./support/contracts.ts";
import { demoSummary } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const HOLDER = 10; // holds claimed credits, has more waiting, delegates to themself
const NEVER_CLAIMED = 12; // credits waiting, none held, no delegate yet
const OTHER_HOLDER = 11;
const CREDIT = 10n ** 18n;

describe("Contributor: contributions over time, credits, claiming and delegation", () => {
  const { browser } = journeyLifecycle();
  const { network } = demoSummary();
  const ledger = network.contracts.contributionLedger;
  const credits = network.contracts.commonsCredits;

  async function account(index: number): Promise<Address> {
    const address = (await accounts())[index];
    if (address === undefined) throw new Error(`no account #${index}`);
    return getAddress(address);
  }

  async function creditsOf(address: Address) {
    return {
      balance: (await readView(credits, commonsCreditsAbi, "balanceOf", [address])) as bigint,
      votes: (await readView(credits, commonsCreditsAbi, "getVotes", [address])) as bigint,
      delegate: (await readView(credits, commonsCreditsAbi, "delegates", [address])) as Address,
      unclaimed: (await readView(ledger, contributionLedgerAbi, "unclaimedCredits", [address])) as bigint,
    };
  }

  /** A figure of the credits panel, as shown. */
  const figure = (page: Page, testId: string) => page.getByTestId(testId).textContent();

  it("shows a contributor's credits per period from the ledger, in a chart and a table, with totals and statuses", async () => {
    const holder = await account(HOLDER);
    const page = await openApp(browser(), `/network/contributors/${holder}`);
    await page.getByRole("heading", { level: 1, name: "Contributor" }).waitFor();

    // The four seeded periods and the current one, each as the ledger's per-period view reads it.
    const rows = page.getByTestId("credits-per-period").locator("tbody tr");
    const periods = [...network.periods.attested, network.periods.current];
    await expect.poll(() => rows.count()).toBe(periods.length);
    const perPeriod: bigint[] = [];
    for (const [index, period] of periods.entries()) {
      const onChain = (await readView(ledger, contributionLedgerAbi, "contributorCreditsInPeriod", [
        holder,
        BigInt(period),
      ])) as bigint;
      perPeriod.push(onChain);
      expect(await rows.nth(index).getAttribute("data-period")).toBe(String(period));
      expect(await rows.nth(index).locator("td").textContent()).toBe((onChain / CREDIT).toLocaleString("en-US"));
    }
    // What the seed gave #10: 12 hours, then 10 hours of care, nothing, then 5 hours; nothing yet this period.
    expect(perPeriod).toEqual([120n * CREDIT, 100n * CREDIT, 0n, 50n * CREDIT, 0n]);
    // The chart draws a bar per period, empty for an empty period.
    const bars = page.getByTestId("credits-chart").locator("rect");
    expect(await bars.count()).toBe(periods.length);
    const heights = await bars.evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute("height"))));
    expect(heights[0]).toBeGreaterThan(heights[1] ?? 0);
    expect(heights[2]).toBe(0);
    expect(heights[3]).toBeGreaterThan(0);

    const onChain = await creditsOf(holder);
    await expect.poll(() => figure(page, "credits-held")).toBe((onChain.balance / CREDIT).toString());
    expect(await figure(page, "credits-waiting")).toBe((onChain.unclaimed / CREDIT).toString());
    expect(await figure(page, "voting-power")).toBe((onChain.votes / CREDIT).toString());
    expect(onChain.delegate).toBe(holder);
    expect(await figure(page, "delegate")).toBe("This account itself");

    const byKind = page.getByRole("table", { name: "Attested and not revoked" });
    await expect.poll(() => byKind.getByRole("row", { name: /^labour / }).textContent()).toBe("labour17 hours170");
    expect(await byKind.getByRole("row", { name: /^care work / }).textContent()).toBe("care work10 hours100");
    expect(await byKind.getByTestId("credits-total").textContent()).toBe("270");

    const list = page.getByRole("list", { name: "Contributions of this account" });
    const seeded = network.contributions.filter((contribution) => contribution.contributor.index === HOLDER);
    await expect.poll(() => list.getByRole("listitem").count()).toBe(seeded.length);
    expect(await list.getByTestId("contribution-status").allTextContents()).toEqual(seeded.map(() => "Attested"));

    // Anyone may claim for a contributor, but only from a connected wallet.
    expect(await page.getByRole("button", { name: "Claim credits" }).isDisabled()).toBe(true);
    await page.getByText("Connect a wallet to claim them.").waitFor();
    // Delegation is for the account itself.
    expect(await page.getByRole("form", { name: "Delegate to another account" }).count()).toBe(0);
    await expectAccessible(page);
    await saveScreenshot(page, "contributor");
    expectNoPageErrors(page);
  });

  it("claims the credits waiting, which makes a holder without a delegate their own", async () => {
    const contributor = await account(NEVER_CLAIMED);
    const before = await creditsOf(contributor);
    expect(before).toEqual({ balance: 0n, votes: 0n, delegate: zeroAddress, unclaimed: 120n * CREDIT });

    const page = await openApp(browser(), "/network");
    await connectLocalDemoAccount(page, NEVER_CLAIMED);
    await page.getByRole("link", { name: "My contributions" }).click();
    await page.getByRole("heading", { level: 1, name: "My contributions" }).waitFor();
    await expect.poll(() => figure(page, "credits-waiting")).toBe("120");
    expect(await figure(page, "credits-held")).toBe("0");
    expect(await figure(page, "delegate")).toBe("None yet");

    await page.getByRole("button", { name: "Claim credits" }).click();
    await page.getByText("Claiming 120 credits: confirmed.").waitFor({ timeout: 30_000 });
    expect(await creditsOf(contributor)).toEqual({
      balance: 120n * CREDIT,
      votes: 120n * CREDIT,
      delegate: contributor,
      unclaimed: 0n,
    });
    await expect.poll(() => figure(page, "credits-held")).toBe("120");
    expect(await figure(page, "credits-waiting")).toBe("0");
    expect(await figure(page, "voting-power")).toBe("120");
    expect(await figure(page, "delegate")).toBe("Yourself");
    // Nothing is waiting any more: no claim to offer.
    expect(await page.getByRole("button", { name: "Claim credits" }).count()).toBe(0);
    expectNoPageErrors(page);
  });

  it("delegates voting power only to a valid address, and back to itself", async () => {
    const holder = await account(HOLDER);
    const other = await account(OTHER_HOLDER);
    const otherBefore = await creditsOf(other);
    const holderBefore = await creditsOf(holder);

    const page = await openApp(browser(), `/network/contributors/${holder}`);
    await connectLocalDemoAccount(page, HOLDER);
    const form = page.getByRole("form", { name: "Delegate to another account" });
    await form.waitFor();
    const input = form.getByLabel("Delegate to another account");
    const delegate = form.getByRole("button", { name: "Delegate" });

    await delegate.click();
    await form.getByText("Enter the address of the account to delegate to.").waitFor();
    await input.fill("0x123");
    await delegate.click();
    await form.getByText("An address is 0x followed by 40 hexadecimal digits (0–9, a–f).").waitFor();
    // One letter's case changed: the checksum catches the typo.
    const typo = other.replace(/[a-f]/, (letter) => letter.toUpperCase());
    await input.fill(typo);
    await delegate.click();
    await form.getByText("This address does not match its checksum", { exact: false }).waitFor();
    await input.fill(zeroAddress);
    await delegate.click();
    await form.getByText("Delegating to the zero address would leave your credits without a vote.").waitFor();
    expect((await creditsOf(holder)).delegate).toBe(holder);
    await expectAccessible(page);

    await input.fill(other.toLowerCase());
    await delegate.click();
    await page.getByText(`Delegating to ${other}: confirmed.`).waitFor({ timeout: 30_000 });
    const holderAfter = await creditsOf(holder);
    expect(holderAfter.delegate).toBe(other);
    expect(holderAfter.votes).toBe(0n);
    expect((await creditsOf(other)).votes).toBe(otherBefore.votes + holderBefore.balance);
    await expect.poll(() => figure(page, "voting-power")).toBe("0");
    expect(await figure(page, "delegate")).toContain(other);

    await page.getByRole("button", { name: "Delegate to myself" }).click();
    await page.getByText("Delegating to yourself: confirmed.").waitFor({ timeout: 30_000 });
    expect((await creditsOf(holder)).delegate).toBe(holder);
    expect((await creditsOf(other)).votes).toBe(otherBefore.votes);
    await expect.poll(() => figure(page, "delegate")).toBe("Yourself");
    expectNoPageErrors(page);
  });

  it("says so when the address is not an account", async () => {
    const page = await openApp(browser(), "/network/contributors/0x123");
    await page.getByText("“0x123” is not an account address.").waitFor();
    expectNoPageErrors(page);
  });
});
