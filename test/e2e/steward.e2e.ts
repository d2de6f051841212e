import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  connectLocalDemoAccount,
  fillDateTime,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";

import { journeyLifecycle } from "./support/journey.ts";
import { demoSummary } from "./support/demo.ts";

const STEWARD = 1;
const NEWCOMER = 19; // no role in the demo
const CONTRIBUTOR = 12;

describe("Steward: what is waiting, reviews, a new round, cancelling", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const knowledge = demo.rounds.find((round) => round.name === "Translocal Knowledge Commons Round");
  const cascadia = demo.rounds.find((round) => round.name === "Bioregional Commons Round");
  if (knowledge === undefined || cascadia === undefined) throw new Error("the seed's rounds are missing");

  async function asAccount(route: string, account: number): Promise<Page> {
    const page = await openApp(browser(), "/");
    await connectLocalDemoAccount(page, account);
    await page.getByRole("link", { name: "Manage" }).click();
    if (route !== "/manage") await page.goto(new URL(route, page.url()).toString());
    return page;
  }

  it("shows a steward the rounds they steward and what is waiting in each", async () => {
    const page = await asAccount("/manage", STEWARD);
    const list = page.getByRole("list", { name: "Rounds you steward" });
    // The three open funding rounds, the earlier finalized one and the voting round: all run by nodes this account
    // stewards.
    await expect.poll(() => list.getByRole("listitem").count()).toBe(5);
    const knowledgeCard = list.getByRole("listitem").filter({ hasText: knowledge.name });
    await expect.poll(() => knowledgeCard.textContent()).toContain("Waiting for you: 1 application to review");
    expect(await list.getByRole("listitem").filter({ hasText: cascadia.name }).textContent()).toContain(
      "Nothing is waiting for you.",
    );
    await expectAccessible(page);
    await saveScreenshot(page, "manage");
    expectNoPageErrors(page);
  });

  it("approves a pending application, which then takes donations", async () => {
    const page = await asAccount(`/manage/rounds/${knowledge.address}`, STEWARD);
    const waiting = page.getByRole("region", { name: /Waiting for review/ });
    const card = waiting.getByRole("listitem", { name: "Open Micro-Factory Commons" });
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain("Use of funds");
    await expectAccessible(page);
    await card.getByRole("button", { name: "Approve Open Micro-Factory Commons" }).click();
    await page.getByText("Approving Open Micro-Factory Commons: confirmed.").waitFor();
    const approved = page.getByRole("region", { name: /^Approved/ });
    await approved.getByRole("listitem", { name: "Open Micro-Factory Commons" }).waitFor();
    expect(await waiting.getByText("No application is waiting for review.").count()).toBe(1);
    expectNoPageErrors(page);
  });

  it("rejects only with a reason, which the project then reads", async () => {
    const page = await asAccount(`/manage/rounds/${knowledge.address}`, STEWARD);
    const card = page.getByRole("listitem", { name: "Open Micro-Factory Commons" });
    await card.getByRole("button", { name: "Reject Open Micro-Factory Commons" }).click();
    await card.getByRole("button", { name: "Reject with this reason" }).click();
    await card.getByText("Say why, so the project can improve and apply again.").waitFor();
    await card
      .getByLabel("Reason for rejecting Open Micro-Factory Commons")
      .fill("Please add the licence of the machine designs to the application.");
    await card.getByRole("button", { name: "Reject with this reason" }).click();
    await page.getByText("Rejecting Open Micro-Factory Commons: confirmed.").waitFor();
    const rejected = page.getByRole("region", { name: /^Rejected/ });
    await rejected
      .getByText("Reason given: Please add the licence of the machine designs to the application.")
      .waitFor();
    expectNoPageErrors(page);
  });

  it("lets only a node's stewards open rounds, and says so to anyone else", async () => {
    const page = await asAccount("/manage/new", NEWCOMER);
    await page.getByRole("heading", { name: "Create a round" }).waitFor();
    await page.getByText(/This account stewards no node/).waitFor();
    expect(await page.getByRole("button", { name: "Create the round" }).count()).toBe(0);
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it("creates a round for a node only from a form that satisfies the contracts' rules", async () => {
    const page = await asAccount("/manage/new", STEWARD);
    await page.getByRole("heading", { name: "Create a round" }).waitFor();
    // The steward's nodes, and no other.
    const nodes = await page.getByLabel("Node").locator("option").allTextContents();
    expect(nodes).toEqual([
      "Choose a node",
      "Hyphae Translocal Commons",
      "Cascadia",
      "Nairobi Makers",
      "Barcelona Fab City",
    ]);
    await page.getByLabel("Match cap (% of the pool)").fill("0.5");
    await page.getByLabel("Donations close").fill("2020-01-01T10:00");
    await page.getByRole("button", { name: "Create the round" }).click();
    await page.getByText("Fix the fields marked above: nothing has been sent.").waitFor();
    for (const message of [
      "The name is empty",
      "The description is empty",
      "Choose the node that runs the round.",
      "The match cap must be between 1 % and 100 % of the pool, or none.",
      "Donations must close after they open.",
    ]) {
      expect(await page.getByText(message).count(), message).toBeGreaterThan(0);
    }
    await expectAccessible(page);

    await page.getByLabel("Name").fill("Lower Fraser Soil Round");
    await page.getByLabel("Description").fill("Funding soil regeneration commons in the Lower Fraser valley.");
    await page.getByLabel("Node").selectOption({ label: "Cascadia" });
    await page.getByLabel("Payout token").selectOption({ label: "Commons Dollar (CUSD)" });
    await page.getByLabel("Match cap (% of the pool)").fill("25");
    const applicationsClose = await page.getByLabel("Applications close").inputValue();
    await page.getByLabel("Donations open").fill(applicationsClose);
    await fillDateTime(page, "Donations close", new Date(new Date(applicationsClose).getTime() + 14 * 86_400_000));
    await saveScreenshot(page, "create-round");
    await page.getByRole("button", { name: "Create the round" }).click();
    await page.getByRole("heading", { level: 1, name: "Lower Fraser Soil Round" }).waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/\/manage\/rounds\/0x[0-9a-fA-F]{40}$/);

    await page.getByRole("link", { name: "Rounds", exact: true }).click();
    const upcoming = page.getByRole("region", { name: /Upcoming/ });
    await upcoming.getByRole("link", { name: "Lower Fraser Soil Round" }).waitFor();
    expect(await upcoming.textContent()).toContain("0 CUSD");
    const card = upcoming.getByRole("article").filter({ hasText: "Lower Fraser Soil Round" });
    await expect.poll(() => card.locator(".eyebrow").textContent()).toBe("Cascadia");
    expectNoPageErrors(page);
  });

  it("lets only stewards review, and a steward cancel the round for everyone", async () => {
    const outsider = await asAccount(`/manage/rounds/${cascadia.address}`, CONTRIBUTOR);
    await outsider
      .getByText("Only the stewards of the node that runs this round, Cascadia, can review it or cancel it.")
      .waitFor();
    expect(await outsider.getByRole("button", { name: "Cancel the round" }).count()).toBe(0);

    const page = await asAccount(`/manage/rounds/${cascadia.address}`, STEWARD);
    const cancel = page.getByRole("button", { name: "Cancel the round" });
    await cancel.waitFor();
    expect(await cancel.isDisabled()).toBe(true);
    await page.getByLabel("I understand: cancel this round for everyone").check();
    await cancel.click();
    await page.getByText("Cancelling the round: confirmed.").waitFor();
    await page.getByRole("link", { name: "Open the public round page" }).click();
    await page.getByText("Cancelled · refunds open").waitFor();
    expectNoPageErrors(page);
  });
});
