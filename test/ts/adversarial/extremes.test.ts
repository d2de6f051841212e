/**
 * Every amount a caller chooses, at its extremes: 1, the largest value the contract accepts, the first value past it,
 * 2^128 − 1 and 2^256 − 1 where the ABI lets them through. Each is either accepted and then accounted for exactly (a
 * full round at the largest pool still pays every project and funder to the wei, and what it keeps is rounding dust:
 * R1, R4, R5, R6, V3), or refused with a custom error that names the value and its limit, changing nothing. Zero
 * amounts are refused with `ZeroAmount` in the tests of each contract and are not repeated here.
 */
import { expect } from "chai";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import { computeDistribution } from "../../../lib/quadratic-funding.js";
import {
  DAY,
  ETH,
  NODE_ID,
  USDC,
  defaultWindows,
  deployHyphae,
  ethers,
  networkHelpers,
  roundInDonationWindow,
  warpTo,
} from "../helpers/hyphae.js";
import { CREDITS_PER_HOUR, deployNetwork, openSeason } from "../helpers/network.js";
import {
  EligibilityKind,
  NO_BALLOT,
  NO_RULES,
  OPEN,
  deployVoting,
  ruledRound,
  votingRoundInWindow,
} from "../helpers/voting.js";

const UINT32_MAX = 2n ** 32n - 1n;
const UINT96_MAX = 2n ** 96n - 1n;
const UINT112_MAX = 2n ** 112n - 1n;
const UINT128_MAX = 2n ** 128n - 1n;
const UINT208_MAX = 2n ** 208n - 1n;
const UINT256_MAX = ethers.MaxUint256;
/** The normalisation factor of the 6-decimal test token. */
const FACTOR = 10n ** 12n;

/** One value of an amount: accepted (and what must then hold), or refused with an error and its arguments. */
interface Extreme<F> {
  value: string;
  amount: bigint;
  outcome:
    | { accepted: (fixture: F, amount: bigint) => Promise<void> }
    | { refused: string; args: (amount: bigint) => unknown[] };
}

/** One amount parameter of one function: its values at the extremes, tried one per test. */
interface AmountParameter<F> {
  name: string;
  fixture: () => Promise<F>;
  /** Makes the call, after giving the caller whatever an accepted amount needs (tokens, allowance). */
  act: (fixture: F, amount: bigint) => Promise<ContractTransactionResponse>;
  subject: (fixture: F) => BaseContract;
  /** What the call would change: identical before and after a refusal. */
  state: (fixture: F) => Promise<unknown>;
  extremes: readonly Extreme<F>[];
}

function tryExtremes<F>(parameter: AmountParameter<F>) {
  describe(parameter.name, () => {
    for (const extreme of parameter.extremes) {
      const { outcome } = extreme;
      const verdict = "accepted" in outcome ? "is accepted exactly" : `is refused with ${outcome.refused}`;
      it(`${verdict} at ${extreme.value}`, async () => {
        const fixture = await networkHelpers.loadFixture(parameter.fixture);
        if ("accepted" in outcome) {
          await parameter.act(fixture, extreme.amount);
          await outcome.accepted(fixture, extreme.amount);
          return;
        }
        const before = await parameter.state(fixture);
        await expect(parameter.act(fixture, extreme.amount))
          .to.be.revertedWithCustomError(parameter.subject(fixture), outcome.refused)
          .withArgs(...outcome.args(extreme.amount));
        expect(await parameter.state(fixture)).to.deep.equal(before);
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------

/** A round of the 6-decimal test token in its donation window, with two approved projects. */
async function sixDecimalRound() {
  const hyphae = await deployHyphae();
  return { hyphae, token: hyphae.token, ...(await roundInDonationWindow(hyphae, 2)) };
}

/** A round of an 18-decimal token (normalisation factor one) in its donation window, with two approved projects. */
async function eighteenDecimalRound() {
  const hyphae = await deployHyphae();
  const token = await ethers.deployContract("TestToken", ["Commons Ether", "CETH", 18]);
  await hyphae.factory.connect(hyphae.accounts.governor).setPayoutTokenAllowed(token, true);
  return { hyphae, token, ...(await roundInDonationWindow(hyphae, 2, { payoutToken: await token.getAddress() })) };
}

type TokenRound = Awaited<ReturnType<typeof sixDecimalRound>>;

/** A fresh season of the translocal commons in a 6-decimal token, with an empty pool. */
async function emptySeason() {
  const network = await deployNetwork();
  const closesAt = BigInt(await networkHelpers.time.latest()) + 10n * DAY;
  return { network, closesAt, ...(await openSeason(network, closesAt)) };
}

/** A voting round in its window, with two approved projects; alice holds 100 voice credits. */
async function votingRound() {
  const voting = await deployVoting();
  return { voting, ...(await votingRoundInWindow(voting, 2)) };
}

// ---------------------------------------------------------------------------------------------------
// What the tables read and expect
// ---------------------------------------------------------------------------------------------------

const donationState = async ({ hyphae, token, round, projectIds }: TokenRound) => [
  await round.contributionOf(projectIds[0]!, hyphae.accounts.alice),
  await round.projectTally(projectIds[0]!),
  await round.idealMatchSum(),
  await token.balanceOf(round),
];

const donate = async ({ hyphae, token, round, projectIds }: TokenRound, amount: bigint) => {
  const { alice } = hyphae.accounts;
  // Only an amount the round can accept is minted: the refusals come before any transfer.
  if (amount <= UINT112_MAX) {
    await token.mint(alice, amount);
    await token.connect(alice).approve(round, amount);
  }
  return round.connect(alice).donate([projectIds[0]!], [amount]);
};

const donationHeld =
  (factor: bigint) =>
  async ({ hyphae, token, round, projectIds }: TokenRound, amount: bigint) => {
    expect(await round.contributionOf(projectIds[0]!, hyphae.accounts.alice)).to.equal(amount);
    const tally = await round.projectTally(projectIds[0]!);
    expect([tally.donations, tally.contributors]).to.deep.equal([amount * factor, 1n]);
    expect(await token.balanceOf(round)).to.equal(amount);
  };

const poolState = async ({ hyphae, token, round }: TokenRound) => [
  await round.matchingPool(),
  await round.funderAccount(hyphae.accounts.funder),
  await token.balanceOf(round),
];

const fund = async ({ hyphae, token, round }: TokenRound, amount: bigint) => {
  const { funder } = hyphae.accounts;
  if (amount <= UINT128_MAX) await token.mint(funder, amount);
  return round.connect(funder).fundMatchingPool(amount);
};

const poolHeld = async ({ hyphae, token, round }: TokenRound, amount: bigint) => {
  expect(await round.matchingPool()).to.equal(amount);
  expect(await round.funderAccount(hyphae.accounts.funder)).to.deep.equal([amount, false]);
  expect(await token.balanceOf(round)).to.equal(amount);
};

type SeasonFixture = Awaited<ReturnType<typeof emptySeason>>;

const fundSeason = async ({ network, token, season }: SeasonFixture, amount: bigint) => {
  const funder = network.accounts.outsider;
  if (amount <= UINT128_MAX) {
    await token.mint(funder, amount);
    await token.connect(funder).approve(season, amount);
  }
  return season.connect(funder).fund(amount);
};

type VotingFixture = Awaited<ReturnType<typeof votingRound>>;

const votingState = async ({ voting, round }: VotingFixture) => [
  await round.ballotHashOf(voting.accounts.alice),
  await round.totalVotes(),
];

// ---------------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------------

describe("Amounts at their extremes", () => {
  describe("a quadratic funding round", () => {
    // A project's donations are kept normalised to 18 decimals in 112 bits (AmountTooLarge beyond). The first
    // value past the limit in the 6-decimal round is in QuadraticFundingRound.donations.test.ts › "rejects a
    // project's donations beyond what the tally can hold".
    tryExtremes({
      name: "a donation in a 6-decimal round",
      fixture: sixDecimalRound,
      act: donate,
      subject: ({ round }) => round,
      state: donationState,
      extremes: [
        { value: "one base unit", amount: 1n, outcome: { accepted: donationHeld(FACTOR) } },
        {
          value: "the most one project's tally holds",
          amount: UINT112_MAX / FACTOR,
          outcome: { accepted: donationHeld(FACTOR) },
        },
        {
          value: "2^112, refused before it is normalised",
          amount: UINT112_MAX + 1n,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT112_MAX] },
        },
        {
          value: "2^256 − 1, which normalised would overflow",
          amount: UINT256_MAX,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT112_MAX] },
        },
      ],
    });

    tryExtremes({
      name: "a donation in an 18-decimal round",
      fixture: eighteenDecimalRound,
      act: donate,
      subject: ({ round }) => round,
      state: donationState,
      extremes: [
        {
          value: "2^112 − 1, the most one project's tally holds",
          amount: UINT112_MAX,
          outcome: { accepted: donationHeld(1n) },
        },
        {
          value: "2^112",
          amount: UINT112_MAX + 1n,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT112_MAX] },
        },
        {
          value: "2^128 − 1",
          amount: UINT128_MAX,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT112_MAX] },
        },
        {
          value: "2^256 − 1, to a project nobody gave to yet",
          amount: UINT256_MAX,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT112_MAX] },
        },
      ],
    });

    // The pool is bounded by MAX_MATCHING_POOL = 2^128 − 1, inclusive. Funding past it onto a pool that already
    // holds something is in QuadraticFundingRound.donations.test.ts › "rejects zero amounts, native value in a
    // token round, and pools beyond 128 bits".
    tryExtremes({
      name: "pool funding of an empty pool",
      fixture: sixDecimalRound,
      act: fund,
      subject: ({ round }) => round,
      state: poolState,
      extremes: [
        { value: "one base unit", amount: 1n, outcome: { accepted: poolHeld } },
        { value: "2^128 − 1, the largest pool", amount: UINT128_MAX, outcome: { accepted: poolHeld } },
        {
          value: "2^128",
          amount: UINT128_MAX + 1n,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT128_MAX] },
        },
        {
          value: "2^256 − 1",
          amount: UINT256_MAX,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT128_MAX] },
        },
      ],
    });

    it("refuses 2^256 − 1 onto a pool that holds something with the limit, not an overflow", async () => {
      const fixture = await networkHelpers.loadFixture(sixDecimalRound);
      const { round } = fixture;
      await fund(fixture, 1n);
      await expect(fund(fixture, UINT256_MAX))
        .to.be.revertedWithCustomError(round, "AmountTooLarge")
        .withArgs(UINT256_MAX, UINT128_MAX);
      await poolHeld(fixture, 1n);
    });

    it("pays every project and funder to the wei of the reference at the largest pool and the largest donations", async () => {
      const { hyphae, token, round, config, projectIds } = await networkHelpers.loadFixture(sixDecimalRound);
      const { funder, alice, bob, carol } = hyphae.accounts;
      const [first, second] = projectIds as [bigint, bigint];
      // Two donors fill the first project's tally to its limit; one donor gives the second a single unit.
      const half = UINT112_MAX / FACTOR / 2n;
      const gifts = [
        [alice, first, half],
        [bob, first, half],
        [carol, second, 1n],
      ] as const;
      await token.mint(funder, UINT128_MAX);
      await round.connect(funder).fundMatchingPool(UINT128_MAX);
      for (const [donor, projectId, amount] of gifts) {
        await token.mint(donor, amount);
        await round.connect(donor).donate([projectId], [amount]);
      }
      const balanceBefore = await token.balanceOf(round);
      expect(balanceBefore).to.equal(UINT128_MAX + 2n * half + 1n);
      const expected = computeDistribution({
        matchingPool: UINT128_MAX,
        decimals: 6,
        matchCapBps: 0,
        projects: [
          { projectId: first, contributions: [half, half] },
          { projectId: second, contributions: [1n] },
        ],
      });
      await warpTo(config.donationsEnd);
      await round.finalize();
      const claim = round.claimPayouts(projectIds);
      for (const outcome of expected.projects) {
        await expect(claim)
          .to.emit(round, "PayoutClaimed")
          .withArgs(outcome.projectId, hyphae.accounts.projectOwner.address, outcome.donations, outcome.matchAmount);
      }
      await expect(round.connect(funder).claimLeftover())
        .to.emit(round, "LeftoverClaimed")
        .withArgs(funder.address, expected.unallocated);
      const paidOut =
        expected.projects.reduce((sum, outcome) => sum + outcome.donations + outcome.matchAmount, 0n) +
        expected.unallocated;
      // R5: never more out than came in; R6: what stays is at most a unit per project and per funder.
      expect(await token.balanceOf(round)).to.equal(balanceBefore - paidOut);
      expect(balanceBefore - paidOut).to.be.at.most(3n);
    });

    // Counting rules are uint128 token amounts, normalised to 18 decimals when read: neither bound overflows.
    it("counts nothing of any gift when the smallest counted donation is 2^128 − 1", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds } = await ruledRound(hyphae, { minCountedDonation: UINT128_MAX });
      const { alice } = hyphae.accounts;
      await round.connect(alice).donate([projectIds[0]!], [USDC(5_000)]);
      expect(await round.contributionOf(projectIds[0]!, alice)).to.equal(USDC(5_000));
      expect(await round.countedContributionOf(projectIds[0]!, alice)).to.equal(0n);
      expect((await round.projectTally(projectIds[0]!)).sqrtSum).to.equal(0n);
      expect(await round.idealMatchSum()).to.equal(0n);
    });

    it("counts the most a project can hold in full when the counted contribution cap is 2^128 − 1", async () => {
      const hyphae = await networkHelpers.loadFixture(deployHyphae);
      const { round, projectIds } = await ruledRound(hyphae, { countedContributionCap: UINT128_MAX });
      const { alice } = hyphae.accounts;
      const most = UINT112_MAX / FACTOR;
      await hyphae.token.mint(alice, most);
      await round.connect(alice).donate([projectIds[0]!], [most]);
      expect(await round.countedContributionOf(projectIds[0]!, alice)).to.equal(most);
      expect((await round.projectTally(projectIds[0]!)).donations).to.equal(most * FACTOR);
    });

    // Basis points are uint16: the first value past 100 % and 1 % below the minimum cap are in RoundFactory.test.ts
    // and CoMatchingSeason.test.ts; the largest uint16 is refused the same way.
    it("refuses a match cap and a commons share of 65,535 basis points, creating nothing", async () => {
      const { factory, token, accounts } = await networkHelpers.loadFixture(deployHyphae);
      const steward = factory.connect(accounts.steward);
      const config = { payoutToken: await token.getAddress(), matchCapBps: 0, ...(await defaultWindows()) };
      await expect(steward.createRound(NODE_ID, { ...config, matchCapBps: 65_535 }, "ipfs://round"))
        .to.be.revertedWithCustomError(factory, "MatchCapOutOfRange")
        .withArgs(65_535);
      const links = { commonsShareBps: 65_535, season: ethers.ZeroAddress };
      await expect(steward.createLinkedRound(NODE_ID, config, NO_RULES, links, "ipfs://round"))
        .to.be.revertedWithCustomError(factory, "CommonsShareOutOfRange")
        .withArgs(65_535);
      expect(await factory.roundCount()).to.equal(0n);
    });
  });

  describe("a co-matching season", () => {
    // The season's pool is bounded like a round's, inclusive. Funding past it onto a pool that already holds
    // something is in CoMatchingSeason.test.ts › "refuses to recover from a round not its own or before it settles,
    // and pools beyond 128 bits".
    const seasonHeld = async ({ network, token, season }: SeasonFixture, amount: bigint) => {
      expect(await season.pool()).to.equal(amount);
      expect(await season.funderAccount(network.accounts.outsider)).to.deep.equal([amount, 0n]);
      expect(await token.balanceOf(season)).to.equal(amount);
    };
    tryExtremes({
      name: "funding of an empty season",
      fixture: emptySeason,
      act: fundSeason,
      subject: ({ season }) => season,
      state: async ({ network, season }) => [
        await season.pool(),
        await season.funderAccount(network.accounts.outsider),
      ],
      extremes: [
        { value: "one base unit", amount: 1n, outcome: { accepted: seasonHeld } },
        { value: "2^128 − 1, the largest pool", amount: UINT128_MAX, outcome: { accepted: seasonHeld } },
        {
          value: "2^128",
          amount: UINT128_MAX + 1n,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT128_MAX] },
        },
        {
          value: "2^256 − 1",
          amount: UINT256_MAX,
          outcome: { refused: "AmountTooLarge", args: (amount) => [amount, UINT128_MAX] },
        },
      ],
    });

    it("refuses 2^256 − 1 onto a season pool that holds something with the limit, not an overflow", async () => {
      const fixture = await networkHelpers.loadFixture(emptySeason);
      const { season } = fixture;
      await fundSeason(fixture, 1n);
      await expect(fundSeason(fixture, UINT256_MAX))
        .to.be.revertedWithCustomError(season, "AmountTooLarge")
        .withArgs(UINT256_MAX, UINT128_MAX);
      expect(await season.pool()).to.equal(1n);
    });

    it("returns the largest pool to its funder, to the unit, when no round drew on it", async () => {
      const fixture = await networkHelpers.loadFixture(emptySeason);
      const { network, token, season, closesAt } = fixture;
      await fundSeason(fixture, UINT128_MAX);
      await warpTo(closesAt);
      await season.settle();
      expect(await season.returned()).to.equal(UINT128_MAX);
      const funder = network.accounts.outsider;
      await expect(season.connect(funder).claimReturn()).to.changeTokenBalances(
        ethers,
        token,
        [funder, season],
        [UINT128_MAX, -UINT128_MAX],
      );
    });
  });

  describe("a quadratic voting round", () => {
    // A ballot's cost Σ v² saturates at 2^256 − 1 rather than overflowing: every absurd ballot is just over budget.
    // 2^200 votes are in voting/QuadraticVotingRound.test.ts › "treat an absurd number of votes as over budget
    // rather than overflowing"; exactly the budget and one more in "may spend exactly the budget and not one voice
    // credit more".
    const castVotes =
      (votes: readonly bigint[]) =>
      async ({ voting, round, projectIds }: VotingFixture) =>
        round
          .connect(voting.accounts.alice)
          .castBallot(NO_BALLOT, { projectIds: projectIds.slice(0, votes.length), votes: [...votes] }, []);
    for (const [value, votes, cost] of [
      ["2^128 − 1 votes, costing their square", [UINT128_MAX], UINT128_MAX * UINT128_MAX],
      ["2^128 votes, costing 2^256 − 1 (saturated)", [UINT128_MAX + 1n], UINT256_MAX],
      ["2^256 − 1 votes, costing 2^256 − 1 (saturated)", [UINT256_MAX], UINT256_MAX],
      [
        "2^128 − 1 votes on each of two projects, costing 2^256 − 1 (the sum saturates)",
        [UINT128_MAX, UINT128_MAX],
        UINT256_MAX,
      ],
    ] as const) {
      it(`refuses as over budget a ballot of ${value}`, async () => {
        const fixture = await networkHelpers.loadFixture(votingRound);
        const before = await votingState(fixture);
        await expect(castVotes(votes)(fixture))
          .to.be.revertedWithCustomError(fixture.round, "BallotOverBudget")
          .withArgs(fixture.voting.accounts.alice.address, cost, 100n);
        expect(await votingState(fixture)).to.deep.equal(before);
      });
    }

    it("counts voting power to the wei at one unit per voice credit, and gives no voice credit below 2^128 − 1 units per credit", async () => {
      const voting = await networkHelpers.loadFixture(deployVoting);
      const { alice } = voting.accounts;
      const finest = await votingRoundInWindow(voting, 1, { powerPerVoiceCredit: 1n });
      // Alice's 100 voting tokens (10^20 units) buy 10^10 votes exactly.
      expect(await finest.round.voiceCreditsOf(alice)).to.equal(ETH(100));
      await finest.round
        .connect(alice)
        .castBallot(NO_BALLOT, { projectIds: finest.projectIds, votes: [10n ** 10n] }, []);
      expect(await finest.round.totalVotes()).to.equal(10n ** 10n);

      const coarsest = await votingRoundInWindow(voting, 1, { powerPerVoiceCredit: UINT128_MAX });
      expect(await coarsest.round.voiceCreditsOf(alice)).to.equal(0n);
      await expect(
        coarsest.round.connect(alice).castBallot(NO_BALLOT, { projectIds: coarsest.projectIds, votes: [1n] }, []),
      )
        .to.be.revertedWithCustomError(coarsest.round, "BallotOverBudget")
        .withArgs(alice.address, 1n, 0n);
      expect(await coarsest.round.totalVotes()).to.equal(0n);
    });

    it("adds 2^128 − 1 base voice credits to every eligible voter's power, without overflow", async () => {
      const voting = await networkHelpers.loadFixture(deployVoting);
      const { alice } = voting.accounts;
      const holders = {
        ...OPEN,
        kind: EligibilityKind.TokenBalance,
        source: await voting.credits.getAddress(),
        minimum: 1n,
      };
      const { round, projectIds } = await votingRoundInWindow(voting, 1, {
        baseVoiceCredits: UINT128_MAX,
        eligibility: holders,
      });
      const budget = UINT128_MAX + 100n;
      expect(await round.voiceCreditsOf(alice)).to.equal(budget);
      // 2^64 votes cost 2^128, within the budget; one more vote is not.
      const tooMany = { projectIds, votes: [2n ** 64n + 1n] };
      await expect(round.connect(alice).castBallot(NO_BALLOT, tooMany, []))
        .to.be.revertedWithCustomError(round, "BallotOverBudget")
        .withArgs(alice.address, (2n ** 64n + 1n) ** 2n, budget);
      await round.connect(alice).castBallot(NO_BALLOT, { projectIds, votes: [2n ** 64n] }, []);
      expect(await round.totalVotes()).to.equal(2n ** 64n);
    });

    it("takes the largest voting power a Votes token allows and pays the largest pool to the wei", async () => {
      const voting = await networkHelpers.loadFixture(deployVoting);
      const { dave, funder, projectOwner } = voting.accounts;
      // ERC20Votes caps the supply at 2^208 − 1: dave holds all of it but what alice, bob and carol hold.
      await voting.credits.mint(dave, UINT208_MAX - (await voting.credits.totalSupply()));
      await voting.credits.connect(dave).delegate(dave);
      const { round, config, projectIds } = await votingRoundInWindow(voting, 1, { powerPerVoiceCredit: 1n });
      const power = await voting.credits.getVotes(dave);
      expect(await round.voiceCreditsOf(dave)).to.equal(power);
      const votes = 2n ** 104n - 1n; // (2^104 − 1)² is within 2^208 − 1 less the others' 174 tokens
      await round.connect(dave).castBallot(NO_BALLOT, { projectIds, votes: [votes] }, []);
      expect(await round.totalVotes()).to.equal(votes);
      const topUp = UINT128_MAX - (await round.matchingPool());
      await voting.token.mint(funder, topUp);
      await round.connect(funder).fundMatchingPool(topUp);
      await warpTo(config.votingEnd);
      await round.finalize();
      await expect(round.claimPayout(projectIds[0]!))
        .to.emit(round, "PayoutClaimed")
        .withArgs(projectIds[0]!, projectOwner.address, 0n, UINT128_MAX);
      expect(await voting.token.balanceOf(round)).to.equal(0n);
    });
  });

  describe("the contribution ledger", () => {
    const WEIGHTY = 9;

    /** Colorado (one steward attests) and a self-reported kind of `weight` credits per unit. */
    async function ledgerWithKindOf(weight: bigint) {
      const network = await deployNetwork();
      await network.ledger.connect(network.accounts.governor).setKind(WEIGHTY, "weighty", "units", weight, true);
      return network;
    }

    /** A kind of one credit per unit, so that every quantity's credits fit and the quantity's own bound shows. */
    async function ledgerWithOneCreditKind() {
      return ledgerWithKindOf(1n);
    }

    // Quantities are kept in 96 bits: 2^96 itself is in network/ContributionLedger.test.ts › "refuses a contribution
    // to no node, of an unknown or protocol-counted kind, of no quantity, or without pointers".
    tryExtremes({
      name: "a contribution's quantity",
      fixture: ledgerWithOneCreditKind,
      act: ({ ledger, accounts, COLORADO }, quantity) =>
        ledger.connect(accounts.contributor).record(COLORADO, WEIGHTY, quantity, "ipfs://work", "ipfs://evidence"),
      subject: ({ ledger }) => ledger,
      state: async ({ ledger }) => ledger.contributionCount(),
      extremes: [
        {
          value: "one unit",
          amount: 1n,
          outcome: {
            accepted: async ({ ledger }, quantity) => {
              expect((await ledger.contribution(1)).quantity).to.equal(quantity);
            },
          },
        },
        {
          value: "2^96 − 1, the largest",
          amount: UINT96_MAX,
          outcome: {
            accepted: async ({ ledger }, quantity) => {
              expect((await ledger.contribution(1)).quantity).to.equal(quantity);
            },
          },
        },
        { value: "2^128 − 1", amount: UINT128_MAX, outcome: { refused: "InvalidQuantity", args: (q) => [q] } },
        { value: "2^256 − 1", amount: UINT256_MAX, outcome: { refused: "InvalidQuantity", args: (q) => [q] } },
      ],
    });

    // Credits are kept in 96 bits: a quantity whose credits at the kind's weight go past it is refused when it is
    // recorded. (A weight raised after recording is refused at the attestation that would credit it:
    // badInput.network.test.ts.)
    for (const [value, weight, quantity, credited] of [
      ["a weight of zero", 0n, UINT96_MAX, 0n],
      ["2^96 − 1 units at one credit each", 1n, UINT96_MAX, UINT96_MAX],
      ["one unit at 2^96 − 1 credits", UINT96_MAX, 1n, UINT96_MAX],
      ["2^96 − 1 hours at 10 credits an hour", CREDITS_PER_HOUR, UINT96_MAX, undefined],
      ["one unit at 2^128 − 1 credits", UINT128_MAX, 1n, undefined],
    ] as const) {
      const verdict =
        credited === undefined
          ? "refuses to record"
          : `credits exactly ${credited === 0n ? "nothing" : "2^96 − 1"} for`;
      it(`${verdict} ${value}`, async () => {
        const network = await ledgerWithKindOf(weight);
        const { ledger, credits, accounts, COLORADO } = network;
        const record = ledger
          .connect(accounts.contributor)
          .record(COLORADO, WEIGHTY, quantity, "ipfs://work", "ipfs://evidence");
        if (credited === undefined) {
          await expect(record).to.be.revertedWithCustomError(ledger, "CreditsTooLarge").withArgs(quantity, weight);
          expect(await ledger.contributionCount()).to.equal(0n);
          expect(await ledger.unclaimedCredits(accounts.contributor)).to.equal(0n);
          return;
        }
        await record;
        const attest = ledger.connect(accounts.coloradoSteward).attest(1);
        await attest;
        expect((await ledger.contribution(1)).credits).to.equal(credited);
        if (credited === 0n) {
          await expect(ledger.claimCredits(accounts.contributor))
            .to.be.revertedWithCustomError(ledger, "NothingToClaim")
            .withArgs(accounts.contributor.address);
          return;
        }
        await ledger.claimCredits(accounts.contributor);
        expect(await credits.balanceOf(accounts.contributor)).to.equal(credited);
        expect(await credits.getVotes(accounts.contributor)).to.equal(credited);
      });
    }

    it("refuses an attestation threshold of 2^32 − 1, and keeps the one it had", async () => {
      const { nodes, accounts, COLORADO } = await networkHelpers.loadFixture(deployNetwork);
      await expect(nodes.connect(accounts.coloradoSteward).setAttestationThreshold(COLORADO, UINT32_MAX))
        .to.be.revertedWithCustomError(nodes, "InvalidThreshold")
        .withArgs(UINT32_MAX, 1n);
      expect(await nodes.attestationThreshold(COLORADO)).to.equal(1n);
    });

    it("refuses a threshold above 255, which the ledger's 8-bit count of attestations could never reach", async () => {
      const { nodes, accounts, COLORADO } = await networkHelpers.loadFixture(deployNetwork);
      const many = Array.from({ length: 256 }, (_, i) => ethers.getAddress(ethers.toBeHex(0x1000 + i, 20)));
      const count = await nodes.nodeCount();
      await expect(nodes.connect(accounts.governor).addNode(0, 1, "Many", "ipfs://many", many, 256))
        .to.be.revertedWithCustomError(nodes, "ThresholdAboveLimit")
        .withArgs(256n, 255n);
      expect(await nodes.nodeCount()).to.equal(count);
      await nodes.connect(accounts.governor).addNode(0, 1, "Many", "ipfs://many", many, 255);
      expect(await nodes.attestationThreshold(count + 1n)).to.equal(255n);
      for (const steward of many.slice(1, 256)) {
        await nodes.connect(accounts.coloradoSteward).addSteward(COLORADO, steward);
      }
      await expect(nodes.connect(accounts.coloradoSteward).setAttestationThreshold(COLORADO, 256))
        .to.be.revertedWithCustomError(nodes, "ThresholdAboveLimit")
        .withArgs(256n, 255n);
      expect(await nodes.attestationThreshold(COLORADO)).to.equal(1n);
    });
  });

  // Settling match caps in batches of one and of 2^256 − 1 projects is in QuadraticFundingRound.settlement.test.ts ›
  // "caps a project's match at its share of the pool and gives the excess to the others, exactly" and "takes any
  // batch size, the largest included, after a first batch".
  describe("batch sizes", () => {
    it("refuses an empty refund batch as nothing to claim, and keeps the donor's refund", async () => {
      const { hyphae, token, round, projectIds } = await networkHelpers.loadFixture(sixDecimalRound);
      const { alice, steward } = hyphae.accounts;
      await round.connect(alice).donate([projectIds[0]!], [USDC(1)]);
      await round.connect(steward).cancel();
      await expect(round.connect(alice).refundDonations([]))
        .to.be.revertedWithCustomError(round, "NothingToClaim")
        .withArgs(alice.address);
      expect(await round.contributionOf(projectIds[0]!, alice)).to.equal(USDC(1));
      expect(await token.balanceOf(round)).to.equal(USDC(1));
    });

    it("treats empty batches of signed ballots and of payouts as nothing to do", async () => {
      const { voting, round, config } = await networkHelpers.loadFixture(votingRound);
      await expect(round.castSignedBallots([])).not.to.emit(round, "BallotCast");
      expect(await round.totalVotes()).to.equal(0n);
      await warpTo(config.votingEnd);
      await round.finalize();
      await expect(round.claimPayouts([])).not.to.emit(round, "PayoutClaimed");
      expect(await voting.token.balanceOf(round)).to.equal(await round.matchingPool());
    });
  });
});
