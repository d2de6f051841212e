/**
 * Gas benchmark of the quadratic funding round: prints a table of receipt gasUsed (whole transactions)
 * and writes it to benchmarks/gas.json. Run with `npm run bench:gas`. The square root rows are the gas of the
 * library call alone (SquareRootGasProbe), over inputs across the whole uint256 range.
 */
import { ballotTypedData, hashBallot } from "../app/src/lib/ballot.ts";
import { mkdir, writeFile } from "node:fs/promises";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { network } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner as Signer } from "@nomicfoundation/hardhat-ethers/types";

const { ethers, networkHelpers } = await network.getOrCreate();
const DAY = 86_400n;

/** Targets from the foundation issue; `null` where there is only a figure to record. */
const TARGETS: Record<string, number | null> = {
  firstDonationOfRound: null,
  newContributorDonation: 85_000,
  repeatDonation: 66_000,
  furtherProjectInBatch: 33_000,
  nativeDonation: null,
  permitDonation: null,
  fundMatchingPool: null,
  finalizeWith10Projects: 50_000,
  finalizeWith1000Projects: 50_000,
  claimPayout: 90_000,
  furtherProjectInBatchedPayout: 30_000,
  batchedPayoutOf10Projects: null,
  // The contribution ledger (issue 4): a contributor's labour recorded with CID pointers, and the attestation
  // that credits it (threshold 1), for a contributor with credited work at a node that has some. The very first
  // attestation of a node, contributor, kind and period writes fresh slots; the first claim also delegates.
  recordContribution: 120_000,
  attestContribution: 90_000,
  attestFirstContributionEver: null,
  firstClaimOfCredits: null,
  laterClaimOfCredits: null,
  // Money given in a finalized round, counted from its records by anyone: the donation path is unchanged.
  countMoneyOfOneDonation: null,
  countMoneyOfNineDonations: null,
  countMatchingFunds: null,
  // Who may take part (issue 5): what an allowlist check with a Merkle proof of depth 16 (65,536 members) adds
  // to a repeat donation, and what a token-balance check adds.
  eligibilityCheckOnDonation: 15_000,
  tokenBalanceCheckOnDonation: null,
  // Quadratic voting (issue 5): a voter's first ballot over projects others have voted on, replacing it, a
  // relayed signed ballot, closing and a payout. Voting power is read from an ERC20Votes token at the snapshot.
  ballotOverOneProject: 90_000,
  ballotOverTenProjects: 300_000,
  replaceBallotOfTenProjects: null,
  signedBallotRelayed: null,
  finalizeVotingRound: null,
  claimVotingPayout: null,
  // The square root inside every donation and settlement: cheap, and the same for every amount.
  squareRootMostExpensive: 1_000,
  squareRootSpread: 200,
};

async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  if (!receipt) throw new Error("no receipt");
  return Number(receipt.gasUsed);
}

/** The element at `index`, which the benchmark's own set-up guarantees exists. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`benchmark set-up is missing item ${index}`);
  return item;
}

const signers = await ethers.getSigners();
const [governor, steward, funder, owner] = [at(signers, 0), at(signers, 1), at(signers, 2), at(signers, 3)];
const contributors = signers.slice(4, 16);
const NODE_CID = "ipfs://bafkreif3quxkfuaulwcpizfindgxbajjybeoh4yovh3hlp4j4db5i5zjua";
// One node, whose steward runs the rounds and attests contributions.
const nodes = await ethers.deployContract("NodeRegistry", [governor]);
await nodes.addNode(0, 0, "Cascadia", NODE_CID, [steward], 1);
const registry = await ethers.deployContract("ProjectRegistry", [nodes]);
const implementation = await ethers.deployContract("QuadraticFundingRound");
const factory = await ethers.deployContract("RoundFactory", [registry, implementation, nodes]);
const token = await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6]);
await factory.setPayoutTokenAllowed(token, true);
for (const account of [funder, ...contributors]) await token.mint(account, 10n ** 18n);

let registered = 0;
const OPEN_RULES = {
  eligibility: { kind: 0, source: ethers.ZeroAddress, key: ethers.ZeroHash, minimum: 0n, attester: ethers.ZeroAddress },
  minCountedDonation: 0n,
  countedContributionCap: 0n,
};
async function createRound(payoutToken: string, projectCount: number, rules = OPEN_RULES) {
  const now = BigInt(await networkHelpers.time.latest());
  const config = {
    payoutToken,
    applicationsStart: now + 100n,
    applicationsEnd: now + DAY,
    donationsStart: now + DAY,
    donationsEnd: now + 8n * DAY,
    matchCapBps: 0,
  };
  const address = await factory.connect(steward).createRoundWithRules.staticCall(1, config, rules, "ipfs://bench");
  await factory.connect(steward).createRoundWithRules(1, config, rules, "ipfs://bench");
  const round = await ethers.getContractAt("QuadraticFundingRound", address);
  await networkHelpers.time.increaseTo(config.applicationsStart);
  const ids: bigint[] = [];
  for (let i = 0; i < projectCount; i++) {
    // Payout addresses that already hold the token, as a project's multisig usually does.
    const payout = ethers.Wallet.createRandom().address;
    await token.mint(payout, 1n);
    await registry.connect(owner).registerProject(1, payout, "ipfs://project");
    const id = BigInt(++registered);
    await round.connect(owner).submitApplication(id, "ipfs://application");
    await round.connect(steward).approveApplication(id, "");
    ids.push(id);
  }
  if (payoutToken !== ethers.ZeroAddress) {
    for (const account of [funder, ...contributors]) await token.connect(account).approve(round, ethers.MaxUint256);
  }
  await networkHelpers.time.increaseTo(config.donationsStart);
  return { round, ids, config };
}

const results: Record<string, number> = {};
const tokenAddress = await token.getAddress();
/** The first round, finalized below; the ledger counts its donors' and funder's money at the end. */
const firstRound = await createRound(tokenAddress, 10);

{
  const { round, ids, config } = firstRound;
  const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5].map((i) => at(contributors, i)) as [
    Signer,
    Signer,
    Signer,
    Signer,
    Signer,
    Signer,
  ];
  results.fundMatchingPool = await gasOf(round.connect(funder).fundMatchingPool(50_000n * 10n ** 6n));
  results.firstDonationOfRound = await gasOf(round.connect(a).donate([at(ids, 0)], [10n ** 6n]));
  // The second contributor makes the round's ideal-match sum non-zero (a one-off cost of the round).
  await round.connect(f).donate([at(ids, 0)], [10n ** 6n]);
  results.newContributorDonation = await gasOf(round.connect(b).donate([at(ids, 0)], [2n * 10n ** 6n]));
  results.repeatDonation = await gasOf(round.connect(b).donate([at(ids, 0)], [3n * 10n ** 6n]));
  // Give every project a donation, then compare a new contributor's batch of one with a batch of nine.
  await round.connect(a).donate(
    ids.slice(1),
    ids.slice(1).map(() => 10n ** 6n),
  );
  const single = await gasOf(round.connect(c).donate([at(ids, 1)], [10n ** 6n]));
  const batch = await gasOf(
    round.connect(d).donate(
      ids.slice(1),
      ids.slice(1).map(() => 10n ** 6n),
    ),
  );
  results.furtherProjectInBatch = Math.ceil((batch - single) / (ids.length - 2));
  // A permit donation from a contributor who never approved the round.
  const permitSigner = e;
  await token.connect(permitSigner).approve(round, 0n);
  const value = 5n * 10n ** 6n;
  const deadline = config.donationsEnd;
  const network_ = await ethers.provider.getNetwork();
  const signature = ethers.Signature.from(
    await permitSigner.signTypedData(
      { name: "Commons Dollar", version: "1", chainId: network_.chainId, verifyingContract: tokenAddress },
      {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      {
        owner: permitSigner.address,
        spender: await round.getAddress(),
        value,
        nonce: await token.nonces(permitSigner),
        deadline,
      },
    ),
  );
  results.permitDonation = await gasOf(
    round
      .connect(permitSigner)
      .donateWithPermit([at(ids, 0)], [value], { value, deadline, v: signature.v, r: signature.r, s: signature.s }, []),
  );
  await networkHelpers.time.increaseTo(config.donationsEnd);
  results.finalizeWith10Projects = await gasOf(round.finalize());
  results.claimPayout = await gasOf(round.claimPayout(at(ids, 0)));
  const one = await gasOf(round.claimPayouts([at(ids, 1)]));
  const nine = await gasOf(round.claimPayouts(ids.slice(2)));
  results.furtherProjectInBatchedPayout = Math.ceil((nine - one) / (ids.length - 3));
}

{
  const { round, ids } = await createRound(ethers.ZeroAddress, 1);
  const [a, b] = [at(contributors, 0), at(contributors, 1)];
  await round.connect(a).donate([at(ids, 0)], [10n ** 18n], { value: 10n ** 18n });
  results.nativeDonation = await gasOf(round.connect(b).donate([at(ids, 0)], [10n ** 17n], { value: 10n ** 17n }));
}

{
  const { round, ids, config } = await createRound(tokenAddress, 1000);
  await round.connect(funder).fundMatchingPool(10n ** 9n);
  const [a, b] = [at(contributors, 0), at(contributors, 1)];
  await round.connect(a).donate(
    ids.slice(0, 50),
    ids.slice(0, 50).map(() => 10n ** 6n),
  );
  await round.connect(b).donate(
    ids.slice(0, 50),
    ids.slice(0, 50).map(() => 10n ** 6n),
  );
  await networkHelpers.time.increaseTo(config.donationsEnd);
  results.finalizeWith1000Projects = await gasOf(round.finalize());
  results.batchedPayoutOf10Projects = await gasOf(round.claimPayouts(ids.slice(0, 10)));
}

{
  const ledger = await ethers.deployContract("ContributionLedger", [nodes, factory]);
  const stewardOfNode = steward;
  await ledger.setKind(1, "labour", "hours", 10n ** 19n, true);
  const contributor = at(contributors, 0);
  const cid = NODE_CID;
  // A first contribution, credited, so the measured ones are a regular contributor's.
  await ledger.connect(contributor).record(1, 1, 3, cid, cid);
  results.attestFirstContributionEver = await gasOf(ledger.connect(stewardOfNode).attest(1));
  results.recordContribution = await gasOf(ledger.connect(contributor).record(1, 1, 5, cid, cid));
  results.attestContribution = await gasOf(ledger.connect(stewardOfNode).attest(2));
  results.firstClaimOfCredits = await gasOf(ledger.connect(contributor).claimCredits(contributor.address));
  await ledger.connect(contributor).record(1, 1, 2, cid, cid);
  await ledger.connect(stewardOfNode).attest(3);
  results.laterClaimOfCredits = await gasOf(ledger.connect(contributor).claimCredits(contributor.address));

  // Money given in the first round, counted from its records once it is final.
  // Contributors 2 and 3 gave to one project and to nine in the first round.
  const [single, batch] = [at(contributors, 2), at(contributors, 3)];
  const counted = firstRound;
  await ledger.setKind(5, "money", "CUSD", 10n ** 12n, false);
  await ledger.setMoneyKind(token, 5);
  const roundAddress = await counted.round.getAddress();
  results.countMoneyOfOneDonation = await gasOf(ledger.countRoundMoney(roundAddress, single, [at(counted.ids, 1)]));
  results.countMoneyOfNineDonations = await gasOf(ledger.countRoundMoney(roundAddress, batch, counted.ids.slice(1)));
  results.countMatchingFunds = await gasOf(ledger.countRoundMoney(roundAddress, funder, []));
}

{
  // The allowlist holds the contributors among 65,536 members: every proof has 16 nodes.
  const members = Array.from({ length: 1 << 16 }, (_, i) => [ethers.zeroPadValue(ethers.toBeHex(i + 1), 20)]);
  contributors.forEach((contributor, i) => (members[i * 4_099] = [contributor.address]));
  const tree = StandardMerkleTree.of(members, ["address"]);
  const allowlist = {
    ...OPEN_RULES,
    eligibility: { ...OPEN_RULES.eligibility, kind: 2, key: tree.root },
  };
  const { round, ids } = await createRound(tokenAddress, 1, allowlist);
  const [a, b] = [at(contributors, 0), at(contributors, 1)];
  const proofOf = (signer: Signer) => tree.getProof([signer.address]);
  if (proofOf(b).length !== 16) throw new Error(`expected a proof of depth 16, got ${proofOf(b).length}`);
  await round.connect(a).donateWithProof([at(ids, 0)], [10n ** 6n], proofOf(a));
  await round.connect(b).donateWithProof([at(ids, 0)], [2n * 10n ** 6n], proofOf(b));
  const ruledRepeat = await gasOf(round.connect(b).donateWithProof([at(ids, 0)], [3n * 10n ** 6n], proofOf(b)));
  results.eligibilityCheckOnDonation = ruledRepeat - results.repeatDonation;

  const holders = {
    ...OPEN_RULES,
    eligibility: { ...OPEN_RULES.eligibility, kind: 1, source: tokenAddress, minimum: 1n },
  };
  const held = await createRound(tokenAddress, 1, holders);
  await held.round.connect(a).donate([at(held.ids, 0)], [10n ** 6n]);
  await held.round.connect(b).donate([at(held.ids, 0)], [2n * 10n ** 6n]);
  const heldRepeat = await gasOf(held.round.connect(b).donate([at(held.ids, 0)], [3n * 10n ** 6n]));
  results.tokenBalanceCheckOnDonation = heldRepeat - results.repeatDonation;
}

{
  // A voting round of 10 projects; voting power from an ERC20Votes token on a timestamp clock, as the commons
  // credits are.
  const credits = await ethers.deployContract("TestVotesToken", [true]);
  const votingFactory = await ethers.deployContract("VotingRoundFactory", [
    await ethers.deployContract("QuadraticVotingRound"),
    factory,
    credits,
  ]);
  const voters = contributors.slice(0, 6);
  for (const voter of voters) {
    await credits.mint(voter, 10n ** 22n);
    await credits.connect(voter).delegate(voter);
  }
  const now = BigInt(await networkHelpers.time.latest());
  const config = {
    payoutToken: tokenAddress,
    applicationsStart: now + 100n,
    applicationsEnd: now + DAY,
    votingStart: now + DAY,
    votingEnd: now + 8n * DAY,
    votingToken: ethers.ZeroAddress,
    snapshot: now + DAY - 1n,
    powerPerVoiceCredit: 10n ** 18n,
    baseVoiceCredits: 0n,
    eligibility: OPEN_RULES.eligibility,
  };
  const address = await votingFactory.connect(steward).createVotingRound.staticCall(1, config, "ipfs://bench");
  await votingFactory.connect(steward).createVotingRound(1, config, "ipfs://bench");
  const round = await ethers.getContractAt("QuadraticVotingRound", address);
  await networkHelpers.time.increaseTo(config.applicationsStart);
  const ids: bigint[] = [];
  for (let i = 0; i < 10; i++) {
    await registry.connect(owner).registerProject(1, ethers.Wallet.createRandom().address, "ipfs://project");
    const id = BigInt(++registered);
    await round.connect(owner).submitApplication(id, "ipfs://application");
    await round.connect(steward).approveApplication(id, "");
    ids.push(id);
  }
  await token.connect(funder).approve(round, ethers.MaxUint256);
  await round.connect(funder).fundMatchingPool(10n ** 9n);
  await networkHelpers.time.increaseTo(config.votingStart);
  const none = { projectIds: [], votes: [] };
  const tenVotes = (votes: bigint) => ({ projectIds: ids, votes: ids.map(() => votes) });
  const [first, second, third, fourth, fifth] = voters as [Signer, Signer, Signer, Signer, Signer];
  // Every project already has votes, as in a running round.
  await round.connect(first).castBallot(none, tenVotes(3n), []);
  results.ballotOverOneProject = await gasOf(
    round.connect(second).castBallot(none, { projectIds: [at(ids, 0)], votes: [5n] }, []),
  );
  results.ballotOverTenProjects = await gasOf(round.connect(third).castBallot(none, tenVotes(4n), []));
  results.replaceBallotOfTenProjects = await gasOf(round.connect(third).castBallot(tenVotes(4n), tenVotes(2n), []));
  const { chainId } = await ethers.provider.getNetwork();
  const deadline = now + 30n * DAY;
  const typed = ballotTypedData({
    chainId: Number(chainId),
    round: address as `0x${string}`,
    voter: fourth.address as `0x${string}`,
    previousBallot: hashBallot(none),
    ballot: { projectIds: [at(ids, 1)], votes: [6n] },
    nonce: 0n,
    deadline,
  });
  const signature = await fourth.signTypedData(typed.domain, { Ballot: [...typed.types.Ballot] }, typed.message);
  results.signedBallotRelayed = await gasOf(
    round.connect(fifth).castSignedBallots([
      {
        voter: fourth.address,
        previous: none,
        next: { projectIds: [at(ids, 1)], votes: [6n] },
        proof: [],
        nonce: 0n,
        deadline,
        signature,
      },
    ]),
  );
  await networkHelpers.time.increaseTo(config.votingEnd);
  results.finalizeVotingRound = await gasOf(round.finalize());
  results.claimVotingPayout = await gasOf(round.claimPayout(at(ids, 0)));
}

{
  // Gas of the internal call alone, over inputs from 2 (0 and 1 return early) to 2^256 - 1: every power of two,
  // its neighbours, and perfect squares.
  const probe = await ethers.deployContract("SquareRootGasProbe");
  const inputs = new Set<bigint>();
  for (let bit = 1n; bit < 256n; bit++) {
    for (const x of [(1n << bit) - 1n, 1n << bit, (1n << bit) + 1n, ((1n << (bit / 2n)) + 3n) ** 2n]) {
      if (x > 1n && x < 1n << 256n) inputs.add(x);
    }
  }
  inputs.add(ethers.MaxUint256);
  const gas: number[] = [];
  for (const x of inputs) gas.push(Number((await probe.sqrtDownGas(x))[1]));
  results.squareRootMostExpensive = Math.max(...gas);
  results.squareRootSpread = Math.max(...gas) - Math.min(...gas);
}

const rows = Object.entries(TARGETS).map(([name, target]) => ({
  name,
  gasUsed: results[name],
  target,
  ok: target === null ? "" : (results[name] ?? Infinity) <= target ? "yes" : "NO",
}));
console.table(rows);
await mkdir("benchmarks", { recursive: true });
await writeFile(
  "benchmarks/gas.json",
  JSON.stringify(
    {
      compiler: "solc 0.8.30, optimizer 10,000 runs, evm prague",
      token: "OpenZeppelin ERC20Permit, 6 decimals, unlimited approval",
      results: rows,
    },
    null,
    2,
  ) + "\n",
);
