import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ballotTypedData, hashBallot } from "../../../app/src/lib/ballot.ts";
import {
  DAY,
  ETH,
  USDC,
  defaultWindows,
  ethers,
  deployHyphae,
  networkHelpers,
  registerProject,
  warpTo,
  NODE_ID,
  type Hyphae,
} from "./hyphae.js";

/** Kinds of eligibility rule, as EligibilityRules.Kind numbers them. */
export enum EligibilityKind {
  Open,
  TokenBalance,
  Allowlist,
  Attestation,
}

export interface EligibilityRule {
  kind: EligibilityKind;
  source: string;
  key: string;
  minimum: bigint;
  attester: string;
}

export const OPEN: EligibilityRule = {
  kind: EligibilityKind.Open,
  source: ethers.ZeroAddress,
  key: ethers.ZeroHash,
  minimum: 0n,
  attester: ethers.ZeroAddress,
};

/** The participation rules of a funding round: who may donate, and what of a gift counts toward the match. */
export interface ParticipationRules {
  eligibility: EligibilityRule;
  minCountedDonation: bigint;
  countedContributionCap: bigint;
}

export const NO_RULES: ParticipationRules = { eligibility: OPEN, minCountedDonation: 0n, countedContributionCap: 0n };

/** A round created with `rules`, in its donation window, with two approved projects and allowances set. */
export async function ruledRound(hyphae: Hyphae, rules: Partial<ParticipationRules>) {
  // Right after a fixture's snapshot is restored, the latest block is as old as the snapshot, while the next block
  // follows the wall clock since then: a minute of other tests in between would put the round's creation past its
  // applications' start. Mining one block first measures the windows from the chain's real present.
  await networkHelpers.mine();
  const config = { payoutToken: await hyphae.token.getAddress(), matchCapBps: 0, ...(await defaultWindows()) };
  const full = { ...NO_RULES, ...rules };
  const factory = hyphae.factory.connect(hyphae.accounts.steward);
  const address = await factory.createRoundWithRules.staticCall(NODE_ID, config, full, "ipfs://round");
  await expect(factory.createRoundWithRules(NODE_ID, config, full, "ipfs://round")).to.emit(
    hyphae.factory,
    "RoundRulesSet",
  );
  const round = await ethers.getContractAt("QuadraticFundingRound", address);
  await warpTo(config.applicationsStart);
  const projectIds: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    const id = await registerProject(hyphae, hyphae.accounts.projectOwner);
    await round.connect(hyphae.accounts.projectOwner).submitApplication(id, "ipfs://application");
    await round.connect(hyphae.accounts.steward).approveApplication(id, "");
    projectIds.push(id);
  }
  const { funder, alice, bob, carol, dave } = hyphae.accounts;
  for (const account of [funder, alice, bob, carol, dave, ...hyphae.accounts.others]) {
    await hyphae.token.mint(account, USDC(10_000));
    await hyphae.token.connect(account).approve(round, ethers.MaxUint256);
  }
  await round.connect(funder).fundMatchingPool(USDC(1_000));
  await warpTo(config.donationsStart);
  return { round, config, projectIds, rules: full };
}

export interface Ballot {
  projectIds: bigint[];
  votes: bigint[];
}

export const NO_BALLOT: Ballot = { projectIds: [], votes: [] };

/**
 * The funding-round network of `deployHyphae`, plus a voting round factory whose default voting token (standing
 * in for the commons credits) is a timestamp-clock Votes token held by alice (100), bob (49) and carol (25)
 * voice credits' worth, each its own delegate, and a block-number-clock Votes token.
 */
export async function deployVoting() {
  const hyphae = await deployHyphae();
  const credits = await ethers.deployContract("TestVotesToken", [true]);
  const blockVotes = await ethers.deployContract("TestVotesToken", [false]);
  const implementation = await ethers.deployContract("QuadraticVotingRound");
  const votingFactory = await ethers.deployContract("VotingRoundFactory", [implementation, hyphae.factory, credits]);
  const { alice, bob, carol } = hyphae.accounts;
  for (const [holder, power] of [
    [alice, ETH(100)],
    [bob, ETH(49)],
    [carol, ETH(25)],
  ] as const) {
    await credits.mint(holder, power);
    await credits.connect(holder).delegate(holder);
  }
  return { ...hyphae, credits, blockVotes, implementation, votingFactory };
}

export type Voting = Awaited<ReturnType<typeof deployVoting>>;

export interface VotingRoundConfig {
  payoutToken: string;
  applicationsStart: bigint;
  applicationsEnd: bigint;
  votingStart: bigint;
  votingEnd: bigint;
  votingToken: string;
  snapshot: bigint;
  powerPerVoiceCredit: bigint;
  baseVoiceCredits: bigint;
  eligibility: EligibilityRule;
}

/** A voting round's configuration: applications open first, voting a day later for a week, the snapshot just before. */
export async function votingConfig(
  voting: Voting,
  overrides: Partial<VotingRoundConfig> = {},
): Promise<VotingRoundConfig> {
  const now = BigInt(await networkHelpers.time.latest());
  return {
    payoutToken: await voting.token.getAddress(),
    applicationsStart: now + 60n,
    applicationsEnd: now + 2n * DAY,
    votingStart: now + DAY,
    votingEnd: now + 8n * DAY,
    votingToken: ethers.ZeroAddress,
    snapshot: now + DAY - 1n,
    powerPerVoiceCredit: ETH(1),
    baseVoiceCredits: 0n,
    eligibility: OPEN,
    ...overrides,
  };
}

/** The node's steward creates a voting round; returns it with its configuration. */
export async function createVotingRound(voting: Voting, overrides: Partial<VotingRoundConfig> = {}) {
  const config = await votingConfig(voting, overrides);
  const factory = voting.votingFactory.connect(voting.accounts.steward);
  const address = await factory.createVotingRound.staticCall(NODE_ID, config, "ipfs://voting-round");
  await factory.createVotingRound(NODE_ID, config, "ipfs://voting-round");
  const round = await ethers.getContractAt("QuadraticVotingRound", address);
  return { round, config };
}

/**
 * A voting round in its voting window with `count` approved projects and a matching pool of 1,000 CUSD from the
 * funder.
 */
export async function votingRoundInWindow(voting: Voting, count = 3, overrides: Partial<VotingRoundConfig> = {}) {
  const created = await createVotingRound(voting, overrides);
  const { round, config } = created;
  await warpTo(config.applicationsStart);
  const projectIds: bigint[] = [];
  for (let i = 0; i < count; i++) {
    const id = await registerProject(voting, voting.accounts.projectOwner);
    await round.connect(voting.accounts.projectOwner).submitApplication(id, "ipfs://application");
    await round.connect(voting.accounts.steward).approveApplication(id, "");
    projectIds.push(id);
  }
  const funder = voting.accounts.funder;
  await voting.token.connect(funder).approve(round, ethers.MaxUint256);
  await round.connect(funder).fundMatchingPool(1_000_000_000n);
  await warpTo(config.votingStart);
  return { ...created, projectIds };
}

/**
 * `voter` signs `ballot`, replacing `previous`, for `round` with its next nonce, valid for a day, on the chain the
 * tests run on unless `chainId` names another. With `signedBy`, that account signs the very message in the voter's
 * name instead: a forgery.
 */
export async function signBallot(
  round: Awaited<ReturnType<typeof createVotingRound>>["round"],
  voter: HardhatEthersSigner | InstanceType<typeof ethers.Wallet>,
  ballot: Ballot,
  previous: Ballot = NO_BALLOT,
  options: { nonce?: bigint; deadline?: bigint; signedBy?: HardhatEthersSigner; chainId?: bigint } = {},
) {
  const nonce = options.nonce ?? (await round.nonces(voter.address));
  const deadline = options.deadline ?? BigInt(await networkHelpers.time.latest()) + DAY;
  const chainId = options.chainId ?? (await ethers.provider.getNetwork()).chainId;
  // The app's own definition of what a voter signs.
  const typed = ballotTypedData({
    chainId: Number(chainId),
    round: (await round.getAddress()) as `0x${string}`,
    voter: voter.address as `0x${string}`,
    previousBallot: hashBallot(previous),
    ballot,
    nonce,
    deadline,
  });
  const signer = options.signedBy ?? voter;
  const signature = await signer.signTypedData(typed.domain, { Ballot: [...typed.types.Ballot] }, typed.message);
  return { voter: voter.address, previous, next: ballot, proof: [] as string[], nonce, deadline, signature };
}
