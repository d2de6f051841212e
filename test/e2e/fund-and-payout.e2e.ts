import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { computeDistribution, contributionsByProject, distributablePool } from "../../lib/quadratic-funding.ts";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts, increaseTime } from "./support/chain.ts";
import { coMatchingSeasonAbi, quadraticFundingRoundAbi, readView, sendAs } from "./support/contracts.ts";
import { journeyLifecycle } from "./support/journey.ts";
import { demoSummary } from "./support/demo.ts";

const STEWARD = 1;
const FUNDER = 2; // gave 1,000 CUSD to round 1 and the whole pool of round 2
const CONTRIBUTOR = 12; // gave 5 + 30 + 20 CUSD in round 1
const ANYONE = 17;
const DAY = 86_400;

describe("Funder and payouts: the pool, closing a round, payouts, leftovers, refunds and results", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const cascadia = demo.rounds.find((round) => round.name === "Bioregional Commons Round");
  const knowledge = demo.rounds.find((round) => round.name === "Translocal Knowledge Commons Round");
  if (cascadia === undefined || knowledge === undefined) throw new Error("the seed's rounds are missing");
  const approved = cascadia.applications.filter((application) => application.status === "approved");

  async function roundPage(address: string, account: number): Promise<Page> {
    const page = await openApp(browser(), `/rounds/${address}`);
    await connectLocalDemoAccount(page, account);
    await page.getByRole("region", { name: "Matching pool" }).waitFor();
    return page;
  }

  it("lets a funder add to the pool from the wallet and see its share", async () => {
    const page = await roundPage(cascadia.address, FUNDER);
    const pool = page.getByRole("region", { name: "Matching pool" });
    await expect.poll(() => pool.textContent()).toContain("you gave 1,000 CUSD (66.6 % of the pool)");
    await pool.getByLabel("Add to the pool").fill("abc");
    await pool.getByText("Enter a number of CUSD, like 10 or 2.5.").waitFor();
    expect(await pool.getByRole("button", { name: "Add to the pool" }).isDisabled()).toBe(true);

    await pool.getByLabel("Add to the pool").fill("500");
    await pool.getByRole("button", { name: "Add to the pool" }).click();
    await pool.getByText("Adding to the matching pool: confirmed.").waitFor();
    await expect.poll(() => pool.textContent()).toContain("2,000 CUSD · you gave 1,500 CUSD (75 % of the pool)");
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it("finalizes without a steward, pays every project, and exports results anyone can recompute", async () => {
    await increaseTime(15 * DAY);
    // The round is part of the demo's co-matching season: once anyone settles it, the round's draw is in its pool
    // and the round can be finalized.
    const anyone = (await accounts())[ANYONE] ?? "";
    await sendAs(anyone, cascadia.season ?? "", coMatchingSeasonAbi, "settle");
    const matchingPool = (await readView(cascadia.address, quadraticFundingRoundAbi, "matchingPool")) as bigint;
    const page = await roundPage(cascadia.address, ANYONE);
    const closing = page.getByRole("region", { name: "Closing" });
    await closing.getByRole("button", { name: "Finalize the round" }).click();
    await page.getByText("Finalizing the round: confirmed.").waitFor();

    const payouts = page.getByRole("region", { name: "Payouts" });
    await payouts.getByText(`${approved.length} projects have not been paid yet`, { exact: false }).waitFor();
    await payouts.getByRole("button", { name: `Pay out all ${approved.length} projects` }).click();
    await payouts.getByText("Every project has been paid.").waitFor();
    await expect.poll(() => page.getByText(/^Paid to 0x/).count()).toBe(approved.length);

    const results = page.getByRole("region", { name: "Results" });
    await results.waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, "results");

    // The donations export holds every donation; recomputing the match from it gives the round's figures.
    const [donationsFile] = await Promise.all([
      page.waitForEvent("download"),
      results.getByRole("button", { name: "Download every donation (CSV)" }).click(),
    ]);
    const donationRows = readFileSync(await donationsFile.path(), "utf8")
      .trim()
      .split("\r\n")
      .slice(1);
    const donations = donationRows.map((row) => {
      const [, , , projectId, contributor, amount] = row.split(",");
      return { projectId: BigInt(projectId ?? ""), contributor: contributor ?? "", amount: BigInt(amount ?? "") };
    });
    const ids = approved.map((application) => BigInt(application.projectId));
    // The round's rule distributes its pool (its funders' and the season's draw) without the commons share.
    const recomputed = computeDistribution({
      matchingPool: distributablePool(matchingPool, cascadia.commonsShareBps ?? 0),
      decimals: 6,
      matchCapBps: 0,
      projects: contributionsByProject(ids, donations),
    });

    const [resultsFile] = await Promise.all([
      page.waitForEvent("download"),
      results.getByRole("button", { name: "Download results (CSV)" }).click(),
    ]);
    const [header, ...rows] = readFileSync(await resultsFile.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(header).toBe(
      "project_id,name,payout_address,contributors,donations_CUSD,sqrt_sum_18_decimals,ideal_match_18_decimals,match_CUSD,match_capped,paid",
    );
    expect(rows).toHaveLength(approved.length);
    for (const row of rows) {
      const cells = row.split(",");
      const outcome = recomputed.projects.find((project) => project.projectId === BigInt(cells[0] ?? ""));
      expect(outcome).toBeDefined();
      expect(BigInt(cells[5] ?? "")).toBe(outcome?.sqrtSum);
      expect(BigInt(cells[6] ?? "")).toBe(outcome?.idealMatch);
      expect(Math.round(Number(cells[7]) * 1e6)).toBe(Number(outcome?.matchAmount));
      expect(cells[9]).toBe("true");
    }
    expectNoPageErrors(page);
  });

  it("returns an unspent pool to its funder once the round is final", async () => {
    // The knowledge round has a pool and no donations: all of it goes back.
    await increaseTime(22 * DAY);
    const page = await roundPage(knowledge.address, FUNDER);
    await page.getByRole("button", { name: "Finalize the round" }).click();
    await page.getByText("Finalizing the round: confirmed.").waitFor();
    const pool = page.getByRole("region", { name: "Matching pool" });
    await pool.getByText("Your share of what was returned: 2 ETH").waitFor();
    await pool.getByRole("button", { name: "Claim leftover" }).click();
    await pool.getByText("Claiming your leftover: confirmed.").waitFor();
    await pool.getByText("You have taken your share of what was returned.").waitFor();
    expectNoPageErrors(page);
  });

  it("gives funders and donors back exactly what they put in after a cancellation", async () => {
    const steward = (await accounts())[STEWARD] ?? "";
    await sendAs(steward, cascadia.address, quadraticFundingRoundAbi, "cancel");

    const funderPage = await roundPage(cascadia.address, FUNDER);
    await funderPage.getByRole("button", { name: "Withdraw your 1,000 CUSD" }).click();
    await funderPage.getByText("Withdrawing your funding: confirmed.").waitFor();

    const donorPage = await roundPage(cascadia.address, CONTRIBUTOR);
    await donorPage.getByRole("button", { name: "Withdraw your donations (55 CUSD)" }).click();
    await donorPage.getByText("Withdrawing your donations: confirmed.").waitFor();
    await expect.poll(() => donorPage.getByRole("button", { name: /Withdraw your donations/ }).count()).toBe(0);
    expectNoPageErrors(funderPage);
    expectNoPageErrors(donorPage);
  });
});
