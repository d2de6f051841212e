import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import {
  fetchAccountInRound,
  fetchFinalDistribution,
  fetchRoundAddresses,
  fetchRoundProjects,
  fetchRoundSummaries,
  type RoundSummary,
} from "../data/rounds.ts";
import { useActiveChain } from "./useActiveChain.ts";

/** Every round of the active chain, with settings and totals. */
export function useRounds() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["rounds", active?.chain.id],
    enabled: active !== undefined && client !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      const addresses = await fetchRoundAddresses(client, active.deployment);
      return fetchRoundSummaries(client, active.chain, addresses);
    },
  });
}

/** One round's settings and totals. */
export function useRound(address: Address | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["round", active?.chain.id, address],
    enabled: active !== undefined && client !== undefined && address !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined || address === undefined) throw new Error("no chain");
      const [round] = await fetchRoundSummaries(client, active.chain, [address]);
      if (round === undefined) throw new Error(`no round at ${address}`);
      return round;
    },
  });
}

/** A round's approved projects with tallies, estimates, profiles and the connected account's contributions. */
export function useRoundProjects(round: Parameters<typeof fetchRoundProjects>[2] | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { address: account } = useConnection();
  return useQuery({
    queryKey: ["roundProjects", active?.chain.id, round?.address, account, round?.approvedProjectIds.length],
    enabled: active !== undefined && client !== undefined && round !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined || round === undefined) throw new Error("no chain");
      return fetchRoundProjects(client, active.deployment, round, account);
    },
  });
}

/** The connected account's part in a round (steward, funding, leftover); undefined without an account. */
export function useAccountInRound(round: RoundSummary | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { address: account } = useConnection();
  return useQuery({
    queryKey: [
      "accountInRound",
      active?.chain.id,
      round?.address,
      account,
      round?.status,
      round?.matchingPool.toString(),
    ],
    enabled: client !== undefined && round !== undefined && account !== undefined,
    queryFn: () => {
      if (client === undefined || round === undefined || account === undefined) throw new Error("no account");
      return fetchAccountInRound(client, round, account);
    },
  });
}

/** The final split of a finalized round's pool. */
export function useFinalDistribution(round: RoundSummary | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["finalDistribution", active?.chain.id, round?.address, round?.status],
    enabled: client !== undefined && round !== undefined,
    queryFn: () => {
      if (client === undefined || round === undefined) throw new Error("no round");
      return fetchFinalDistribution(client, round);
    },
  });
}
