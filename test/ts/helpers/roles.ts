/**
 * The role × action tables of test/ts/adversarial/roles.*.test.ts: one network with a cast of accounts, each
 * holding one role, the scenes the tables play in, and `roleTable`, which turns a table into one test per cell.
 */
import { expect } from "chai";
import type { BaseContract } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ProjectRound } from "../../../types/ethers-contracts/index.js";
import { DAY, ETH, USDC, ethers, networkHelpers, warpTo } from "./hyphae.js";
import { deployNetwork, LABOUR, NodeKind } from "./network.js";
import { OPEN } from "./voting.js";

/** Every role an account can hold in the tables; the ledger, the factories and rounds are contracts, impersonated. */
export type Role =
  | "governor"
  | "steward"
  | "siblingSteward"
  | "parentSteward"
  | "childSteward"
  | "formerSteward"
  | "funder"
  | "projectOwner"
  | "otherOwner"
  | "contributor"
  | "voter"
  | "anyone"
  | "newOwner"
  | "ledger"
  | "factory"
  | "votingFactory"
  | "seasonRound";

/** How a test name calls each role. Everything happens at Cascadia, a child of the translocal commons. */
const ROLE_NAMES: Record<Role, string> = {
  governor: "a governor",
  steward: "a steward of the node (Cascadia)",
  siblingSteward: "a steward of a sibling node (Colorado Plateau)",
  parentSteward: "a steward of the parent node (the translocal commons)",
  childSteward: "a steward of a child node (Lower Fraser)",
  formerSteward: "a former steward of the node",
  funder: "a funder",
  projectOwner: "the project's owner",
  otherOwner: "another project's owner",
  contributor: "a contributor (a donor)",
  voter: "a voter holding commons credits",
  anyone: "anyone",
  newOwner: "the project's pending new owner",
  ledger: "the contribution ledger",
  factory: "the round factory",
  votingFactory: "the voting round factory",
  seasonRound: "a round of the season",
};

/** The roles every table tries. */
export const PEOPLE: readonly Role[] = [
  "governor",
  "steward",
  "siblingSteward",
  "parentSteward",
  "childSteward",
  "formerSteward",
  "funder",
  "projectOwner",
  "otherOwner",
  "contributor",
  "voter",
  "anyone",
];

/** What each participant put in: the funder in every pool, the contributor in the funding round. */
export const POOL = USDC(1_000);
const DONATION = USDC(10);
/** The voter's commons credits: five hours of labour at ten credits an hour. */
export const VOTER_CREDITS = ETH(50);

async function impersonated(contract: BaseContract): Promise<HardhatEthersSigner> {
  const address = await contract.getAddress();
  await networkHelpers.impersonateAccount(address);
  await networkHelpers.setBalance(address, ETH(1));
  return ethers.getSigner(address);
}

/**
 * The network of `deployNetwork` with one account per role: a payout token its governors allowed (and one they
 * did not), two projects at Cascadia (one for the project's owner, one for another owner), a voter who earned
 * commons credits for attested labour, a voting round factory whose voting token is those credits, a child node
 * of Cascadia (Lower Fraser) with its own steward, and a steward who has left Cascadia.
 */
export async function deployCast() {
  const network = await deployNetwork();
  const { nodes, registry, factory, ledger, credits, accounts, CASCADIA } = network;
  const signers = await ethers.getSigners();
  const at = (index: number): HardhatEthersSigner => {
    const signer = signers[index];
    if (!signer) throw new Error(`the Hardhat network has no account ${index}`);
    return signer;
  };
  const [funder, projectOwner, otherOwner, voter, newOwner, coGovernor, formerSteward, childSteward] = [
    at(7),
    at(8),
    at(9),
    at(10),
    at(11),
    at(12),
    at(13),
    at(14),
  ];

  const token = await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6]);
  const unlistedToken = await ethers.deployContract("TestToken", ["Unlisted", "UNL", 18]);
  await factory.connect(accounts.governor).setPayoutTokenAllowed(token, true);
  for (const holder of [funder, accounts.contributor]) await token.mint(holder, USDC(100_000));

  const register = async (owner: HardhatEthersSigner) => {
    const id = await registry.connect(owner).registerProject.staticCall(CASCADIA, owner, "ipfs://project");
    await registry.connect(owner).registerProject(CASCADIA, owner, "ipfs://project");
    return id;
  };
  const projects = { underReview: await register(projectOwner), approved: await register(otherOwner) };

  // Cascadia's two stewards attest the voter's labour; the claimed credits are its votes.
  const labour = await ledger.connect(voter).record.staticCall(CASCADIA, LABOUR, 5, "ipfs://work", "ipfs://proof");
  await ledger.connect(voter).record(CASCADIA, LABOUR, 5, "ipfs://work", "ipfs://proof");
  await ledger.connect(accounts.cascadiaSteward).attest(labour);
  await ledger.connect(accounts.secondCascadiaSteward).attest(labour);
  await ledger.claimCredits(voter);

  await nodes
    .connect(accounts.governor)
    .addNode(NodeKind.Local, CASCADIA, "Lower Fraser", "ipfs://fraser", [childSteward], 1);
  // Steward status is read live: one who has left the node keeps none of its powers.
  await nodes.connect(accounts.governor).addSteward(CASCADIA, formerSteward);
  await nodes.connect(accounts.governor).removeSteward(CASCADIA, formerSteward);

  const votingImplementation = await ethers.deployContract("QuadraticVotingRound");
  const votingFactory = await ethers.deployContract("VotingRoundFactory", [votingImplementation, factory, credits]);

  const cast: Record<Exclude<Role, "seasonRound">, HardhatEthersSigner> = {
    governor: accounts.governor,
    steward: accounts.cascadiaSteward,
    siblingSteward: accounts.coloradoSteward,
    parentSteward: accounts.commonsSteward,
    childSteward,
    formerSteward,
    funder,
    projectOwner,
    otherOwner,
    contributor: accounts.contributor,
    voter,
    anyone: accounts.outsider,
    newOwner,
    ledger: await impersonated(ledger),
    factory: await impersonated(factory),
    votingFactory: await impersonated(votingFactory),
  };
  return {
    ...network,
    token,
    unlistedToken,
    projects,
    votingImplementation,
    votingFactory,
    coGovernor,
    cast,
  };
}

export type Cast = Awaited<ReturnType<typeof deployCast>>;

/** A funding round's configuration at Cascadia: applications open in a minute, donations in a day, for a week. */
export async function cascadiaRoundConfig(cast: Cast) {
  const now = BigInt(await networkHelpers.time.latest());
  return {
    payoutToken: await cast.token.getAddress(),
    applicationsStart: now + 60n,
    applicationsEnd: now + 2n * DAY,
    donationsStart: now + DAY,
    donationsEnd: now + 8n * DAY,
    matchCapBps: 0,
  };
}

/** A voting round's configuration at Cascadia, voting on commons credits, with the windows of a funding round. */
export async function cascadiaVotingRoundConfig(cast: Cast) {
  const { donationsStart, donationsEnd, ...windows } = await cascadiaRoundConfig(cast);
  return {
    ...windows,
    votingStart: donationsStart,
    votingEnd: donationsEnd,
    votingToken: ethers.ZeroAddress,
    snapshot: donationsStart - 1n,
    powerPerVoiceCredit: ETH(1),
    baseVoiceCredits: 0n,
    eligibility: OPEN,
  };
}

/** The participation rules of an open round: anyone may donate, everything counts. */
export const OPEN_RULES = { eligibility: OPEN, minCountedDonation: 0n, countedContributionCap: 0n };

/** One round of either rule, as the tables of ProjectRound see it. */
export interface RoundUnderTest {
  round: ProjectRound;
  implementation: ProjectRound;
  applicationStatus: (projectId: bigint) => Promise<bigint>;
  /** What it holds in its token: the pool, and in the funding round the contributor's donation. */
  holds: bigint;
}

/**
 * A funding round and a voting round of Cascadia in their donation and voting windows, applications still
 * open: the project under review has a pending application and the other is approved in each, the funder put
 * `POOL` in each, and the contributor gave `DONATION` to the approved project in the funding round.
 */
export async function roundsUnderWay() {
  const cast = await deployCast();
  const { factory, votingFactory, token, projects, CASCADIA } = cast;
  const { steward, projectOwner, otherOwner, funder, contributor } = cast.cast;
  const fundingConfig = await cascadiaRoundConfig(cast);
  const votingConfig = await cascadiaVotingRoundConfig(cast);
  const fundingAddress = await factory.connect(steward).createRound.staticCall(CASCADIA, fundingConfig, "ipfs://qf");
  await factory.connect(steward).createRound(CASCADIA, fundingConfig, "ipfs://qf");
  const votingAddress = await votingFactory
    .connect(steward)
    .createVotingRound.staticCall(CASCADIA, votingConfig, "ipfs://qv");
  await votingFactory.connect(steward).createVotingRound(CASCADIA, votingConfig, "ipfs://qv");
  const fundingRound = await ethers.getContractAt("QuadraticFundingRound", fundingAddress);
  const votingRound = await ethers.getContractAt("QuadraticVotingRound", votingAddress);

  await warpTo(fundingConfig.applicationsStart);
  for (const round of [fundingRound, votingRound]) {
    await round.connect(projectOwner).submitApplication(projects.underReview, "ipfs://application");
    await round.connect(otherOwner).submitApplication(projects.approved, "ipfs://application");
    await round.connect(steward).approveApplication(projects.approved, "");
    await token.connect(funder).approve(round, POOL);
    await round.connect(funder).fundMatchingPool(POOL);
  }
  await warpTo(fundingConfig.donationsStart);
  await token.connect(contributor).approve(fundingRound, DONATION);
  await fundingRound.connect(contributor).donate([projects.approved], [DONATION]);

  const asProjectRound = async (address: string) => ethers.getContractAt("ProjectRound", address);
  const funding: RoundUnderTest = {
    round: await asProjectRound(fundingAddress),
    implementation: await asProjectRound(await factory.roundImplementation()),
    applicationStatus: async (projectId) => (await fundingRound.projectTally(projectId)).status,
    holds: POOL + DONATION,
  };
  const voting: RoundUnderTest = {
    round: await asProjectRound(votingAddress),
    implementation: await asProjectRound(await votingFactory.roundImplementation()),
    applicationStatus: async (projectId) => (await votingRound.projectVotes(projectId)).status,
    holds: POOL,
  };
  return { ...cast, fundingRound, votingRound, funding, voting, closesAt: fundingConfig.donationsEnd };
}

export type RoundsScene = Awaited<ReturnType<typeof roundsUnderWay>>;

/** The rounds of `roundsUnderWay`, both cancelled by Cascadia's steward. */
export async function roundsCancelled() {
  const scene = await roundsUnderWay();
  for (const round of [scene.fundingRound, scene.votingRound]) await round.connect(scene.cast.steward).cancel();
  return scene;
}

/**
 * The rounds of `roundsUnderWay`, finalized once their windows closed. Neither rule allocated anything (the
 * lone donor's gift earns no match, and nobody voted), so each pool is the funder's leftover.
 */
export async function roundsFinalized() {
  const scene = await roundsUnderWay();
  await warpTo(scene.closesAt);
  for (const round of [scene.fundingRound, scene.votingRound]) await round.finalize();
  return scene;
}

/** A co-matching season of Cascadia in the payout token, `POOL` from the funder, closing in ten days. */
export async function seasonOpen() {
  const cast = await deployCast();
  const { factory, token, CASCADIA } = cast;
  const { steward, funder } = cast.cast;
  const closesAt = BigInt(await networkHelpers.time.latest()) + 10n * DAY;
  const address = await factory.connect(steward).createSeason.staticCall(CASCADIA, token, closesAt, "ipfs://season");
  await factory.connect(steward).createSeason(CASCADIA, token, closesAt, "ipfs://season");
  const season = await ethers.getContractAt("CoMatchingSeason", address);
  await token.connect(funder).approve(season, POOL);
  await season.connect(funder).fund(POOL);
  return { ...cast, season, closesAt };
}

/** The season of `seasonOpen` settled without rounds: its whole pool is returned to the funder. */
export async function seasonSettled() {
  const scene = await seasonOpen();
  await warpTo(scene.closesAt);
  await scene.season.settle();
  return scene;
}

/** A co-matching season of Cascadia in the native coin, and a native-coin round of Cascadia in it. */
export async function nativeSeasonWithRound() {
  const cast = await deployCast();
  const { factory, CASCADIA } = cast;
  const steward = factory.connect(cast.cast.steward);
  const closesAt = BigInt(await networkHelpers.time.latest()) + 10n * DAY;
  const seasonAddress = await steward.createSeason.staticCall(CASCADIA, ethers.ZeroAddress, closesAt, "ipfs://s");
  await steward.createSeason(CASCADIA, ethers.ZeroAddress, closesAt, "ipfs://s");
  const config = { ...(await cascadiaRoundConfig(cast)), payoutToken: ethers.ZeroAddress };
  const links = { commonsShareBps: 0, season: seasonAddress };
  const round = await steward.createLinkedRound.staticCall(CASCADIA, config, OPEN_RULES, links, "ipfs://round");
  await steward.createLinkedRound(CASCADIA, config, OPEN_RULES, links, "ipfs://round");
  const season = await ethers.getContractAt("CoMatchingSeason", seasonAddress);
  const seasonRound = await impersonated(await ethers.getContractAt("QuadraticFundingRound", round));
  return { ...cast, season, cast: { ...cast.cast, seasonRound } };
}

/** The cast's network, the project under review offered by its owner to `newOwner`, who has not accepted yet. */
export async function projectOffered() {
  const cast = await deployCast();
  await cast.registry
    .connect(cast.cast.projectOwner)
    .transferProjectOwnership(cast.projects.underReview, cast.cast.newOwner);
  return cast;
}

/**
 * The contributor's labour at Cascadia twice: `pending` (three hours, not attested yet) and `attested` (two
 * hours, attested by both stewards, its credits not claimed yet).
 */
export async function contributionsUnderReview() {
  const cast = await deployCast();
  const { ledger, CASCADIA, accounts } = cast;
  const { contributor } = cast.cast;
  const record = async (hours: number) => {
    const id = await ledger.connect(contributor).record.staticCall(CASCADIA, LABOUR, hours, "ipfs://w", "ipfs://e");
    await ledger.connect(contributor).record(CASCADIA, LABOUR, hours, "ipfs://w", "ipfs://e");
    return id;
  };
  const pending = await record(3);
  const attested = await record(2);
  await ledger.connect(accounts.cascadiaSteward).attest(attested);
  await ledger.connect(accounts.secondCascadiaSteward).attest(attested);
  return { ...cast, contributions: { pending, attested } };
}

/**
 * The cast's network with a second governor (so that one may leave), and Cascadia's threshold lowered to one
 * by its steward (so that one of its two stewards may be removed).
 */
export async function nodesWithTwoGovernors() {
  const cast = await deployCast();
  const { nodes, coGovernor, CASCADIA } = cast;
  await nodes.connect(cast.cast.governor).grantRole(await nodes.GOVERNOR_ROLE(), coGovernor);
  await nodes.connect(cast.cast.steward).setAttestationThreshold(CASCADIA, 1);
  return cast;
}

/** The error a refused call must revert with. */
export interface Refusal<Scene> {
  contract: (scene: Scene) => BaseContract;
  error: string;
  args: (scene: Scene, caller: HardhatEthersSigner) => readonly unknown[];
}

/** One restricted function: the call, who may make it, how everyone else is refused, and what it changes. */
export interface RoleRow<Scene> {
  /** The call, as the table names it. */
  action: string;
  call: (scene: Scene, caller: HardhatEthersSigner) => Promise<unknown>;
  /** Everything the call would change, read before and after each attempt. */
  state: (scene: Scene, caller: HardhatEthersSigner) => Promise<unknown>;
  /** The roles that may make the call, and the state it leaves; none for an initializer. */
  allowed?: { roles: readonly Role[]; after: (scene: Scene, caller: HardhatEthersSigner) => unknown };
  /** How every other role of the table is refused. */
  refusal: Refusal<Scene>;
}

function playedBy(scene: { cast: Partial<Record<Role, HardhatEthersSigner>> }, role: Role): HardhatEthersSigner {
  const signer = scene.cast[role];
  if (!signer) throw new Error(`the scene has no ${ROLE_NAMES[role]}`);
  return signer;
}

function who(roles: readonly Role[]): string {
  if (roles.length === 0) return "nobody";
  return `only ${roles.map((role) => ROLE_NAMES[role]).join(" or ")}`;
}

/**
 * One test per cell of the table: each role of `roles` makes each row's call in a fresh `scene`. An allowed
 * role must succeed and leave the state the row says (so that a row cannot pass by every call reverting for
 * some other reason); every other role must get the row's exact error and leave the state as it was.
 */
export function roleTable<Scene extends { cast: Partial<Record<Role, HardhatEthersSigner>> }>(
  title: string,
  scene: () => Promise<Scene>,
  roles: readonly Role[],
  rows: readonly RoleRow<Scene>[],
) {
  describe(title, () => {
    for (const row of rows) {
      const allowed = row.allowed;
      describe(`${row.action}: ${who(allowed?.roles ?? [])}`, () => {
        for (const role of roles) {
          if (allowed?.roles.includes(role)) {
            it(`lets ${ROLE_NAMES[role]} do it`, async () => {
              const played = await networkHelpers.loadFixture(scene);
              const caller = playedBy(played, role);
              const before = await row.state(played, caller);
              await expect(row.call(played, caller)).not.to.revert(ethers);
              const after = await row.state(played, caller);
              expect(after).to.deep.equal(await allowed.after(played, caller));
              expect(after).not.to.deep.equal(before);
            });
          } else {
            it(`refuses ${ROLE_NAMES[role]} with ${row.refusal.error}, changing nothing`, async () => {
              const played = await networkHelpers.loadFixture(scene);
              const caller = playedBy(played, role);
              const before = await row.state(played, caller);
              await expect(row.call(played, caller))
                .to.be.revertedWithCustomError(row.refusal.contract(played), row.refusal.error)
                .withArgs(...row.refusal.args(played, caller));
              expect(await row.state(played, caller)).to.deep.equal(before);
            });
          }
        }
      });
    }
  });
}
