/**
 * Contributions as the ledger holds them: what was recorded (with its document pointers) comes from
 * `ContributionRecorded` events, where each stands now from `contribution(id)`, and who attested, rejected,
 * disputed or revoked it (with their reasons) from the events of those actions.
 */
import { type Address, getAddress, type PublicClient } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { ContributionStatus, contributionLedgerAbi } from "./contracts.ts";
import { readLogRanges } from "./logs.ts";

/** A recorded contribution, as it stands now. */
export interface Contribution {
  id: bigint;
  contributor: Address;
  nodeId: bigint;
  kindId: number;
  /** Whole units of the kind's unit. */
  quantity: bigint;
  descriptionPointer: string;
  evidencePointer: string;
  status: ContributionStatus;
  attestations: number;
  /** Credits (18 decimals) it earned; 0 until attested, and the credits it had once revoked. */
  credits: bigint;
  recordedAt: bigint;
  attestedAt: bigint;
  /**
   * Money given through a round and counted from the round's records: credited at once without attestations
   * (the ledger marks it with zero attestations); its description pointer is the round's document.
   */
  countedFromRound: boolean;
}

/** Whether the ledger's state marks money counted from a round: credited with no steward's attestation. */
export function isCountedFromRound(state: { status: number; attestations: number }): boolean {
  return state.status === ContributionStatus.Attested && state.attestations === 0;
}

/** What stewards and others did to a contribution after it was recorded, from the ledger's events. */
export interface ContributionHistory {
  /** Stewards who attested it, in order. */
  attestedBy: Address[];
  rejection?: { steward: Address; reasonPointer: string };
  disputes: { by: Address; reasonPointer: string }[];
  revocation?: { steward: Address; reasonPointer: string; creditsRevoked: bigint };
  /** For money counted from a round: the round, and what was donated and what was matching funds there. */
  countedFrom?: { round: Address; donations: bigint; matchingFunds: bigint };
}

/** Which contributions to read: those of some nodes, of one contributor, or both. */
export interface ContributionFilter {
  nodeIds?: readonly bigint[];
  contributor?: Address;
}

/** Contributions matching the filter, newest first. */
export async function fetchContributions(
  client: PublicClient,
  deployment: Deployment,
  filter: ContributionFilter = {},
): Promise<Contribution[]> {
  if (filter.nodeIds?.length === 0) return [];
  const args = {
    ...(filter.nodeIds === undefined ? {} : { nodeId: [...filter.nodeIds] }),
    ...(filter.contributor === undefined ? {} : { contributor: filter.contributor }),
  };
  const logs = await readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
    client.getContractEvents({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      eventName: "ContributionRecorded",
      args,
      ...range,
      strict: true,
    }),
  );
  const states = (await readAll(
    client,
    logs.map((log) => ({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      functionName: "contribution",
      args: [log.args.contributionId],
    })),
  )) as {
    status: number;
    attestations: number;
    credits: bigint;
    recordedAt: number;
    attestedAt: number;
  }[];
  return logs
    .map((log, index) => {
      const state = states[index];
      if (state === undefined) throw new Error(`no state for contribution ${log.args.contributionId}`);
      return contributionFrom(log.args, state);
    })
    .sort((a, b) => (a.id > b.id ? -1 : a.id < b.id ? 1 : 0));
}

/** One contribution, or undefined when the ledger has none with this id. */
export async function fetchContribution(
  client: PublicClient,
  deployment: Deployment,
  id: bigint,
): Promise<Contribution | undefined> {
  const logs = await readLogRanges(client, BigInt(deployment.fromBlock), (range) =>
    client.getContractEvents({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      eventName: "ContributionRecorded",
      args: { contributionId: id },
      ...range,
      strict: true,
    }),
  );
  const log = logs[0];
  if (log === undefined) return undefined;
  const state = await client.readContract({
    address: deployment.contributionLedger,
    abi: contributionLedgerAbi,
    functionName: "contribution",
    args: [id],
  });
  return contributionFrom(log.args, state);
}

/** A contribution as recorded (its `ContributionRecorded` event) and as it stands (the ledger's view). */
function contributionFrom(
  recorded: {
    contributionId: bigint;
    contributor: Address;
    nodeId: bigint;
    kind: bigint;
    quantity: bigint;
    description: string;
    evidence: string;
  },
  state: { status: number; attestations: number; credits: bigint; recordedAt: number; attestedAt: number },
): Contribution {
  return {
    id: recorded.contributionId,
    contributor: getAddress(recorded.contributor),
    nodeId: recorded.nodeId,
    kindId: Number(recorded.kind),
    quantity: recorded.quantity,
    descriptionPointer: recorded.description,
    evidencePointer: recorded.evidence,
    status: state.status as ContributionStatus,
    attestations: state.attestations,
    credits: state.credits,
    recordedAt: BigInt(state.recordedAt),
    attestedAt: BigInt(state.attestedAt),
    countedFromRound: isCountedFromRound(state),
  };
}

/** The histories of the given contributions, by id (one `eth_getLogs` per kind of action). */
export async function fetchContributionHistories(
  client: PublicClient,
  deployment: Deployment,
  ids: readonly bigint[],
): Promise<Map<bigint, ContributionHistory>> {
  const histories = new Map<bigint, ContributionHistory>(ids.map((id) => [id, { attestedBy: [], disputes: [] }]));
  if (ids.length === 0) return histories;
  const fromBlock = BigInt(deployment.fromBlock);
  const address = deployment.contributionLedger;
  const args = { contributionId: [...ids] };
  const [attested, rejected, disputed, revoked, counted] = await Promise.all([
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address,
        abi: contributionLedgerAbi,
        eventName: "ContributionAttested",
        args,
        ...range,
        strict: true,
      }),
    ),
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address,
        abi: contributionLedgerAbi,
        eventName: "ContributionRejected",
        args,
        ...range,
        strict: true,
      }),
    ),
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address,
        abi: contributionLedgerAbi,
        eventName: "ContributionDisputed",
        args,
        ...range,
        strict: true,
      }),
    ),
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address,
        abi: contributionLedgerAbi,
        eventName: "ContributionRevoked",
        args,
        ...range,
        strict: true,
      }),
    ),
    readLogRanges(client, fromBlock, (range) =>
      client.getContractEvents({
        address,
        abi: contributionLedgerAbi,
        eventName: "RoundMoneyCounted",
        args,
        ...range,
        strict: true,
      }),
    ),
  ]);
  const historyOf = (id: bigint): ContributionHistory => {
    const history = histories.get(id);
    if (history === undefined) throw new Error(`an event for contribution ${id}, which was not asked for`);
    return history;
  };
  for (const log of attested) historyOf(log.args.contributionId).attestedBy.push(getAddress(log.args.steward));
  for (const log of rejected) {
    historyOf(log.args.contributionId).rejection = {
      steward: getAddress(log.args.steward),
      reasonPointer: log.args.reason,
    };
  }
  for (const log of disputed) {
    historyOf(log.args.contributionId).disputes.push({ by: getAddress(log.args.by), reasonPointer: log.args.reason });
  }
  for (const log of revoked) {
    historyOf(log.args.contributionId).revocation = {
      steward: getAddress(log.args.steward),
      reasonPointer: log.args.reason,
      creditsRevoked: log.args.creditsRevoked,
    };
  }
  for (const log of counted) {
    historyOf(log.args.contributionId).countedFrom = {
      round: getAddress(log.args.round),
      donations: log.args.donations,
      matchingFunds: log.args.matchingFunds,
    };
  }
  return histories;
}

/** Why `account` cannot attest a pending contribution now, in plain words; undefined if it can. */
export function attestationBlocker(
  contribution: Pick<Contribution, "contributor" | "status">,
  history: Pick<ContributionHistory, "attestedBy">,
  account: Address,
  isStewardOfNode: boolean,
): string | undefined {
  const same = (a: Address, b: Address) => a.toLowerCase() === b.toLowerCase();
  if (contribution.status !== ContributionStatus.Pending) return "Only a pending contribution can be attested.";
  if (!isStewardOfNode) return "Only a steward of the node can attest its contributions.";
  if (same(contribution.contributor, account)) {
    return "This is your own contribution: another steward of the node must attest it.";
  }
  if (history.attestedBy.some((steward) => same(steward, account))) {
    return "You have attested it already: it waits for the other stewards.";
  }
  return undefined;
}
