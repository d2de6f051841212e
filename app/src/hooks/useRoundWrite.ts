import type { Address } from "viem";
import { projectRoundAbi, quadraticFundingRoundAbi } from "../data/contracts.ts";
import { useContractWrite } from "./useContractWrite.ts";

/** Sends transactions to one quadratic funding round from the connected wallet (see `useContractWrite`). */
export function useRoundWrite(round: Address) {
  return useContractWrite(round, quadraticFundingRoundAbi);
}

/**
 * Sends what every round shares, funding or voting (applications, reviews, cancelling), through the shared
 * IProjectRound ABI: one code path for both kinds.
 */
export function useProjectRoundWrite(round: Address) {
  return useContractWrite(round, projectRoundAbi);
}
