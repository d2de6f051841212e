import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./chromium.ts";
import { expect, inject } from "vitest";
import { installTestWallet, type TestWalletOptions } from "./testWallet.ts";

const SCREENSHOTS = path.resolve(import.meta.dirname, "..", "..", "..", "test-results", "screenshots");
const pageErrors = new WeakMap<Page, string[]>();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Debian's Chromium, headless, with nothing reaching out to the network. */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** Fills a `datetime-local` field with `date` in the page's local time. */
export async function fillDateTime(page: Page, label: string, date: Date): Promise<void> {
  const pad = (value: number) => String(value).padStart(2, "0");
  await page
    .getByLabel(label)
    .fill(
      `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`,
    );
}

export interface OpenOptions {
  /** Install the EIP-6963 test wallet, connected to this account. */
  wallet?: Omit<TestWalletOptions, "rpcUrl">;
  /** A phone-width screen. */
  phone?: boolean;
}

/**
 * A new page (own storage) at `route` of the app; an uncaught error in the page fails the test, and so does
 * anything the app's Content-Security-Policy refuses (app/csp-plugin.ts): every journey runs under the policy.
 */
export async function openApp(browser: Browser, route: string, options: OpenOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    ...(options.phone ? { isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  pageErrors.set(page, errors);
  await page.exposeBinding(REPORT_VIOLATION, (_source, violation: string) => {
    errors.push(`Content-Security-Policy refused ${violation}`);
  });
  await page.addInitScript(reportViolations, REPORT_VIOLATION);
  if (options.wallet) {
    await page.addInitScript(installTestWallet, { rpcUrl: inject("rpcUrl"), ...options.wallet });
  }
  await page.goto(new URL(route, inject("appUrl")).toString());
  return page;
}

const REPORT_VIOLATION = "hyphaeReportViolation";

/** Runs in the page before its scripts: hands every violation of the policy to the binding `report`. */
function reportViolations(report: string): void {
  document.addEventListener("securitypolicyviolation", (event) => {
    const binding = Reflect.get(window, report) as (violation: string) => Promise<void>;
    void binding(`${event.blockedURI || "inline code"} (${event.effectiveDirective})`);
  });
}

/** The uncaught errors and policy violations of the page so far. */
export function pageErrorsOf(page: Page): string[] {
  return [...(pageErrors.get(page) ?? [])];
}

/** No uncaught error happened in the page, and its Content-Security-Policy refused nothing. */
export function expectNoPageErrors(page: Page): void {
  expect(pageErrorsOf(page)).toEqual([]);
}

/** Connects with "Local demo accounts" and picks the node's account `index`. */
export async function connectLocalDemoAccount(page: Page, index: number): Promise<void> {
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("button", { name: "Local demo accounts" }).click();
  const picker = page.getByLabel("Local demo account");
  await picker.waitFor();
  const value = await picker.locator("option").nth(index).getAttribute("value");
  if (value === null) throw new Error(`no local demo account #${index}`);
  await picker.selectOption(value);
}

/** axe-core finds no serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  // Evaluated by the browser's debugging protocol: a <script> element of the test would break the page's policy.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: () => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(", ")}`);
  });
  expect(violations).toEqual([]);
}

/** Saves a full-page screenshot to test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
