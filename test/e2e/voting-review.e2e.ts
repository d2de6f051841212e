import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { increaseTime } from "./support/chain.ts";
import { quadraticVotingRoundAbi, readView } from "./support/contracts.ts";
import { demoSummary } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const STEWARD = 1; // a steward of every node, the translocal commons included
const OUTSIDER = 12; // a contributor, steward of no node
const TOOL_OWNER = 5; // owner of project #2, which has not applied to the vote
const TOOL_COMMONS = "Willamette Valley Tool Commons";
const TOOL_COMMONS_ID = 2;
const MYCOLOGY_OWNER = 6; // owner of project #3, whose application to the vote waits for review
const DAY = 86_400;

describe("Quadratic voting: applications and their review", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const vote = demo.votingRounds.find((round) => round.name === "Translocal Commons Priorities Vote");
  if (vote === undefined) throw new Error("the seed has no voting round");
  const pending = vote.applications.find((application) => application.status === "pending");
  if (pending === undefined) throw new Error("the seed left no application to the voting round pending");
  const approvedCount = vote.applications.filter((application) => application.status === "approved").length;
  const round = vote.address;

  async function pageAs(route: string, index: number | undefined): Promise<Page> {
    const page = await openApp(browser(), route);
    if (index !== undefined) await connectLocalDemoAccount(page, index);
    return page;
  }

  function standing(page: Page) {
    return page.getByRole("region", { name: "Rounds" }).getByRole("listitem", { name: vote?.name });
  }

  async function statusOnChain(projectId: number): Promise<number> {
    return ((await readView(round, quadraticVotingRoundAbi, "projectVotes", [BigInt(projectId)])) as { status: number })
      .status;
  }

  it("lets a project owner apply to an open voting round, its node's steward approve it, and puts it on the ballot", async () => {
    // The owner applies from the project's page, where the voting round is listed beside the funding rounds.
    const owner = await pageAs(`/projects/${TOOL_COMMONS_ID}`, TOOL_OWNER);
    const item = standing(owner);
    await expect.poll(() => item.getByTestId("application-status").textContent()).toBe("Not applied");
    expect(await item.textContent()).toContain("open now");
    expect(await item.textContent()).toContain("Quadratic voting");
    await item.getByRole("button", { name: `Apply to ${vote.name}` }).click();
    const form = item.getByRole("form", { name: `Application to ${vote.name}` });
    await form.getByRole("button", { name: "Submit the application" }).click();
    await form.getByText("Summarise what the project will do").waitFor();
    await form
      .getByLabel("Summary")
      .fill("Publish the lending library's tool catalogue and repair guides for every node.");
    await form.getByLabel("Uses of funds").fill("Catalogue software\nRepair guides\n");
    await expectAccessible(owner);
    await form.getByRole("button", { name: "Submit the application" }).click();
    await item.getByText("Submitting the application: confirmed.").waitFor();
    await expect.poll(() => item.getByTestId("application-status").textContent()).toBe("Pending review");
    expect(await statusOnChain(TOOL_COMMONS_ID)).toBe(1);
    // A pending application can be updated while the window is open.
    const update = item.getByRole("button", { name: `Update the application to ${vote.name}` });
    await update.click();
    await form.getByLabel("Uses of funds").fill("Catalogue software\nRepair guides\nTranslations");
    await form.getByRole("button", { name: "Update the application" }).click();
    await item.getByText("Updating the application: confirmed.").waitFor();
    await update.waitFor();

    // The translocal commons' steward finds it on the Manage page, the round marked as quadratic voting.
    const steward = await pageAs("/manage", STEWARD);
    const card = steward
      .getByRole("list", { name: "Rounds you steward" })
      .getByRole("listitem")
      .filter({ hasText: vote.name });
    await expect.poll(() => card.textContent()).toContain("Waiting for you: 2 applications to review");
    expect(await card.textContent()).toContain("Quadratic voting");
    await card.getByRole("link", { name: vote.name }).click();
    await steward.getByRole("heading", { level: 1, name: vote.name }).waitFor();
    expect(steward.url()).toMatch(new RegExp(`/manage/rounds/${round}$`, "i"));

    const waiting = steward.getByRole("region", { name: /Waiting for review/ });
    const application = waiting.getByRole("listitem", { name: TOOL_COMMONS });
    await expect.poll(() => application.textContent()).toContain("Translations");
    await waiting.getByRole("listitem", { name: pending.project }).waitFor();
    await expectAccessible(steward);
    await saveScreenshot(steward, "voting-review");
    await application.getByRole("button", { name: `Approve ${TOOL_COMMONS}` }).click();
    await steward.getByText(`Approving ${TOOL_COMMONS}: confirmed.`).waitFor();
    await steward
      .getByRole("region", { name: /^Approved/ })
      .getByRole("listitem", { name: TOOL_COMMONS })
      .waitFor();
    expect(await statusOnChain(TOOL_COMMONS_ID)).toBe(2);

    // It is on the ballot at once.
    await steward.getByRole("link", { name: "Open the public round page" }).click();
    const ballot = steward.getByRole("region", { name: "Your ballot" });
    await ballot.getByRole("listitem", { name: TOOL_COMMONS }).waitFor();
    expect(await ballot.getByRole("list", { name: "Votes per project" }).getByRole("listitem").count()).toBe(
      approvedCount + 1,
    );
    const approved = (await readView(round, quadraticVotingRoundAbi, "approvedProjectIds")) as bigint[];
    expect(approved).toContain(BigInt(TOOL_COMMONS_ID));

    // Its owner sees it approved, with its votes.
    await owner.reload();
    const approvedItem = standing(owner);
    await expect.poll(() => approvedItem.getByTestId("application-status").textContent()).toBe("Approved");
    await expect.poll(() => approvedItem.getByTestId("votes").textContent()).toBe("0");
    expect(await approvedItem.getByRole("button").count()).toBe(0);
    expectNoPageErrors(owner);
    expectNoPageErrors(steward);
  });

  it("rejects only with a reason, which the owner reads and can answer by applying again", async () => {
    const steward = await pageAs(`/manage/rounds/${round}`, STEWARD);
    const card = steward
      .getByRole("region", { name: /Waiting for review/ })
      .getByRole("listitem", { name: pending.project });
    await card.getByRole("button", { name: `Reject ${pending.project}` }).click();
    await card.getByRole("button", { name: "Reject with this reason" }).click();
    await card.getByText("Say why, so the project can improve and apply again.").waitFor();
    const reason = "Please say which two nodes will run the trial sites, and who tests the guide there.";
    await card.getByLabel(`Reason for rejecting ${pending.project}`).fill(reason);
    await card.getByRole("button", { name: "Reject with this reason" }).click();
    await steward.getByText(`Rejecting ${pending.project}: confirmed.`).waitFor();
    await steward
      .getByRole("region", { name: /^Rejected/ })
      .getByText(`Reason given: ${reason}`)
      .waitFor();
    expect(await statusOnChain(pending.projectId)).toBe(3);

    const owner = await pageAs(`/projects/${pending.projectId}`, MYCOLOGY_OWNER);
    const item = standing(owner);
    await expect.poll(() => item.getByTestId("application-status").textContent()).toBe("Rejected");
    await expect.poll(() => item.getByTestId("review-reason").textContent()).toContain(reason);
    await item.getByText("The application window is still open: you can apply again.").waitFor();
    await expectAccessible(owner);

    await item.getByRole("button", { name: `Apply again to ${vote.name}` }).click();
    const form = item.getByRole("form", { name: `Application to ${vote.name}` });
    // Prefilled from the rejected application.
    expect(await form.getByLabel("Summary").inputValue()).toMatch(/^Publish the lab's native strain records/);
    await form
      .getByLabel("Summary")
      .fill("Publish the strain records and protocols as an open field guide, tested in Nairobi and Barcelona.");
    await form.getByRole("button", { name: "Submit the application" }).click();
    await item.getByText("Submitting the application: confirmed.").waitFor();
    await expect.poll(() => item.getByTestId("application-status").textContent()).toBe("Pending review");
    expect(await statusOnChain(pending.projectId)).toBe(1);
    expectNoPageErrors(owner);
    expectNoPageErrors(steward);
  });

  it("tells anyone but the node's stewards that only they can review, and lets a steward cancel the round", async () => {
    const anonymous = await pageAs(`/manage/rounds/${round}`, undefined);
    await anonymous.getByText("Connect a steward's wallet to review applications.").waitFor();

    const outsider = await pageAs(`/manage/rounds/${round}`, OUTSIDER);
    await outsider
      .getByText(
        "Only the stewards of the node that runs this round, Hyphae Translocal Commons, can review it or cancel it.",
      )
      .waitFor();
    await outsider
      .getByRole("region", { name: /Waiting for review/ })
      .getByRole("listitem", { name: pending.project })
      .waitFor();
    expect(await outsider.getByRole("button", { name: `Approve ${pending.project}` }).count()).toBe(0);
    expect(await outsider.getByRole("button", { name: "Cancel the round" }).count()).toBe(0);
    await expectAccessible(outsider);

    const steward = await pageAs(`/manage/rounds/${round}`, STEWARD);
    const cancel = steward.getByRole("button", { name: "Cancel the round" });
    await cancel.waitFor();
    expect(await steward.getByRole("region", { name: "Cancel the round" }).textContent()).toContain(
      "the votes count for nothing",
    );
    await steward.getByLabel("I understand: cancel this round for everyone").check();
    await cancel.click();
    await steward.getByText("Cancelling the round: confirmed.").waitFor();
    await steward.getByRole("link", { name: "Open the public round page" }).click();
    await steward.getByText("Cancelled · refunds open").waitFor();
    expectNoPageErrors(outsider);
    expectNoPageErrors(steward);
  });

  it("closes reviews when voting closes, and says so", async () => {
    await increaseTime(15 * DAY);
    const steward = await pageAs(`/manage/rounds/${round}`, STEWARD);
    await steward.getByText(/^Reviews closed when voting closed, /).waitFor();
    await steward
      .getByRole("region", { name: /Waiting for review/ })
      .getByRole("listitem", { name: pending.project })
      .waitFor();
    expect(await steward.getByRole("button", { name: `Approve ${pending.project}` }).count()).toBe(0);
    expectNoPageErrors(steward);
  });
});
