/**
 * Bad input to the state-changing entry points of RoundFactory and VotingRoundFactory that their own tests do not
 * already cover (ENTRY_POINTS.md lists those): ids of nothing, addresses of the wrong kind of contract or of another
 * factory, tokens that cannot be a payout token, and bad metadata pointers. Each is refused with its exact error,
 * and no round or season is created or joined.
 */
import { DAY, NODE_ID, defaultWindows, ethers, networkHelpers } from "../helpers/hyphae.js";
import { type BadInput, itRefusesEach } from "../helpers/refusal.js";
import { OPEN, deployVoting, votingConfig } from "../helpers/voting.js";

const NO_RULES = { eligibility: OPEN, minCountedDonation: 0n, countedContributionCap: 0n };
const UNKNOWN_NODE = 9n;

/**
 * The voting network (node 1, its steward, CUSD allowed), with a season of node 1 closing in ten days, a round of
 * the factory, and a second RoundFactory of the same network with a season of its own; the governor has also
 * allowed the project registry, a contract without `decimals()`, as a payout token.
 */
async function factoriesWithSeasons() {
  const voting = await deployVoting();
  const { factory, registry, roundImplementation, nodes, token, accounts } = voting;
  const closesAt = BigInt(await networkHelpers.time.latest()) + 10n * DAY;
  const steward = factory.connect(accounts.steward);
  const season = await steward.createSeason.staticCall(NODE_ID, token, closesAt, "ipfs://season");
  await steward.createSeason(NODE_ID, token, closesAt, "ipfs://season");
  const config = { payoutToken: await token.getAddress(), matchCapBps: 0, ...(await defaultWindows()) };
  const round = await steward.createRound.staticCall(NODE_ID, config, "ipfs://round");
  await steward.createRound(NODE_ID, config, "ipfs://round");
  const otherFactory = await ethers.deployContract("RoundFactory", [registry, roundImplementation, nodes]);
  await otherFactory.connect(accounts.governor).setPayoutTokenAllowed(token, true);
  const otherSeason = await otherFactory
    .connect(accounts.steward)
    .createSeason.staticCall(NODE_ID, token, closesAt, "ipfs://season");
  await otherFactory.connect(accounts.steward).createSeason(NODE_ID, token, closesAt, "ipfs://season");
  await factory.connect(accounts.governor).setPayoutTokenAllowed(registry, true);
  return { ...voting, season, round, otherFactory, otherSeason };
}

type Factories = Awaited<ReturnType<typeof factoriesWithSeasons>>;

async function roundConfig({ token }: Factories) {
  return { payoutToken: await token.getAddress(), matchCapBps: 0, ...(await defaultWindows()) };
}

async function factoriesState({ factory, votingFactory, otherFactory, season, otherSeason, accounts }: Factories) {
  const seasonRounds = (address: string) => ethers.getContractAt("CoMatchingSeason", address).then((s) => s.rounds());
  return {
    rounds: await factory.rounds(0n, 100n),
    seasons: await factory.seasons(0n, 100n),
    otherRounds: await otherFactory.rounds(0n, 100n),
    votingRounds: await votingFactory.rounds(0n, 100n),
    seasonRounds: await seasonRounds(season),
    otherSeasonRounds: await seasonRounds(otherSeason),
    aliceAllowed: await factory.isPayoutTokenAllowed(accounts.alice),
  };
}

const roundFactoryInputs: BadInput<Factories>[] = [
  {
    entryPoint: "createRound",
    input: "node 0",
    attempt: async (context) =>
      context.factory.connect(context.accounts.steward).createRound(0n, await roundConfig(context), "ipfs://r"),
    declaredBy: ({ factory }) => factory,
    error: "NotNodeSteward",
    args: ({ accounts }) => [0n, accounts.steward.address],
  },
  {
    entryPoint: "createRound",
    input: "a metadata pointer of 257 bytes",
    attempt: async (context) =>
      context.factory
        .connect(context.accounts.steward)
        .createRound(NODE_ID, await roundConfig(context), "x".repeat(257)),
    declaredBy: ({ roundImplementation }) => roundImplementation,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "createRoundWithRules",
    input: "a counted contribution cap below the minimum counted donation (nothing could count)",
    attempt: async (context) =>
      context.factory
        .connect(context.accounts.steward)
        .createRoundWithRules(
          NODE_ID,
          await roundConfig(context),
          { ...NO_RULES, minCountedDonation: 5_000_000n, countedContributionCap: 4_999_999n },
          "ipfs://r",
        ),
    declaredBy: ({ factory }) => factory,
    error: "CountedCapBelowMinimum",
    args: () => [4_999_999n, 5_000_000n],
  },
  {
    entryPoint: "createLinkedRound",
    input: "a season of another factory",
    attempt: async (context) =>
      context.factory
        .connect(context.accounts.steward)
        .createLinkedRound(
          NODE_ID,
          await roundConfig(context),
          NO_RULES,
          { commonsShareBps: 0, season: context.otherSeason },
          "ipfs://r",
        ),
    declaredBy: ({ factory }) => factory,
    error: "UnknownSeason",
    args: ({ otherSeason }) => [otherSeason],
  },
  {
    entryPoint: "createLinkedRound",
    input: "a round of the factory named as the season",
    attempt: async (context) =>
      context.factory
        .connect(context.accounts.steward)
        .createLinkedRound(
          NODE_ID,
          await roundConfig(context),
          NO_RULES,
          { commonsShareBps: 0, season: context.round },
          "ipfs://r",
        ),
    declaredBy: ({ factory }) => factory,
    error: "UnknownSeason",
    args: ({ round }) => [round],
  },
  {
    entryPoint: "createLinkedRound",
    input: "a node id never added, with a season",
    attempt: async (context) =>
      context.factory
        .connect(context.accounts.steward)
        .createLinkedRound(
          UNKNOWN_NODE,
          await roundConfig(context),
          NO_RULES,
          { commonsShareBps: 0, season: context.season },
          "ipfs://r",
        ),
    declaredBy: ({ nodes }) => nodes,
    error: "NodeNotFound",
    args: () => [UNKNOWN_NODE],
  },
  {
    entryPoint: "createSeason",
    input: "node 0",
    attempt: async ({ factory, accounts, token }) =>
      factory
        .connect(accounts.steward)
        .createSeason(0n, token, BigInt(await networkHelpers.time.latest()) + DAY, "ipfs://s"),
    declaredBy: ({ factory }) => factory,
    error: "NotNodeSteward",
    args: ({ accounts }) => [0n, accounts.steward.address],
  },
  {
    entryPoint: "createSeason",
    input: "a payout token the governors have not allowed",
    attempt: async ({ factory, accounts }) =>
      factory
        .connect(accounts.steward)
        .createSeason(NODE_ID, accounts.alice, BigInt(await networkHelpers.time.latest()) + DAY, "ipfs://s"),
    declaredBy: ({ factory }) => factory,
    error: "PayoutTokenNotAllowed",
    args: ({ accounts }) => [accounts.alice.address],
  },
  {
    entryPoint: "createSeason",
    input: "an allowed payout token that has no decimals (a contract without decimals())",
    attempt: async ({ factory, accounts, registry }) =>
      factory
        .connect(accounts.steward)
        .createSeason(NODE_ID, registry, BigInt(await networkHelpers.time.latest()) + DAY, "ipfs://s"),
    declaredBy: ({ factory }) => factory,
    error: "UnsupportedPayoutToken",
    args: async ({ registry }) => [await registry.getAddress()],
  },
  {
    entryPoint: "createSeason",
    input: "an empty metadata pointer",
    attempt: async ({ factory, accounts, token }) =>
      factory
        .connect(accounts.steward)
        .createSeason(NODE_ID, token, BigInt(await networkHelpers.time.latest()) + DAY, ""),
    declaredBy: ({ factory }) => factory,
    error: "InvalidMetadataPointer",
    args: () => [0n],
  },
  {
    entryPoint: "createSeason",
    input: "a metadata pointer of 257 bytes",
    attempt: async ({ factory, accounts, token }) =>
      factory
        .connect(accounts.steward)
        .createSeason(NODE_ID, token, BigInt(await networkHelpers.time.latest()) + DAY, "x".repeat(257)),
    declaredBy: ({ factory }) => factory,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "setPayoutTokenAllowed",
    // A round in it would take funding and donations that move nothing, and fail without a reason.
    input: "an account without code",
    attempt: ({ factory, accounts }) => factory.connect(accounts.governor).setPayoutTokenAllowed(accounts.alice, true),
    declaredBy: ({ factory }) => factory,
    error: "PayoutTokenWithoutCode",
    args: ({ accounts }) => [accounts.alice.address],
  },
];

const votingRoundFactoryInputs: BadInput<Factories>[] = [
  {
    entryPoint: "createVotingRound",
    input: "node 0",
    attempt: async (context) =>
      context.votingFactory
        .connect(context.accounts.steward)
        .createVotingRound(0n, await votingConfig(context), "ipfs://r"),
    declaredBy: ({ votingFactory }) => votingFactory,
    error: "NotNodeSteward",
    args: ({ accounts }) => [0n, accounts.steward.address],
  },
  {
    entryPoint: "createVotingRound",
    input: "an empty metadata pointer",
    attempt: async (context) =>
      context.votingFactory
        .connect(context.accounts.steward)
        .createVotingRound(NODE_ID, await votingConfig(context), ""),
    declaredBy: ({ implementation }) => implementation,
    error: "InvalidMetadataPointer",
    args: () => [0n],
  },
  {
    entryPoint: "createVotingRound",
    input: "a metadata pointer of 257 bytes",
    attempt: async (context) =>
      context.votingFactory
        .connect(context.accounts.steward)
        .createVotingRound(NODE_ID, await votingConfig(context), "x".repeat(257)),
    declaredBy: ({ implementation }) => implementation,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
];

describe("Bad input: RoundFactory", () => {
  itRefusesEach(factoriesWithSeasons, factoriesState, roundFactoryInputs);
});

describe("Bad input: VotingRoundFactory", () => {
  itRefusesEach(factoriesWithSeasons, factoriesState, votingRoundFactoryInputs);
});
