import type { Address } from "viem";
import { quadraticVotingRoundAbi } from "../data/contracts.ts";
import { useContractWrite } from "./useContractWrite.ts";

/** Sends transactions to one quadratic voting round from the connected wallet (see `useContractWrite`). */
export function useVotingRoundWrite(round: Address) {
  return useContractWrite(round, quadraticVotingRoundAbi);
}
