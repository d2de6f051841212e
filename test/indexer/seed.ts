/**
 * The chain the indexer's test reads: a fresh Ignition deployment of Hyphae and three quadratic funding rounds
 * that between them take every path of the indexer's tally.
 *
 * - "open": a 6-decimal token, a 10 % commons share, five applications (one rejected, then approved on a second
 *   application; one left pending), many contributors giving odd amounts to several projects in one call, again
 *   and again, before and after the clock moves.
 * - "capped": counting rules (gifts under 5 TUSD do not count, at most 200 TUSD of a contributor's gifts to a
 *   project count) and a 25 % match cap that binds, finalized through the match cap settlement, paid out.
 * - "cancelled": the chain's coin (18 decimals), cancelled by its steward, some donors and a funder refunded.
 *
 *     HYPHAE_RPC_URL=http://127.0.0.1:8745 HYPHAE_INDEXER_DEPLOYMENT=indexer-test \
 *     HYPHAE_INDEXER_SEED_OUTPUT=.hyphae/indexer-test/seed.json \
 *       npx hardhat run --network localhost test/indexer/seed.ts
 *
 * It writes what it created (addresses, contributors, the last block) to HYPHAE_INDEXER_SEED_OUTPUT.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { network } from "hardhat";
import Hyphae from "../../ignition/modules/Hyphae.js";

const url = process.env.HYPHAE_RPC_URL;
const deploymentId = process.env.HYPHAE_INDEXER_DEPLOYMENT;
const output = process.env.HYPHAE_INDEXER_SEED_OUTPUT;
if (url === undefined || deploymentId === undefined || output === undefined) {
  throw new Error("set HYPHAE_RPC_URL, HYPHAE_INDEXER_DEPLOYMENT and HYPHAE_INDEXER_SEED_OUTPUT");
}
const connection = await network.create({ network: "localhost", override: { url } });
const { ethers, networkHelpers } = connection;
const DAY = 86_400n;
/** Contributors beyond the node's 20 accounts: wallets of their own, so the rounds have many distinct donors. */
const CONTRIBUTORS = 36;

async function mined(tx: Promise<{ wait(): Promise<unknown> }>): Promise<void> {
  await (await tx).wait();
}

const deployed = await connection.ignition.deploy(Hyphae, { deploymentId });
const signers = await ethers.getSigners();
const [governor, steward, funder1, funder2, ...owners] = signers;
if (governor === undefined || steward === undefined || funder1 === undefined || funder2 === undefined) {
  throw new Error("the node needs its 20 accounts");
}
const projectOwners = owners.slice(0, 6);
// Typed contracts (the Hardhat build's types) at the addresses Ignition deployed.
const nodes = await ethers.getContractAt("NodeRegistry", await deployed.nodeRegistry.getAddress());
const registry = await ethers.getContractAt("ProjectRegistry", await deployed.projectRegistry.getAddress());
const factory = await ethers.getContractAt("RoundFactory", await deployed.roundFactory.getAddress());

await mined(nodes.connect(governor).addNode(0, 0, "Test node", "ipfs://test-node", [steward.address], 1));
const nodeId = await nodes.nodeCount();
const token = await ethers.deployContract("TestToken", ["Test Dollar", "TUSD", 6], governor);
await token.waitForDeployment();
const tokenAddress = await token.getAddress();
await mined(factory.connect(governor).setPayoutTokenAllowed(tokenAddress, true));
const TUSD = (units: number): bigint => BigInt(Math.round(units * 1_000_000));

const projectIds: bigint[] = [];
for (const [index, owner] of projectOwners.entries()) {
  await mined(registry.connect(owner).registerProject(nodeId, owner.address, `ipfs://project-${index}`));
  projectIds.push(await registry.projectCount());
}
const project = (index: number): bigint => {
  const id = projectIds[index];
  if (id === undefined) throw new Error(`no project ${index}`);
  return id;
};
const ownerOf = (index: number) => {
  const owner = projectOwners[index];
  if (owner === undefined) throw new Error(`no owner ${index}`);
  return owner;
};

// Contributors: deterministic wallets, funded with the coin and the token.
const contributors = Array.from(
  { length: CONTRIBUTORS },
  (_, index) =>
    new ethers.Wallet(
      ethers.keccak256(ethers.toUtf8Bytes(`hyphae indexer test contributor ${index}`)),
      ethers.provider,
    ),
);
for (const wallet of contributors) {
  await networkHelpers.setBalance(wallet.address, 10n ** 21n);
  await mined(token.mint(wallet.address, TUSD(5_000)));
}
for (const funder of [funder1, funder2]) await mined(token.mint(funder.address, TUSD(50_000)));

const OPEN_RULES = {
  eligibility: { kind: 0, source: ethers.ZeroAddress, key: ethers.ZeroHash, minimum: 0n, attester: ethers.ZeroAddress },
  minCountedDonation: 0n,
  countedContributionCap: 0n,
};

async function createRound(
  config: { payoutToken: string; donationsDays: bigint; matchCapBps: number },
  rules: typeof OPEN_RULES,
  commonsShareBps: number,
  metadata: string,
) {
  const now = BigInt(await networkHelpers.time.latest());
  const roundConfig = {
    payoutToken: config.payoutToken,
    applicationsStart: now + 10n,
    applicationsEnd: now + DAY,
    donationsStart: now + 10n,
    donationsEnd: now + config.donationsDays * DAY,
    matchCapBps: config.matchCapBps,
  };
  const links = { commonsShareBps, season: ethers.ZeroAddress };
  const created = factory.connect(steward);
  const address = await created.createLinkedRound.staticCall(nodeId, roundConfig, rules, links, metadata);
  await mined(created.createLinkedRound(nodeId, roundConfig, rules, links, metadata));
  return ethers.getContractAt("QuadraticFundingRound", address);
}

/** A deterministic odd amount (whole token units plus a fraction), so square roots round. */
function amountFor(seed: number, largest: number): bigint {
  const whole = (seed * 7_919) % largest;
  const fraction = (seed * 104_729) % 1_000_000;
  return TUSD(whole + 1) + BigInt(fraction);
}

// ---------------------------------------------------------------------------------------------------------------
// Round "open"
// ---------------------------------------------------------------------------------------------------------------

const open = await createRound(
  { payoutToken: tokenAddress, donationsDays: 10n, matchCapBps: 0 },
  OPEN_RULES,
  1_000,
  "ipfs://open",
);
const openAddress = await open.getAddress();
await networkHelpers.time.increase(10);
for (let index = 0; index < 5; index++) {
  await mined(open.connect(ownerOf(index)).submitApplication(project(index), `ipfs://open-application-${index}`));
}
for (const index of [0, 2, 1]) await mined(open.connect(steward).approveApplication(project(index), ""));
await mined(open.connect(steward).rejectApplication(project(3), "ipfs://open-rejection"));
await mined(open.connect(ownerOf(3)).submitApplication(project(3), "ipfs://open-application-3-again"));
await mined(open.connect(ownerOf(3)).submitApplication(project(3), "ipfs://open-application-3-updated"));
await mined(open.connect(steward).approveApplication(project(3), "ipfs://open-approval"));
const openApproved = [0, 2, 1, 3].map(project);
for (const [funder, amount] of [
  [funder1, TUSD(1_500)],
  [funder2, TUSD(733.333333)],
] as const) {
  await mined(token.connect(funder).approve(openAddress, amount));
  await mined(open.connect(funder).fundMatchingPool(amount));
}

/** Each contributor gives to one to three projects of `round` in one call, `times` times over. */
async function donateAll(
  round: typeof open,
  approved: readonly bigint[],
  from: readonly (typeof contributors)[number][],
  pass: number,
  largest: number,
  value = false,
): Promise<void> {
  for (const [index, wallet] of from.entries()) {
    const seed = index * 31 + pass * 17 + 3;
    const count = 1 + (seed % Math.min(3, approved.length));
    const ids = Array.from({ length: count }, (_, offset) => approved[(index + pass + offset) % approved.length]!);
    const amounts = ids.map((_, offset) => amountFor(seed + offset, largest) * (value ? 10n ** 12n : 1n));
    const total = amounts.reduce((sum, amount) => sum + amount, 0n);
    if (value) {
      await mined(round.connect(wallet).donate(ids, amounts, { value: total }));
    } else {
      await mined(token.connect(wallet).approve(await round.getAddress(), total));
      await mined(round.connect(wallet).donate(ids, amounts));
    }
  }
}
await donateAll(open, openApproved, contributors, 0, 400);
await donateAll(open, openApproved, contributors.slice(0, 20), 1, 90);

// ---------------------------------------------------------------------------------------------------------------
// Round "capped": counting rules and a binding match cap, finalized and paid
// ---------------------------------------------------------------------------------------------------------------

const capped = await createRound(
  { payoutToken: tokenAddress, donationsDays: 2n, matchCapBps: 2_500 },
  { ...OPEN_RULES, minCountedDonation: TUSD(5), countedContributionCap: TUSD(200) },
  0,
  "ipfs://capped",
);
const cappedAddress = await capped.getAddress();
await networkHelpers.time.increase(10);
const cappedProjects = [4, 5, 0];
const cappedApproved = cappedProjects.map(project);
for (const index of cappedProjects) {
  await mined(capped.connect(ownerOf(index)).submitApplication(project(index), `ipfs://capped-application-${index}`));
  await mined(capped.connect(steward).approveApplication(project(index), ""));
}
await mined(token.connect(funder1).approve(cappedAddress, TUSD(300)));
await mined(capped.connect(funder1).fundMatchingPool(TUSD(300)));
// The first project draws most contributors (so the cap binds on it); gifts range from dust below the minimum to
// more than the cap, and some givers come back.
for (const [index, wallet] of contributors.entries()) {
  const ids = index % 3 === 0 ? [cappedApproved[0]!, cappedApproved[1]!] : [cappedApproved[0]!];
  const amounts = ids.map((_, offset) => amountFor(index * 5 + offset, 260) / (index % 4 === 0 ? 100n : 1n));
  const total = amounts.reduce((sum, amount) => sum + amount, 0n);
  await mined(token.connect(wallet).approve(cappedAddress, total));
  await mined(capped.connect(wallet).donate(ids, amounts));
}
for (const wallet of contributors.slice(0, 8)) {
  await mined(token.connect(wallet).approve(cappedAddress, TUSD(150)));
  await mined(capped.connect(wallet).donate([cappedApproved[0]!, cappedApproved[2]!], [TUSD(120), TUSD(30)]));
}

// ---------------------------------------------------------------------------------------------------------------
// Round "cancelled": the chain's coin, cancelled, refunds
// ---------------------------------------------------------------------------------------------------------------

const cancelled = await createRound(
  { payoutToken: ethers.ZeroAddress, donationsDays: 10n, matchCapBps: 0 },
  OPEN_RULES,
  0,
  "ipfs://cancelled",
);
const cancelledAddress = await cancelled.getAddress();
await networkHelpers.time.increase(10);
const cancelledProjects = [1, 2];
const cancelledApproved = cancelledProjects.map(project);
for (const index of cancelledProjects) {
  await mined(
    cancelled.connect(ownerOf(index)).submitApplication(project(index), `ipfs://cancelled-application-${index}`),
  );
  await mined(cancelled.connect(steward).approveApplication(project(index), ""));
}
await mined(cancelled.connect(funder2).fundMatchingPool(10n ** 18n, { value: 10n ** 18n }));
await donateAll(cancelled, cancelledApproved, contributors.slice(0, 12), 0, 50, true);
await mined(cancelled.connect(steward).cancel());
for (const wallet of contributors.slice(0, 5))
  await mined(cancelled.connect(wallet).refundDonations(cancelledApproved));
await mined(cancelled.connect(funder2).refundFunding());

// ---------------------------------------------------------------------------------------------------------------
// The capped round's window ends (the open round's goes on): finalize, settle the cap, pay everyone.
// ---------------------------------------------------------------------------------------------------------------

await networkHelpers.time.increase(3n * DAY);
await donateAll(open, openApproved, contributors.slice(10, 30), 2, 40);
await mined(capped.finalize());
for (let batch = 0; (await capped.status()) === 1n; batch++) {
  if (batch > 10) throw new Error("the match cap settlement did not finish");
  await mined(capped.settleMatchCaps(2));
}
await mined(capped.claimPayouts(cappedApproved));

const lastBlock = await ethers.provider.getBlockNumber();
mkdirSync(path.dirname(output), { recursive: true });
writeFileSync(
  output,
  JSON.stringify(
    {
      deployment: { roundFactory: await factory.getAddress(), projectRegistry: await registry.getAddress() },
      rounds: { open: openAddress, capped: cappedAddress, cancelled: cancelledAddress },
      contributors: contributors.map((wallet) => wallet.address),
      lastBlock,
    },
    null,
    2,
  ),
);
console.log(`seeded 3 rounds up to block ${lastBlock}`);
