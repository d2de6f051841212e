import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { type Abi, formatUnits, getAddress, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { splitSeason } from "../../lib/co-matching.ts";
import { commonsShareOf } from "../../lib/quadratic-funding.ts";
import {
  connectLocalDemoAccount,
  expectAccessible,
  expectNoPageErrors,
  openApp,
  saveScreenshot,
} from "./support/browser.ts";
import { projectRegistryAbi, roundFactoryAbi } from "../../app/src/generated/abis.ts";
import { accounts, increaseTime, rpc } from "./support/chain.ts";
import {
  coMatchingSeasonAbi,
  nodeRegistryAbi,
  permitTokenAbi,
  quadraticFundingRoundAbi,
  readView,
  sendAs,
} from "./support/contracts.ts";
import { demoSummary, shown } from "./support/demo.ts";
import { journeyLifecycle } from "./support/journey.ts";

const STEWARD = 1;
const FUNDER = 2; // gave 1,500 CUSD to the season
const NEW_DONOR = 15; // holds CUSD it did not give
const ANYONE = 17;
const GOVERNOR = 0;
const TRANSLOCAL_COMMONS = 1n;
const CASCADIA = 2n;
const DAY = 86_400;
const DECIMALS = 6;

describe("Co-matching season: the draws as they form, the flows, settling, returns and the commons share", () => {
  const { browser } = journeyLifecycle();
  const demo = demoSummary();
  const [season] = demo.seasons;
  if (season === undefined) throw new Error("the seed has no co-matching season");
  const cascadia = demo.rounds.find((round) => round.name === "Bioregional Commons Round");
  const poblenou = demo.rounds.find((round) => round.name === "Poblenou Neighbours Round");
  if (cascadia === undefined || poblenou === undefined) throw new Error("the seed's season rounds are missing");
  const nameOf = new Map<string, string>([
    [getAddress(cascadia.address), cascadia.name],
    [getAddress(poblenou.address), poblenou.name],
  ]);

  /** `amount` (base units) as the app shows it with two decimals. */
  const cusd = (amount: bigint) => `${shown(formatUnits(amount, DECIMALS))} CUSD`;

  async function account(index: number): Promise<string> {
    const address = (await accounts())[index];
    if (address === undefined) throw new Error(`no account #${index}`);
    return address;
  }

  const view = async <T>(to: string, abi: Parameters<typeof readView>[1], name: string, args: unknown[] = []) =>
    (await readView(to, abi, name, args)) as T;

  /** The co-matching reference (lib/co-matching.ts) on what the chain says counted of each account in each round. */
  async function referenceSplit() {
    const everyone = await accounts();
    const [roundsOfSeason] = await view<readonly [readonly string[]]>(season!.address, coMatchingSeasonAbi, "draws");
    const rounds = await Promise.all(
      roundsOfSeason.map(async (round) => ({
        round: getAddress(round),
        cancelled: (await view<number>(round, quadraticFundingRoundAbi, "status")) === 3,
        counted: await Promise.all(
          everyone.map((address) => view<bigint>(round, quadraticFundingRoundAbi, "countedInRoundOf", [address])),
        ),
      })),
    );
    const pool = await view<bigint>(season!.address, coMatchingSeasonAbi, "pool");
    return { pool, split: splitSeason({ pool, decimals: DECIMALS, rounds }) };
  }

  async function seasonPage(index?: number): Promise<Page> {
    const page = await openApp(browser(), `/network/seasons/${season!.address}`);
    if (index !== undefined) await connectLocalDemoAccount(page, index);
    await page.getByRole("heading", { level: 1, name: season!.name }).waitFor();
    return page;
  }

  /** The draws the page's table shows, by round name. */
  async function shownDraws(page: Page): Promise<Map<string, string>> {
    const table = page.getByRole("region", { name: "Local rounds and their draws" }).getByRole("table");
    await expect.poll(() => table.getByRole("row").count()).toBe(3);
    const draws = new Map<string, string>();
    for (const name of nameOf.values()) {
      const row = table.getByRole("row").filter({ has: page.getByRole("link", { name }) });
      draws.set(name, (await row.getByTestId("draw").textContent()) ?? "");
    }
    return draws;
  }

  it("shows each local round's draw as it forms, as the co-matching reference computes it from the chain", async () => {
    const page = await openApp(browser(), "/network");
    await page.getByRole("link", { name: season.name }).click();
    await page.getByRole("heading", { level: 1, name: season.name }).waitFor();
    await expect.poll(() => page.getByTestId("season-pool").textContent()).toBe(`${shown(season.pool)} CUSD`);
    const funders = page.getByRole("list", { name: "Funders of the season" });
    await expect.poll(() => funders.getByRole("listitem").count()).toBe(season.funders.length);

    const { split } = await referenceSplit();
    // The seed's summary read the same draws from the contract.
    expect(split.draws.map((draw) => formatUnits(draw.amount, DECIMALS))).toEqual(
      season.draws.map((draw) => draw.amount.replace(/\.0$/, "")),
    );
    let draws = await shownDraws(page);
    for (const draw of split.draws) {
      expect(draws.get(nameOf.get(draw.round) ?? "")).toBe(cusd(draw.amount));
    }

    // The picture and its table: each draw from the pool, and the Cascadia round's 10 % share of its whole pool
    // (its own funders' 1,500 CUSD and its draw) to the commons treasury.
    const flows = page.getByRole("region", { name: "Flows between the nodes and the commons" });
    await flows.getByRole("img", { name: /Flows of the co-matching season/ }).waitFor();
    const cascadiaDraw = split.draws.find((draw) => draw.round === getAddress(cascadia.address))?.amount ?? 0n;
    const ownPool = await view<bigint>(cascadia.address, quadraticFundingRoundAbi, "matchingPool");
    const share = commonsShareOf(ownPool + cascadiaDraw, cascadia.commonsShareBps ?? 0);
    expect(share).toBeGreaterThan(0n);
    const shareRow = flows.getByRole("row").filter({ hasText: "commons share" });
    expect(await shareRow.textContent()).toContain("Translocal commons treasury");
    expect(await shareRow.textContent()).toContain(cusd(share));
    const drawRow = flows.getByRole("row").filter({ hasText: "co-matching draw" }).first();
    expect(await drawRow.textContent()).toContain(cusd(cascadiaDraw));
    await expectAccessible(page);
    await saveScreenshot(page, "season");

    // A new contributor in the Cascadia round broadens its support: its draw grows, and the page follows the chain.
    const donor = await account(NEW_DONOR);
    const token = demo.token.address;
    await sendAs(donor, token, permitTokenAbi, "approve", [cascadia.address, 9_000_000n]);
    const projectId = cascadia.applications.find((application) => application.status === "approved")?.projectId;
    await sendAs(donor, cascadia.address, quadraticFundingRoundAbi, "donate", [[BigInt(projectId ?? 0)], [9_000_000n]]);
    const after = await referenceSplit();
    const grown = after.split.draws.find((draw) => draw.round === getAddress(cascadia.address))?.amount ?? 0n;
    expect(grown).toBeGreaterThan(cascadiaDraw);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: season.name }).waitFor();
    await expect.poll(async () => (await shownDraws(page)).get(cascadia.name)).toBe(cusd(grown));
    draws = await shownDraws(page);
    for (const draw of after.split.draws) expect(draws.get(nameOf.get(draw.round) ?? "")).toBe(cusd(draw.amount));
    expectNoPageErrors(page);
  });

  it("lets anyone fund the season from a wallet", async () => {
    const page = await seasonPage(FUNDER);
    const fund = page.getByRole("region", { name: "Fund the season" });
    await fund.getByLabel("Add to the co-matching pool").fill("250");
    await fund.getByRole("button", { name: "Add to the co-matching pool" }).click();
    await fund.getByText("Adding to the co-matching pool: confirmed.").waitFor();
    await expect.poll(() => page.getByTestId("season-pool").textContent()).toBe("2,250 CUSD");
    const funder = await account(FUNDER);
    const [funded] = await view<readonly [bigint, bigint]>(season.address, coMatchingSeasonAbi, "funderAccount", [
      funder,
    ]);
    expect(funded).toBe(1_750_000_000n);
    expectNoPageErrors(page);
  });

  it("keeps its rounds from finalizing until anyone settles it; the rounds' pools grow by their draws", async () => {
    await increaseTime(15 * DAY);
    // The round explains why it cannot be finalized yet, and links to its season.
    const roundPage = await openApp(browser(), `/rounds/${cascadia.address}`);
    await roundPage.getByTestId("waiting-for-season").waitFor();
    expect(await roundPage.getByRole("button", { name: "Finalize the round" }).count()).toBe(0);
    await roundPage.getByTestId("waiting-for-season").getByRole("link", { name: "Go to the season" }).click();
    await roundPage.getByRole("heading", { level: 1, name: season.name }).waitFor();

    const { split } = await referenceSplit();
    const poolsBefore = await Promise.all(
      split.draws.map((draw) => view<bigint>(draw.round, quadraticFundingRoundAbi, "matchingPool")),
    );
    const page = await seasonPage(ANYONE);
    await page.getByRole("button", { name: "Settle the season" }).click();
    await page.getByText("Settling the season: confirmed.").waitFor();
    await expect.poll(() => page.getByTestId("season-phase").textContent()).toContain("Settled");
    for (const [index, draw] of split.draws.entries()) {
      expect(await view<bigint>(draw.round, quadraticFundingRoundAbi, "matchingPool")).toBe(
        (poolsBefore[index] ?? 0n) + draw.amount,
      );
    }
    const draws = await shownDraws(page);
    for (const draw of split.draws) expect(draws.get(nameOf.get(draw.round) ?? "")).toBe(cusd(draw.amount));
    // What the rule leaves (here the rounding dust) came back to the funders at once.
    expect(await view<bigint>(season.address, coMatchingSeasonAbi, "returned")).toBe(split.returned);
    await expectAccessible(page);
    await saveScreenshot(page, "season-settled");
    expectNoPageErrors(page);
  });

  it("sends a finalized round's commons share to the treasury and counts it as the node's gift to the commons", async () => {
    await increaseTime(15 * DAY);
    await sendAs(await account(ANYONE), season.address, coMatchingSeasonAbi, "settle");
    const page = await openApp(browser(), `/rounds/${cascadia.address}`);
    await connectLocalDemoAccount(page, ANYONE);
    await page.getByRole("button", { name: "Finalize the round" }).click();
    await page.getByText("Finalizing the round: confirmed.").waitFor();

    const [share, sent] = await view<readonly [bigint, boolean]>(
      cascadia.address,
      quadraticFundingRoundAbi,
      "commonsShare",
    );
    expect(sent).toBe(false);
    const pool = await view<bigint>(cascadia.address, quadraticFundingRoundAbi, "matchingPool");
    expect(share).toBe(commonsShareOf(pool, cascadia.commonsShareBps ?? 0));
    const panel = page.getByRole("region", { name: "Co-matching and the commons" });
    await panel.getByText("10 % of the matching pool goes to the translocal commons", { exact: false }).waitFor();

    const treasury = demo.commonsTreasury.address;
    expect(await view<string>(demo.contracts.nodeRegistry, nodeRegistryAbi, "commonsTreasury")).toBe(treasury);
    const before = await view<bigint>(demo.token.address, permitTokenAbi, "balanceOf", [treasury]);
    await panel.getByRole("button", { name: "Send the commons share" }).click();
    await panel.getByText("Sending the commons share: confirmed.").waitFor();
    await panel.getByText(`The commons share (${cusd(share)}) was sent to the translocal commons treasury`).waitFor();
    expect(await view<bigint>(demo.token.address, permitTokenAbi, "balanceOf", [treasury])).toBe(before + share);

    await panel.getByRole("button", { name: "Count it in the ledger" }).click();
    await panel.getByText("Counting the commons share in the ledger: confirmed.").waitFor();
    await panel.getByText("Counted in the ledger as Cascadia's gift to the commons.").waitFor();
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it("says plainly when the network has no commons treasury to send the share to", async () => {
    await increaseTime(15 * DAY);
    const anyone = await account(ANYONE);
    await sendAs(anyone, season.address, coMatchingSeasonAbi, "settle");
    await sendAs(anyone, cascadia.address, quadraticFundingRoundAbi, "finalize");
    const governor = await account(0);
    await sendAs(governor, demo.contracts.nodeRegistry, nodeRegistryAbi, "setCommonsTreasury", [
      "0x0000000000000000000000000000000000000000",
    ]);
    const page = await openApp(browser(), `/rounds/${cascadia.address}`);
    const panel = page.getByRole("region", { name: "Co-matching and the commons" });
    await panel.getByText("The network has no commons treasury yet", { exact: false }).waitFor();
    expect(await panel.getByRole("button", { name: "Send the commons share" }).count()).toBe(0);
    expectNoPageErrors(page);
  });

  /** A token whose issuer can block accounts (contracts/mocks/BlocklistToken.sol), deployed from its build. */
  async function deployBlocklistToken(from: string): Promise<{ address: string; abi: Abi }> {
    const artifact = JSON.parse(
      readFileSync(
        path.resolve(
          import.meta.dirname,
          "..",
          "..",
          "artifacts",
          "contracts",
          "mocks",
          "BlocklistToken.sol",
          "BlocklistToken.json",
        ),
        "utf8",
      ),
    ) as { abi: Abi; bytecode: Hex };
    const hash = await rpc<string>("eth_sendTransaction", [{ from, data: artifact.bytecode }]);
    const receipt = await rpc<{ contractAddress: string } | null>("eth_getTransactionReceipt", [hash]);
    if (receipt === null) throw new Error("the token was not deployed");
    return { address: getAddress(receipt.contractAddress), abi: artifact.abi };
  }

  /**
   * A settled season of the translocal commons in a token whose issuer blocked its one round (in Cascadia, with a
   * project and two donors) while it settled: the round's draw waits in the season.
   */
  const seasonWithADrawWaiting = async () => {
    const [governor, steward, anyone] = await Promise.all([account(GOVERNOR), account(STEWARD), account(ANYONE)]);
    const factory = demo.contracts.roundFactory;
    const block = await deployBlocklistToken(governor);
    await sendAs(governor, factory, roundFactoryAbi, "setPayoutTokenAllowed", [block.address, true]);
    const now = BigInt((await rpc<{ timestamp: Hex }>("eth_getBlockByNumber", ["latest", false])).timestamp);
    const closesAt = now + BigInt(2 * DAY);

    // A season of the translocal commons in that token, and one Cascadia round in it with a project and two donors.
    // They reuse the demo's documents: the app only shows what the content store holds.
    const seasonMetadata = (await view<{ metadata: string }>(season.address, coMatchingSeasonAbi, "parameters"))
      .metadata;
    await sendAs(steward, factory, roundFactoryAbi, "createSeason", [
      TRANSLOCAL_COMMONS,
      block.address,
      closesAt,
      seasonMetadata,
    ]);
    const blockSeason = (await view<readonly string[]>(factory, roundFactoryAbi, "seasons", [0n, 100n])).at(-1) ?? "";
    const funder = await account(FUNDER);
    await sendAs(funder, block.address, block.abi, "mint", [funder, 1_000n * 10n ** 18n]);
    await sendAs(funder, block.address, permitTokenAbi, "approve", [blockSeason, 1_000n * 10n ** 18n]);
    await sendAs(funder, blockSeason, coMatchingSeasonAbi, "fund", [1_000n * 10n ** 18n]);

    const roundMetadata = await view<string>(cascadia.address, quadraticFundingRoundAbi, "metadata");
    const config = {
      payoutToken: block.address,
      applicationsStart: now,
      applicationsEnd: closesAt,
      donationsStart: now,
      donationsEnd: closesAt,
      matchCapBps: 0,
    };
    const openRules = {
      eligibility: {
        kind: 0,
        source: "0x0000000000000000000000000000000000000000",
        key: `0x${"00".repeat(32)}`,
        minimum: 0n,
        attester: "0x0000000000000000000000000000000000000000",
      },
      minCountedDonation: 0n,
      countedContributionCap: 0n,
    };
    await sendAs(steward, factory, roundFactoryAbi, "createLinkedRound", [
      CASCADIA,
      config,
      openRules,
      { commonsShareBps: 0, season: blockSeason },
      roundMetadata,
    ]);
    const roundCount = await view<bigint>(factory, roundFactoryAbi, "roundCount");
    const [round = ""] = await view<readonly string[]>(factory, roundFactoryAbi, "rounds", [roundCount - 1n, 1n]);
    const application = cascadia.applications.find((item) => item.status === "approved");
    if (application === undefined) throw new Error("the Cascadia round has no approved project");
    const projectId = BigInt(application.projectId);
    const owner = (
      await view<{ owner: string }>(demo.contracts.projectRegistry, projectRegistryAbi, "getProject", [projectId])
    ).owner;
    const applicationMetadata = await view<string>(cascadia.address, quadraticFundingRoundAbi, "applicationMetadata", [
      projectId,
    ]);
    await sendAs(owner, round, quadraticFundingRoundAbi, "submitApplication", [projectId, applicationMetadata]);
    await sendAs(steward, round, quadraticFundingRoundAbi, "approveApplication", [projectId, ""]);
    for (const index of [NEW_DONOR, ANYONE]) {
      const donor = await account(index);
      await sendAs(donor, block.address, block.abi, "mint", [donor, 100n * 10n ** 18n]);
      await sendAs(donor, block.address, permitTokenAbi, "approve", [round, 100n * 10n ** 18n]);
      await sendAs(donor, round, quadraticFundingRoundAbi, "donate", [
        [projectId],
        [(index === ANYONE ? 9n : 25n) * 10n ** 18n],
      ]);
    }

    // The issuer blocks the round's address; the season settles anyway, and the round's draw waits in it.
    await increaseTime(2 * DAY + 1);
    await sendAs(governor, block.address, block.abi, "setBlocked", [round, true]);
    await sendAs(anyone, blockSeason, coMatchingSeasonAbi, "settle");
    const waiting = await view<bigint>(blockSeason, coMatchingSeasonAbi, "undeliveredDraw", [round]);
    expect(waiting).toBeGreaterThan(0n);
    expect(await view<bigint>(round, quadraticFundingRoundAbi, "matchingPool")).toBe(0n);
    return { block, blockSeason, round, waiting, governor, steward };
  };

  it("lets anyone deliver a draw its round's token refused when the season settled, then finalize the round", async () => {
    const { block, blockSeason, round, waiting, governor } = await seasonWithADrawWaiting();
    const amount = `${shown(formatUnits(waiting, 18))} BLOCK`;

    // The season lists the draw that waits, and its round's page explains it.
    const seasonView = await openApp(browser(), `/network/seasons/${blockSeason}`);
    const list = seasonView.getByRole("list", { name: "Draws waiting to be delivered" });
    await expect.poll(() => list.getByRole("listitem").count()).toBe(1);
    expect(await list.getByRole("listitem").textContent()).toContain(amount);
    expect(await seasonView.getByTestId("season-phase").textContent()).toBe(
      "Settled: 1 of the rounds' draws waits to be delivered",
    );
    await expectAccessible(seasonView);
    await list.getByRole("link").click();

    const closing = seasonView.getByRole("region", { name: "Closing" });
    await connectLocalDemoAccount(seasonView, ANYONE);
    const explanation = closing.getByTestId("draw-waiting");
    await explanation.waitFor();
    expect(await explanation.textContent()).toContain(`this round's draw of ${amount}`);
    expect(await closing.getByRole("button", { name: "Finalize the round" }).count()).toBe(0);
    // While the issuer blocks the round, the delivery fails before anything is signed, and the draw keeps waiting.
    await closing.getByRole("button", { name: "Deliver the draw" }).click();
    await closing.getByText(/^Delivering the draw failed:/).waitFor();
    expect(await view<bigint>(blockSeason, coMatchingSeasonAbi, "undeliveredDraw", [round])).toBe(waiting);

    await sendAs(governor, block.address, block.abi, "setBlocked", [round, false]);
    await closing.getByRole("button", { name: "Deliver the draw" }).click();
    await closing.getByText("Delivering the draw: confirmed.").waitFor();
    expect(await view<bigint>(blockSeason, coMatchingSeasonAbi, "undeliveredDraw", [round])).toBe(0n);
    expect(await view<bigint>(round, quadraticFundingRoundAbi, "matchingPool")).toBe(waiting);
    await closing.getByRole("button", { name: "Finalize the round" }).click();
    // The panel is titled Payouts once the round is final.
    await seasonView.getByText("Finalizing the round: confirmed.").waitFor();
    expect(await view<number>(round, quadraticFundingRoundAbi, "status")).toBe(2);
    await expectAccessible(seasonView);
    expectNoPageErrors(seasonView);
  });

  it("returns a cancelled round's waiting draw to the season's funders", async () => {
    const { blockSeason, round, waiting, steward } = await seasonWithADrawWaiting();
    await sendAs(steward, round, quadraticFundingRoundAbi, "cancel");
    const returned = await view<bigint>(blockSeason, coMatchingSeasonAbi, "returned");

    const page = await openApp(browser(), `/network/seasons/${blockSeason}`);
    await connectLocalDemoAccount(page, ANYONE);
    await page.getByRole("heading", { level: 1 }).waitFor();
    // A cancelled round cannot take its draw any more: it is recovered, not delivered.
    await page.getByText("Its draw never reached it: recovering it returns it to the funders.").waitFor();
    expect(await page.getByRole("list", { name: "Draws waiting to be delivered" }).count()).toBe(0);
    await page
      .getByRole("button", { name: `Recover ${shown(formatUnits(waiting, 18), 4)} BLOCK`, exact: false })
      .click();
    await page.getByText(/^Recovering .*: confirmed\.$/).waitFor();
    await page.getByText("The season took back its part.").waitFor();
    expect(await view<bigint>(blockSeason, coMatchingSeasonAbi, "returned")).toBe(returned + waiting);
    expect(await view<bigint>(blockSeason, coMatchingSeasonAbi, "undeliveredDraw", [round])).toBe(0n);
    expectNoPageErrors(page);
  });

  it("recovers a cancelled round's draw for the season's funders, who claim their return", async () => {
    await increaseTime(15 * DAY);
    const anyone = await account(ANYONE);
    await sendAs(anyone, season.address, coMatchingSeasonAbi, "settle");
    const [, , amounts] = await view<readonly [readonly string[], readonly bigint[], readonly bigint[]]>(
      season.address,
      coMatchingSeasonAbi,
      "draws",
    );
    const poblenouDraw = amounts[1] ?? 0n;
    // The Barcelona stewards cancel their round after the season settled: its draw can come back.
    await sendAs(await account(STEWARD), poblenou.address, quadraticFundingRoundAbi, "cancel");

    const dust = 2_000_000_000n - amounts.reduce((sum, amount) => sum + amount, 0n);
    expect(await view<bigint>(season.address, coMatchingSeasonAbi, "returned")).toBe(dust);

    const page = await seasonPage(ANYONE);
    const recover = `Recover ${shown(formatUnits(poblenouDraw, DECIMALS), 4)} CUSD from ${poblenou.name}`;
    await page.getByRole("button", { name: recover }).click();
    await page.getByText(/^Recovering .*: confirmed\.$/).waitFor();
    await page.getByText("The season took back its part.").waitFor();
    const returned = await view<bigint>(season.address, coMatchingSeasonAbi, "returned");
    expect(returned).toBe(dust + poblenouDraw);

    const funderPage = await seasonPage(FUNDER);
    const returns = funderPage.getByRole("region", { name: "What came back" });
    const claimable = (1_500_000_000n * returned) / 2_000_000_000n;
    await returns
      .getByText(`Your share of what came back: ${shown(formatUnits(claimable, DECIMALS), 4)} CUSD`)
      .waitFor();
    const funder = await account(FUNDER);
    const before = await view<bigint>(demo.token.address, permitTokenAbi, "balanceOf", [funder]);
    await returns.getByRole("button", { name: "Claim my return" }).click();
    await returns.getByText("Claiming your return: confirmed.").waitFor();
    await returns.getByText("You have claimed your share of what came back", { exact: false }).waitFor();
    expect(await view<bigint>(demo.token.address, permitTokenAbi, "balanceOf", [funder])).toBe(before + claimable);
    expectNoPageErrors(funderPage);
  });
});
