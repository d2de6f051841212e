/**
 * The contracts' enums as numbers, as the ABI encodes them (IProjectRound.sol): the indexer stores and serves
 * them unchanged so the app compares them with the same values it reads from the chain.
 */
export const RoundStatus = { Active: 0, SettlingMatchCaps: 1, Finalized: 2, Cancelled: 3 } as const;

export const ApplicationStatus = { None: 0, Pending: 1, Approved: 2, Rejected: 3 } as const;
