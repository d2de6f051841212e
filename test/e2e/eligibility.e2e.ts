import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Page } from "playwright-core";
import { getAddress } from "viem";
import { describe, expect, it } from "vitest";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts, rpc } from "./support/chain.ts";
import { quadraticFundingRoundAbi, readView } from "./support/contracts.ts";
import { demoSummary } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

/** Contributors #10–#14 are the Poblenou allowlist; #16 holds CUSD but is not on it. */
const STEWARD = 1;
const MEMBER = 14;
const OUTSIDER = 16;
const CUSD = 1_000_000n;

describe("Who may donate: a round open only to its allowlist, with counting rules", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const poblenou = demo.rounds.find((round) => round.name === "Poblenou Neighbours Round");
  if (poblenou?.eligibility === undefined) throw new Error("the seed has no Poblenou Neighbours Round with rules");
  const repair = poblenou.applications.find((application) => application.project === "Poblenou Repair Commons");
  const factory = poblenou.applications.find((application) => application.project === "Open Micro-Factory Commons");
  if (repair === undefined || factory === undefined) throw new Error("the Poblenou round's projects are missing");
  const allowlist = poblenou.eligibility.allowlist;

  async function account(index: number): Promise<string> {
    const address = (await accounts())[index];
    if (address === undefined) throw new Error(`the node has no account #${index}`);
    return getAddress(address);
  }

  async function blockNumber(): Promise<bigint> {
    return BigInt(await rpc<string>("eth_blockNumber"));
  }

  /** The round's page with `accountIndex` connected, its projects added to the cart, and the cart open. */
  async function cartAs(accountIndex: number, projects: string[]): Promise<Page> {
    const page = await openApp(browser(), `/rounds/${poblenou?.address ?? ""}`);
    await connectLocalDemoAccount(page, accountIndex);
    for (const project of projects) {
      await page.getByRole("button", { name: new RegExp(`Add to cart.*${project}`) }).click();
    }
    await page.getByRole("link", { name: /Cart/ }).first().click();
    await page.getByRole("heading", { level: 1, name: "Your cart" }).waitFor();
    return page;
  }

  it("says in plain words who may donate and what counts toward the match", async () => {
    expect(allowlist).toContain(await account(MEMBER));
    expect(allowlist).not.toContain(await account(OUTSIDER));
    const page = await openApp(browser(), `/rounds/${poblenou.address}`);
    await page.getByRole("heading", { level: 1, name: poblenou.name }).waitFor();
    const rules = page.getByTestId("round-rules");
    await expect
      .poll(() => rules.getByRole("listitem").allTextContents())
      .toEqual([
        `Only members of the round's allowlist (${allowlist.length} addresses).`,
        "Donations below 5 CUSD do not count toward the match.",
        "At most 200 CUSD of a person's gifts to a project counts toward the match.",
      ]);
    // A round without rules says so too.
    const cascadia = demo.rounds.find((round) => round.name === "Bioregional Commons Round");
    await page.goto(new URL(`/rounds/${cascadia?.address ?? ""}`, page.url()).toString());
    await expect
      .poll(() => page.getByTestId("round-rules").getByRole("listitem").allTextContents())
      .toEqual(["Open to everyone."]);
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it("tells a contributor who is not on the allowlist why they cannot donate, before anything is signed", async () => {
    const page = await cartAs(OUTSIDER, [repair.project]);
    await page.getByLabel(repair.project).fill("10");
    const verdict = page.getByTestId("eligibility");
    await expect
      .poll(() => verdict.textContent())
      .toBe(
        `This account cannot donate in this round. This account (${await account(OUTSIDER)}) is not on the round's allowlist: only its members can donate.`,
      );
    await page
      .getByText("This account cannot donate in a round above (it says why): remove that round's projects")
      .waitFor();
    const before = await blockNumber();
    expect(await page.getByRole("button", { name: "Check out" }).isDisabled()).toBe(true);
    // Nothing was asked of the wallet, and nothing reached the chain.
    expect(await blockNumber()).toBe(before);
    await expectAccessible(page);
    await saveScreenshot(page, "cart-not-eligible");
    expectNoPageErrors(page);
  });

  it("lets a member donate with the proof of their place on the allowlist; a gift below the minimum counts nothing", async () => {
    const page = await cartAs(MEMBER, [repair.project, factory.project]);
    await page.getByTestId("eligibility").getByText("This account may donate in this round.").waitFor();
    await page.getByLabel(repair.project).fill("2");
    await page
      .getByText(
        "Below this round's minimum of 5 CUSD: this gift reaches the project but does not count toward the match.",
      )
      .waitFor();
    // The gift that does not count adds no match.
    await expect.poll(() => page.locator(".match-preview").first().textContent()).toBe("adds about 0 CUSD of match");
    await page.getByLabel(factory.project).fill("12");
    await expect
      .poll(() => page.locator(".match-preview").nth(1).textContent())
      .toMatch(/^adds about [\d,.]+ CUSD of match$/);
    await expectAccessible(page);
    await saveScreenshot(page, "cart-eligible");

    const checkout = page.getByRole("button", { name: "Check out" });
    await expect.poll(() => checkout.isDisabled()).toBe(false);
    await checkout.click();
    await page.getByText(/Donated 14 CUSD in round/).waitFor();

    const member = await account(MEMBER);
    const read = (functionName: string, projectId: number) =>
      readView(poblenou.address, quadraticFundingRoundAbi, functionName, [BigInt(projectId), member]);
    expect(await read("contributionOf", repair.projectId)).toBe(2n * CUSD);
    expect(await read("countedContributionOf", repair.projectId)).toBe(0n);
    expect(await read("contributionOf", factory.projectId)).toBe(12n * CUSD);
    expect(await read("countedContributionOf", factory.projectId)).toBe(12n * CUSD);
    expectNoPageErrors(page);
  });

  it("lets a steward open a round to an allowlist, with a minimum that counts, and every donor read its rules", async () => {
    const page = await openApp(browser(), "/");
    await connectLocalDemoAccount(page, STEWARD);
    await page.getByRole("link", { name: "Manage" }).click();
    await page.goto(new URL("/manage/new", page.url()).toString());
    await page.getByRole("heading", { level: 1, name: "Create a round" }).waitFor();
    await page.getByLabel("Name").fill("Gràcia Tool Library Round");
    await page.getByLabel("Description").fill("Tools lent to the members of the Gràcia tool library.");
    await page.getByLabel("Node").selectOption({ label: "Barcelona Fab City" });
    await page.getByLabel("Payout token").selectOption({ label: "Commons Dollar (CUSD)" });

    await page.getByLabel("Donors").selectOption({ label: "An allowlist of addresses" });
    const members = [await account(MEMBER), await account(OUTSIDER)];
    await page.getByLabel("Allowlist").fill(`${members[0] ?? ""}\nalice.eth`);
    await page
      .getByText("Not an address: “alice.eth”. Put one address (0x and 40 hexadecimal digits) per line.")
      .waitFor();
    await page.getByLabel("Allowlist").fill(members.join("\n"));
    await page.getByLabel("Smallest donation that counts").fill("2");
    await page.getByLabel("Most of one person's gifts to a project that counts").fill("1");
    await page.getByText("The cap on what counts must be at least the smallest donation that counts.").waitFor();
    await page.getByLabel("Most of one person's gifts to a project that counts").fill("");
    await expectAccessible(page);
    await saveScreenshot(page, "create-round-rules");
    await page.getByRole("button", { name: "Create the round" }).click();
    await page.getByRole("heading", { level: 1, name: "Gràcia Tool Library Round" }).waitFor({ timeout: 30_000 });
    const address = /\/manage\/rounds\/(0x[0-9a-fA-F]{40})$/.exec(page.url())?.[1];
    if (address === undefined) throw new Error(`not a round page: ${page.url()}`);

    // On chain: the Merkle root of the list, and the minimum in CUSD's units; each member's proof works.
    const tree = StandardMerkleTree.of(
      members.map((member) => [member]),
      ["address"],
    );
    const rule = (await readView(address, quadraticFundingRoundAbi, "eligibility")) as { kind: number; key: string };
    expect(rule.kind).toBe(2);
    expect(rule.key).toBe(tree.root);
    expect(await readView(address, quadraticFundingRoundAbi, "countingRules")).toEqual([2n * CUSD, 0n]);
    for (const [index, member] of members.entries()) {
      expect(await readView(address, quadraticFundingRoundAbi, "isEligible", [member, tree.getProof(index)])).toBe(
        true,
      );
    }

    await page.getByRole("link", { name: "Open the public round page" }).click();
    await expect
      .poll(() => page.getByTestId("round-rules").getByRole("listitem").allTextContents())
      .toEqual([
        "Only members of the round's allowlist (2 addresses).",
        "Donations below 2 CUSD do not count toward the match.",
      ]);
    expectNoPageErrors(page);
  });
});
