import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { accounts, increaseTime } from "./support/chain.ts";
import { journeyLifecycle } from "./support/journey.ts";
import { demoSummary, shown } from "./support/demo.ts";

/** Contributors of the demo (accounts #10–#17) hold CUSD they did not give. */
const CONTRIBUTOR = 12;
const WALLET_CONTRIBUTOR = 13;

describe("Contributor: a cart of projects, the match as you type, one checkout per round", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const cascadia = demo.rounds.find((round) => round.name === "Bioregional Commons Round");
  if (cascadia === undefined) throw new Error("the seed has no Bioregional Commons Round");
  const seedLibrary = cascadia.applications.find((application) => application.project === "Salish Sea Seed Library");
  const toolCommons = cascadia.applications.find(
    (application) => application.project === "Willamette Valley Tool Commons",
  );
  if (seedLibrary?.donations === undefined || toolCommons?.donations === undefined) {
    throw new Error("the seed's projects have no donations");
  }

  async function fillCart(page: Page): Promise<void> {
    await page.getByRole("link", { name: "Bioregional Commons Round" }).click();
    await page.getByRole("button", { name: /Add to cart.*Salish Sea Seed Library/ }).click();
    await page.getByRole("button", { name: /Add to cart.*Willamette Valley Tool Commons/ }).click();
    await page.getByRole("link", { name: /Cart/ }).first().click();
    await page.getByRole("heading", { level: 1, name: "Your cart" }).waitFor();
  }

  /** The test wallet (EIP-6963) connected, with 2 + 3 CUSD for two projects in the cart. */
  async function cartOfFiveInTestWallet(): Promise<Page> {
    const page = await openApp(browser(), "/", { wallet: { account: await walletAccount(WALLET_CONTRIBUTOR) } });
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByRole("button", { name: "Test Wallet" }).click();
    await fillCart(page);
    await page.getByLabel("Salish Sea Seed Library").fill("2");
    await page.getByLabel("Willamette Valley Tool Commons").fill("3");
    return page;
  }

  async function walletAccount(index: number): Promise<string> {
    const account = (await accounts())[index];
    if (account === undefined) throw new Error(`the node has no account #${index}`);
    return account;
  }

  it("donates to two projects with one permit signature and one transaction, and shows it at once", async () => {
    const page = await openApp(browser(), "/");
    await connectLocalDemoAccount(page, CONTRIBUTOR);
    await fillCart(page);

    const seedAmount = page.getByLabel("Salish Sea Seed Library");
    const toolAmount = page.getByLabel("Willamette Valley Tool Commons");
    await seedAmount.fill("10");
    await toolAmount.fill("5");
    // The match each amount adds appears as it is typed.
    const previews = page.locator(".match-preview");
    await expect.poll(() => previews.nth(0).textContent()).toMatch(/^adds about [\d,.]+ CUSD of match$/);
    await expect.poll(() => previews.nth(1).textContent()).toMatch(/^adds about [\d,.]+ CUSD of match$/);
    expect(await page.locator(".cart-total").textContent()).toContain("Total 15 CUSD");
    await expectAccessible(page);
    await saveScreenshot(page, "cart");

    await page.getByRole("button", { name: "Check out" }).click();
    await page.getByText(/Donated 15 CUSD in round/).waitFor();
    // Confirmed lines leave the cart: checking out again cannot repeat them.
    await page.getByText("Your cart is empty").waitFor();

    await page.getByRole("link", { name: "See the round" }).click();
    const seedRow = page.getByRole("listitem", { name: "Salish Sea Seed Library" });
    await expect
      .poll(() => seedRow.getByTestId("donations").textContent())
      .toBe(`${shown(String(Number(seedLibrary.donations) + 10))} CUSD`);
    const toolRow = page.getByRole("listitem", { name: "Willamette Valley Tool Commons" });
    expect(await toolRow.getByTestId("donations").textContent()).toBe(
      `${shown(String(Number(toolCommons.donations) + 5))} CUSD`,
    );
    expect(await toolRow.textContent()).toContain("You gave5 CUSD");
    expectNoPageErrors(page);
  });

  it("can be done from the keyboard alone", async () => {
    const page = await openApp(browser(), `/rounds/${cascadia.address}`);
    const addButton = page.getByRole("button", { name: /Add to cart.*Salish Sea Seed Library/ });
    await addButton.waitFor();
    // Tab from the top of the page to the button, as a keyboard user would, then press Enter.
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press("Tab");
      if (await addButton.evaluate((element) => element === document.activeElement)) break;
    }
    expect(await addButton.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    await page.getByRole("link", { name: "In your cart" }).waitFor();
    await page.getByRole("link", { name: "In your cart" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "Your cart" }).waitFor();
    const amount = page.getByLabel("Salish Sea Seed Library");
    await amount.focus();
    await page.keyboard.type("7");
    await expect.poll(() => page.locator(".match-preview").first().textContent()).toMatch(/^adds about/);
    expectNoPageErrors(page);
  });

  it("explains an amount it cannot take before anything is signed", async () => {
    const page = await openApp(browser(), "/");
    await connectLocalDemoAccount(page, CONTRIBUTOR);
    await fillCart(page);
    const seedAmount = page.getByLabel("Salish Sea Seed Library");
    const checkout = page.getByRole("button", { name: "Check out" });

    await seedAmount.fill("ten");
    await page.getByText("Enter a number of CUSD, like 10 or 2.5.").waitFor();
    expect(await seedAmount.getAttribute("aria-invalid")).toBe("true");
    expect(await checkout.isDisabled()).toBe(true);

    await seedAmount.fill("1.1234567");
    await page.getByText("CUSD has 6 decimals: use at most 6 digits after the point.").waitFor();
    await seedAmount.fill("0");
    await page.getByText("The amount must be more than zero.").waitFor();
    expect(await checkout.isDisabled()).toBe(true);

    // More than the wallet holds: refused with the balance, nothing signed, the cart kept.
    await seedAmount.fill("100000");
    await page.getByLabel("Willamette Valley Tool Commons").fill("1");
    await checkout.click();
    await page.getByText(/Not donated: Your wallet holds [\d,.]+ CUSD; these donations total 100,001 CUSD\./).waitFor();
    expect(await page.getByLabel("Salish Sea Seed Library").inputValue()).toBe("100000");
    expectNoPageErrors(page);
  });

  it("keeps the cart when the wallet declines, and completes on retry", async () => {
    const page = await cartOfFiveInTestWallet();

    await page.evaluate(() => {
      (window as unknown as { hyphaeTestWallet: { declineNext: boolean } }).hyphaeTestWallet.declineNext = true;
    });
    await page.getByRole("button", { name: "Check out" }).click();
    await page.getByText("You declined the request in your wallet. Nothing was sent.").waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(await page.getByLabel("Salish Sea Seed Library").inputValue()).toBe("2");

    await page.getByRole("button", { name: "Check out" }).click();
    await page.getByText(/Donated 5 CUSD in round/).waitFor();
    expectNoPageErrors(page);
  });

  it("says in plain words why the round refused a donation", async () => {
    const page = await cartOfFiveInTestWallet();
    // The donation window closes while the cart is open.
    await increaseTime(15 * 86_400);
    await page.getByRole("button", { name: "Check out" }).click();
    await page.getByText(/Not donated: Donations are open from .+ to .+ only\./).waitFor();
    expect(await page.getByLabel("Salish Sea Seed Library").inputValue()).toBe("2");
    expectNoPageErrors(page);
  });

  it("asks to switch networks when the wallet is on another chain", async () => {
    const page = await openApp(browser(), "/", {
      wallet: { account: await walletAccount(WALLET_CONTRIBUTOR), initialChainId: "0x1" },
    });
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByRole("button", { name: "Test Wallet" }).click();
    await page.getByText("Your wallet is on a network where Hyphae is not deployed.", { exact: false }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Switch to Local chain" }).click();
    await expect
      .poll(() => page.getByText("Your wallet is on a network where Hyphae is not deployed.", { exact: false }).count())
      .toBe(0);
    expectNoPageErrors(page);
  });
});
