import { type Address, getAddress, isAddress, parseUnits, zeroAddress, zeroHash } from "viem";
import { InvalidDocumentError, LIMITS, parseRoundDescription, type RoundDescription } from "../data/documents.ts";
import { chosenNode, toUnixSeconds } from "./roundForm.ts";

/** What the steward typed in the "create a voting round" form. */
export interface VotingRoundFormValues {
  name: string;
  description: string;
  /** The node's id as a decimal; "" until one is chosen. */
  node: string;
  eligibility: string;
  payoutToken: string;
  applicationsStart: string;
  applicationsEnd: string;
  votingStart: string;
  votingEnd: string;
  /** When voting power is read (`datetime-local`). */
  snapshot: string;
  /** Voting power per voice credit, in whole units of the voting token ("1" = 1 commons credit). */
  powerPerVoiceCredit: string;
  /** Voice credits every voter gets besides its voting power, a whole number. */
  baseVoiceCredits: string;
}

export type VotingRoundFormErrors = Partial<Record<keyof VotingRoundFormValues, string>>;

/** `IQuadraticVotingRound.VotingRoundConfig`, as `createVotingRound` takes it. */
export interface VotingRoundConfig {
  payoutToken: Address;
  applicationsStart: bigint;
  applicationsEnd: bigint;
  votingStart: bigint;
  votingEnd: bigint;
  votingToken: Address;
  snapshot: number;
  powerPerVoiceCredit: bigint;
  baseVoiceCredits: bigint;
  eligibility: { kind: number; source: Address; key: `0x${string}`; minimum: bigint; attester: Address };
}

export interface ValidVotingRound {
  nodeId: bigint;
  config: VotingRoundConfig;
  document: RoundDescription;
}

export interface VotingRoundRulesContext {
  isNodeSteward: boolean;
  now: bigint;
  isTokenAllowed: (token: string) => boolean;
  /** Decimals of the voting token (the commons credits: 18). */
  votingTokenDecimals: number;
}

const MAX_UINT48 = 2n ** 48n - 1n;
const MAX_UINT128 = 2n ** 128n - 1n;

/**
 * Checks the form with the rules of `VotingRoundFactory.createVotingRound`, in its order (steward, windows,
 * payout token, voice credit rule, snapshot before voting), and the round description schema; returns the
 * round to create or a message per field. The voting token is the network's commons credits (a timestamp clock).
 */
export function validateVotingRoundForm(
  values: VotingRoundFormValues,
  context: VotingRoundRulesContext,
): { errors: VotingRoundFormErrors; round?: ValidVotingRound } {
  const errors: VotingRoundFormErrors = {};
  const document: Record<string, unknown> = { name: values.name, description: values.description };
  const eligibility = values.eligibility
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  if (eligibility.length > 0) document.eligibility = eligibility;
  if (values.name.trim() === "") errors.name = "The name is empty.";
  else if (values.name.trim().length > LIMITS.name) errors.name = `The name is longer than ${LIMITS.name} characters.`;
  if (values.description.trim() === "") errors.description = "The description is empty.";
  else if (values.description.trim().length > LIMITS.description) {
    errors.description = `The description is longer than ${LIMITS.description} characters.`;
  }
  if (eligibility.length > LIMITS.listItems) errors.eligibility = `At most ${LIMITS.listItems} rules.`;
  let description: RoundDescription | undefined;
  try {
    description = parseRoundDescription(document);
  } catch (error) {
    if (Object.keys(errors).length === 0) {
      errors.eligibility = error instanceof InvalidDocumentError ? error.message : "The description is invalid.";
    }
  }

  const nodeId = chosenNode(values);
  if (nodeId === undefined) errors.node = "Choose the node that runs the round.";
  else if (!context.isNodeSteward) errors.node = "Only a steward of this node can open its rounds.";

  const times = {
    applicationsStart: toUnixSeconds(values.applicationsStart),
    applicationsEnd: toUnixSeconds(values.applicationsEnd),
    votingStart: toUnixSeconds(values.votingStart),
    votingEnd: toUnixSeconds(values.votingEnd),
    snapshot: toUnixSeconds(values.snapshot),
  };
  for (const [field, value] of Object.entries(times)) {
    if (value === undefined) errors[field as keyof VotingRoundFormValues] = "Choose a date and time.";
  }
  const { applicationsStart, applicationsEnd, votingStart, votingEnd, snapshot } = times;
  if (applicationsStart !== undefined && applicationsEnd !== undefined && applicationsStart >= applicationsEnd) {
    errors.applicationsEnd = "Applications must close after they open.";
  }
  if (votingStart !== undefined && votingEnd !== undefined && votingStart >= votingEnd) {
    errors.votingEnd = "Voting must close after it opens.";
  }
  if (
    applicationsStart !== undefined &&
    applicationsEnd !== undefined &&
    votingStart !== undefined &&
    votingEnd !== undefined &&
    (applicationsStart > votingStart || applicationsEnd > votingEnd)
  ) {
    errors.votingStart ??= "Applications must open no later than voting, and close no later than voting closes.";
  }
  if (votingEnd !== undefined && votingEnd <= context.now) errors.votingEnd ??= "The voting window has already ended.";

  if (!isAddress(values.payoutToken, { strict: false })) errors.payoutToken = "Choose a payout token.";
  else if (values.payoutToken !== zeroAddress && !context.isTokenAllowed(values.payoutToken)) {
    errors.payoutToken = "The network does not allow this payout token.";
  }

  let powerPerVoiceCredit: bigint | undefined;
  const power = values.powerPerVoiceCredit.trim();
  const decimals = context.votingTokenDecimals;
  if (!/^\d+(\.\d+)?$/.test(power)) {
    errors.powerPerVoiceCredit = "Enter how many credits of voting power make one voice credit, like 1 or 0.5.";
  } else if ((power.split(".")[1] ?? "").length > decimals) {
    errors.powerPerVoiceCredit = `Use at most ${decimals} digits after the point.`;
  } else {
    powerPerVoiceCredit = parseUnits(power, decimals);
    if (powerPerVoiceCredit === 0n)
      errors.powerPerVoiceCredit = "One voice credit needs some voting power: more than 0.";
    else if (powerPerVoiceCredit > MAX_UINT128) errors.powerPerVoiceCredit = "That is more than a round can hold.";
  }
  let baseVoiceCredits: bigint | undefined;
  const base = values.baseVoiceCredits.trim();
  if (base !== "" && !/^\d+$/.test(base)) errors.baseVoiceCredits = "Enter a whole number of voice credits, or 0.";
  else {
    baseVoiceCredits = base === "" ? 0n : BigInt(base);
    if (baseVoiceCredits > MAX_UINT128) errors.baseVoiceCredits = "That is more than a round can hold.";
    // The rounds of this form are open to every account (the factory refuses base credits without a rule).
    else if (baseVoiceCredits > 0n) {
      errors.baseVoiceCredits =
        "Base credits need a rule for who may vote: this round is open to every account, so anyone could make " +
        "new keys to collect them. Leave it at 0.";
    }
  }

  if (snapshot !== undefined) {
    if (snapshot > MAX_UINT48) errors.snapshot = "That date is too far away.";
    else if (votingStart !== undefined && snapshot >= votingStart) {
      errors.snapshot = "The snapshot must come before voting opens, so every budget is fixed while people vote.";
    }
  }

  if (
    Object.keys(errors).length === 0 &&
    description !== undefined &&
    nodeId !== undefined &&
    applicationsStart !== undefined &&
    applicationsEnd !== undefined &&
    votingStart !== undefined &&
    votingEnd !== undefined &&
    snapshot !== undefined &&
    powerPerVoiceCredit !== undefined &&
    baseVoiceCredits !== undefined
  ) {
    return {
      errors,
      round: {
        nodeId,
        document: description,
        config: {
          payoutToken: getAddress(values.payoutToken),
          applicationsStart,
          applicationsEnd,
          votingStart,
          votingEnd,
          // The network's commons credits.
          votingToken: zeroAddress,
          snapshot: Number(snapshot),
          powerPerVoiceCredit,
          baseVoiceCredits,
          eligibility: { kind: 0, source: zeroAddress, key: zeroHash, minimum: 0n, attester: zeroAddress },
        },
      },
    };
  }
  return { errors };
}
