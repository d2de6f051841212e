import type { Locator, Page } from "playwright-core";
import { type Address, hashTypedData, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { ballotTypedData } from "../../app/src/lib/ballot.ts";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts, increaseTime } from "./support/chain.ts";
import { quadraticVotingRoundAbi, readView } from "./support/contracts.ts";
import { demoSummary, shown } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const HOLDER = 10; // 220 commons credits claimed before the snapshot, no ballot yet
const SIGNER = 4; // 20 credits; cast 4 votes for the seed library
const RELAYER = 19;
const NOBODY = 19; // no credits at all
const DAY = 86_400;

const SEED_LIBRARY = "Salish Sea Seed Library"; // project #1
const ADOBE_SCHOOL = "Four Corners Adobe Building School"; // #5
const MICRO_FACTORY = "Open Micro-Factory Commons"; // #6

describe("Quadratic voting: the ballot, signed ballots and results", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const vote = demo.votingRounds.find((round) => round.name === "Translocal Commons Priorities Vote");
  if (vote === undefined) throw new Error("the seed has no voting round");
  const round = vote.address;
  const seeded = (name: string) => {
    const application = vote.applications.find((item) => item.project === name);
    if (application === undefined) throw new Error(`no ${name} in the voting round`);
    return application;
  };

  async function ballotPageAs(index: number | undefined): Promise<Page> {
    const page = await openApp(browser(), `/voting/${round}`);
    await page.getByRole("heading", { level: 1, name: vote?.name }).waitFor();
    if (index !== undefined) await connectLocalDemoAccount(page, index);
    return page;
  }

  const ballot = (page: Page) => page.getByRole("region", { name: "Your ballot" });
  const row = (page: Page, name: string) => ballot(page).getByRole("listitem", { name });
  const figure = (page: Page, testId: string) => ballot(page).getByTestId(testId).textContent();

  async function projectVotes(projectId: number): Promise<{ votes: bigint; voters: number }> {
    return (await readView(round, quadraticVotingRoundAbi, "projectVotes", [BigInt(projectId)])) as {
      votes: bigint;
      voters: number;
    };
  }

  async function tally(page: Page, name: string): Promise<string | null> {
    return row(page, name).getByTestId("tally").textContent();
  }

  it("is listed as quadratic voting beside the funding rounds, on the home page and its node's page", async () => {
    const page = await openApp(browser(), "/");
    const open = page.getByRole("region", { name: /Open now/ });
    const card = open.getByRole("article").filter({ hasText: vote.name });
    await expect.poll(() => card.textContent()).toContain("Quadratic voting");
    expect(await card.textContent()).toContain("Voting open");
    expect(await card.textContent()).toContain(`Votes${vote.totalVotes}`);
    await card.getByRole("link", { name: vote.name }).click();
    await page.getByRole("heading", { level: 1, name: vote.name }).waitFor();
    expect(await page.getByTestId("total-votes").textContent()).toBe(String(vote.totalVotes));

    await page.goto(new URL(`/network/nodes/${vote.nodeId}`, page.url()).toString());
    const rounds = page.getByRole("list", { name: /^Rounds of / });
    await expect.poll(() => rounds.textContent()).toContain(`${vote.name} Quadratic voting`);
    expectNoPageErrors(page);
  });

  it("lets a credit holder set votes, see their cost and what is left, not exceed the budget, cast and replace", async () => {
    const page = await ballotPageAs(HOLDER);
    await expect.poll(() => figure(page, "budget")).toBe("220");
    expect(await figure(page, "current-ballot")).toBe("You have not cast a ballot in this round yet.");
    expect(await figure(page, "remaining")).toBe("220");

    // Three steps up: 3 votes cost 9 voice credits.
    const adobe = row(page, ADOBE_SCHOOL);
    for (let step = 0; step < 3; step++)
      await adobe.getByRole("button", { name: `One vote more for ${ADOBE_SCHOOL}` }).click();
    expect(await adobe.getByTestId("vote-cost").textContent()).toMatch(/^3 votes = 9 voice credits/);
    expect(await figure(page, "cost")).toBe("9");
    expect(await figure(page, "remaining")).toBe("211");

    // 15 votes cost 225: over the budget, and the page says by how much; nothing can be sent.
    const library = row(page, SEED_LIBRARY);
    await library.getByLabel(`Votes for ${SEED_LIBRARY}`).fill("15");
    expect(await library.getByTestId("vote-cost").textContent()).toMatch(/^15 votes = 225 voice credits/);
    expect(await figure(page, "remaining")).toBe("-14");
    await ballot(page)
      .getByText("This ballot costs 234 voice credits: 14 voice credits more than your 220 voice credits.")
      .waitFor();
    expect(await ballot(page).getByRole("button", { name: "Cast ballot" }).isDisabled()).toBe(true);
    expect(await ballot(page).getByRole("button", { name: "Sign ballot (no gas)" }).isDisabled()).toBe(true);
    // The stepper does not go beyond what the budget allows: 14 votes (196) with 9 spent elsewhere.
    await library.getByLabel(`Votes for ${SEED_LIBRARY}`).fill("14");
    expect(await library.getByRole("button", { name: `One vote more for ${SEED_LIBRARY}` }).isDisabled()).toBe(true);

    await library.getByLabel(`Votes for ${SEED_LIBRARY}`).fill("10");
    expect(await figure(page, "cost")).toBe("109");
    expect(await figure(page, "remaining")).toBe("111");
    await expectAccessible(page);
    await saveScreenshot(page, "ballot");
    await ballot(page).getByRole("button", { name: "Cast ballot" }).click();
    await ballot(page).getByText("Casting your ballot: confirmed.").waitFor();

    // The tally includes the ballot, on the page and on chain.
    const library0 = seeded(SEED_LIBRARY);
    await expect
      .poll(() => tally(page, SEED_LIBRARY))
      .toContain(`${library0.votes + 10} votes from ${library0.voters + 1} voters`);
    await expect.poll(() => page.getByTestId("total-votes").textContent()).toBe(String(vote.totalVotes + 13));
    expect((await projectVotes(library0.projectId)).votes).toBe(BigInt(library0.votes + 10));
    await expect
      .poll(() => figure(page, "current-ballot"))
      .toContain(
        `Your ballot: 10 votes for ${SEED_LIBRARY}, 3 votes for ${ADOBE_SCHOOL} (13 votes, 109 voice credits).`,
      );
    expect(await figure(page, "current-ballot")).toContain("Casting again replaces this ballot entirely");

    // Replacing it: the seed library's votes go back, the adobe school gets 14 (196 of 220).
    await library.getByLabel(`Votes for ${SEED_LIBRARY}`).fill("0");
    await adobe.getByLabel(`Votes for ${ADOBE_SCHOOL}`).fill("14");
    expect(await figure(page, "remaining")).toBe("24");
    await ballot(page).getByRole("button", { name: "Replace my ballot" }).click();
    await ballot(page).getByText("Replacing your ballot: confirmed.").waitFor();
    const adobe0 = seeded(ADOBE_SCHOOL);
    await expect
      .poll(() => tally(page, SEED_LIBRARY))
      .toContain(`${library0.votes} votes from ${library0.voters} voters`);
    await expect
      .poll(() => tally(page, ADOBE_SCHOOL))
      .toContain(`${adobe0.votes + 14} votes from ${adobe0.voters + 1} voters`);
    await expect.poll(() => page.getByTestId("total-votes").textContent()).toBe(String(vote.totalVotes + 14));
    expect((await projectVotes(adobe0.projectId)).votes).toBe(BigInt(adobe0.votes + 14));
    expectNoPageErrors(page);
  });

  it("counts a ballot signed without gas once another account relays it, and refuses it a second time", async () => {
    const signerPage = await ballotPageAs(SIGNER);
    await expect.poll(() => figure(signerPage, "budget")).toBe("20");
    await expect.poll(() => figure(signerPage, "current-ballot")).toContain(`Your ballot: 4 votes for ${SEED_LIBRARY}`);
    await row(signerPage, SEED_LIBRARY).getByLabel(`Votes for ${SEED_LIBRARY}`).fill("2");
    await row(signerPage, MICRO_FACTORY).getByLabel(`Votes for ${MICRO_FACTORY}`).fill("4");
    expect(await figure(signerPage, "remaining")).toBe("0");
    await ballot(signerPage).getByRole("button", { name: "Sign ballot (no gas)" }).click();
    const json = ballot(signerPage).getByLabel("Signed ballot (JSON)");
    await json.waitFor();
    const text = await json.inputValue();
    const signed = JSON.parse(text) as {
      voter: Address;
      previousBallot: Hex;
      projectIds: string[];
      votes: string[];
      nonce: string;
      deadline: string;
      signature: Hex;
    };
    const signer = (await accounts())[SIGNER] ?? "";
    expect(signed.voter.toLowerCase()).toBe(signer.toLowerCase());
    expect(signed.projectIds).toEqual(["1", "6"]);
    expect(signed.votes).toEqual(["2", "4"]);
    // It names the ballot it replaces: the voter's current one.
    expect(signed.previousBallot).toBe(await readView(round, quadraticVotingRoundAbi, "ballotHashOf", [signed.voter]));
    // What the wallet signed is the round's own EIP-712 digest.
    const next = { projectIds: signed.projectIds.map(BigInt), votes: signed.votes.map(BigInt) };
    const digest = await readView(round, quadraticVotingRoundAbi, "signedBallotDigest", [
      signed.voter,
      signed.previousBallot,
      next,
      BigInt(signed.nonce),
      BigInt(signed.deadline),
    ]);
    expect(
      hashTypedData(
        ballotTypedData({
          chainId: 31337,
          round: round as Address,
          voter: signed.voter,
          previousBallot: signed.previousBallot,
          ballot: next,
          nonce: BigInt(signed.nonce),
          deadline: BigInt(signed.deadline),
        }),
      ),
    ).toBe(digest);
    // Signing sent nothing.
    const factory0 = seeded(MICRO_FACTORY);
    expect((await projectVotes(factory0.projectId)).votes).toBe(BigInt(factory0.votes));
    await expectAccessible(signerPage);

    // Another account relays it.
    const relayPage = await ballotPageAs(RELAYER);
    const relay = relayPage.getByRole("region", { name: "Submit signed ballots" });
    const input = relay.getByLabel("Signed ballots (JSON)");
    await input.fill("{ this is not a ballot");
    await relay.getByRole("button", { name: "Submit signed ballots" }).click();
    await relay.getByText("This is not valid JSON: paste the signed ballots exactly as they were copied.").waitFor();
    await input.fill(text);
    await relay.getByRole("button", { name: "Submit signed ballots" }).click();
    await relay.getByText("Submitting 1 signed ballot: confirmed.").waitFor();
    const library0 = seeded(SEED_LIBRARY);
    // The signer's earlier 4 votes for the seed library were replaced by 2; 4 new for the micro-factory.
    await expect
      .poll(() => tally(relayPage, MICRO_FACTORY))
      .toContain(`${factory0.votes + 4} votes from ${factory0.voters + 1} voters`);
    await expect
      .poll(() => tally(relayPage, SEED_LIBRARY))
      .toContain(`${library0.votes - 2} votes from ${library0.voters} voters`);
    expect((await projectVotes(factory0.projectId)).votes).toBe(BigInt(factory0.votes + 4));
    expect(await readView(round, quadraticVotingRoundAbi, "nonces", [signer])).toBe(1n);

    // The form is cleared once they count; the same signature cannot count twice.
    await expect.poll(() => input.inputValue()).toBe("");
    await input.fill(text);
    await relay.getByRole("button", { name: "Submit signed ballots" }).click();
    await relay.getByText(/ballot is no longer the one this was signed over \(it was submitted already/).waitFor();

    // The signer sees the relayed ballot as theirs.
    const signerAgain = await ballotPageAs(SIGNER);
    await expect
      .poll(() => figure(signerAgain, "current-ballot"))
      .toContain(`Your ballot: 2 votes for ${SEED_LIBRARY}, 4 votes for ${MICRO_FACTORY}`);
    expectNoPageErrors(relayPage);
    expectNoPageErrors(signerPage);
  });

  it("explains why someone cannot vote: no wallet, no voice credits", async () => {
    const page = await ballotPageAs(undefined);
    await ballot(page).getByText("Connect a wallet to vote.").waitFor();
    expect(await ballot(page).getByRole("button", { name: "Cast ballot" }).isDisabled()).toBe(true);

    await connectLocalDemoAccount(page, NOBODY);
    await ballot(page).getByText("This account has no voice credits in this round.").waitFor();
    const help = ballot(page).getByText(/Voice credits come from commons credits held at the round's snapshot/);
    await help.waitFor();
    const nobody = (await accounts())[NOBODY] ?? "";
    const link = ballot(page).getByRole("link", { name: "See your contributions and credits" });
    expect((await link.getAttribute("href"))?.toLowerCase()).toBe(`/network/contributors/${nobody.toLowerCase()}`);
    expect(await ballot(page).getByRole("button", { name: "Sign ballot (no gas)" }).isDisabled()).toBe(true);
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it("lets a node's steward create a voting round, its rules checked in the form, and lists it as upcoming", async () => {
    const page = await openApp(browser(), "/manage");
    await connectLocalDemoAccount(page, 1);
    await page.getByRole("link", { name: "Create a voting round" }).click();
    await page.getByRole("heading", { level: 1, name: "Create a voting round" }).waitFor();
    // The snapshot must come before voting opens.
    await page.getByLabel("Snapshot").fill(await page.getByLabel("Voting closes").inputValue());
    await page.getByLabel(/^Voting power per voice credit/).fill("0");
    await page.getByRole("button", { name: "Create the voting round" }).click();
    await page.getByText("Fix the fields marked above: nothing has been sent.").waitFor();
    for (const message of [
      "The name is empty.",
      "Choose the node that runs the round.",
      "One voice credit needs some voting power: more than 0.",
      "The snapshot must come before voting opens, so every budget is fixed while people vote.",
    ]) {
      expect(await page.getByText(message).count(), message).toBeGreaterThan(0);
    }
    await expectAccessible(page);

    await page.getByLabel("Name").fill("Nairobi Tools Vote");
    await page
      .getByLabel("Description")
      .fill("Which shared tools the Nairobi makers buy next, decided by their credits.");
    await page.getByLabel("Node").selectOption({ label: "Nairobi Makers" });
    await page.getByLabel(/^Voting power per voice credit/).fill("1");
    await page.getByLabel("Snapshot").fill(await page.getByLabel("Applications close").inputValue());
    await page.getByRole("button", { name: "Create the voting round" }).click();
    await page.getByRole("heading", { level: 1, name: "Nairobi Tools Vote" }).waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/\/voting\/0x[0-9a-fA-F]{40}$/);
    await page.getByText(/Applications open in/).waitFor();
    // Before voting opens, the ballot says when it will.
    await ballot(page)
      .getByText(/Voting is not open yet\. It opens on/)
      .waitFor();

    await page.getByRole("link", { name: "Rounds", exact: true }).first().click();
    const upcoming = page.getByRole("region", { name: /Upcoming/ });
    await expect.poll(() => upcoming.getByRole("article").filter({ hasText: "Nairobi Tools Vote" }).count()).toBe(1);
    expectNoPageErrors(page);
  });

  it("after voting closes, lets anyone finalize and pay every project its share, shown as a chart and a table", async () => {
    await increaseTime(15 * DAY);
    const page = await ballotPageAs(17);
    expect(await page.getByRole("region", { name: "Your ballot" }).count()).toBe(0);
    const closing = page.getByRole("region", { name: "Closing" });
    await closing.getByRole("button", { name: "Finalize the round" }).click();
    await page.getByText("Finalizing the round: confirmed.").waitFor();

    const payouts = page.getByRole("region", { name: "Payouts" });
    const approved = vote.applications.filter((application) => application.status === "approved");
    await payouts.getByRole("button", { name: `Pay out all ${approved.length} projects` }).click();
    await payouts.getByText("Every project with votes has been paid.").waitFor();

    const results = page.getByRole("region", { name: "Results" });
    const table = results.getByTestId("votes-table");
    await expect.poll(() => results.getByTestId("votes-chart").locator("rect.chart-bar").count()).toBe(approved.length);
    for (const application of approved) {
      const tableRow: Locator = table
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: application.project }) });
      const cells = await tableRow.getByRole("cell").allTextContents();
      expect(cells[0]).toBe(String(application.voters));
      expect(cells[1]).toBe(String(application.votes));
      expect(cells[3]).toBe(`${shown(application.estimatedPayout)} CUSD · paid`);
    }
    await expectAccessible(page);
    await saveScreenshot(page, "voting-results");
    expectNoPageErrors(page);
  });
});
