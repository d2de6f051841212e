/**
 * Bad input to the state-changing entry points of the network contracts (ContributionLedger, CommonsCredits,
 * CoMatchingSeason) that their own tests do not already cover (ENTRY_POINTS.md lists those): ids of nothing,
 * rounds of another factory or not finalized, empty or oversized pointers, signatures that do not verify or have
 * expired, and calls from accounts with nothing to claim. Each is refused with its exact error, and contributions,
 * credits, votes, pools and balances are left as they were.
 */
import { DAY, ETH, USDC, ethers, networkHelpers, warpTo } from "../helpers/hyphae.js";
import { CREDITS_PER_HOUR, LABOUR, MONEY, deployNetwork, type Network } from "../helpers/network.js";
import { type BadInput, expectAcceptedUnchanged, itRefusesEach } from "../helpers/refusal.js";

const MISSING_CONTRIBUTION = 9n;
// A contribution's credits are stored in 96 bits: at most 2^96 − 1 (about 7.9 × 10^28).
/** Hours of labour whose credits, at 10 × 10^18 an hour, exceed 2^96 − 1 although the quantity itself fits. */
const TOO_MANY_HOURS = 10n ** 10n;
/** A labour weight at which contribution 1's 3 hours no longer fit 96 bits (1 hour still would). */
const RAISED_WEIGHT = 2n ** 95n;
const ZERO_SIGNATURE = { v: 27, r: ethers.ZeroHash, s: ethers.ZeroHash };
/** A deadline one second into 1970. */
const LONG_AGO = 1n;

/** A native-coin round of Cascadia, created by `factory`, whose donation window has not opened. */
async function cascadiaRound(network: Network, factory: Network["factory"]) {
  const now = BigInt(await networkHelpers.time.latest());
  const config = {
    payoutToken: ethers.ZeroAddress,
    applicationsStart: now + 60n,
    applicationsEnd: now + DAY,
    donationsStart: now + DAY,
    donationsEnd: now + 2n * DAY,
    matchCapBps: 0,
  };
  const steward = factory.connect(network.accounts.cascadiaSteward);
  const round = await steward.createRound.staticCall(network.CASCADIA, config, "ipfs://round");
  await steward.createRound(network.CASCADIA, config, "ipfs://round");
  return round;
}

/**
 * The network with contribution 1 (3 hours to Cascadia) pending and contribution 2 (2 hours to the Colorado
 * Plateau) attested, its 20 credits claimed; an active round of the network's factory, and one of a second
 * RoundFactory of the same network.
 */
async function ledgerWithContributions() {
  const network = await deployNetwork();
  const { ledger, factory, registry, nodes, accounts, CASCADIA, COLORADO } = network;
  await ledger.connect(accounts.contributor).record(CASCADIA, LABOUR, 3, "ipfs://a", "ipfs://b");
  await ledger.connect(accounts.contributor).record(COLORADO, LABOUR, 2, "ipfs://c", "ipfs://d");
  await ledger.connect(accounts.coloradoSteward).attest(2);
  await ledger.claimCredits(accounts.contributor);
  const otherFactory = await ethers.deployContract("RoundFactory", [
    registry,
    await factory.roundImplementation(),
    nodes,
  ]);
  const activeRound = await cascadiaRound(network, factory);
  const foreignRound = await cascadiaRound(network, otherFactory);
  return { ...network, activeRound, foreignRound };
}

type Ledger = Awaited<ReturnType<typeof ledgerWithContributions>>;

/**
 * The ledger of `ledgerWithContributions` after the outsider gave 1 ETH to a Cascadia project in the active round,
 * now finalized, with the native coin counted as money.
 */
async function ledgerWithFinalizedGift() {
  const context = await ledgerWithContributions();
  const { ledger, registry, accounts, activeRound, CASCADIA } = context;
  const round = await ethers.getContractAt("QuadraticFundingRound", activeRound);
  const { config } = await round.parameters();
  const project = await registry
    .connect(accounts.contributor)
    .registerProject.staticCall(CASCADIA, accounts.contributor, "ipfs://p");
  await registry.connect(accounts.contributor).registerProject(CASCADIA, accounts.contributor, "ipfs://p");
  await warpTo(config.applicationsStart);
  await round.connect(accounts.contributor).submitApplication(project, "ipfs://application");
  await round.connect(accounts.cascadiaSteward).approveApplication(project, "");
  await warpTo(config.donationsStart);
  await round.connect(accounts.outsider).donate([project], [ETH(1)], { value: ETH(1) });
  await warpTo(config.donationsEnd);
  await round.finalize();
  await ledger.setMoneyKind(ethers.ZeroAddress, MONEY);
  return { ...context, project };
}

async function ledgerState({ ledger, credits, accounts }: Ledger) {
  const { contributor } = accounts;
  const now = await networkHelpers.time.latest();
  return {
    kinds: await Promise.all([LABOUR, MONEY].map((kind) => ledger.kind(kind))),
    kindZeroDefined: await ledger.kind(0).then(
      () => true,
      () => false,
    ),
    count: await ledger.contributionCount(),
    contributions: await Promise.all([1n, 2n].map((id) => ledger.contribution(id))),
    unclaimed: await ledger.unclaimedCredits(contributor),
    supply: await credits.totalSupply(),
    balance: await credits.balanceOf(contributor),
    delegate: await credits.delegates(contributor),
    votes: await credits.getVotes(contributor),
    pastVotes: await credits.getPastVotes(contributor, now - 1),
    outsiderVotes: await credits.getVotes(accounts.outsider),
  };
}

const ledgerInputs: BadInput<Ledger>[] = [
  {
    entryPoint: "setKind",
    // Kind 0 is what setMoneyKind and moneyKind use for "not counted".
    input: "kind id 0",
    attempt: ({ ledger, accounts }) => ledger.connect(accounts.governor).setKind(0, "money", "CUSD", 1n, false),
    declaredBy: ({ ledger }) => ledger,
    error: "ReservedKind",
    args: () => [0n],
  },
  {
    entryPoint: "countRoundMoney",
    input: "the zero address as the round",
    attempt: ({ ledger, accounts }) => ledger.countRoundMoney(ethers.ZeroAddress, accounts.contributor, []),
    declaredBy: ({ ledger }) => ledger,
    error: "UnknownRound",
    args: () => [ethers.ZeroAddress],
  },
  {
    entryPoint: "countRoundMoney",
    input: "a round of another factory",
    attempt: ({ ledger, accounts, foreignRound }) => ledger.countRoundMoney(foreignRound, accounts.contributor, [1n]),
    declaredBy: ({ ledger }) => ledger,
    error: "UnknownRound",
    args: ({ foreignRound }) => [foreignRound],
  },
  {
    entryPoint: "countCommonsShare",
    input: "the zero address as the round",
    attempt: ({ ledger }) => ledger.countCommonsShare(ethers.ZeroAddress),
    declaredBy: ({ ledger }) => ledger,
    error: "UnknownRound",
    args: () => [ethers.ZeroAddress],
  },
  {
    entryPoint: "countCommonsShare",
    input: "a round of another factory",
    attempt: ({ ledger, foreignRound }) => ledger.countCommonsShare(foreignRound),
    declaredBy: ({ ledger }) => ledger,
    error: "UnknownRound",
    args: ({ foreignRound }) => [foreignRound],
  },
  {
    entryPoint: "countCommonsShare",
    input: "a round of the network that is not finalized",
    attempt: ({ ledger, activeRound }) => ledger.countCommonsShare(activeRound),
    declaredBy: ({ ledger }) => ledger,
    error: "RoundNotFinalized",
    args: ({ activeRound }) => [activeRound, 0n],
  },
  {
    entryPoint: "record",
    input: "a description of 257 bytes",
    attempt: ({ ledger, accounts, CASCADIA }) =>
      ledger.connect(accounts.contributor).record(CASCADIA, LABOUR, 1, "x".repeat(257), "ipfs://b"),
    declaredBy: ({ ledger }) => ledger,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "record",
    input: "a quantity whose credits exceed 2^96 − 1 at the kind's weight",
    attempt: ({ ledger, accounts, CASCADIA }) =>
      ledger.connect(accounts.contributor).record(CASCADIA, LABOUR, TOO_MANY_HOURS, "ipfs://a", "ipfs://b"),
    declaredBy: ({ ledger }) => ledger,
    error: "CreditsTooLarge",
    args: () => [TOO_MANY_HOURS, CREDITS_PER_HOUR],
  },
  {
    entryPoint: "record",
    input: "evidence of 257 bytes",
    attempt: ({ ledger, accounts, CASCADIA }) =>
      ledger.connect(accounts.contributor).record(CASCADIA, LABOUR, 1, "ipfs://a", "x".repeat(257)),
    declaredBy: ({ ledger }) => ledger,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "attest",
    input: "the largest id",
    attempt: ({ ledger, accounts }) => ledger.connect(accounts.cascadiaSteward).attest(ethers.MaxUint256),
    declaredBy: ({ ledger }) => ledger,
    error: "ContributionNotFound",
    args: () => [ethers.MaxUint256],
  },
  {
    entryPoint: "reject",
    input: "an id past the last contribution",
    attempt: ({ ledger, accounts }) =>
      ledger.connect(accounts.cascadiaSteward).reject(MISSING_CONTRIBUTION, "ipfs://why"),
    declaredBy: ({ ledger }) => ledger,
    error: "ContributionNotFound",
    args: () => [MISSING_CONTRIBUTION],
  },
  {
    entryPoint: "reject",
    input: "a reason of 257 bytes",
    attempt: ({ ledger, accounts }) => ledger.connect(accounts.cascadiaSteward).reject(1n, "x".repeat(257)),
    declaredBy: ({ ledger }) => ledger,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "dispute",
    input: "contribution id 0",
    attempt: ({ ledger, accounts }) => ledger.connect(accounts.outsider).dispute(0n, "ipfs://why"),
    declaredBy: ({ ledger }) => ledger,
    error: "ContributionNotFound",
    args: () => [0n],
  },
  {
    entryPoint: "dispute",
    input: "a reason of 257 bytes",
    attempt: ({ ledger, accounts }) => ledger.connect(accounts.outsider).dispute(2n, "x".repeat(257)),
    declaredBy: ({ ledger }) => ledger,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "revoke",
    input: "an id past the last contribution",
    attempt: ({ ledger, accounts }) =>
      ledger.connect(accounts.coloradoSteward).revoke(MISSING_CONTRIBUTION, "ipfs://why"),
    declaredBy: ({ ledger }) => ledger,
    error: "ContributionNotFound",
    args: () => [MISSING_CONTRIBUTION],
  },
  {
    entryPoint: "revoke",
    input: "an empty reason",
    attempt: ({ ledger, accounts }) => ledger.connect(accounts.coloradoSteward).revoke(2n, ""),
    declaredBy: ({ ledger }) => ledger,
    error: "MissingReason",
    args: () => [],
  },
  {
    entryPoint: "revoke",
    input: "a reason of 257 bytes",
    attempt: ({ ledger, accounts }) => ledger.connect(accounts.coloradoSteward).revoke(2n, "x".repeat(257)),
    declaredBy: ({ ledger }) => ledger,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "claimCredits",
    input: "the zero address",
    attempt: ({ ledger }) => ledger.claimCredits(ethers.ZeroAddress),
    declaredBy: ({ ledger }) => ledger,
    error: "NothingToClaim",
    args: () => [ethers.ZeroAddress],
  },
];

const creditsInputs: BadInput<Ledger>[] = [
  {
    entryPoint: "delegateBySig",
    input: "an expired signature",
    attempt: ({ credits, accounts }) =>
      credits.delegateBySig(accounts.outsider, 0n, LONG_AGO, ZERO_SIGNATURE.v, ZERO_SIGNATURE.r, ZERO_SIGNATURE.s),
    declaredBy: ({ credits }) => credits,
    error: "VotesExpiredSignature",
    args: () => [LONG_AGO],
  },
  {
    entryPoint: "delegateBySig",
    input: "a signature that recovers no address",
    attempt: async ({ credits, accounts }) => {
      const expiry = (await networkHelpers.time.latest()) + Number(DAY);
      return credits.delegateBySig(accounts.outsider, 0n, expiry, ZERO_SIGNATURE.v, ZERO_SIGNATURE.r, ZERO_SIGNATURE.s);
    },
    declaredBy: ({ credits }) => credits,
    error: "ECDSAInvalidSignature",
    args: () => [],
  },
  {
    entryPoint: "transfer",
    input: "the zero address as the recipient",
    attempt: ({ credits, accounts }) => credits.connect(accounts.contributor).transfer(ethers.ZeroAddress, 1n),
    declaredBy: ({ credits }) => credits,
    error: "ERC20InvalidReceiver",
    args: () => [ethers.ZeroAddress],
  },
];

/**
 * A CUSD season of the translocal commons (node 1) closing in ten days, funded with 1,000 CUSD by the contributor
 * (as funder), and a round of the network's factory that is not in the season.
 */
async function fundedSeason() {
  const network = await deployNetwork();
  const { factory, accounts } = network;
  const token = await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6]);
  await factory.connect(accounts.governor).setPayoutTokenAllowed(token, true);
  const closesAt = BigInt(await networkHelpers.time.latest()) + 10n * DAY;
  const commons = factory.connect(accounts.commonsSteward);
  const seasonAddress = await commons.createSeason.staticCall(1n, token, closesAt, "ipfs://season");
  await commons.createSeason(1n, token, closesAt, "ipfs://season");
  const season = await ethers.getContractAt("CoMatchingSeason", seasonAddress);
  const funder = accounts.contributor;
  await token.mint(funder, USDC(1_000));
  await token.connect(funder).approve(season, ethers.MaxUint256);
  await season.connect(funder).fund(USDC(1_000));
  const outsideRound = await cascadiaRound(network, factory);
  return { ...network, token, season, funder, outsideRound };
}

type Season = Awaited<ReturnType<typeof fundedSeason>>;

async function seasonState({ season, token, funder, accounts }: Season) {
  return {
    pool: await season.pool(),
    returned: await season.returned(),
    settled: await season.isSettled(),
    rounds: await season.rounds(),
    funders: await Promise.all([funder, accounts.outsider].map((account) => season.funderAccount(account))),
    balances: await Promise.all([season, funder, accounts.outsider].map((account) => token.balanceOf(account))),
  };
}

const seasonInputs: BadInput<Season>[] = [
  {
    entryPoint: "recover",
    input: "the zero address as the round",
    attempt: ({ season }) => season.recover(ethers.ZeroAddress),
    declaredBy: ({ season }) => season,
    error: "RoundNotInSeason",
    args: () => [ethers.ZeroAddress],
  },
  {
    entryPoint: "recover",
    input: "a round of the factory that is not in the season",
    attempt: ({ season, outsideRound }) => season.recover(outsideRound),
    declaredBy: ({ season }) => season,
    error: "RoundNotInSeason",
    args: ({ outsideRound }) => [outsideRound],
  },
  {
    entryPoint: "claimReturn",
    input: "a funder, before anything came back to the season",
    attempt: ({ season, funder }) => season.connect(funder).claimReturn(),
    declaredBy: ({ season }) => season,
    error: "NothingToClaim",
    args: ({ funder }) => [funder.address],
  },
  {
    entryPoint: "claimReturn",
    input: "an account that funded nothing",
    attempt: ({ season, accounts }) => season.connect(accounts.outsider).claimReturn(),
    declaredBy: ({ season }) => season,
    error: "NothingToClaim",
    args: ({ accounts }) => [accounts.outsider.address],
  },
  {
    entryPoint: "joinRound",
    input: "a call from a steward of the season's node rather than the factory",
    attempt: ({ season, accounts, outsideRound }) =>
      season.connect(accounts.commonsSteward).joinRound(outsideRound, 1n),
    declaredBy: ({ season }) => season,
    error: "NotFactory",
    args: ({ accounts }) => [accounts.commonsSteward.address],
  },
];

describe("Bad input: CoMatchingSeason", () => {
  itRefusesEach(fundedSeason, seasonState, seasonInputs);
});

describe("Bad input: ContributionLedger", () => {
  itRefusesEach(ledgerWithContributions, ledgerState, ledgerInputs);
});

/**
 * The ledger of `ledgerWithContributions` after one of Cascadia's two stewards attested contribution 1 (3 hours)
 * and the governors then raised the labour weight so far that its credits no longer fit.
 */
async function ledgerWithRaisedWeight() {
  const context = await ledgerWithContributions();
  const { ledger, accounts } = context;
  await ledger.connect(accounts.cascadiaSteward).attest(1n);
  await ledger.connect(accounts.governor).setKind(LABOUR, "labour", "hours", RAISED_WEIGHT, true);
  return context;
}

describe("Bad input: ContributionLedger, after the weight rose past what a pending contribution can hold", () => {
  // Crediting fewer than the weight says would hide it: the attestation that would credit it is refused, and the
  // contribution stays pending (with its first attestation) for a steward to reject or the governors to fix.
  itRefusesEach(ledgerWithRaisedWeight, ledgerState, [
    {
      entryPoint: "attest",
      input: "the attestation that would credit more than 2^96 − 1",
      attempt: ({ ledger, accounts }) => ledger.connect(accounts.secondCascadiaSteward).attest(1n),
      declaredBy: ({ ledger }) => ledger,
      error: "CreditsTooLarge",
      args: () => [3n, RAISED_WEIGHT],
    },
  ]);
});

type FinalizedGift = Awaited<ReturnType<typeof ledgerWithFinalizedGift>>;

async function countedState(context: FinalizedGift) {
  const { ledger, accounts, activeRound, project } = context;
  return {
    ...(await ledgerState(context)),
    counted: await ledger.isDonationCounted(activeRound, accounts.outsider, project),
  };
}

describe("Bad input: ContributionLedger, counting a finalized round", () => {
  itRefusesEach(ledgerWithFinalizedGift, countedState, [
    {
      entryPoint: "countRoundMoney",
      // 1 ETH is 10^18 base units, each worth 10^18 credits at the money kind's weight.
      input: "money whose credits exceed 2^96 − 1 at the kind's weight",
      attempt: ({ ledger, accounts, activeRound, project }) =>
        ledger.countRoundMoney(activeRound, accounts.outsider, [project]),
      declaredBy: ({ ledger }) => ledger,
      error: "CreditsTooLarge",
      args: () => [ETH(1), 10n ** 18n],
    },
    {
      entryPoint: "countRoundMoney",
      input: "the same project twice in one list",
      attempt: ({ ledger, accounts, activeRound, project }) =>
        ledger.countRoundMoney(activeRound, accounts.outsider, [project, project]),
      declaredBy: ({ ledger }) => ledger,
      error: "AlreadyCounted",
      args: ({ activeRound, accounts, project }) => [activeRound, accounts.outsider.address, project],
    },
  ]);
});

describe("Bad input: CommonsCredits", () => {
  itRefusesEach(ledgerWithContributions, ledgerState, creditsInputs);

  it("delegateBySig signed by the holder for another chain moves neither its delegation nor anyone's votes", async () => {
    const context = await networkHelpers.loadFixture(ledgerWithContributions);
    const { credits, accounts } = context;
    const expiry = BigInt(await networkHelpers.time.latest()) + DAY;
    const signature = ethers.Signature.from(
      await accounts.contributor.signTypedData(
        { name: "Commons Credits", version: "1", chainId: 1n, verifyingContract: await credits.getAddress() },
        {
          Delegation: [
            { name: "delegatee", type: "address" },
            { name: "nonce", type: "uint256" },
            { name: "expiry", type: "uint256" },
          ],
        },
        { delegatee: accounts.outsider.address, nonce: 0n, expiry },
      ),
    );
    // On this chain the signature recovers to some address without credits, whose delegation it sets: not the
    // holder's, so the holder keeps its votes and the delegatee gains none.
    await expectAcceptedUnchanged(
      () => ledgerState(context),
      () => credits.delegateBySig(accounts.outsider, 0n, expiry, signature.v, signature.r, signature.s),
    );
  });
});
