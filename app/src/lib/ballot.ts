import { type Address, encodeAbiParameters, getAddress, type Hex, isAddress, isHex, keccak256, zeroHash } from "viem";

/**
 * The quadratic voting ballot, as `QuadraticVotingRound` takes it: votes per project, project ids strictly
 * increasing, every entry at least one vote. `v` votes on one project cost `v²` voice credits; a ballot costs the
 * sum over its projects and must fit in the voter's budget. Everything here is pure, so the page, the relay form
 * and the tests share one definition of the rules.
 */
export interface Ballot {
  projectIds: readonly bigint[];
  votes: readonly bigint[];
}

export const EMPTY_BALLOT: Ballot = { projectIds: [], votes: [] };

/** Votes a form may hold on one project: far above any budget a round will give (10^12 votes cost 10^24). */
export const MAX_VOTES_PER_PROJECT = 10n ** 12n;

/** The voice credits `votes` votes on one project cost. */
export function voteCost(votes: bigint): bigint {
  return votes * votes;
}

/** Σ votes² — what a ballot costs, as `QuadraticVotingMath.ballotCost`. */
export function ballotCost(votes: readonly bigint[]): bigint {
  return votes.reduce((sum, value) => sum + voteCost(value), 0n);
}

/** The largest whole number whose square is at most `value` (Newton's method on bigints). */
export function integerSqrt(value: bigint): bigint {
  if (value < 0n) throw new RangeError("no square root of a negative number");
  if (value < 2n) return value;
  let x = value;
  let y = (x + 1n) / 2n;
  while (y < x) {
    x = y;
    y = (x + value / x) / 2n;
  }
  return x;
}

/** Votes per project id (as a decimal string, the key the form uses) → the ballot the round takes. */
export function ballotFromVotes(votes: ReadonlyMap<string, bigint>): Ballot {
  const entries = [...votes.entries()]
    .filter(([, count]) => count > 0n)
    .map(([id, count]) => [BigInt(id), count] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { projectIds: entries.map(([id]) => id), votes: entries.map(([, count]) => count) };
}

/** A ballot's votes per project id (decimal string). */
export function votesOfBallot(ballot: Ballot): Map<string, bigint> {
  return new Map(ballot.projectIds.map((id, index) => [id.toString(), ballot.votes[index] ?? 0n]));
}

/** Σ votes of a ballot. */
export function ballotVotes(ballot: Ballot): bigint {
  return ballot.votes.reduce((sum, value) => sum + value, 0n);
}

export function sameBallot(a: Ballot, b: Ballot): boolean {
  return (
    a.projectIds.length === b.projectIds.length &&
    a.votes.length === b.votes.length &&
    a.projectIds.every((id, index) => id === b.projectIds[index]) &&
    a.votes.every((value, index) => value === b.votes[index])
  );
}

/** The hash the round keeps of a voter's ballot (`hashBallot`): zero for the empty ballot. */
export function hashBallot(ballot: Ballot): Hex {
  if (ballot.projectIds.length === 0 && ballot.votes.length === 0) return zeroHash;
  return keccak256(
    encodeAbiParameters([{ type: "uint256[]" }, { type: "uint256[]" }], [[...ballot.projectIds], [...ballot.votes]]),
  );
}

/** A `BallotCast` event, as far as reconstructing a voter's ballot needs it. */
export interface BallotCastEvent {
  blockNumber: bigint;
  logIndex: number;
  projectIds: readonly bigint[];
  votes: readonly bigint[];
}

/**
 * A voter's current ballot from its `BallotCast` events: the last one cast replaces every earlier one; no event
 * means no ballot (the empty ballot). The round keeps only its hash, so whoever casts the next ballot must bring
 * this one back.
 */
export function currentBallotFromEvents(events: readonly BallotCastEvent[]): Ballot {
  let last: BallotCastEvent | undefined;
  for (const event of events) {
    if (
      last === undefined ||
      event.blockNumber > last.blockNumber ||
      (event.blockNumber === last.blockNumber && event.logIndex > last.logIndex)
    ) {
      last = event;
    }
  }
  return last === undefined ? EMPTY_BALLOT : { projectIds: [...last.projectIds], votes: [...last.votes] };
}

/** The most votes `projectId` can take with the others as in `votes`, within `budget`. */
export function maxVotesFor(projectId: string, votes: ReadonlyMap<string, bigint>, budget: bigint): bigint {
  let others = 0n;
  for (const [id, count] of votes) if (id !== projectId) others += voteCost(count);
  return others >= budget ? 0n : integerSqrt(budget - others);
}

// ---------------------------------------------------------------------------------------------------------------
// The ballot form
// ---------------------------------------------------------------------------------------------------------------

/** What the voter typed per project (id as a decimal string → text in the votes field). */
export type BallotDraft = ReadonlyMap<string, string>;

/** Where the round stands for voting, as the form needs it. */
export type VotingWindow = "notOpen" | "open" | "closed" | "cancelled" | "finalized";

export interface BallotContext {
  /** The connected account, if any. */
  connected: boolean;
  window: VotingWindow;
  /** The voter's voice credits; undefined while the snapshot is not in the past. */
  budget: bigint | undefined;
  /** The approved projects, the only ones a ballot may name. */
  approvedIds: readonly bigint[];
  /** The voter's current ballot (empty if none). */
  current: Ballot;
  /** Whether the round's eligibility rule lets this account vote. */
  eligible: boolean;
}

/** Why a ballot cannot be sent, in plain words, by kind so the page can add a link or a hint. */
export type BallotProblem =
  | { kind: "notConnected"; message: string }
  | { kind: "notOpen"; message: string }
  | { kind: "closed"; message: string }
  | { kind: "cancelled"; message: string }
  | { kind: "noCredits"; message: string }
  | { kind: "notEligible"; message: string }
  | { kind: "invalidVotes"; message: string }
  | { kind: "overBudget"; message: string; over: bigint }
  | { kind: "empty"; message: string }
  | { kind: "unchanged"; message: string };

export interface BallotCheck {
  /** Votes per project as read from the draft (invalid entries count as 0). */
  votes: Map<string, bigint>;
  /** A message per project whose field is not a whole number of votes. */
  fieldErrors: Map<string, string>;
  /** The ballot as the round would take it. */
  ballot: Ballot;
  cost: bigint;
  /** Budget minus cost; negative when over budget; undefined without a budget. */
  remaining: bigint | undefined;
  /** The first reason the ballot cannot be sent; undefined when it can. */
  problem: BallotProblem | undefined;
}

/** Reads one votes field: a whole number from 0 up, or a message. Empty means 0. */
export function parseVotes(text: string): { ok: true; value: bigint } | { ok: false; error: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: 0n };
  if (!/^\d+$/.test(trimmed)) return { ok: false, error: "Enter a whole number of votes, like 0, 1 or 5." };
  const value = BigInt(trimmed);
  if (value > MAX_VOTES_PER_PROJECT) return { ok: false, error: "That is more votes than any budget allows." };
  return { ok: true, value };
}

function plural(count: bigint, one: string, many: string): string {
  return `${count.toLocaleString("en-US")} ${count === 1n ? one : many}`;
}

/** Voice credits in words: "1 voice credit", "25 voice credits". */
export function voiceCredits(count: bigint): string {
  return plural(count, "voice credit", "voice credits");
}

/** Votes in words: "1 vote", "5 votes". */
export function votesText(count: bigint): string {
  return plural(count, "vote", "votes");
}

/**
 * Checks the ballot form as the round will: the window, the voter's budget and eligibility, each field, the
 * projects (approved only) and the quadratic cost; returns the ballot and the first problem, if any.
 */
export function checkBallot(draft: BallotDraft, context: BallotContext): BallotCheck {
  const votes = new Map<string, bigint>();
  const fieldErrors = new Map<string, string>();
  const approved = new Set(context.approvedIds.map((id) => id.toString()));
  for (const [id, text] of draft) {
    const parsed = parseVotes(text);
    if (!parsed.ok) fieldErrors.set(id, parsed.error);
    else if (parsed.value > 0n && !approved.has(id))
      fieldErrors.set(id, `Project #${id} is not approved in this round.`);
    else votes.set(id, parsed.value);
  }
  const ballot = ballotFromVotes(votes);
  const cost = ballotCost(ballot.votes);
  const remaining = context.budget === undefined ? undefined : context.budget - cost;
  const problem = firstProblem(context, ballot, cost, fieldErrors);
  return { votes, fieldErrors, ballot, cost, remaining, problem };
}

function firstProblem(
  context: BallotContext,
  ballot: Ballot,
  cost: bigint,
  fieldErrors: ReadonlyMap<string, string>,
): BallotProblem | undefined {
  switch (context.window) {
    case "cancelled":
      return { kind: "cancelled", message: "This round was cancelled: it takes no more ballots." };
    case "finalized":
    case "closed":
      return { kind: "closed", message: "Voting has closed: the round takes no more ballots." };
    case "notOpen":
      return { kind: "notOpen", message: "Voting is not open yet." };
    case "open":
      break;
  }
  if (!context.connected) return { kind: "notConnected", message: "Connect a wallet to vote." };
  if (!context.eligible) {
    return { kind: "notEligible", message: "This round's rule of who may vote does not include this account." };
  }
  if (context.budget === undefined || context.budget === 0n) {
    return { kind: "noCredits", message: "This account has no voice credits in this round." };
  }
  if (fieldErrors.size > 0) return { kind: "invalidVotes", message: "Fix the votes marked above." };
  if (cost > context.budget) {
    const over = cost - context.budget;
    return {
      kind: "overBudget",
      over,
      message: `This ballot costs ${voiceCredits(cost)}: ${voiceCredits(over)} more than your ${voiceCredits(context.budget)}.`,
    };
  }
  if (ballot.projectIds.length === 0 && context.current.projectIds.length === 0) {
    return { kind: "empty", message: "Give at least one vote to a project." };
  }
  if (sameBallot(ballot, context.current)) {
    return { kind: "unchanged", message: "This is the ballot you have already cast." };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Signed ballots: what a voter hands to a relayer, and what the relay form reads
// ---------------------------------------------------------------------------------------------------------------

/** The label that marks a signed ballot's JSON. */
export const SIGNED_BALLOT_TYPE = "Hyphae signed ballot";

/** A ballot signed by its voter (EIP-712), for anyone to submit with `castSignedBallots`. */
export interface SignedBallotData {
  chainId: number;
  round: Address;
  voter: Address;
  /** The hash of the ballot it replaces (`hashBallot`, zero for none): it counts only over that ballot. */
  previousBallot: Hex;
  ballot: Ballot;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
}

/** The EIP-712 domain and type a voter signs, as `QuadraticVotingRound` defines them. */
export function ballotTypedData(data: Omit<SignedBallotData, "signature">) {
  return {
    domain: {
      name: "Hyphae Quadratic Voting Round",
      version: "1",
      chainId: data.chainId,
      verifyingContract: data.round,
    },
    types: {
      Ballot: [
        { name: "voter", type: "address" },
        { name: "previousBallot", type: "bytes32" },
        { name: "projectIds", type: "uint256[]" },
        { name: "votes", type: "uint256[]" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Ballot",
    message: {
      voter: data.voter,
      previousBallot: data.previousBallot,
      projectIds: [...data.ballot.projectIds],
      votes: [...data.ballot.votes],
      nonce: data.nonce,
      deadline: data.deadline,
    },
  } as const;
}

/** A signed ballot as JSON for people to copy: numbers as decimal strings (JSON cannot hold big integers). */
export function signedBallotToJson(data: SignedBallotData): string {
  return JSON.stringify(
    {
      type: SIGNED_BALLOT_TYPE,
      chainId: data.chainId,
      round: data.round,
      voter: data.voter,
      previousBallot: data.previousBallot,
      projectIds: data.ballot.projectIds.map(String),
      votes: data.ballot.votes.map(String),
      nonce: data.nonce.toString(),
      deadline: data.deadline.toString(),
      signature: data.signature,
    },
    null,
    2,
  );
}

/** Why pasted signed ballots cannot be submitted. */
export class SignedBallotError extends Error {
  override name = "SignedBallotError";
}

function wholeNumber(value: unknown, what: string): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return BigInt(value.trim());
  throw new SignedBallotError(`${what} must be a whole number.`);
}

/** What the relay expects of a signed ballot: this chain and round and, when given, only its approved projects. */
interface ExpectedBallot {
  chainId: number;
  round: Address;
  /** The round's approved projects: a ballot that gives votes to any other would make the whole batch revert. */
  approvedIds?: readonly bigint[];
}

function parseOne(item: unknown, position: string, expected: ExpectedBallot): SignedBallotData {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new SignedBallotError(`${position} is not a signed ballot (a JSON object).`);
  }
  const fields = item as Record<string, unknown>;
  for (const name of ["round", "voter", "previousBallot", "projectIds", "votes", "nonce", "deadline", "signature"]) {
    if (!(name in fields)) throw new SignedBallotError(`${position} has no "${name}".`);
  }
  if (fields.type !== undefined && fields.type !== SIGNED_BALLOT_TYPE) {
    throw new SignedBallotError(
      `${position} is not a Hyphae signed ballot (its "type" is ${JSON.stringify(fields.type)}).`,
    );
  }
  if (typeof fields.round !== "string" || !isAddress(fields.round, { strict: false })) {
    throw new SignedBallotError(`${position}: "round" is not an address.`);
  }
  if (getAddress(fields.round) !== getAddress(expected.round)) {
    throw new SignedBallotError(`${position} was signed for another round (${fields.round}).`);
  }
  if (fields.chainId !== undefined) {
    const chainId = wholeNumber(fields.chainId, `${position}: "chainId"`);
    if (chainId !== BigInt(expected.chainId)) {
      throw new SignedBallotError(`${position} was signed for another chain (chain id ${chainId}).`);
    }
  }
  if (typeof fields.voter !== "string" || !isAddress(fields.voter, { strict: false })) {
    throw new SignedBallotError(`${position}: "voter" is not an address.`);
  }
  if (
    typeof fields.previousBallot !== "string" ||
    !isHex(fields.previousBallot) ||
    fields.previousBallot.length !== 66
  ) {
    throw new SignedBallotError(`${position}: "previousBallot" is not the hash of a ballot (32 bytes, hex).`);
  }
  if (!Array.isArray(fields.projectIds) || !Array.isArray(fields.votes)) {
    throw new SignedBallotError(`${position}: "projectIds" and "votes" must be lists.`);
  }
  if (fields.projectIds.length !== fields.votes.length) {
    throw new SignedBallotError(
      `${position} has ${fields.projectIds.length} projects but ${fields.votes.length} vote counts.`,
    );
  }
  const projectIds = fields.projectIds.map((id, index) => wholeNumber(id, `${position}: project ${index + 1}`));
  const votes = fields.votes.map((count, index) => wholeNumber(count, `${position}: votes ${index + 1}`));
  projectIds.forEach((id, index) => {
    const previous = projectIds[index - 1];
    if (previous !== undefined && id <= previous) {
      throw new SignedBallotError(`${position}: project ids must be in increasing order, each once.`);
    }
  });
  const notApproved = projectIds.find((id) => expected.approvedIds !== undefined && !expected.approvedIds.includes(id));
  if (notApproved !== undefined) {
    throw new SignedBallotError(
      `${position} gives votes to project #${notApproved}, which is not approved in this round.`,
    );
  }
  if (votes.some((count) => count === 0n)) {
    throw new SignedBallotError(`${position}: every project on a ballot needs at least one vote.`);
  }
  if (typeof fields.signature !== "string" || !isHex(fields.signature) || fields.signature.length < 4) {
    throw new SignedBallotError(`${position}: "signature" is not a hex string.`);
  }
  return {
    chainId: expected.chainId,
    round: getAddress(fields.round),
    voter: getAddress(fields.voter),
    previousBallot: fields.previousBallot,
    ballot: { projectIds, votes },
    nonce: wholeNumber(fields.nonce, `${position}: "nonce"`),
    deadline: wholeNumber(fields.deadline, `${position}: "deadline"`),
    signature: fields.signature,
  };
}

/**
 * Reads one signed ballot (a JSON object) or several (a JSON list, or objects one after another) pasted into the
 * relay form, for this round on this chain; throws a SignedBallotError in plain words for anything else. A voter
 * may appear once: each ballot replaces the voter's current one, which the relay reads from the chain.
 */
export function parseSignedBallots(text: string, expected: ExpectedBallot & { now?: bigint }): SignedBallotData[] {
  const trimmed = text.trim();
  if (trimmed === "") throw new SignedBallotError("Paste one or more signed ballots.");
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    try {
      // Ballots pasted one after another: `{…}\n{…}`.
      parsed = JSON.parse(`[${trimmed.replace(/}\s*{/g, "},{")}]`);
    } catch {
      throw new SignedBallotError("This is not valid JSON: paste the signed ballots exactly as they were copied.");
    }
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length === 0) throw new SignedBallotError("The list holds no signed ballot.");
  const ballots = items.map((item, index) =>
    parseOne(item, items.length === 1 ? "The signed ballot" : `Signed ballot ${index + 1}`, expected),
  );
  const voters = new Set<string>();
  for (const ballot of ballots) {
    if (voters.has(ballot.voter)) {
      throw new SignedBallotError(`Two ballots of ${ballot.voter}: submit only the voter's latest one.`);
    }
    voters.add(ballot.voter);
    if (expected.now !== undefined && ballot.deadline < expected.now) {
      throw new SignedBallotError(`The signature of ${ballot.voter}'s ballot has expired: the voter must sign again.`);
    }
  }
  return ballots;
}
