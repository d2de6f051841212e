import { useQuery } from "@tanstack/react-query";
import { useConnection, usePublicClient } from "wagmi";
import { fetchNodes, fetchStewardedNodes } from "../data/nodes.ts";
import { useActiveChain } from "./useActiveChain.ts";

/** Every node of the network on the active chain. */
export function useNodes() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["nodes", active?.chain.id],
    enabled: active !== undefined && client !== undefined,
    queryFn: () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      return fetchNodes(client, active.deployment);
    },
  });
}

/** The ids of the nodes the connected account stewards on the active chain. */
export function useStewardedNodes() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { address: account } = useConnection();
  const nodes = useNodes();
  const nodeIds = nodes.data?.map((node) => node.id);
  return useQuery({
    queryKey: ["stewardedNodes", active?.chain.id, account, nodeIds],
    enabled: active !== undefined && client !== undefined && account !== undefined && nodeIds !== undefined,
    queryFn: () => {
      if (active === undefined || client === undefined || account === undefined || nodeIds === undefined) {
        throw new Error("no account");
      }
      return fetchStewardedNodes(client, active.deployment, nodeIds, account);
    },
  });
}
