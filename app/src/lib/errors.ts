import {
  type Abi,
  BaseError,
  ContractFunctionRevertedError,
  decodeErrorResult,
  type Hex,
  UserRejectedRequestError,
} from "viem";
// Every error the contracts and tokens the app calls can revert with, to decode raw revert data: generated apart
// from the ABIs, so that this module, used on every page, does not load them all.
import { contractErrorsAbi } from "../generated/errors.ts";

// Any of them, whatever its arguments: as one `Abi`, not the union of every error's types.
const errorAbi: Abi = contractErrorsAbi;

const STATUS_WORDS = ["active", "settling its match caps", "finalized", "cancelled"];
const APPLICATION_WORDS = ["not submitted", "pending review", "approved", "rejected"];
const CONTRIBUTION_WORDS = ["not recorded", "pending", "attested already", "rejected", "revoked"];

function time(value: unknown): string {
  return new Date(Number(value) * 1000).toLocaleString("en-GB");
}

/** Plain words for a contract error, by name, from its arguments. */
const MESSAGES: Record<string, (args: readonly unknown[]) => string> = {
  // QuadraticFundingRound
  NotProjectOwner: ([projectId]) => `Only the owner of project #${String(projectId)} can do that.`,
  UnexpectedRoundStatus: ([status]) => `The round is ${STATUS_WORDS[Number(status)] ?? "in another state"}.`,
  OutsideApplicationWindow: ([opens, closes]) => `Applications are open from ${time(opens)} to ${time(closes)} only.`,
  OutsideDonationWindow: ([opens, closes]) => `Donations are open from ${time(opens)} to ${time(closes)} only.`,
  DonationWindowNotEnded: ([ends]) => `Donations are open until ${time(ends)}; the round can be finalized after that.`,
  ReviewClosed: ([closed]) => `Reviews closed at ${time(closed)}.`,
  UnexpectedApplicationStatus: ([projectId, status]) =>
    `Project #${String(projectId)}'s application is ${APPLICATION_WORDS[Number(status)] ?? "in another state"}.`,
  MissingReason: () => "A reason is needed.",
  InvalidBatch: () => "Each project needs exactly one amount.",
  ZeroAmount: () => "The amount must be more than zero.",
  AmountTooLarge: () => "The amount is larger than the round can hold.",
  NativeValueMismatch: () => "The coin sent does not equal the amounts.",
  TokenTransferMismatch: () => "The token delivered less than the amount (fee-on-transfer tokens are not supported).",
  PayoutFailed: ([projectId]) => `The payout address of project #${String(projectId)} refused the payment.`,
  AlreadyPaid: ([projectId]) => `Project #${String(projectId)} has already been paid.`,
  NothingToClaim: () => "There is nothing for this account to claim.",
  TransferFailed: () => "The recipient refused the transfer.",
  InvalidMetadataPointer: () => "The metadata pointer is empty or longer than 256 bytes.",
  NotEligible: ([, kind]) =>
    [
      "This round does not take donations from this account.",
      "This round only takes donations from holders of its token, and this account holds too little.",
      "This round only takes donations from the members of its allowlist, and this account gave no valid proof that it is one.",
      "This round only takes donations from people attested by its attester, and this account gave no valid attestation.",
    ][Number(kind)] ?? "This round does not take donations from this account.",
  // RoundFactory
  InvalidApplicationWindow: () => "The application window must end after it opens.",
  InvalidDonationWindow: () => "The donation window must end after it opens.",
  WindowsOutOfOrder: () =>
    "Applications must open no later than donations or voting open, and close no later than they close.",
  DonationWindowInPast: () => "The donation window has already ended.",
  MatchCapOutOfRange: () => "The match cap must be between 1 % and 100 % of the pool, or none.",
  PayoutTokenNotAllowed: () => "The network does not allow this payout token.",
  UnsupportedPayoutToken: () => "This token does not report usable decimals (at most 18).",
  CountedCapBelowMinimum: () => "The cap on what counts must be at least the smallest donation that counts.",
  // QuadraticVotingRound and VotingRoundFactory
  OutsideVotingWindow: ([opens, closes]) => `Voting is open from ${time(opens)} to ${time(closes)} only.`,
  VotingWindowNotEnded: ([ends]) => `Voting is open until ${time(ends)}; the round can be finalized after that.`,
  BallotNotSorted: () => "The ballot must list each project once, in increasing order of project number.",
  BallotOverBudget: ([, cost, budget]) =>
    `The ballot costs ${String(cost)} voice credits, more than the ${String(budget)} this account has.`,
  PreviousBallotMismatch: () =>
    "The voter's ballot changed meanwhile (another ballot was cast): reload the page and try again.",
  SignatureExpired: ([deadline]) => `The signed ballot expired at ${time(deadline)}: the voter must sign again.`,
  InvalidSignature: ([voter]) =>
    `The signature is not ${String(voter)}'s for this ballot: it was altered or mis-copied, or the voter has voted ` +
    "again since signing it.",
  InvalidAccountNonce: ([voter]) =>
    `This signed ballot of ${String(voter)} was already submitted, or the voter signed a newer one since.`,
  InvalidVotingWindow: () => "Voting must close after it opens.",
  VotingWindowInPast: () => "The voting window has already ended.",
  SnapshotNotBeforeVoting: () => "The snapshot must come before voting opens.",
  UnsupportedVotingToken: () => "This token does not report past votes (ERC-5805): it cannot be a voting token.",
  InvalidVoiceCreditRule: () => "One voice credit needs some voting power: more than 0.",
  BaseCreditsNeedEligibilityRule: () =>
    "Base voice credits need a rule for who may vote: without one, anyone could make new keys to collect them.",
  InvalidEligibilityRule: () =>
    "The rule of who may take part is incomplete: a token or attestation service must be a contract, and every field the rule uses must be set.",
  ERC5805FutureLookup: () => "Voting power is read at the snapshot, which is not in the past yet.",
  // Co-matching seasons, the commons share and RoundFactory's links
  SeasonNotSettled: ([season]) =>
    season === undefined
      ? "The season has not settled yet."
      : "This round is part of a co-matching season that has not settled yet: it can be finalized once the season settles and its draw is in the matching pool.",
  SeasonDrawNotDelivered: () =>
    "This round's draw from its co-matching season has not reached its matching pool yet: anyone can deliver it (Deliver the draw), and then the round can be finalized.",
  NoDrawWaiting: () =>
    "No draw of this round waits in the season: it has been delivered already (or went back to the funders), or the round drew nothing.",
  NotTheSeason: () => "Only the season itself funds its rounds while it settles.",
  SeasonNotOver: ([closesAt]) => `The season can be settled from ${time(closesAt)} on.`,
  SeasonAlreadySettled: () => "The season has settled already: it takes no more funds.",
  RoundNotInSeason: () => "This round is not part of the season.",
  TooManyRounds: ([limit]) => `A season takes at most ${String(limit)} rounds.`,
  NotFactory: () => "Only the round factory adds rounds to a season.",
  NoCommonsTreasury: () =>
    "The network has no commons treasury yet: its governors must name one before the commons share can be sent.",
  CommonsShareOutOfRange: () => "The commons share must be between 0 % and 20 % of the matching pool.",
  UnknownSeason: () => "This is not a co-matching season of the network.",
  SeasonMismatch: () =>
    "The round cannot join this season: it must be of the season's node or one of its local nodes, in the season's token, with donations closing by the season's close.",
  SeasonCloseInPast: () => "The season must close in the future.",
  NodeAccountNotSet: ([nodeId]) =>
    `Node #${String(nodeId)} has no account of its own yet: its stewards must set one before its commons share can be counted.`,
  NoCommonsNode: ([nodeId]) => `Node #${String(nodeId)} belongs to no translocal commons to give a share to.`,
  CommonsShareAlreadyCounted: () => "This round's commons share has been counted already.",
  // ProjectRegistry
  ProjectNotFound: ([projectId]) => `There is no project #${String(projectId)}.`,
  NotPendingProjectOwner: () => "Only the account the project was offered to can accept it.",
  InvalidPayoutAddress: () => "The payout address cannot be the zero address.",
  HomeNodeNotFound: ([nodeId]) => `The network has no node #${String(nodeId)}.`,
  // NodeRegistry and ContributionLedger
  NodeNotFound: ([nodeId]) => `There is no node #${String(nodeId)}.`,
  NotNodeSteward: ([nodeId]) => `Only a steward of node #${String(nodeId)} can do that.`,
  NotStewardOrGovernor: ([nodeId]) => `Only a steward of node #${String(nodeId)} or a governor can do that.`,
  NotGovernor: () => "Only a governor of the network can do that.",
  KindNotFound: ([kind]) => `There is no kind of contribution #${String(kind)}.`,
  KindNotSelfReported: () =>
    "This kind of contribution is counted by the protocol itself (from rounds): it cannot be recorded by hand.",
  InvalidQuantity: () => "The quantity must be a whole number of at least 1 that the ledger can hold.",
  CreditsTooLarge: () =>
    "This contribution would earn more credits than the ledger can hold for one contribution: record it in smaller parts.",
  ContributionNotFound: ([id]) => `There is no contribution #${String(id)}.`,
  UnexpectedContributionStatus: ([id, status]) =>
    `Contribution #${String(id)} is ${CONTRIBUTION_WORDS[Number(status)] ?? "in another state"}.`,
  SelfAttestation: () => "A steward cannot attest their own contribution: another steward of the node must.",
  AlreadyAttested: () => "You have attested this contribution already.",
  DisputeWindowClosed: ([, closedAt]) => `The dispute window closed at ${time(closedAt)}.`,
  NonTransferable: () => "Commons credits cannot be transferred.",
  KindSelfReported: () => "Money is counted from rounds: its kind cannot be one contributors record themselves.",
  UnknownRound: () => "This is not a round of the network.",
  RoundNotFinalized: () => "Giving in a round counts once the round is finalized.",
  TokenNotCounted: () => "The network does not count this round's token as money given to the commons.",
  AlreadyCounted: ([, , projectId]) => `The gift to project #${String(projectId)} was counted already.`,
  NothingToCount: () => "There is nothing left to count for this account in this round.",
  MoneyKindTaken: () => "This money kind counts another token already: each money kind counts one token.",
  CountedFromRound: () => "Money counted from a round's records cannot be disputed or revoked.",
  // Tokens (ERC-6093) and OpenZeppelin utilities
  ERC20InsufficientBalance: () => "The wallet does not hold enough of the token.",
  ERC20InsufficientAllowance: () => "The round is not allowed to take that much of the token: approve it first.",
  ERC2612ExpiredSignature: () => "The permit signature has expired: sign again.",
  ERC2612InvalidSigner: () => "The permit signature is not valid for this wallet.",
  SafeERC20FailedOperation: () => "The token refused the transfer.",
  ReentrancyGuardReentrantCall: () => "The call re-entered the round, which is not allowed.",
  SafeCastOverflowedUintDowncast: () => "The number is larger than the contract can hold.",
};

/** What went wrong with a wallet action, for people. */
export interface DescribedError {
  /** The user declined in the wallet: not an error to alarm anyone with. */
  rejected: boolean;
  message: string;
  /** The contract error's name, when a contract reverted. */
  errorName?: string;
}

function revertDataOf(error: BaseError): Hex | undefined {
  let data: Hex | undefined;
  error.walk((cause) => {
    const candidate = (cause as { data?: unknown }).data;
    if (typeof candidate === "string" && candidate.startsWith("0x") && candidate.length >= 10) {
      data = candidate as Hex;
      return true;
    }
    if (typeof candidate === "object" && candidate !== null) {
      const nested = (candidate as { data?: unknown }).data;
      if (typeof nested === "string" && nested.startsWith("0x") && nested.length >= 10) {
        data = nested as Hex;
        return true;
      }
    }
    return false;
  });
  return data;
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof BaseError) {
    if (
      error.walk((cause) => cause instanceof UserRejectedRequestError) !== null ||
      error.walk((cause) => (cause as { code?: unknown }).code === 4001) !== null
    ) {
      return { rejected: true, message: "You declined the request in your wallet. Nothing was sent." };
    }
    const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
    let name: string | undefined;
    let args: readonly unknown[] = [];
    if (reverted instanceof ContractFunctionRevertedError && reverted.reason !== undefined) {
      // A `require(..., "reason")` or a panic: the reason is the plain words there are.
      return { rejected: false, message: `The contract refused the transaction: ${reverted.reason}.` };
    }
    if (reverted instanceof ContractFunctionRevertedError && reverted.data !== undefined) {
      name = reverted.data.errorName;
      args = reverted.data.args ?? [];
    } else {
      const data = revertDataOf(error);
      if (data !== undefined) {
        try {
          const decoded = decodeErrorResult({ abi: errorAbi, data });
          name = decoded.errorName;
          args = decoded.args ?? [];
        } catch {
          // Not an error the app knows: fall through to the generic message.
        }
      }
    }
    if (name !== undefined) {
      const message = MESSAGES[name]?.(args) ?? `The contract refused the transaction (${name}).`;
      return { rejected: false, message, errorName: name };
    }
    return { rejected: false, message: error.shortMessage };
  }
  if (error instanceof Error) return { rejected: false, message: error.message };
  return { rejected: false, message: "Something went wrong." };
}
