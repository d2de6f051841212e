import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import { fetchApplications, fetchRoundKind, type RoundRef } from "../data/applications.ts";
import { fetchProjects } from "../data/projects.ts";
import { fetchAllowedPayoutTokens, fetchStewardedRounds } from "../data/stewardship.ts";
import { useActiveChain } from "./useActiveChain.ts";

/** Every project in the registry of the active chain. */
export function useProjects() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["projects", active?.chain.id],
    enabled: active !== undefined && client !== undefined,
    queryFn: () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      return fetchProjects(client, active.deployment);
    },
  });
}

/** Every application to a round (funding or voting), in every state. */
export function useApplications(round: RoundRef | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["applications", active?.chain.id, round?.address, round?.kind],
    enabled: active !== undefined && client !== undefined && round !== undefined,
    queryFn: () => {
      if (active === undefined || client === undefined || round === undefined) throw new Error("no chain");
      return fetchApplications(client, active.deployment, round);
    },
  });
}

/** Which kind of round the network's factories created at `address`: `null` when neither did. */
export function useRoundKind(address: Address) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["roundKind", active?.chain.id, address],
    enabled: active !== undefined && client !== undefined,
    // A round's kind never changes.
    staleTime: Infinity,
    queryFn: async () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      return (await fetchRoundKind(client, active.deployment, address)) ?? null;
    },
  });
}

/** The rounds of the active chain (funding or voting) where the connected account is a steward. */
export function useStewardedRounds(rounds: readonly Address[] | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { address: account } = useConnection();
  return useQuery({
    queryKey: ["stewardedRounds", active?.chain.id, account, rounds],
    enabled: client !== undefined && rounds !== undefined && account !== undefined,
    queryFn: () => {
      if (client === undefined || rounds === undefined || account === undefined) throw new Error("no account");
      return fetchStewardedRounds(client, rounds, account);
    },
  });
}

/** The payout tokens a new round may use on the active chain. */
export function useAllowedPayoutTokens() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["allowedPayoutTokens", active?.chain.id],
    enabled: active !== undefined && client !== undefined,
    queryFn: () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      return fetchAllowedPayoutTokens(client, active.chain, active.deployment);
    },
  });
}
