import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import {
  fetchAccountInRound,
  fetchFinalDistribution,
  fetchRoundAddresses,
  fetchRoundProjects,
  fetchRoundSummaries,
  NotARoundOfThisNetworkError,
  readRoundOfDeployment,
  type RoundSummary,
} from "../data/rounds.ts";
import { env } from "../config/env.ts";
import { fetchIndexedRound, fetchIndexedRounds, IndexerUnavailableError } from "../data/indexedRounds.ts";
import { useActiveChain } from "./useActiveChain.ts";
import { RoundStatus } from "../data/contracts.ts";

/**
 * Reads through the indexer when the build names one, and from the chain when there is none, or when it cannot
 * answer for this chain: the indexer only ever saves requests, it never decides whether a page can be shown.
 */
async function preferIndexer<T>(indexed: (indexerUrl: string) => Promise<T>, direct: () => Promise<T>): Promise<T> {
  if (env.indexerUrl === undefined) return direct();
  try {
    return await indexed(env.indexerUrl);
  } catch (error) {
    if (!(error instanceof IndexerUnavailableError)) throw error;
    console.warn(`${error.message}: reading the chain directly`);
    return direct();
  }
}

/** A read failure is retried twice, as the app's queries are, except the factory's "no": asking again changes nothing. */
export function retryUnlessNotARound(failureCount: number, error: Error): boolean {
  return !(error instanceof NotARoundOfThisNetworkError) && failureCount < 2;
}

/** Every round of the active chain, with settings and totals. */
export function useRounds() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["rounds", active?.chain.id],
    enabled: active !== undefined && client !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      return preferIndexer(
        (indexerUrl) => fetchIndexedRounds(indexerUrl, active.chain),
        async () => fetchRoundSummaries(client, active.chain, await fetchRoundAddresses(client, active.deployment)),
      );
    },
  });
}

/** The query key of a round's project list as `account` sees it. */
function roundProjectsKey(
  chainId: number | undefined,
  round: Address | undefined,
  account: Address | undefined,
  approved: number | undefined,
) {
  return ["roundProjects", chainId, round, account, approved] as const;
}

/** One round's settings and totals. */
export function useRound(address: Address | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { address: account } = useConnection();
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ["round", active?.chain.id, address],
    enabled: active !== undefined && client !== undefined && address !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined || address === undefined) throw new Error("no chain");
      return preferIndexer(
        async (indexerUrl) => {
          // One request holds the round and its project list (with the account's gifts): the list is kept for
          // `useRoundProjects`, so the page does not wait for a second round trip.
          const { round, projects } = await fetchIndexedRound(indexerUrl, active.chain, address, account);
          queryClient.setQueryData(
            roundProjectsKey(active.chain.id, address, account, round.approvedProjectIds.length),
            projects,
          );
          return round;
        },
        // The indexer knows only the factory's rounds (any other address is a 404, read here): the direct read
        // asks the factory too, so an address posing as a round gets no page.
        () =>
          readRoundOfDeployment(client, active.deployment, "funding", address, async () => {
            const [round] = await fetchRoundSummaries(client, active.chain, [address]);
            if (round === undefined) throw new Error(`no round at ${address}`);
            return round;
          }),
      );
    },
    retry: retryUnlessNotARound,
  });
}

/** A round's approved projects with tallies, estimates, profiles and the connected account's contributions. */
export function useRoundProjects(round: Parameters<typeof fetchRoundProjects>[2] | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { address: account } = useConnection();
  return useQuery({
    queryKey: roundProjectsKey(active?.chain.id, round?.address, account, round?.approvedProjectIds.length),
    enabled: active !== undefined && client !== undefined && round !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined || round === undefined) throw new Error("no chain");
      return preferIndexer(
        async (indexerUrl) => (await fetchIndexedRound(indexerUrl, active.chain, round.address, account)).projects,
        () => fetchRoundProjects(client, active.deployment, round, account),
      );
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

/** The final split of a finalized round's pool; nothing is read (no data, no error) before the round is final. */
export function useFinalDistribution(round: RoundSummary | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["finalDistribution", active?.chain.id, round?.address, round?.status],
    // A query may not answer `undefined`: asked of a round that is not final, it would fail on every read.
    enabled: client !== undefined && round?.status === RoundStatus.Finalized,
    queryFn: () => {
      if (client === undefined || round === undefined) throw new Error("no round");
      return fetchFinalDistribution(client, round);
    },
  });
}
