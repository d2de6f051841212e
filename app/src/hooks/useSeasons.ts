import { useQueries, useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import { parseSeasonDescription } from "../data/documents.ts";
import { fetchDocument } from "../data/metadata.ts";
import { readRoundOfDeployment, type RoundSummary } from "../data/rounds.ts";
import {
  fetchCommonsShareStatus,
  fetchRecoverable,
  fetchSeasonAccount,
  fetchSeasonAddresses,
  fetchSeasonFunders,
  fetchSeasonSummaries,
  type SeasonSummary,
} from "../data/seasons.ts";
import { shortAddress } from "../lib/format.ts";
import { useActiveChain } from "./useActiveChain.ts";
import { retryUnlessNotARound } from "./useRounds.ts";

function useReader() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return active === undefined || client === undefined ? undefined : { active, client };
}

/** Every co-matching season of the active chain, with its live draws. */
export function useSeasons() {
  const reader = useReader();
  return useQuery({
    queryKey: ["seasons", reader?.active.chain.id],
    enabled: reader !== undefined,
    queryFn: async () => {
      if (reader === undefined) throw new Error("no chain");
      const addresses = await fetchSeasonAddresses(reader.client, reader.active.deployment);
      return fetchSeasonSummaries(reader.client, reader.active.chain, addresses);
    },
  });
}

/** One season's settings and live state; draws refresh as donations arrive. */
export function useSeason(address: Address | undefined) {
  const reader = useReader();
  return useQuery({
    queryKey: ["season", reader?.active.chain.id, address],
    enabled: reader !== undefined && address !== undefined,
    refetchInterval: 15_000,
    queryFn: async () => {
      if (reader === undefined || address === undefined) throw new Error("no chain");
      // Only a season the deployment's RoundFactory created gets a page: any contract can pose as one and ask for funds.
      return readRoundOfDeployment(reader.client, reader.active.deployment, "season", address, async () => {
        const [season] = await fetchSeasonSummaries(reader.client, reader.active.chain, [address]);
        if (season === undefined) throw new Error(`no season at ${address}`);
        return season;
      });
    },
    retry: retryUnlessNotARound,
  });
}

/** Everyone who funded a season and how much. */
export function useSeasonFunders(season: SeasonSummary | undefined) {
  const reader = useReader();
  return useQuery({
    queryKey: ["seasonFunders", reader?.active.chain.id, season?.address, season?.pool.toString()],
    enabled: reader !== undefined && season !== undefined,
    queryFn: () => {
      if (reader === undefined || season === undefined) throw new Error("no chain");
      return fetchSeasonFunders(reader.client, reader.active.deployment, season.address);
    },
  });
}

/** The connected account's funding of a season and what it claimed back; undefined without an account. */
export function useSeasonAccount(season: SeasonSummary | undefined) {
  const reader = useReader();
  const { address: account } = useConnection();
  return useQuery({
    queryKey: ["seasonAccount", reader?.active.chain.id, season?.address, account, season?.returned.toString()],
    enabled: reader !== undefined && season !== undefined && account !== undefined,
    queryFn: () => {
      if (reader === undefined || season === undefined || account === undefined) throw new Error("no account");
      return fetchSeasonAccount(reader.client, season.address, account);
    },
  });
}

/** What a settled season can take back from its cancelled or finalized rounds (draws waiting in it included). */
export function useRecoverable(season: SeasonSummary | undefined, rounds: readonly RoundSummary[] | undefined) {
  const reader = useReader();
  return useQuery({
    queryKey: [
      "seasonRecoverable",
      reader?.active.chain.id,
      season?.address,
      season?.returned.toString(),
      season?.draws.map((draw) => draw.undelivered.toString()).join(","),
      rounds?.map((round) => `${round.address}:${round.status}`).join(","),
    ],
    enabled: reader !== undefined && season?.settled === true && rounds !== undefined,
    queryFn: () => {
      if (reader === undefined || season === undefined || rounds === undefined) throw new Error("no season");
      return fetchRecoverable(reader.client, season, rounds);
    },
  });
}

/** Where a round's commons share goes, and whether the ledger counted it. */
export function useCommonsShareStatus(round: RoundSummary) {
  const reader = useReader();
  return useQuery({
    queryKey: ["commonsShareStatus", reader?.active.chain.id, round.address, round.status, round.commonsShareSent],
    enabled: reader !== undefined && round.commonsShareBps > 0,
    queryFn: () => {
      if (reader === undefined) throw new Error("no chain");
      return fetchCommonsShareStatus(reader.client, reader.active.deployment, round);
    },
  });
}

/** Each season's name from its verified description (a short address until then). */
export function useSeasonNames(seasons: readonly SeasonSummary[] | undefined): Map<Address, string> {
  const descriptions = useQueries({
    queries: (seasons ?? []).map((season) => ({
      queryKey: ["document", "season", season.metadataPointer],
      staleTime: Infinity,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchDocument(season.metadataPointer, parseSeasonDescription, signal),
    })),
  });
  return new Map(
    (seasons ?? []).map((season, index) => {
      const fetched = descriptions[index]?.data;
      return [
        season.address,
        fetched?.state === "verified" ? fetched.value.name : `Season ${shortAddress(season.address)}`,
      ];
    }),
  );
}
