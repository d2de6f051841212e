import { useQuery } from "@tanstack/react-query";
import { useConnection, usePublicClient } from "wagmi";
import { fetchGivingInRound } from "../data/roundGiving.ts";
import type { RoundSummary } from "../data/rounds.ts";
import { useActiveChain } from "./useActiveChain.ts";

/** What the connected account gave in a finalized round, and what of it the contribution ledger counted. */
export function useGivingInRound(round: RoundSummary) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { address: account } = useConnection();
  return useQuery({
    queryKey: ["givingInRound", active?.chain.id, round.address, round.status, account],
    enabled: active !== undefined && client !== undefined && account !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined || account === undefined) throw new Error("no account");
      return (await fetchGivingInRound(client, active.deployment, round, account)) ?? null;
    },
  });
}
