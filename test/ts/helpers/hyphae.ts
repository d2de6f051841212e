import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { RoundConfigInput } from "../../../lib/round-rules.js";
import type { TestToken } from "../../../types/ethers-contracts/index.js";

/** One Hardhat network shared by every TypeScript test file. */
export const { ethers, networkHelpers } = await network.getOrCreate();

export const DAY = 24n * 60n * 60n;
export const USDC = (whole: number | bigint) => BigInt(whole) * 10n ** 6n;
export const ETH = (whole: number | bigint) => BigInt(whole) * 10n ** 18n;

export enum RoundStatus {
  Active,
  SettlingMatchCaps,
  Finalized,
  Cancelled,
}

export enum ApplicationStatus {
  None,
  Pending,
  Approved,
  Rejected,
}

/** The node that runs the test rounds (its one steward is `accounts.steward`) and is the projects' home. */
export const NODE_ID = 1n;

/**
 * A network with one node (stewarded by `accounts.steward`, governed by `accounts.governor`), the project
 * registry, round implementation, factory and a 6-decimal permit token, with named accounts.
 */
export async function deployHyphae() {
  const signers = await ethers.getSigners();
  const account = (index: number): HardhatEthersSigner => {
    const signer = signers[index];
    if (!signer) throw new Error(`the Hardhat network has no account ${index}`);
    return signer;
  };
  const [governor, steward, funder, secondFunder, projectOwner, otherOwner, alice, bob, carol, dave] = [
    account(0),
    account(1),
    account(2),
    account(3),
    account(4),
    account(5),
    account(6),
    account(7),
    account(8),
    account(9),
  ];
  // A contributor who has not approved any round, and an account that front-runs permits.
  const [newcomer, frontRunner] = [account(10), account(11)];
  const others = signers.slice(12);
  const nodes = await ethers.deployContract("NodeRegistry", [governor]);
  await nodes.connect(governor).addNode(0, 0, "Cascadia", "ipfs://cascadia", [steward], 1);
  const registry = await ethers.deployContract("ProjectRegistry", [nodes]);
  const roundImplementation = await ethers.deployContract("QuadraticFundingRound");
  const factory = await ethers.deployContract("RoundFactory", [registry, roundImplementation, nodes]);
  const token = await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6]);
  await factory.connect(governor).setPayoutTokenAllowed(token, true);
  for (const holder of [funder, secondFunder, alice, bob, carol, dave, newcomer, frontRunner]) {
    await token.mint(holder, USDC(1_000_000));
  }
  return {
    nodes,
    registry,
    roundImplementation,
    factory,
    token,
    accounts: {
      governor,
      steward,
      funder,
      secondFunder,
      projectOwner,
      otherOwner,
      alice,
      bob,
      carol,
      dave,
      newcomer,
      frontRunner,
      others,
    },
  };
}

export type Hyphae = Awaited<ReturnType<typeof deployHyphae>>;

/** A round's configuration, with the concrete types tests work with (the shape the app's rules check). */
export type RoundConfig = RoundConfigInput;

/** Round windows relative to the latest block: applications open first, donations a day later for a week. */
export async function defaultWindows(): Promise<Omit<RoundConfig, "payoutToken" | "matchCapBps">> {
  const now = BigInt(await networkHelpers.time.latest());
  return {
    applicationsStart: now + 60n,
    applicationsEnd: now + 2n * DAY,
    donationsStart: now + DAY,
    donationsEnd: now + 8n * DAY,
  };
}

export interface RoundOptions {
  payoutToken?: string;
  matchCapBps?: number;
}

/** The node's steward creates a round through the factory; returns it with its configuration. */
export async function createRound(hyphae: Hyphae, options: RoundOptions = {}) {
  const config: RoundConfig = {
    payoutToken: options.payoutToken ?? (await hyphae.token.getAddress()),
    matchCapBps: options.matchCapBps ?? 0,
    ...(await defaultWindows()),
  };
  const factory = hyphae.factory.connect(hyphae.accounts.steward);
  const address = await factory.createRound.staticCall(NODE_ID, config, "ipfs://round");
  await factory.createRound(NODE_ID, config, "ipfs://round");
  const round = await ethers.getContractAt("QuadraticFundingRound", address);
  return { round, config };
}

export type Round = Awaited<ReturnType<typeof createRound>>;

/** Registers a project owned by `owner` and returns its id. */
export async function registerProject(hyphae: Hyphae, owner: HardhatEthersSigner, payoutAddress?: string) {
  const id = await hyphae.registry
    .connect(owner)
    .registerProject.staticCall(NODE_ID, payoutAddress ?? owner.address, "ipfs://project");
  await hyphae.registry.connect(owner).registerProject(NODE_ID, payoutAddress ?? owner.address, "ipfs://project");
  return id;
}

export async function warpTo(timestamp: bigint | number) {
  await networkHelpers.time.increaseTo(timestamp);
}

/**
 * A round whose applications are open, with `count` approved projects owned by `projectOwner` and every
 * contributor's allowance set; its donation window has not opened yet.
 */
export async function roundWithApprovedProjects(hyphae: Hyphae, count = 3, options: RoundOptions = {}) {
  const created = await createRound(hyphae, options);
  const { round, config } = created;
  await warpTo(config.applicationsStart);
  const projectIds: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const id = await registerProject(hyphae, hyphae.accounts.projectOwner);
    await round.connect(hyphae.accounts.projectOwner).submitApplication(id, "ipfs://application");
    await round.connect(hyphae.accounts.steward).approveApplication(id, "");
    projectIds.push(id);
  }
  const { funder, secondFunder, alice, bob, carol, dave } = hyphae.accounts;
  if (options.payoutToken === undefined) {
    for (const account of [funder, secondFunder, alice, bob, carol, dave]) {
      await hyphae.token.connect(account).approve(round, ethers.MaxUint256);
    }
  }
  return { ...created, projectIds };
}

/**
 * A round in its donation window with `count` approved projects owned by `projectOwner`
 * and every contributor's allowance set.
 */
export async function roundInDonationWindow(hyphae: Hyphae, count = 3, options: RoundOptions = {}) {
  const prepared = await roundWithApprovedProjects(hyphae, count, options);
  await warpTo(prepared.config.donationsStart);
  return prepared;
}

/** `owner` signs an EIP-2612 permit of `token` letting `spender` take `value` until `deadline`. */
export async function signPermit(
  token: TestToken,
  owner: HardhatEthersSigner,
  spender: string,
  value: bigint,
  deadline: bigint,
) {
  const { chainId } = await ethers.provider.getNetwork();
  const signature = ethers.Signature.from(
    await owner.signTypedData(
      { name: await token.name(), version: "1", chainId, verifyingContract: await token.getAddress() },
      {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      { owner: owner.address, spender, value, nonce: await token.nonces(owner), deadline },
    ),
  );
  return { value, deadline, v: signature.v, r: signature.r, s: signature.s };
}
