import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import { fetchApplications } from "../data/applications.ts";
import { fetchProjects } from "../data/projects.ts";
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
