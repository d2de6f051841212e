import { encodeAbiParameters, keccak256, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import {
  type BallotContext,
  ballotCost,
  ballotFromVotes,
  checkBallot,
  currentBallotFromEvents,
  EMPTY_BALLOT,
  hashBallot,
  integerSqrt,
  maxVotesFor,
  parseSignedBallots,
  parseVotes,
  SignedBallotError,
  signedBallotToJson,
  votesOfBallot,
} from "./ballot.ts";

const ROUND = "0x3B02fF1e626Ed7a8fd6eC5299e2C54e1421B626B";
const VOTER = "0x71bE63f3384f5fb98995898A86B02Fb2426c5788";
const OTHER = "0x2546BcD3c84621e976D8185a91A922aE77ECEc30";
const SIGNATURE = `0x${"ab".repeat(65)}` as const;

describe("the quadratic cost", () => {
  it("costs v² voice credits for v votes, summed over the projects", () => {
    expect(ballotCost([])).toBe(0n);
    expect(ballotCost([1n])).toBe(1n);
    expect(ballotCost([3n])).toBe(9n);
    expect(ballotCost([12n, 10n, 8n])).toBe(144n + 100n + 64n);
  });

  it("takes integer square roots exactly, rounding down", () => {
    for (const [value, root] of [
      [0n, 0n],
      [1n, 1n],
      [3n, 1n],
      [4n, 2n],
      [220n, 14n],
      [400n, 20n],
      [10n ** 36n, 10n ** 18n],
      [10n ** 36n - 1n, 10n ** 18n - 1n],
    ] as const) {
      expect(integerSqrt(value)).toBe(root);
    }
    expect(() => integerSqrt(-1n)).toThrow(RangeError);
  });

  it("says how many votes a project can still take within the budget", () => {
    const votes = new Map([
      ["1", 10n],
      ["2", 0n],
    ]);
    // 220 credits, 100 spent on project 1: 120 left for project 2 → 10 votes (11 would cost 121).
    expect(maxVotesFor("2", votes, 220n)).toBe(10n);
    // Project 1 itself may go up to 14 (196 ≤ 220).
    expect(maxVotesFor("1", votes, 220n)).toBe(14n);
    expect(maxVotesFor("2", new Map([["1", 20n]]), 220n)).toBe(0n);
  });
});

describe("ballots", () => {
  it("orders projects by increasing id and leaves out those without votes, as the round requires", () => {
    const ballot = ballotFromVotes(
      new Map([
        ["7", 2n],
        ["1", 3n],
        ["5", 0n],
        ["10", 1n],
      ]),
    );
    expect(ballot).toEqual({ projectIds: [1n, 7n, 10n], votes: [3n, 2n, 1n] });
    expect(votesOfBallot(ballot)).toEqual(
      new Map([
        ["1", 3n],
        ["7", 2n],
        ["10", 1n],
      ]),
    );
  });

  it("hashes a ballot as the round does: zero for none, keccak of the ABI-encoded lists otherwise", () => {
    expect(hashBallot(EMPTY_BALLOT)).toBe(zeroHash);
    const ballot = { projectIds: [1n, 5n], votes: [10n, 12n] };
    expect(hashBallot(ballot)).toBe(
      keccak256(
        encodeAbiParameters(
          [{ type: "uint256[]" }, { type: "uint256[]" }],
          [
            [1n, 5n],
            [10n, 12n],
          ],
        ),
      ),
    );
    expect(hashBallot(ballot)).not.toBe(hashBallot({ projectIds: [1n, 5n], votes: [12n, 10n] }));
  });

  it("reconstructs the current ballot from the voter's last BallotCast event", () => {
    expect(currentBallotFromEvents([])).toEqual(EMPTY_BALLOT);
    const first = { blockNumber: 10n, logIndex: 3, projectIds: [1n], votes: [4n] };
    const second = { blockNumber: 12n, logIndex: 0, projectIds: [1n, 6n], votes: [2n, 3n] };
    const sameBlockLater = { blockNumber: 12n, logIndex: 5, projectIds: [6n], votes: [9n] };
    expect(currentBallotFromEvents([first, second])).toEqual({ projectIds: [1n, 6n], votes: [2n, 3n] });
    // Whatever order the events come in, the latest (block, then log index) wins.
    expect(currentBallotFromEvents([sameBlockLater, first, second])).toEqual({ projectIds: [6n], votes: [9n] });
    // A ballot withdrawn by an empty one leaves no ballot.
    const withdrawn = { blockNumber: 13n, logIndex: 0, projectIds: [], votes: [] };
    expect(currentBallotFromEvents([first, withdrawn])).toEqual(EMPTY_BALLOT);
  });
});

describe("the ballot form", () => {
  const context: BallotContext = {
    connected: true,
    window: "open",
    budget: 220n,
    approvedIds: [1n, 5n, 6n, 7n],
    current: EMPTY_BALLOT,
    eligible: true,
  };
  const draft = (entries: [string, string][]) => new Map(entries);

  it("reads whole numbers of votes only, empty as none", () => {
    expect(parseVotes("")).toEqual({ ok: true, value: 0n });
    expect(parseVotes(" 12 ")).toEqual({ ok: true, value: 12n });
    for (const text of ["-1", "1.5", "two", "1e3", "0x10"]) {
      expect(parseVotes(text)).toEqual({ ok: false, error: "Enter a whole number of votes, like 0, 1 or 5." });
    }
    expect(parseVotes("10000000000000")).toMatchObject({ ok: false });
  });

  it("shows the cost and what is left as votes are set", () => {
    const check = checkBallot(
      draft([
        ["1", "10"],
        ["5", "3"],
        ["6", "0"],
      ]),
      context,
    );
    expect(check.cost).toBe(109n);
    expect(check.remaining).toBe(111n);
    expect(check.ballot).toEqual({ projectIds: [1n, 5n], votes: [10n, 3n] });
    expect(check.problem).toBeUndefined();
  });

  it("refuses a ballot over budget and says by how much", () => {
    const check = checkBallot(
      draft([
        ["1", "14"],
        ["5", "3"],
      ]),
      context,
    );
    expect(check.cost).toBe(205n);
    expect(checkBallot(draft([["1", "15"]]), context).problem).toEqual({
      kind: "overBudget",
      over: 5n,
      message: "This ballot costs 225 voice credits: 5 voice credits more than your 220 voice credits.",
    });
    expect(checkBallot(draft([["1", "15"]]), context).remaining).toBe(-5n);
  });

  it("marks a field that is not a number of votes, and a project that is not approved", () => {
    const check = checkBallot(
      draft([
        ["1", "2.5"],
        ["2", "1"],
      ]),
      context,
    );
    expect(check.fieldErrors.get("1")).toBe("Enter a whole number of votes, like 0, 1 or 5.");
    expect(check.fieldErrors.get("2")).toBe("Project #2 is not approved in this round.");
    expect(check.problem?.kind).toBe("invalidVotes");
  });

  it("explains why nobody can vote: not connected, window, cancelled, no credits, not eligible", () => {
    const votes = draft([["1", "1"]]);
    expect(checkBallot(votes, { ...context, connected: false }).problem?.message).toBe("Connect a wallet to vote.");
    expect(checkBallot(votes, { ...context, window: "notOpen" }).problem?.kind).toBe("notOpen");
    expect(checkBallot(votes, { ...context, window: "closed" }).problem?.message).toBe(
      "Voting has closed: the round takes no more ballots.",
    );
    expect(checkBallot(votes, { ...context, window: "cancelled" }).problem?.message).toBe(
      "This round was cancelled: it takes no more ballots.",
    );
    expect(checkBallot(votes, { ...context, budget: 0n }).problem?.kind).toBe("noCredits");
    expect(checkBallot(votes, { ...context, budget: undefined }).problem?.kind).toBe("noCredits");
    expect(checkBallot(votes, { ...context, eligible: false }).problem?.kind).toBe("notEligible");
  });

  it("needs a vote for a first ballot, lets a voter withdraw, and says when nothing changed", () => {
    expect(checkBallot(draft([["1", "0"]]), context).problem?.kind).toBe("empty");
    const current = { projectIds: [1n, 5n], votes: [3n, 2n] };
    expect(checkBallot(draft([["1", "0"]]), { ...context, current }).problem).toBeUndefined();
    expect(
      checkBallot(
        draft([
          ["5", "2"],
          ["1", "3"],
        ]),
        { ...context, current },
      ).problem?.message,
    ).toBe("This is the ballot you have already cast.");
  });
});

describe("signed ballots", () => {
  const expected = { chainId: 31337, round: ROUND } as const;
  const signed = {
    chainId: 31337,
    round: ROUND,
    voter: VOTER,
    previousBallot: hashBallot({ projectIds: [1n], votes: [3n] }),
    ballot: { projectIds: [1n, 6n], votes: [4n, 2n] },
    nonce: 0n,
    deadline: 2_000_000_000n,
    signature: SIGNATURE,
  } as const;

  it("round-trips through the JSON a voter copies", () => {
    const json = signedBallotToJson(signed);
    expect(JSON.parse(json)).toMatchObject({ type: "Hyphae signed ballot", projectIds: ["1", "6"], votes: ["4", "2"] });
    expect(parseSignedBallots(json, expected)).toEqual([signed]);
  });

  it("reads several ballots, as a list or pasted one after another", () => {
    const other = signedBallotToJson({ ...signed, voter: OTHER, ballot: { projectIds: [7n], votes: [11n] } });
    const first = signedBallotToJson(signed);
    expect(parseSignedBallots(`[${first}, ${other}]`, expected)).toHaveLength(2);
    expect(parseSignedBallots(`${first}\n${other}`, expected).map((ballot) => ballot.voter)).toEqual([VOTER, OTHER]);
  });

  it("takes a ballot whose projects are all approved in the round", () => {
    const json = signedBallotToJson(signed);
    expect(parseSignedBallots(json, { ...expected, approvedIds: [1n, 2n, 6n] })).toEqual([signed]);
  });

  it("says clearly what is wrong with what was pasted", () => {
    const parse = (value: unknown) => () => parseSignedBallots(JSON.stringify(value), expected);
    const base = JSON.parse(signedBallotToJson(signed)) as Record<string, unknown>;
    expect(() => parseSignedBallots("  ", expected)).toThrow("Paste one or more signed ballots.");
    expect(() => parseSignedBallots("{ not json", expected)).toThrow(
      "This is not valid JSON: paste the signed ballots exactly as they were copied.",
    );
    expect(parse([])).toThrow("The list holds no signed ballot.");
    expect(parse(42)).toThrow("The signed ballot is not a signed ballot (a JSON object).");
    expect(parse({ ...base, signature: undefined })).toThrow('The signed ballot has no "signature".');
    expect(parse({ ...base, type: "something else" })).toThrow("is not a Hyphae signed ballot");
    expect(parse({ ...base, round: OTHER })).toThrow(`The signed ballot was signed for another round (${OTHER}).`);
    expect(parse({ ...base, chainId: 1 })).toThrow("The signed ballot was signed for another chain (chain id 1).");
    expect(parse({ ...base, voter: "0x1234" })).toThrow('The signed ballot: "voter" is not an address.');
    // Ballots signed before signatures named the ballot they replace cannot count any more.
    expect(parse({ ...base, previousBallot: undefined })).toThrow('The signed ballot has no "previousBallot".');
    expect(parse({ ...base, previousBallot: "0x1234" })).toThrow(
      'The signed ballot: "previousBallot" is not the hash of a ballot (32 bytes, hex).',
    );
    expect(parse({ ...base, votes: ["4"] })).toThrow("The signed ballot has 2 projects but 1 vote counts.");
    expect(parse({ ...base, projectIds: ["6", "1"] })).toThrow("project ids must be in increasing order, each once.");
    expect(parse({ ...base, votes: ["4", "0"] })).toThrow("every project on a ballot needs at least one vote.");
    expect(() => parseSignedBallots(JSON.stringify(base), { ...expected, approvedIds: [1n, 2n] })).toThrow(
      "The signed ballot gives votes to project #6, which is not approved in this round.",
    );
    expect(parse({ ...base, nonce: "-1" })).toThrow('The signed ballot: "nonce" must be a whole number.');
    expect(parse({ ...base, signature: "not hex" })).toThrow('The signed ballot: "signature" is not a hex string.');
    expect(parse([base, base])).toThrow(`Two ballots of ${VOTER}: submit only the voter's latest one.`);
    expect(() => parseSignedBallots(JSON.stringify(base), { ...expected, now: 2_000_000_001n })).toThrow(
      `The signature of ${VOTER}'s ballot has expired: the voter must sign again.`,
    );
    expect(parse({ ...base, signature: "not hex" })).toThrow(SignedBallotError);
  });
});
