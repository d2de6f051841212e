import { expect } from "chai";
import {
  isWellFormedParticipation,
  OPEN_ELIGIBILITY,
  roundConfigProblems,
  type RoundConfigInput,
  roundLinksProblems,
  type SeasonFacts,
} from "../../lib/round-rules.js";
import { NODE_ID, defaultWindows, deployHyphae, ethers, networkHelpers } from "./helpers/hyphae.js";

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

describe("lib/round-rules (the app's round form rules) against RoundFactory", () => {
  it("gives the same verdict as the contracts, and the same first error, on random configurations", async () => {
    const { factory, token, accounts } = await networkHelpers.loadFixture(deployHyphae);
    const allowed = await token.getAddress();
    const notAllowed = await (await ethers.deployContract("TestToken", ["Other", "OTH", 18])).getAddress();
    const pick = random(20261125);
    const now = BigInt(await networkHelpers.time.latest()) + 1n; // the timestamp of the next block
    // Times around the edges that matter: the past, now, and a few future instants close together.
    const times = [now - 100n, now - 1n, now, now + 1n, now + 2n, now + 100n, now + 101n, now + 10_000n];
    const time = () => times[pick(times.length)] ?? now;
    const caps = [0, 1, 99, 100, 101, 5_000, 9_999, 10_000, 10_001, 65_535];
    const tokens = [ethers.ZeroAddress, allowed, notAllowed];
    const pointers = ["", "ipfs://round", "x".repeat(256), "x".repeat(257)];

    // Reverts of the round's initializer come from the clone, decoded with the round's ABI.
    const round = await ethers.getContractAt("QuadraticFundingRound", ethers.ZeroAddress);
    let valid = 0;
    for (let i = 0; i < 400; i++) {
      // Half of the samples have their instants in order, so that valid configurations come up too.
      const instants = [time(), time(), time(), time()];
      if (pick(2) === 0) instants.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const [applicationsStart = now, applicationsEnd = now, donationsStart = now, donationsEnd = now] = instants;
      const config: RoundConfigInput = {
        payoutToken: tokens[pick(tokens.length)] ?? ethers.ZeroAddress,
        applicationsStart,
        applicationsEnd,
        donationsStart,
        donationsEnd,
        matchCapBps: pick(2) === 0 ? 2_500 : (caps[pick(caps.length)] ?? 0),
      };
      // Mostly the node's steward; sometimes an outsider, or the steward for a node it does not steward.
      const creator = pick(4) === 0 ? accounts.alice : accounts.steward;
      const nodeId = pick(4) === 0 ? NODE_ID + 1n : NODE_ID;
      const pointer = pick(2) === 0 ? "ipfs://round" : (pointers[pick(pointers.length)] ?? "");
      const problems = roundConfigProblems(config, pointer, {
        isNodeSteward: creator === accounts.steward && nodeId === NODE_ID,
        now,
        isTokenAllowed: (address) => address === allowed,
        tokenDecimals: () => 6,
      });

      // The pending block would otherwise take the wall clock's time once the loop has run a few seconds.
      await networkHelpers.time.setNextBlockTimestamp(now);
      const attempt = () =>
        factory.connect(creator).createRound.staticCall(nodeId, config, pointer, { blockTag: "pending" });
      const described = `configuration ${i}: ${JSON.stringify(config, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}, node ${nodeId} by ${creator === accounts.steward ? "its steward" : "an outsider"}, pointer of ${pointer.length} bytes`;
      let reverted: string | undefined;
      try {
        await attempt();
        valid++;
      } catch (error) {
        const data = (error as { data?: string }).data;
        const parsed =
          data === undefined ? null : (factory.interface.parseError(data) ?? round.interface.parseError(data));
        reverted = parsed?.name ?? `an undecoded revert (${String(error)})`;
      }
      expect(reverted, described).to.equal(problems[0]?.error);
    }
    // The sample holds valid configurations too, or the comparison would be one-sided.
    expect(valid).to.be.greaterThan(5);
  });

  it("gives the same verdict as createLinkedRound on a round's links to the commons, and the same first error", async () => {
    const { factory, nodes, token, accounts } = await networkHelpers.loadFixture(deployHyphae);
    // A local node under the fixture's node (its translocal commons), stewarded by the same steward.
    await nodes.connect(accounts.governor).addNode(0, NODE_ID, "Salish Sea", "ipfs://salish", [accounts.steward], 1);
    const CHILD = NODE_ID + 1n;
    const cusd = await token.getAddress();
    const now = BigInt(await networkHelpers.time.latest());
    const closesAt = now + 10_000n;
    const seasons = new Map<string, SeasonFacts>();
    for (const [nodeId, payoutToken] of [
      [NODE_ID, cusd],
      [NODE_ID, ethers.ZeroAddress],
      [CHILD, cusd],
    ] as const) {
      const season = await factory
        .connect(accounts.steward)
        .createSeason.staticCall(nodeId, payoutToken, closesAt, "ipfs://season");
      await factory.connect(accounts.steward).createSeason(nodeId, payoutToken, closesAt, "ipfs://season");
      seasons.set(season.toLowerCase(), { nodeId, payoutToken, closesAt });
    }
    // An address the factory did not create: a round, which is no season.
    const notASeason = await factory.roundImplementation();
    const candidates = [ethers.ZeroAddress, ...seasons.keys(), notASeason];
    const shares = [0, 1, 1_000, 2_000, 2_001, 10_000];
    const ends = [closesAt - 1n, closesAt, closesAt + 1n];
    const rules = {
      eligibility: {
        kind: 0,
        source: ethers.ZeroAddress,
        key: ethers.ZeroHash,
        minimum: 0n,
        attester: ethers.ZeroAddress,
      },
      minCountedDonation: 0n,
      countedContributionCap: 0n,
    };
    const pick = random(20261126);
    let linked = 0;
    for (let i = 0; i < 120; i++) {
      const nodeId = pick(2) === 0 ? NODE_ID : CHILD;
      const config = {
        payoutToken: pick(2) === 0 ? cusd : ethers.ZeroAddress,
        applicationsStart: now + 100n,
        applicationsEnd: now + 200n,
        donationsStart: now + 200n,
        donationsEnd: ends[pick(ends.length)] ?? closesAt,
        matchCapBps: 0,
      };
      const links = {
        commonsShareBps: shares[pick(shares.length)] ?? 0,
        season: candidates[pick(candidates.length)] ?? ethers.ZeroAddress,
      };
      const problems = roundLinksProblems(
        links,
        { nodeId, parentId: nodeId === CHILD ? NODE_ID : 0n, config },
        (address) => seasons.get(address.toLowerCase()),
      );
      let reverted: string | undefined;
      try {
        await factory
          .connect(accounts.steward)
          .createLinkedRound.staticCall(nodeId, config, rules, links, "ipfs://round");
        linked++;
      } catch (error) {
        const data = (error as { data?: string }).data;
        reverted = (data === undefined ? null : factory.interface.parseError(data))?.name ?? String(error);
      }
      expect(
        reverted,
        `links ${JSON.stringify(links)} of a round of node ${nodeId}, ${JSON.stringify(config, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`,
      ).to.equal(problems[0]?.error);
    }
    expect(linked).to.be.greaterThan(5);
  });

  it("takes the same counting rules as createRoundWithRules: a cap on what counts of none, or of at least the minimum", async () => {
    const { factory, token, accounts } = await networkHelpers.loadFixture(deployHyphae);
    const config = { payoutToken: await token.getAddress(), matchCapBps: 0, ...(await defaultWindows()) };
    const amounts = [0n, 1n, 4_999_999n, 5_000_000n, 5_000_001n];
    const verdicts = { takenByBoth: 0, refusedByBoth: 0 };
    for (const minCountedDonation of amounts) {
      for (const countedContributionCap of amounts) {
        const rules = { eligibility: OPEN_ELIGIBILITY, minCountedDonation, countedContributionCap };
        const attempt = factory
          .connect(accounts.steward)
          .createRoundWithRules.staticCall(NODE_ID, config, rules, "ipfs://round");
        if (isWellFormedParticipation(rules, () => false)) {
          await attempt;
          verdicts.takenByBoth++;
        } else {
          await expect(attempt)
            .to.be.revertedWithCustomError(factory, "CountedCapBelowMinimum")
            .withArgs(countedContributionCap, minCountedDonation);
          verdicts.refusedByBoth++;
        }
      }
    }
    // Of 25 pairs, the 6 with a non-zero cap below a larger minimum are refused.
    expect(verdicts).to.deep.equal({ takenByBoth: 19, refusedByBoth: 6 });
  });
});
