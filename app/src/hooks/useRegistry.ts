import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import { fetchApplications } from "../data/applications.ts";
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

/** Every application to a round, in every state. */
export function useApplications(round: Address | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["applications", active?.chain.id, round],
    enabled: active !== undefined && client !== undefined && round !== undefined,
    queryFn: () => {
      if (active === undefined || client === undefined || round === undefined) throw new Error("no chain");
      return fetchApplications(client, active.deployment, round);
    },
  });
}

/** The rounds of the active chain where the connected account is a steward. */
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
