import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { getAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentIdOf, pointerOf } from "../../lib/content-address.ts";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts, rpc } from "./support/chain.ts";
import { projectRegistryAbi } from "../../app/src/generated/abis.ts";
import { quadraticFundingRoundAbi, sendAs } from "./support/contracts.ts";
import { demoSummary } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const STEWARD = 1;
const ADOBE_OWNER = 8; // owns Four Corners Adobe Building School, rejected in the Bioregional Commons Round
const FACTORY_OWNER = 9; // owns Open Micro-Factory Commons, pending in the Translocal Knowledge Commons Round
const NEWCOMER = 18; // owns no project
const OTHER = 19;

/** A 1×1 PNG, the smallest logo a browser shows. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

describe("Project: a profile, applications to rounds, and the stewards' decisions", () => {
  const { browser } = journeyLifecycle();
  let files: string;
  const demo = demoSummary();
  const cascadia = demo.rounds.find((round) => round.name === "Bioregional Commons Round");
  const knowledge = demo.rounds.find((round) => round.name === "Translocal Knowledge Commons Round");
  if (cascadia === undefined || knowledge === undefined) throw new Error("the seed's rounds are missing");
  const adobe = cascadia.applications.find((application) => application.status === "rejected");
  if (adobe?.project !== "Four Corners Adobe Building School") throw new Error("the seed rejected another project");
  const review = JSON.parse(
    readFileSync(
      path.resolve(
        import.meta.dirname,
        "..",
        "..",
        "demo",
        "metadata",
        "reviews",
        "bioregional-commons-round",
        "four-corners-adobe-school.json",
      ),
      "utf8",
    ),
  ) as { reason: string };

  beforeAll(() => {
    files = mkdtempSync(path.join(tmpdir(), "hyphae-project-"));
  });
  afterAll(() => {
    rmSync(files, { recursive: true, force: true });
  });

  async function account(index: number): Promise<string> {
    const address = (await accounts())[index];
    if (address === undefined) throw new Error(`the node has no account #${index}`);
    return getAddress(address);
  }

  function registryAddress(): string {
    const file = path.resolve(import.meta.dirname, "..", "..", "deployments", "localhost.json");
    return (JSON.parse(readFileSync(file, "utf8")) as { contracts: { projectRegistry: string } }).contracts
      .projectRegistry;
  }

  async function blockNumber(): Promise<bigint> {
    return BigInt(await rpc<string>("eth_blockNumber"));
  }

  async function projectPage(projectId: number, accountIndex?: number): Promise<Page> {
    const page = await openApp(browser(), `/projects/${projectId}`);
    if (accountIndex !== undefined) await connectLocalDemoAccount(page, accountIndex);
    await page.getByRole("region", { name: "Rounds" }).getByRole("listitem").first().waitFor();
    return page;
  }

  function roundItem(page: Page, name: string) {
    return page.getByRole("region", { name: "Rounds" }).getByRole("listitem", { name });
  }

  it("registers a project with a logo, applies to a round in its window, and sees the stewards approve it", async () => {
    const logo = path.join(files, "logo.png");
    writeFileSync(logo, PNG);
    const page = await openApp(browser(), "/projects");
    await page.getByText("Connect a wallet to see the projects it owns").waitFor();
    await connectLocalDemoAccount(page, NEWCOMER);
    await page.getByText("This account owns no project yet.").waitFor();
    await page.getByRole("link", { name: "Register a project" }).click();
    await page.getByRole("heading", { level: 1, name: "Register a project" }).waitFor();

    // The payout address defaults to the connected account.
    const newcomer = await account(NEWCOMER);
    await expect.poll(() => page.getByLabel("Payout address").inputValue()).toBe(newcomer);
    await page.getByLabel("Name").fill("Klamath Watershed Fire Commons");
    await page
      .getByLabel("Description")
      .fill("Community crews and open training for cultural burns across the Klamath watershed.");
    await page.getByLabel("Website").fill("https://fire.klamath.example.org");
    await page.getByLabel("Place").fill("Orleans, California");
    await page.getByLabel("Bioregion").fill("Klamath-Siskiyou (Cascadia)");
    await page.getByLabel("Home node").selectOption({ label: "Cascadia" });
    await page.getByLabel("Logo").setInputFiles(logo);
    await page.getByRole("img", { name: "Preview of the new logo (logo.png)" }).waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, "project-register");

    await page.getByRole("button", { name: "Register the project" }).click();
    await page.getByRole("heading", { level: 1, name: "Klamath Watershed Fire Commons" }).waitFor();
    const projectId = Number(/\/projects\/(\d+)$/.exec(page.url())?.[1]);
    expect(projectId).toBe(demo.projects.length + 1);
    // The logo is shown once its bytes match the content identifier the profile names.
    await page.locator(".project-header img.logo").waitFor();
    expect(await page.getByTestId("description").textContent()).toBe(
      "Community crews and open training for cultural burns across the Klamath watershed.",
    );
    expect(await page.getByTestId("payout-address").textContent()).toBe(newcomer);
    expect(await page.getByTestId("owner").textContent()).toBe(`${newcomer} (you)`);
    const website = page.getByRole("link", { name: /fire\.klamath\.example\.org/ });
    expect(await website.getAttribute("href")).toBe("https://fire.klamath.example.org/");
    expect(await website.getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(await page.locator("main").textContent()).toContain("Orleans, California · Klamath-Siskiyou (Cascadia)");

    // Apply to the round whose application window is open.
    const round = roundItem(page, knowledge.name);
    expect(await round.getByTestId("application-status").textContent()).toBe("Not applied");
    expect(await roundItem(page, cascadia.name).getByRole("button").count()).toBe(0);
    await round.getByRole("button", { name: `Apply to ${knowledge.name}` }).click();
    const form = round.getByRole("form", { name: `Application to ${knowledge.name}` });
    await form.getByRole("button", { name: "Submit the application" }).click();
    await form.getByText("Summarise what the project will do").waitFor();
    await form.getByLabel("Summary").fill("Publish the burn-crew training as an open curriculum in three languages.");
    await form.getByLabel("Uses of funds").fill("Translation\nVideo of two training burns\n");
    await expectAccessible(page);
    await form.getByRole("button", { name: "Submit the application" }).click();
    await round.getByText("Submitting the application: confirmed.").waitFor();
    await expect.poll(() => round.getByTestId("application-status").textContent()).toBe("Pending review");
    // The form closes; the application as published is shown.
    const update = round.getByRole("button", { name: `Update the application to ${knowledge.name}` });
    await update.waitFor();
    expect(await form.count()).toBe(0);
    const published = round.locator(".application-document");
    await published.locator("summary").click();
    await expect.poll(() => published.textContent()).toContain("Video of two training burns");

    // A pending application can be updated, prefilled with what was sent.
    await update.click();
    expect(await form.getByLabel("Summary").inputValue()).toBe(
      "Publish the burn-crew training as an open curriculum in three languages.",
    );
    expect(await form.getByLabel("Uses of funds").inputValue()).toBe("Translation\nVideo of two training burns");
    await form.getByLabel("Uses of funds").fill("Translation\nVideo of two training burns\nHosting");
    await form.getByRole("button", { name: "Update the application" }).click();
    await round.getByText("Updating the application: confirmed.").waitFor();
    await update.waitFor();
    await expect.poll(() => published.textContent()).toContain("Hosting");
    expect(await round.getByTestId("application-status").textContent()).toBe("Pending review");
    await saveScreenshot(page, "project-pending");

    // A steward of the round approves it.
    await sendAs(await account(STEWARD), knowledge.address, quadraticFundingRoundAbi, "approveApplication", [
      BigInt(projectId),
      "",
    ]);
    await page.reload();
    const approved = roundItem(page, knowledge.name);
    await expect.poll(() => approved.getByTestId("application-status").textContent()).toBe("Approved");
    await expect.poll(() => approved.getByTestId("donations").textContent()).toBe("0 ETH");
    expect(await approved.getByRole("button").count()).toBe(0);
    await approved.getByRole("link", { name: "See the project in the round" }).click();
    await page.getByRole("heading", { level: 1, name: knowledge.name }).waitFor();

    // Its owner finds it under "Your projects".
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
    const mine = page.getByRole("region", { name: "Your projects" });
    await mine.getByRole("link", { name: "Klamath Watershed Fire Commons" }).waitFor();
    expectNoPageErrors(page);
  });

  it("shows a rejected application with the stewards' reason, and lets the project apply elsewhere", async () => {
    const page = await projectPage(adobe.projectId, ADOBE_OWNER);
    await page.getByRole("heading", { level: 1, name: adobe.project }).waitFor();
    const rejected = roundItem(page, cascadia.name);
    await expect.poll(() => rejected.getByTestId("application-status").textContent()).toBe("Rejected");
    await expect.poll(() => rejected.getByTestId("review-reason").textContent()).toContain(review.reason);
    // The application window of that round has closed: it cannot apply again there.
    expect(await rejected.getByRole("button").count()).toBe(0);
    // The translocal round is still taking applications.
    await roundItem(page, knowledge.name)
      .getByRole("button", { name: `Apply to ${knowledge.name}` })
      .waitFor();
    await expectAccessible(page);
    await saveScreenshot(page, "project-rejected");
    expectNoPageErrors(page);
  });

  it("shows a reason it cannot verify as missing, and lets a rejected project apply again while the window is open", async () => {
    const factory = knowledge.applications.find((application) => application.status === "pending");
    if (factory === undefined) throw new Error("the seed has no pending application");
    // The stewards reject it with a pointer to a note that is in no content store.
    const note = new TextEncoder().encode(`${JSON.stringify({ reason: "never published" })}\n`);
    const cid = await contentIdOf(note);
    await sendAs(await account(STEWARD), knowledge.address, quadraticFundingRoundAbi, "rejectApplication", [
      BigInt(factory.projectId),
      pointerOf(cid),
    ]);
    const page = await projectPage(factory.projectId, FACTORY_OWNER);
    const round = roundItem(page, knowledge.name);
    await expect.poll(() => round.getByTestId("application-status").textContent()).toBe("Rejected");
    await round.getByText(`The reviewer's reason (${cid}) is missing from the content store.`).waitFor();
    expect(await round.textContent()).not.toContain("never published");

    await round.getByRole("button", { name: `Apply again to ${knowledge.name}` }).click();
    const form = round.getByRole("form", { name: `Application to ${knowledge.name}` });
    // Prefilled from the application that was rejected.
    expect(await form.getByLabel("Summary").inputValue()).toMatch(/^Document and test the open oil press design/);
    await form.getByLabel("Summary").fill("");
    await form.getByText("Summarise what the project will do").waitFor();
    expect(await form.getByLabel("Summary").getAttribute("aria-invalid")).toBe("true");
    await form.getByLabel("Summary").fill("Test the oil press in two nodes, with the stewards' remarks addressed.");
    await form.getByRole("button", { name: "Submit the application" }).click();
    await round.getByText("Submitting the application: confirmed.").waitFor();
    await expect.poll(() => round.getByTestId("application-status").textContent()).toBe("Pending review");
    expectNoPageErrors(page);
  });

  it("lets the owner edit the profile and the payout address, each sent only if changed", async () => {
    const page = await projectPage(adobe.projectId, ADOBE_OWNER);
    await page.getByRole("link", { name: "Edit the profile" }).click();
    await page.getByRole("heading", { level: 1, name: `Edit ${adobe.project}` }).waitFor();
    // Prefilled from the verified document and the registry.
    expect(await page.getByLabel("Name").inputValue()).toBe(adobe.project);
    expect(await page.getByLabel("Payout address").inputValue()).toBe(await account(ADOBE_OWNER));
    expect(await page.getByLabel("Bioregion").inputValue()).toBe("Colorado Plateau");

    // Nothing changed: nothing is sent.
    const before = await blockNumber();
    await page.getByRole("button", { name: "Save the changes" }).click();
    await page.getByText("Nothing has changed: there is nothing to send.").waitFor();
    expect(await blockNumber()).toBe(before);

    const description = "Courses in earthen construction with local soils, now with a winter session on lime plasters.";
    const payout = await account(OTHER);
    await page.getByLabel("Description").fill(description);
    await page.getByLabel("Payout address").fill(payout.toLowerCase());
    await expectAccessible(page);
    await page.getByRole("button", { name: "Save the changes" }).click();
    await page.getByRole("heading", { level: 1, name: adobe.project }).waitFor();
    await expect.poll(() => page.getByTestId("description").textContent()).toBe(description);
    await expect.poll(() => page.getByTestId("payout-address").textContent()).toBe(payout);
    // What the form does not edit is kept: the logo, the home node.
    await page.locator(".project-header img.logo").waitFor();
    expect(await page.locator(".project-facts").textContent()).toContain("Home nodeHyphae Translocal Commons");
    expect(await blockNumber()).toBe(before + 2n);
    await saveScreenshot(page, "project-edited");
    expectNoPageErrors(page);
  });

  it("says when the current profile is missing, and lets the owner write a new one", async () => {
    // A project whose pointer names a document no content store holds.
    const newcomer = await account(NEWCOMER);
    const cid = await contentIdOf(new TextEncoder().encode('{ "name": "lost" }\n'));
    await sendAs(newcomer, registryAddress(), projectRegistryAbi, "registerProject", [1n, newcomer, pointerOf(cid)]);
    const projectId = demo.projects.length + 1;
    const page = await projectPage(projectId, NEWCOMER);
    await page.getByRole("heading", { level: 1, name: `Project #${projectId}` }).waitFor();
    await page.getByText(`The project profile (${cid}) is missing from the content store.`).waitFor();

    await page.getByRole("link", { name: "Edit the profile" }).click();
    await page.getByText(`The current profile (${cid}) is missing from the content store.`).waitFor();
    await page.getByText("You can write a new profile below").waitFor();
    expect(await page.getByLabel("Name").inputValue()).toBe("");
    expect(await page.getByLabel("Payout address").inputValue()).toBe(newcomer);
    await page.getByLabel("Name").fill("Rogue Valley Tool Library");
    await page.getByLabel("Description").fill("Tools to borrow in Ashland and Medford.");
    // Registered at the translocal commons; it moves to its own bioregion's node.
    expect(await page.getByLabel("Home node").inputValue()).toBe("1");
    await page.getByLabel("Home node").selectOption({ label: "Cascadia" });
    const before = await blockNumber();
    await page.getByRole("button", { name: "Save the changes" }).click();
    await page.getByRole("heading", { level: 1, name: "Rogue Valley Tool Library" }).waitFor();
    expect(await page.getByTestId("description").textContent()).toBe("Tools to borrow in Ashland and Medford.");
    expect(await page.locator(".project-facts").textContent()).toContain("Home nodeCascadia");
    // The profile and the home node changed, the payout address did not: two transactions.
    expect(await blockNumber()).toBe(before + 2n);
    expectNoPageErrors(page);
  });

  it("explains each invalid field and sends nothing", async () => {
    const large = path.join(files, "large.png");
    const bytes = Buffer.alloc(600 * 1024);
    PNG.copy(bytes);
    writeFileSync(large, bytes);
    const page = await openApp(browser(), "/projects/new");
    await connectLocalDemoAccount(page, NEWCOMER);
    const before = await blockNumber();

    const name = page.getByLabel("Name");
    await name.fill("Something");
    await name.fill("");
    await page.getByText("Enter the project's name.").waitFor();
    expect(await name.getAttribute("aria-invalid")).toBe("true");
    const nameError = page.getByText("Enter the project's name.");
    expect(await name.getAttribute("aria-describedby")).toContain(await nameError.getAttribute("id"));

    await page.getByLabel("Description").fill("A description.");
    await page.getByLabel("Website").fill("javascript:alert(document.cookie)");
    await page.getByText("The website must start with https:// or http://.").waitFor();
    await page.getByLabel("Payout address").fill("0x1234");
    await page.getByText("An address is 0x followed by 40 hexadecimal digits (0–9, a–f).").waitFor();
    await page.getByLabel("Logo").setInputFiles(large);
    await page.getByText("The logo is 600 KiB; the most is 512 KiB. Choose a smaller image.").waitFor();
    expect(await page.getByLabel("Logo").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await saveScreenshot(page, "project-invalid");

    await page.getByRole("button", { name: "Register the project" }).click();
    await page.getByText("5 fields need fixing (marked above). Nothing was sent.").waitFor();
    await page.getByText("Choose the node the project belongs to.").waitFor();
    expect(await page.getByLabel("Home node").getAttribute("aria-invalid")).toBe("true");
    // The first field in error has the focus.
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.getByLabel("Payout address").fill(`0x${"0".repeat(40)}`);
    await page.getByText("The payout address cannot be the zero address: payouts sent there are lost.").waitFor();
    await page.getByRole("button", { name: "Register the project" }).click();
    expect(new URL(page.url()).pathname).toBe("/projects/new");
    expect(await page.getByText(/Registering the project/).count()).toBe(0);
    expect(await blockNumber()).toBe(before);
    expectNoPageErrors(page);
  });

  it("tells anyone but the owner that only the owner can edit, and lets anyone browse the projects", async () => {
    const page = await openApp(browser(), "/projects/1/edit");
    await connectLocalDemoAccount(page, NEWCOMER);
    await page.getByText("Only the owner of this project can edit its profile").waitFor();
    expect(await page.getByRole("textbox").count()).toBe(0);
    const newcomer = await account(NEWCOMER);
    await expect.poll(() => page.locator("main").textContent()).toContain(`You are connected as ${newcomer}.`);
    await expectAccessible(page);

    await page.getByRole("link", { name: "Back to the project" }).click();
    await page.getByRole("heading", { level: 1, name: "Salish Sea Seed Library" }).waitFor();
    expect(await page.getByRole("link", { name: "Edit the profile" }).count()).toBe(0);
    const approved = roundItem(page, cascadia.name);
    await expect.poll(() => approved.getByTestId("application-status").textContent()).toBe("Approved");
    await expect.poll(() => approved.getByTestId("donations").textContent()).toBe("235 CUSD");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Projects" }).click();
    const all = page.getByRole("region", { name: /All projects/ });
    await expect.poll(() => all.getByRole("listitem").count()).toBe(demo.projects.length);
    await expect.poll(() => all.locator("img.logo").count()).toBe(demo.projects.length);
    expect(await all.getByRole("listitem", { name: adobe.project }).textContent()).toContain(
      "Cortez, Colorado · Colorado Plateau",
    );
    await expectAccessible(page);
    await saveScreenshot(page, "projects");
    expectNoPageErrors(page);
  });
});
