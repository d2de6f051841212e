import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { launchBrowser } from "./browser.ts";
import { revertTo, snapshot } from "./chain.ts";

/**
 * The life of a file of journeys: one browser for the file, and the chain restored to the demo's state after
 * each journey, so journeys never see each other's effects. Call it in a `describe` body.
 */
export function journeyLifecycle(): { browser: () => Browser } {
  let browser: Browser | undefined;
  let snapshotId: string | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    snapshotId = await snapshot();
  });
  afterEach(async () => {
    if (snapshotId !== undefined) await revertTo(snapshotId);
  });
  return {
    browser: () => {
      if (browser === undefined) throw new Error("the browser starts before the first journey");
      return browser;
    },
  };
}
