/**
 * Seeds a local Hyphae network with a demo: a payout token, the organized network (nodes, kinds and four months of
 * contributions: scripts/seed-network.ts), seven projects, a round in its donation window with
 * donations, a round of members on an allowlist with counting rules, also taking donations, both joined to a
 * co-matching season of the translocal commons (the first with a commons share), a round open for
 * applications, and a quadratic voting round of the translocal commons in its voting window, voting with
 * commons credits, with ballots cast (one signed by its voter and relayed by another account), still taking
 * applications, one of them waiting for review. Writes
 * deployments/localhost.json and prints what it created.
 *
 * Run it after the Ignition deployment, against a fresh local chain: `npm start` does both. By hand:
 *
 *     npx hardhat node
 *     npx hardhat ignition deploy ignition/modules/Hyphae.ts --network localhost
 *     npm run seed                        # hardhat run --network localhost scripts/seed.ts
 *
 * HYPHAE_RPC_URL, when set, overrides the URL of the `localhost` network (npm start sets it).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { config, network } from "hardhat";
import type { HardhatEthersSigner as Signer } from "@nomicfoundation/hardhat-ethers/types";
import { ballotTypedData, hashBallot } from "../app/src/lib/ballot.ts";
import { pointerOf } from "../lib/content-address.js";
import { CONTENT_STORE_DIR, storeContent } from "../lib/content-store.js";
import type { RoundConfigInput } from "../lib/round-rules.js";
import { describeNetwork, seedNetwork } from "./seed-network.js";

const rpcUrlOverride = process.env.HYPHAE_RPC_URL;
const connection =
  rpcUrlOverride === undefined
    ? await network.getOrCreate()
    : await network.create({ network: "localhost", override: { url: rpcUrlOverride } });
const { ethers, networkHelpers } = connection;
const rpcUrl = rpcUrlOverride ?? ("url" in connection.networkConfig ? await connection.networkConfig.url.get() : "");

const MINUTE = 60n;
const DAY = 86_400n;
const LOCAL_CHAIN_ID = 31337n;
const root = config.paths.root;

/**
 * Publishes the document demo/metadata/<relativePath> to the local content store (.hyphae/content, see
 * lib/content-store.ts) and returns its metadata pointer `ipfs://<cid>`: the CIDv1 of the bytes stored, which
 * the app checks what it reads against. A project's `"logo": "logos/<slug>.svg"` (a file of demo/) is stored
 * first and replaced by its own `ipfs://` pointer. The document is stored as JSON.stringify(document, null, 2)
 * plus a newline; the same bytes added to IPFS (`ipfs add --cid-version 1 --raw-leaves`) get the same CID.
 */
async function publish(relativePath: string, additions: Record<string, unknown> = {}): Promise<string> {
  const file = path.join(root, "demo", "metadata", relativePath);
  if (!existsSync(file)) throw new Error(`missing metadata document ${path.relative(root, file)}`);
  const document: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new Error(`metadata document ${relativePath} is not a JSON object`);
  }
  const fields = document as Record<string, unknown>;
  if (relativePath.startsWith("projects/") && "logo" in fields) {
    const logo = fields.logo;
    if (typeof logo !== "string" || !/^logos\/[a-z0-9-]+\.svg$/.test(logo)) {
      throw new Error(
        `metadata document ${relativePath}: "logo" must be "logos/<slug>.svg", not ${JSON.stringify(logo)}`,
      );
    }
    const logoFile = path.join(root, "demo", logo);
    if (!existsSync(logoFile)) throw new Error(`missing logo ${path.relative(root, logoFile)}`);
    fields.logo = pointerOf(await storeContent(readFileSync(logoFile)));
  }
  Object.assign(fields, additions);
  const bytes = new TextEncoder().encode(JSON.stringify(fields, null, 2) + "\n");
  return pointerOf(await storeContent(bytes));
}

function documentName(relativePath: string): string {
  const document: unknown = JSON.parse(readFileSync(path.join(root, "demo", "metadata", relativePath), "utf8"));
  if (typeof document === "object" && document !== null && "name" in document && typeof document.name === "string") {
    return document.name;
  }
  throw new Error(`metadata document ${relativePath} has no name`);
}

/** The element at `index`, which the seed's own set-up guarantees exists. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`the local chain is missing item ${index} (it needs 20 accounts)`);
  return item;
}

async function mined(tx: Promise<{ wait(): Promise<unknown> }>): Promise<void> {
  await (await tx).wait();
}

// ---------------------------------------------------------------------------------------------------------------
// Preconditions: a local chain with a fresh Hyphae deployment.
// ---------------------------------------------------------------------------------------------------------------

const { chainId } = await ethers.provider.getNetwork();
if (chainId !== LOCAL_CHAIN_ID) {
  throw new Error(
    `the demo seed moves the chain's clock and mints tokens: it runs only on a local chain (31337), not ${chainId}`,
  );
}
const deploymentFile = path.join(config.paths.ignition, "deployments", `chain-${chainId}`, "deployed_addresses.json");
if (!existsSync(deploymentFile)) {
  throw new Error(
    `no Ignition deployment at ${path.relative(root, deploymentFile)}: ` +
      "run `npx hardhat ignition deploy ignition/modules/Hyphae.ts --network localhost` first (npm start does)",
  );
}
const deployed = JSON.parse(readFileSync(deploymentFile, "utf8")) as Record<string, string | undefined>;
function deployedAddress(futureId: string): string {
  const address = deployed[futureId];
  if (address === undefined) throw new Error(`${futureId} is missing from ${path.relative(root, deploymentFile)}`);
  return address;
}
const addresses = {
  nodeRegistry: deployedAddress("Hyphae#NodeRegistry"),
  contributionLedger: deployedAddress("Hyphae#ContributionLedger"),
  projectRegistry: deployedAddress("Hyphae#ProjectRegistry"),
  roundImplementation: deployedAddress("Hyphae#QuadraticFundingRound"),
  roundFactory: deployedAddress("Hyphae#RoundFactory"),
  votingRoundFactory: deployedAddress("Hyphae#VotingRoundFactory"),
  votingRoundImplementation: deployedAddress("Hyphae#QuadraticVotingRound"),
};
if ((await ethers.provider.getCode(addresses.roundFactory)) === "0x") {
  throw new Error(
    `no RoundFactory at ${addresses.roundFactory}: the Ignition journal belongs to an earlier chain. ` +
      "Delete ignition/deployments/chain-31337 and deploy again (npm start does both)",
  );
}
const nodes = await ethers.getContractAt("NodeRegistry", addresses.nodeRegistry);
const registry = await ethers.getContractAt("ProjectRegistry", addresses.projectRegistry);
const factory = await ethers.getContractAt("RoundFactory", addresses.roundFactory);
const votingFactory = await ethers.getContractAt("VotingRoundFactory", addresses.votingRoundFactory);
if (
  (await registry.projectCount()) !== 0n ||
  (await factory.roundCount()) !== 0n ||
  (await votingFactory.roundCount()) !== 0n
) {
  throw new Error("this chain is already seeded: restart `npm start` for a fresh chain");
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts: Hardhat's 20 well-known test accounts, each with one role.
// ---------------------------------------------------------------------------------------------------------------

const signers = await ethers.getSigners();
const governor = at(signers, 0); // deployed the contracts; the network's governor (adds nodes, allows tokens)
const steward = at(signers, 1); // a steward of every node: opens and runs both rounds
const funders = [at(signers, 2), at(signers, 3)];
const projectOwners = [4, 5, 6, 7, 8, 9].map((index) => at(signers, index));
const contributors = [10, 11, 12, 13, 14, 15, 16, 17].map((index) => at(signers, index));
if (!(await nodes.isGovernor(governor.address))) throw new Error("account #0 is not the network's governor");

// The nodes the seed's network has (scripts/seed-network.ts creates them).
const TRANSLOCAL_COMMONS = 1n;
const CASCADIA = 2n;
const NAIROBI = 3n;
const BARCELONA = 4n;

// ---------------------------------------------------------------------------------------------------------------
// The payout token: Commons Dollar, 6 decimals like most dollar stablecoins.
// ---------------------------------------------------------------------------------------------------------------

console.log("  payout token Commons Dollar (CUSD)");
const token = await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6], governor);
await token.waitForDeployment();
const tokenAddress = await token.getAddress();
await mined(factory.connect(governor).setPayoutTokenAllowed(tokenAddress, true));
const CUSD = (whole: number): bigint => ethers.parseUnits(String(whole), 6);
// Wallets to try the app with: the first ten accounts get 10,000 CUSD each, contributors what they give below.
for (const account of signers.slice(0, 10)) await mined(token.mint(account.address, CUSD(10_000)));
for (const account of contributors) await mined(token.mint(account.address, CUSD(2_000)));

// ---------------------------------------------------------------------------------------------------------------
// The network: nodes, kinds and contributions. It moves the clock four 30-day periods on, so it runs before any
// round is created: rounds are timed from the chain's time after it.
// ---------------------------------------------------------------------------------------------------------------

console.log("  network: nodes, kinds of contribution, four months of contributions");
const networkSeed = await seedNetwork({
  ethers,
  networkHelpers,
  signers,
  publish,
  addresses: {
    nodeRegistry: deployedAddress("Hyphae#NodeRegistry"),
    contributionLedger: deployedAddress("Hyphae#ContributionLedger"),
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Projects, each registered by its own owner, who is also its payout address.
// ---------------------------------------------------------------------------------------------------------------

/** Each project and its home node. */
const projectHomes = [
  ["salish-sea-seed-library", CASCADIA],
  ["willamette-tool-commons", CASCADIA],
  ["fraser-river-mycology-lab", CASCADIA],
  ["cascadia-community-solar", CASCADIA],
  ["four-corners-adobe-school", TRANSLOCAL_COMMONS],
  ["open-micro-factory-commons", NAIROBI],
  ["poblenou-repair-commons", BARCELONA],
] as const;
console.log(`  ${projectHomes.length} projects`);
const projects: { id: bigint; slug: string; name: string; owner: Signer; metadata: string }[] = [];
for (const [index, [slug, homeNode]] of projectHomes.entries()) {
  // Six owners; the solar cooperative's owner also runs the Barcelona repair workshop.
  const owner = index < projectOwners.length ? at(projectOwners, index) : at(projectOwners, 3);
  const metadata = await publish(`projects/${slug}.json`);
  await mined(registry.connect(owner).registerProject(homeNode, owner.address, metadata));
  projects.push({
    id: await registry.projectCount(),
    slug,
    name: documentName(`projects/${slug}.json`),
    owner,
    metadata,
  });
}
const seedLibrary = at(projects, 0);
const toolCommons = at(projects, 1);
const mycologyLab = at(projects, 2);
const communitySolar = at(projects, 3);
const adobeSchool = at(projects, 4);
const microFactory = at(projects, 5);
const repairCommons = at(projects, 6);

async function createRound(nodeId: bigint, roundConfig: RoundConfigInput, metadata: string) {
  const address = await factory.connect(steward).createRound.staticCall(nodeId, roundConfig, metadata);
  await mined(factory.connect(steward).createRound(nodeId, roundConfig, metadata));
  return ethers.getContractAt("QuadraticFundingRound", address);
}

// ---------------------------------------------------------------------------------------------------------------
// History. The demo chain starts months before the wall clock (the `demo` network of hardhat.config.ts, as many
// days back as the seed moves the clock: the network's four periods, then this round), so the network has a past:
// an earlier round of the Cascadia node, finalized and paid out, with what its donors and funders gave counted in
// the contribution ledger as money given to the node. After it, the chain's clock is back at the wall clock.
// ---------------------------------------------------------------------------------------------------------------

const MONEY = 5; // the money kind of the network's seed
console.log("  history: Cascadia Repair and Seed Round (finalized), money counted in the ledger");
const ledger = await ethers.getContractAt("ContributionLedger", addresses.contributionLedger);
await mined(ledger.connect(governor).setMoneyKind(tokenAddress, MONEY));
const tPast = BigInt(await networkHelpers.time.latest());
const pastConfig = {
  payoutToken: tokenAddress,
  applicationsStart: tPast + MINUTE,
  applicationsEnd: tPast + 3n * DAY,
  donationsStart: tPast + 3n * DAY,
  donationsEnd: tPast + 17n * DAY,
  matchCapBps: 0,
};
const pastMetadata = await publish("rounds/cascadia-repair-and-seed-round.json");
const pastRound = await createRound(CASCADIA, pastConfig, pastMetadata);
const pastRoundAddress = await pastRound.getAddress();
await networkHelpers.time.increaseTo(pastConfig.applicationsStart);
const pastProjects = [seedLibrary, toolCommons, mycologyLab];
for (const project of pastProjects) {
  const application = await publish(`applications/cascadia-repair-and-seed-round/${project.slug}.json`);
  await mined(pastRound.connect(project.owner).submitApplication(project.id, application));
  await mined(pastRound.connect(steward).approveApplication(project.id, ""));
}
await mined(token.connect(at(funders, 0)).approve(pastRoundAddress, CUSD(600)));
await mined(pastRound.connect(at(funders, 0)).fundMatchingPool(CUSD(600)));
await networkHelpers.time.increaseTo(pastConfig.donationsStart);
// Donors the network's own history leaves aside (#13–#17), so each part of the demo keeps its own figures.
const pastDonations: [Signer, (typeof projects)[number][], number[]][] = [
  [at(contributors, 3), [seedLibrary, toolCommons], [20, 20]],
  [at(contributors, 4), [seedLibrary], [30]],
  [at(contributors, 5), [toolCommons, mycologyLab], [10, 15]],
  [at(contributors, 6), [seedLibrary, mycologyLab], [40, 10]],
  [at(contributors, 7), [mycologyLab], [60]],
];
for (const [contributor, recipients, amounts] of pastDonations) {
  const units = amounts.map(CUSD);
  await mined(
    token.connect(contributor).approve(
      pastRoundAddress,
      units.reduce((sum, amount) => sum + amount, 0n),
    ),
  );
  await mined(
    pastRound.connect(contributor).donate(
      recipients.map((project) => project.id),
      units,
    ),
  );
}
await networkHelpers.time.increaseTo(pastConfig.donationsEnd);
await mined(pastRound.finalize());
await mined(pastRound.claimPayouts(pastProjects.map((project) => project.id)));
// Each donor's giving counted (the first two by themselves, the others by the node's steward for them); the last
// donor's and the funder's matching funds are left for the app's "Count my giving".
for (const [contributor, recipients] of pastDonations.slice(0, 4)) {
  const counter = pastDonations.findIndex(([giver]) => giver === contributor) < 2 ? contributor : steward;
  await mined(
    ledger.connect(counter).countRoundMoney(
      pastRoundAddress,
      contributor.address,
      recipients.map((project) => project.id),
    ),
  );
  // In the summary beside the network's own contributions, so the tests see every contribution of a node.
  const id = await ledger.contributionCount();
  const stored = await ledger.contribution(id);
  networkSeed.contributions.push({
    id: Number(id),
    slug: `round-money-${signers.indexOf(contributor)}`,
    title: "Money given through a round",
    contributor: { index: signers.indexOf(contributor), address: contributor.address },
    nodeId: Number(CASCADIA),
    kind: MONEY,
    quantity: Number(stored.quantity),
    status: "attested",
    attestations: 0,
    credits: ethers.formatUnits(stored.credits, 18),
    description: pastMetadata,
    evidence: "",
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Round 1, "Bioregional Commons Round" of the Cascadia node, in CUSD. Its application window is short so that
// the demo only moves the chain's clock a few minutes to reach the donation window; the clock stays close to
// the wall clock, and the donation window lasts two weeks from there.
// ---------------------------------------------------------------------------------------------------------------

console.log("  round 1: Bioregional Commons Round (CUSD)");
const t0 = BigInt(await networkHelpers.time.latest());
const round1Config = {
  payoutToken: tokenAddress,
  applicationsStart: t0,
  applicationsEnd: t0 + 10n * MINUTE,
  donationsStart: t0 + 10n * MINUTE,
  donationsEnd: t0 + 10n * MINUTE + 14n * DAY,
  matchCapBps: 0,
};
const round1Metadata = await publish("rounds/bioregional-commons-round.json");

// ---------------------------------------------------------------------------------------------------------------
// The co-matching season of the translocal commons, in CUSD, closing when the donation windows of rounds 1 and 3
// end: both join it when they are created, so its pool is split quadratically between them as their donations
// arrive (each round a recipient, the people who gave in it its contributors). The network's governor names the
// commons treasury, where rounds send their commons share, and Cascadia's stewards name the node's own account,
// which the ledger credits when that share is counted as Cascadia's gift to the commons.
// ---------------------------------------------------------------------------------------------------------------

console.log("  season: Commons Co-matching Season (CUSD), commons treasury, Cascadia's node account");
const COMMONS_TREASURY = at(signers, 19);
const CASCADIA_ACCOUNT = at(signers, 18);
await mined(nodes.connect(governor).setCommonsTreasury(COMMONS_TREASURY.address));
await mined(nodes.connect(steward).setNodeAccount(CASCADIA, CASCADIA_ACCOUNT.address));
const seasonConfig = { payoutToken: tokenAddress, closesAt: round1Config.donationsEnd };
const seasonMetadata = await publish("seasons/commons-co-matching-season.json");
const seasonAddress = await factory
  .connect(steward)
  .createSeason.staticCall(TRANSLOCAL_COMMONS, seasonConfig.payoutToken, seasonConfig.closesAt, seasonMetadata);
await mined(
  factory
    .connect(steward)
    .createSeason(TRANSLOCAL_COMMONS, seasonConfig.payoutToken, seasonConfig.closesAt, seasonMetadata),
);
const season = await ethers.getContractAt("CoMatchingSeason", seasonAddress);
const seasonFunding: [Signer, bigint][] = [
  [at(funders, 0), CUSD(1_500)],
  [at(funders, 1), CUSD(500)],
];
for (const [funder, amount] of seasonFunding) {
  await mined(token.connect(funder).approve(seasonAddress, amount));
  await mined(season.connect(funder).fund(amount));
}
const OPEN_RULES = {
  eligibility: { kind: 0, source: ethers.ZeroAddress, key: ethers.ZeroHash, minimum: 0n, attester: ethers.ZeroAddress },
  minCountedDonation: 0n,
  countedContributionCap: 0n,
};
// Round 1 joins the season and routes 10 % of its matching pool (its draw included) to the commons treasury.
const round1Links = { commonsShareBps: 1_000, season: seasonAddress };
const round1Address = await factory
  .connect(steward)
  .createLinkedRound.staticCall(CASCADIA, round1Config, OPEN_RULES, round1Links, round1Metadata);
await mined(
  factory.connect(steward).createLinkedRound(CASCADIA, round1Config, OPEN_RULES, round1Links, round1Metadata),
);
const round1 = await ethers.getContractAt("QuadraticFundingRound", round1Address);

for (const project of [seedLibrary, toolCommons, mycologyLab, communitySolar, adobeSchool]) {
  const application = await publish(`applications/bioregional-commons-round/${project.slug}.json`);
  await mined(round1.connect(project.owner).submitApplication(project.id, application));
}
for (const project of [seedLibrary, toolCommons, mycologyLab, communitySolar]) {
  await mined(round1.connect(steward).approveApplication(project.id, ""));
}
const rejection = await publish(`reviews/bioregional-commons-round/${adobeSchool.slug}.json`);
await mined(round1.connect(steward).rejectApplication(adobeSchool.id, rejection));

// The pool is sized so that it binds: the ideal matches of the donations below add up to more than the pool,
// so each project's match is its share of the pool, as in a real round (with a pool far larger than the
// ideals, every project would simply get its ideal and the rest would go back to the funders).
const poolFunding: [Signer, bigint][] = [
  [at(funders, 0), CUSD(1_000)],
  [at(funders, 1), CUSD(500)],
];
for (const [funder, amount] of poolFunding) {
  await mined(token.connect(funder).approve(round1Address, amount));
  await mined(round1.connect(funder).fundMatchingPool(amount));
}

// ---------------------------------------------------------------------------------------------------------------
// Voting round, "Translocal Commons Priorities Vote" of the translocal commons, in CUSD, voting with commons
// credits. Its snapshot is the chain's time now, after the network's contributors claimed their credits (in
// scripts/seed-network.ts), so their claimed credits are their voice credits: 1 voice credit per commons credit.
// Voting opens with round 1's donations, so the demo's clock moves no further than round 1 needs. Applications stay
// open through the first week of voting (the contracts allow it: the stewards review until voting ends), so in the
// demo a project can still apply and the stewards have an application to review: four projects are approved, the
// mycology lab's application is left pending.
// ---------------------------------------------------------------------------------------------------------------

console.log("  voting round: Translocal Commons Priorities Vote (CUSD, commons credits)");
const CREDIT = 10n ** 18n;
const tVote = BigInt(await networkHelpers.time.latest());
const votingConfig = {
  payoutToken: tokenAddress,
  applicationsStart: tVote,
  applicationsEnd: round1Config.donationsStart + 7n * DAY,
  votingStart: round1Config.donationsStart,
  votingEnd: round1Config.donationsStart + 14n * DAY,
  votingToken: ethers.ZeroAddress, // the network's commons credits
  snapshot: tVote - 1n,
  powerPerVoiceCredit: CREDIT,
  baseVoiceCredits: 0n,
  eligibility: { kind: 0, source: ethers.ZeroAddress, key: ethers.ZeroHash, minimum: 0n, attester: ethers.ZeroAddress },
};
const votingMetadata = await publish("rounds/translocal-commons-priorities-vote.json");
const votingRoundAddress = await votingFactory
  .connect(steward)
  .createVotingRound.staticCall(TRANSLOCAL_COMMONS, votingConfig, votingMetadata);
await mined(votingFactory.connect(steward).createVotingRound(TRANSLOCAL_COMMONS, votingConfig, votingMetadata));
const votingRound = await ethers.getContractAt("QuadraticVotingRound", votingRoundAddress);
const votingProjects = [seedLibrary, adobeSchool, microFactory, repairCommons, mycologyLab];
for (const project of votingProjects) {
  const application = await publish(`applications/translocal-commons-priorities-vote/${project.slug}.json`);
  await mined(votingRound.connect(project.owner).submitApplication(project.id, application));
  // The mycology lab's application waits for the stewards' review.
  if (project !== mycologyLab) await mined(votingRound.connect(steward).approveApplication(project.id, ""));
}
const votingPool = CUSD(1_200);
await mined(token.connect(at(funders, 1)).approve(votingRoundAddress, votingPool));
await mined(votingRound.connect(at(funders, 1)).fundMatchingPool(votingPool));

// ---------------------------------------------------------------------------------------------------------------
// Round 3, "Poblenou Neighbours Round" of the Barcelona node, in CUSD, with participation rules: only the node's
// members on its allowlist may donate (the round holds the Merkle root, its description the list), a gift below
// 5 CUSD counts nothing toward the match, and at most 200 CUSD of one person's gifts to a project counts. Created
// with round 1's windows, so reaching round 1's donation window (below) needs no move of the clock of its own.
// ---------------------------------------------------------------------------------------------------------------

console.log("  round 3: Poblenou Neighbours Round (CUSD, allowlist, counting rules)");
// The node's members: contributors #10-#14. Contributors #15-#17 are not on the list.
const members = contributors.slice(0, 5);
const allowlist = members.map((member) => member.address);
const allowlistTree = StandardMerkleTree.of(
  allowlist.map((address) => [address]),
  ["address"],
);
const round3Config = { ...round1Config };
const round3Rules = {
  eligibility: {
    kind: 2, // EligibilityRules.Kind.Allowlist
    source: ethers.ZeroAddress,
    key: allowlistTree.root,
    minimum: 0n,
    attester: ethers.ZeroAddress,
  },
  minCountedDonation: CUSD(5),
  countedContributionCap: CUSD(200),
};
const round3Metadata = await publish("rounds/poblenou-neighbours-round.json", { allowlist });
// Round 3 joins the season too, without a commons share.
const round3Links = { commonsShareBps: 0, season: seasonAddress };
const round3Address = await factory
  .connect(steward)
  .createLinkedRound.staticCall(BARCELONA, round3Config, round3Rules, round3Links, round3Metadata);
await mined(
  factory.connect(steward).createLinkedRound(BARCELONA, round3Config, round3Rules, round3Links, round3Metadata),
);
const round3 = await ethers.getContractAt("QuadraticFundingRound", round3Address);
for (const project of [repairCommons, microFactory]) {
  const application = await publish(`applications/poblenou-neighbours-round/${project.slug}.json`);
  await mined(round3.connect(project.owner).submitApplication(project.id, application));
  await mined(round3.connect(steward).approveApplication(project.id, ""));
}
const round3Pool = CUSD(300);
await mined(token.connect(at(funders, 1)).approve(round3Address, round3Pool));
await mined(round3.connect(at(funders, 1)).fundMatchingPool(round3Pool));
// Into the donation window of rounds 1 and 3 and the voting window.
await networkHelpers.time.increaseTo(round1Config.donationsStart);

// Ballots: (voter, [project, votes]…). #11 and #4 cast their own; #16 signs and account #18 relays it. #10, who
// holds credits too, has not voted yet (the app's journeys vote as #10).
const RELAYER = at(signers, 18);
const byId = (entries: [(typeof projects)[number], number][]) =>
  [...entries]
    .sort(([a], [b]) => (a.id < b.id ? -1 : 1))
    .map(([project, votes]) => [project.id, BigInt(votes)] as const);
const directBallots: [Signer, [(typeof projects)[number], number][]][] = [
  [
    at(signers, 11),
    [
      [adobeSchool, 12],
      [seedLibrary, 10],
      [microFactory, 8],
    ],
  ],
  [at(signers, 4), [[seedLibrary, 4]]],
];
const emptyBallot = { projectIds: [] as bigint[], votes: [] as bigint[] };
const ballots: { voter: Signer; relayedBy?: Signer; projectIds: bigint[]; votes: bigint[] }[] = [];
for (const [voter, entries] of directBallots) {
  const sorted = byId(entries);
  const ballot = { projectIds: sorted.map(([id]) => id), votes: sorted.map(([, votes]) => votes) };
  await mined(votingRound.connect(voter).castBallot(emptyBallot, ballot, []));
  ballots.push({ voter, ...ballot });
}
{
  const voter = at(signers, 16);
  const sorted = byId([
    [microFactory, 10],
    [repairCommons, 11],
  ]);
  const ballot = { projectIds: sorted.map(([id]) => id), votes: sorted.map(([, votes]) => votes) };
  const nonce = await votingRound.nonces(voter.address);
  const deadline = votingConfig.votingEnd;
  const typed = ballotTypedData({
    chainId: Number(chainId),
    round: votingRoundAddress as `0x${string}`,
    voter: voter.address as `0x${string}`,
    previousBallot: hashBallot(emptyBallot),
    ballot,
    nonce,
    deadline,
  });
  const signature = await voter.signTypedData(typed.domain, { Ballot: [...typed.types.Ballot] }, typed.message);
  await mined(
    votingRound
      .connect(RELAYER)
      .castSignedBallots([
        { voter: voter.address, previous: emptyBallot, next: ballot, proof: [], nonce, deadline, signature },
      ]),
  );
  ballots.push({ voter, relayedBy: RELAYER, ...ballot });
}

console.log("  donations to round 1");
// Broad support for the seed library, one large donor for the solar cooperative: the match shows the difference.
const donations: [Signer, (typeof projects)[number][], number[]][] = [
  [at(contributors, 0), [seedLibrary, toolCommons, mycologyLab], [25, 10, 5]],
  [at(contributors, 1), [seedLibrary], [50]],
  [at(contributors, 2), [seedLibrary, mycologyLab, communitySolar], [5, 30, 20]],
  [at(contributors, 3), [toolCommons, mycologyLab], [15, 15]],
  [at(contributors, 4), [communitySolar], [1_000]],
  [at(contributors, 5), [seedLibrary, toolCommons, mycologyLab, communitySolar], [10, 10, 10, 10]],
  [at(contributors, 6), [seedLibrary, mycologyLab], [20, 3]],
  [at(contributors, 7), [seedLibrary, toolCommons], [100, 40]],
  // A second gift from the same contributor is summed with the first before the square root.
  [at(contributors, 1), [seedLibrary], [25]],
];
for (const [contributor, recipients, amounts] of donations) {
  const units = amounts.map(CUSD);
  const total = units.reduce((sum, amount) => sum + amount, 0n);
  await mined(token.connect(contributor).approve(round1Address, total));
  await mined(
    round1.connect(contributor).donate(
      recipients.map((project) => project.id),
      units,
    ),
  );
}

console.log("  donations to round 3");
// Round 1's donation window is round 3's too. Members donate with the proof of their place on the list; one gift
// of 3 CUSD is below the minimum and counts nothing, and of the 250 CUSD gift only 200 count.
const round3Donations: [Signer, (typeof projects)[number][], number[]][] = [
  [at(members, 0), [repairCommons, microFactory], [20, 10]],
  [at(members, 1), [repairCommons], [3]],
  [at(members, 2), [repairCommons, microFactory], [15, 25]],
  [at(members, 3), [repairCommons], [250]],
];
for (const [member, recipients, amounts] of round3Donations) {
  const units = amounts.map(CUSD);
  await mined(
    token.connect(member).approve(
      round3Address,
      units.reduce((sum, amount) => sum + amount, 0n),
    ),
  );
  await mined(
    round3.connect(member).donateWithProof(
      recipients.map((project) => project.id),
      units,
      allowlistTree.getProof([member.address]),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Round 2, "Translocal Knowledge Commons Round", in the native coin, open for applications now (chain time).
// ---------------------------------------------------------------------------------------------------------------

console.log("  round 2: Translocal Knowledge Commons Round (native coin)");
const t1 = BigInt(await networkHelpers.time.latest());
const round2Config = {
  payoutToken: ethers.ZeroAddress,
  applicationsStart: t1,
  applicationsEnd: t1 + 7n * DAY,
  donationsStart: t1 + 7n * DAY,
  donationsEnd: t1 + 21n * DAY,
  matchCapBps: 2_500,
};
const round2Metadata = await publish("rounds/translocal-knowledge-commons-round.json");
const round2 = await createRound(TRANSLOCAL_COMMONS, round2Config, round2Metadata);
const round2Address = await round2.getAddress();
const round2Application = await publish(`applications/translocal-knowledge-commons-round/${microFactory.slug}.json`);
await mined(round2.connect(microFactory.owner).submitApplication(microFactory.id, round2Application));
const round2Pool = ethers.parseEther("2");
await mined(round2.connect(at(funders, 0)).fundMatchingPool(round2Pool, { value: round2Pool }));

// ---------------------------------------------------------------------------------------------------------------
// Summary: deployments/localhost.json and the console.
// ---------------------------------------------------------------------------------------------------------------

const statusNames = ["none", "pending", "approved", "rejected"] as const;
const iso = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

async function roundSummary(
  round: typeof round1,
  address: string,
  roundConfig: typeof round1Config,
  metadataPath: string,
  metadata: string,
  symbol: string,
  decimals: number,
  rules?: { allowlist: string[]; minCountedDonation: bigint; countedContributionCap: bigint },
) {
  const applications = [];
  for (const project of projects) {
    const tally = await round.projectTally(project.id);
    const status = statusNames[Number(tally.status)] ?? "unknown";
    if (status === "none") continue;
    applications.push({
      projectId: Number(project.id),
      project: project.name,
      status,
      contributors: Number(tally.contributors),
      // The round keeps amounts normalised to 18 decimals, whatever the token's decimals.
      donations: ethers.formatUnits(tally.donations, 18),
      estimatedMatch: ethers.formatUnits(await round.estimatedMatch(project.id), decimals),
    });
  }
  return {
    name: documentName(metadataPath),
    address,
    metadata,
    payoutToken: roundConfig.payoutToken,
    payoutSymbol: symbol,
    applicationsStart: Number(roundConfig.applicationsStart),
    applicationsEnd: Number(roundConfig.applicationsEnd),
    donationsStart: Number(roundConfig.donationsStart),
    donationsEnd: Number(roundConfig.donationsEnd),
    matchCapBps: roundConfig.matchCapBps,
    matchingPool: ethers.formatUnits(await round.matchingPool(), decimals),
    // The commons share (basis points of the matching pool) and the co-matching season the round joined, if any.
    commonsShareBps: Number((await round.links()).commonsShareBps),
    season: (await round.links()).season === ethers.ZeroAddress ? undefined : (await round.links()).season,
    ...(rules === undefined
      ? {}
      : {
          eligibility: { kind: "allowlist", root: (await round.eligibility()).key, allowlist: rules.allowlist },
          countingRules: {
            minCountedDonation: ethers.formatUnits(rules.minCountedDonation, decimals),
            countedContributionCap: ethers.formatUnits(rules.countedContributionCap, decimals),
          },
        }),
    applications,
  };
}

const latest = BigInt(await networkHelpers.time.latest());
const rounds = [
  await roundSummary(
    pastRound,
    pastRoundAddress,
    pastConfig,
    "rounds/cascadia-repair-and-seed-round.json",
    pastMetadata,
    "CUSD",
    6,
  ),
  await roundSummary(
    round1,
    round1Address,
    round1Config,
    "rounds/bioregional-commons-round.json",
    round1Metadata,
    "CUSD",
    6,
  ),
  await roundSummary(
    round3,
    round3Address,
    round3Config,
    "rounds/poblenou-neighbours-round.json",
    round3Metadata,
    "CUSD",
    6,
    { allowlist, ...round3Rules },
  ),
  await roundSummary(
    round2,
    round2Address,
    round2Config,
    "rounds/translocal-knowledge-commons-round.json",
    round2Metadata,
    "ETH",
    18,
  ),
];
const account = (signer: Signer) => ({ index: signers.indexOf(signer), address: signer.address });
const [drawRounds, drawIdeals, drawAmounts] = await season.draws();
const seasons = [
  {
    name: documentName("seasons/commons-co-matching-season.json"),
    address: seasonAddress,
    nodeId: Number(TRANSLOCAL_COMMONS),
    metadata: seasonMetadata,
    payoutToken: tokenAddress,
    payoutSymbol: "CUSD",
    closesAt: Number(seasonConfig.closesAt),
    pool: ethers.formatUnits(await season.pool(), 6),
    funders: seasonFunding.map(([funder, amount]) => ({ ...account(funder), amount: ethers.formatUnits(amount, 6) })),
    // Each round's draw if the season settled at the end of the seed (the ideal normalised to 18 decimals).
    draws: drawRounds.map((round, index) => ({
      round,
      ideal: (drawIdeals[index] ?? 0n).toString(),
      amount: ethers.formatUnits(drawAmounts[index] ?? 0n, 6),
    })),
  },
];
const votingApplications = [];
for (const project of projects) {
  const tally = await votingRound.projectVotes(project.id);
  const status = statusNames[Number(tally.status)] ?? "unknown";
  if (status === "none") continue;
  votingApplications.push({
    projectId: Number(project.id),
    project: project.name,
    status,
    voters: Number(tally.voters),
    votes: Number(tally.votes),
    estimatedPayout: ethers.formatUnits(await votingRound.estimatedPayout(project.id), 6),
  });
}
const votingRounds = [
  {
    name: documentName("rounds/translocal-commons-priorities-vote.json"),
    address: votingRoundAddress,
    nodeId: Number(TRANSLOCAL_COMMONS),
    metadata: votingMetadata,
    payoutToken: tokenAddress,
    payoutSymbol: "CUSD",
    votingToken: (await votingRound.parameters()).config.votingToken,
    applicationsStart: Number(votingConfig.applicationsStart),
    applicationsEnd: Number(votingConfig.applicationsEnd),
    votingStart: Number(votingConfig.votingStart),
    votingEnd: Number(votingConfig.votingEnd),
    snapshot: Number(votingConfig.snapshot),
    powerPerVoiceCredit: votingConfig.powerPerVoiceCredit.toString(),
    baseVoiceCredits: votingConfig.baseVoiceCredits.toString(),
    matchingPool: ethers.formatUnits(await votingRound.matchingPool(), 6),
    totalVotes: Number(await votingRound.totalVotes()),
    applications: votingApplications,
    ballots: await Promise.all(
      ballots.map(async (ballot) => ({
        voter: account(ballot.voter),
        ...(ballot.relayedBy === undefined ? {} : { relayedBy: account(ballot.relayedBy) }),
        projectIds: ballot.projectIds.map(Number),
        votes: ballot.votes.map(Number),
        cost: ballot.votes.reduce((sum, votes) => sum + votes * votes, 0n).toString(),
        voiceCredits: (await votingRound.voiceCreditsOf(ballot.voter.address)).toString(),
      })),
    ),
    // Voice credits of every account with any at the snapshot (claimed commons credits, whole).
    voiceCredits: (
      await Promise.all(
        signers.map(async (signer) => ({
          ...account(signer),
          voiceCredits: (await votingRound.voiceCreditsOf(signer.address)).toString(),
        })),
      )
    ).filter((entry) => entry.voiceCredits !== "0"),
  },
];
const summary = {
  note: "Written by scripts/seed.ts on every `npm start`; the local chain and these addresses last as long as that run.",
  chainId: Number(chainId),
  rpcUrl,
  chainTime: Number(latest),
  metadataPointers:
    "ipfs://<cid>: the CIDv1 (raw, sha2-256) of a document of demo/metadata/, a project's logo likewise; " +
    `the bytes are in ${path.relative(root, CONTENT_STORE_DIR)}/<cid>, served by the app's dev server at /ipfs/<cid> (see demo/README.md)`,
  amounts: "in whole tokens (CUSD has 6 decimals, the native coin 18)",
  contracts: {
    nodeRegistry: addresses.nodeRegistry,
    contributionLedger: addresses.contributionLedger,
    projectRegistry: addresses.projectRegistry,
    roundFactory: addresses.roundFactory,
    roundImplementation: addresses.roundImplementation,
    votingRoundFactory: addresses.votingRoundFactory,
    votingRoundImplementation: addresses.votingRoundImplementation,
    commonsDollar: tokenAddress,
  },
  token: { address: tokenAddress, name: "Commons Dollar", symbol: "CUSD", decimals: 6 },
  rounds,
  seasons,
  commonsTreasury: account(COMMONS_TREASURY),
  nodeAccounts: [{ nodeId: Number(CASCADIA), ...account(CASCADIA_ACCOUNT) }],
  votingRounds,
  network: networkSeed,
  projects: projects.map((project) => ({
    id: Number(project.id),
    name: project.name,
    owner: project.owner.address,
    payoutAddress: project.owner.address,
    metadata: project.metadata,
  })),
  accounts: {
    governor: account(governor),
    steward: account(steward),
    funders: funders.map(account),
    projectOwners: projects.map((project) => ({ ...account(project.owner), projectId: Number(project.id) })),
    contributors: contributors.map(account),
    relayer: account(RELAYER),
  },
};
const summaryFile = path.join(root, "deployments", "localhost.json");
await mkdir(path.dirname(summaryFile), { recursive: true });
await writeFile(summaryFile, JSON.stringify(summary, null, 2) + "\n");

const pad = (text: string, width: number) => text.padEnd(width);
console.log(`
Hyphae demo on ${rpcUrl} (chain ${chainId}); chain time ${iso(latest)}

Contracts
  ${pad("ProjectRegistry", 24)}${addresses.projectRegistry}
  ${pad("RoundFactory", 24)}${addresses.roundFactory}
  ${pad("Round implementation", 24)}${addresses.roundImplementation}
  ${pad("VotingRoundFactory", 24)}${addresses.votingRoundFactory}
  ${pad("Commons Dollar (CUSD)", 24)}${tokenAddress}

${describeNetwork(networkSeed)}

Rounds`);
for (const round of rounds) {
  const phase =
    latest < BigInt(round.applicationsEnd)
      ? `applications open until ${iso(BigInt(round.applicationsEnd))}`
      : `donations open until ${iso(BigInt(round.donationsEnd))}`;
  console.log(`  ${round.name}  ${round.address}`);
  console.log(`    ${round.payoutSymbol}, ${phase}, matching pool ${round.matchingPool} ${round.payoutSymbol}`);
  for (const application of round.applications) {
    const numbers =
      application.status === "approved"
        ? `: ${application.donations} ${round.payoutSymbol} from ${application.contributors} contributors, ` +
          `estimated match ${application.estimatedMatch} ${round.payoutSymbol}`
        : "";
    console.log(`    #${application.projectId} ${application.project} (${application.status})${numbers}`);
  }
}
for (const season of seasons) {
  console.log(`  ${season.name}  ${season.address}  (co-matching season of the translocal commons)`);
  console.log(
    `    ${season.payoutSymbol}, settles from ${iso(BigInt(season.closesAt))}, pool ${season.pool} ` +
      `${season.payoutSymbol} from ${season.funders.length} funders`,
  );
  for (const draw of season.draws) {
    const name = rounds.find((round) => round.address === draw.round)?.name ?? draw.round;
    console.log(`    ${name}: draws ${draw.amount} ${season.payoutSymbol} if it settled now`);
  }
}
for (const round of votingRounds) {
  console.log(`  ${round.name}  ${round.address}  (quadratic voting, commons credits)`);
  console.log(
    `    ${round.payoutSymbol}, applications open until ${iso(BigInt(round.applicationsEnd))}, ` +
      `voting open until ${iso(BigInt(round.votingEnd))}, matching pool ` +
      `${round.matchingPool} ${round.payoutSymbol}, ${round.totalVotes} votes from ${round.ballots.length} ballots`,
  );
  for (const application of round.applications) {
    console.log(
      application.status === "approved"
        ? `    #${application.projectId} ${application.project}: ${application.votes} votes from ` +
            `${application.voters} voters, estimated payout ${application.estimatedPayout} ${round.payoutSymbol}`
        : `    #${application.projectId} ${application.project} (${application.status})`,
    );
  }
  console.log(
    `    voice credits: ${round.voiceCredits.map((entry) => `#${entry.index} ${entry.voiceCredits}`).join(", ")}`,
  );
}
const line = (role: string, signer: Signer) =>
  `  #${pad(String(signers.indexOf(signer)), 3)}${signer.address}  ${role}`;
console.log(`
Accounts (Hardhat's publicly known test keys; \`npx hardhat node\` prints them)
${line("governor: owns the RoundFactory, allows payout tokens", governor)}
${line("steward: operator of every round (reviews applications)", steward)}
${funders.map((funder) => line("funder of the matching pools", funder)).join("\n")}
${projects.map((project) => line(`owner of project #${project.id} ${project.name}`, project.owner)).join("\n")}
${contributors
  .map((contributor) =>
    line(members.includes(contributor) ? "contributor, on the Poblenou allowlist" : "contributor", contributor),
  )
  .join("\n")}
${line("relayer: submitted a signed ballot for #16; Cascadia's node account", RELAYER)}
${line("the translocal commons treasury: receives the rounds' commons shares", COMMONS_TREASURY)}
  Accounts #0-#9 hold 10,000 CUSD each to try things with; contributors hold what they did not give.

Metadata documents and logos stored by CID in ${path.relative(root, CONTENT_STORE_DIR)} (ipfs:// pointers)
Summary written to ${path.relative(root, summaryFile)}`);
