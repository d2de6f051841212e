/** The ABIs the app uses, generated from the Hardhat build (scripts/generate-app-contracts.ts). */
export {
  coMatchingSeasonAbi,
  commonsCreditsAbi,
  contributionLedgerAbi,
  nodeRegistryAbi,
  permitTokenAbi,
  projectRegistryAbi,
  projectRoundAbi,
  quadraticFundingRoundAbi,
  quadraticVotingRoundAbi,
  roundFactoryAbi,
  votingRoundFactoryAbi,
} from "../generated/abis.ts";

/** A round's lifecycle, as `QuadraticFundingRound.status()` reports it. */
export const RoundStatus = { Active: 0, SettlingMatchCaps: 1, Finalized: 2, Cancelled: 3 } as const;
export type RoundStatus = (typeof RoundStatus)[keyof typeof RoundStatus];

/** An application's state, as `projectTally(id).status` (funding) or `projectVotes(id).status` (voting) reports it. */
export const ApplicationStatus = { None: 0, Pending: 1, Approved: 2, Rejected: 3 } as const;
export type ApplicationStatus = (typeof ApplicationStatus)[keyof typeof ApplicationStatus];

/** The address rounds use for the chain's native coin. */
export const NATIVE_TOKEN = "0x0000000000000000000000000000000000000000" as const;

/** A node's kind, as `NodeRegistry.node(id).kind` reports it. */
export const NodeKind = { Local: 0, Translocal: 1 } as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

/** A contribution's state, as `ContributionLedger.contribution(id).status` reports it. */
export const ContributionStatus = { None: 0, Pending: 1, Attested: 2, Rejected: 3, Revoked: 4 } as const;
export type ContributionStatus = (typeof ContributionStatus)[keyof typeof ContributionStatus];
