/** Thin react-query hooks over data/network.ts, data/contributions.ts and data/credits.ts, on the active chain. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import {
  type ContributionFilter,
  fetchContribution,
  fetchContributionHistories,
  fetchContributions,
} from "../data/contributions.ts";
import { fetchCreditsOf, fetchCreditsToken } from "../data/credits.ts";
import {
  type ContributionKind,
  fetchContributorTotals,
  fetchDeploymentTime,
  fetchKinds,
  fetchNodes,
  fetchNodeTotals,
  fetchPeriodCredits,
  type PeriodSubject,
} from "../data/network.ts";
import { periodsToShow } from "../lib/periods.ts";
import { firstReadError } from "../lib/queryFailure.ts";
import { useActiveChain } from "./useActiveChain.ts";
import { useChainTime } from "./useChainTime.ts";

/** The active chain's deployment and a client for it, or undefined while there is none. */
function useChainReader() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return active === undefined || client === undefined
    ? undefined
    : { client, deployment: active.deployment, chainId: active.chain.id };
}

/** Every node of the network with its current stewards. */
export function useNodes() {
  const reader = useChainReader();
  return useQuery({
    queryKey: ["nodes", reader?.chainId],
    enabled: reader !== undefined,
    queryFn: () => {
      if (reader === undefined) throw new Error("no chain");
      return fetchNodes(reader.client, reader.deployment);
    },
  });
}

/** Every kind of contribution and its weight. */
export function useKinds() {
  const reader = useChainReader();
  return useQuery({
    queryKey: ["contributionKinds", reader?.chainId],
    enabled: reader !== undefined,
    queryFn: () => {
      if (reader === undefined) throw new Error("no chain");
      return fetchKinds(reader.client, reader.deployment);
    },
  });
}

/** The ledger's totals per kind of each of the given nodes. */
export function useNodeTotals(nodeIds: readonly bigint[] | undefined, kinds: readonly ContributionKind[] | undefined) {
  const reader = useChainReader();
  return useQuery({
    queryKey: ["nodeTotals", reader?.chainId, nodeIds, kinds?.map((kind) => kind.id)],
    enabled: reader !== undefined && nodeIds !== undefined && kinds !== undefined,
    queryFn: () => {
      if (reader === undefined || nodeIds === undefined || kinds === undefined) throw new Error("no chain");
      return fetchNodeTotals(reader.client, reader.deployment, nodeIds, kinds);
    },
  });
}

/** The ledger's totals per kind of a contributor. */
export function useContributorTotals(contributor: Address, kinds: readonly ContributionKind[] | undefined) {
  const reader = useChainReader();
  return useQuery({
    queryKey: ["contributorTotals", reader?.chainId, contributor, kinds?.map((kind) => kind.id)],
    enabled: reader !== undefined && kinds !== undefined,
    queryFn: () => {
      if (reader === undefined || kinds === undefined) throw new Error("no chain");
      return fetchContributorTotals(reader.client, reader.deployment, contributor, kinds);
    },
  });
}

/**
 * Credits attested per 30-day period for a node or a contributor: every period from the deployment's to now's
 * (the latest twelve at most), read from the ledger's per-period views.
 */
export function usePeriodCredits(subject: PeriodSubject) {
  const reader = useChainReader();
  const now = useChainTime();
  const deployedAt = useQuery({
    queryKey: ["deploymentTime", reader?.chainId],
    enabled: reader !== undefined,
    staleTime: Infinity,
    queryFn: () => {
      if (reader === undefined) throw new Error("no chain");
      return fetchDeploymentTime(reader.client, reader.deployment);
    },
  });
  const periods = deployedAt.data === undefined || now === undefined ? undefined : periodsToShow(deployedAt.data, now);
  const key = "node" in subject ? ["node", subject.node] : ["contributor", subject.contributor];
  const credits = useQuery({
    queryKey: ["periodCredits", reader?.chainId, ...key, periods?.at(0), periods?.at(-1)],
    enabled: reader !== undefined && periods !== undefined,
    queryFn: () => {
      if (reader === undefined || periods === undefined) throw new Error("no chain");
      return fetchPeriodCredits(reader.client, reader.deployment, subject, periods);
    },
  });
  // The deployment's time only matters until it is known: a failed refresh of it takes nothing away.
  return { data: credits.data, error: firstReadError(deployedAt) ?? credits.error };
}

/** Contributions matching the filter, newest first; disabled until the filter is known. */
export function useContributions(filter: ContributionFilter | undefined) {
  const reader = useChainReader();
  return useQuery({
    queryKey: ["contributions", reader?.chainId, filter?.nodeIds, filter?.contributor],
    enabled: reader !== undefined && filter !== undefined,
    queryFn: () => {
      if (reader === undefined || filter === undefined) throw new Error("no chain");
      return fetchContributions(reader.client, reader.deployment, filter);
    },
  });
}

/** One contribution with its history; `null` when the ledger has no contribution with this id. */
export function useContribution(id: bigint) {
  const reader = useChainReader();
  return useQuery({
    queryKey: ["contribution", reader?.chainId, id],
    enabled: reader !== undefined,
    queryFn: async () => {
      if (reader === undefined) throw new Error("no chain");
      const contribution = await fetchContribution(reader.client, reader.deployment, id);
      if (contribution === undefined) return null;
      const histories = await fetchContributionHistories(reader.client, reader.deployment, [id]);
      const history = histories.get(id) ?? { attestedBy: [], disputes: [] };
      return { contribution, history };
    },
  });
}

/**
 * The histories (attestations, rejection, disputes, revocation) of the given contributions, by id. When the ids
 * change, the histories read so far stay (`isPlaceholderData`) until the new ones arrive: a queue that loses or gains
 * one contribution keeps showing the others.
 */
export function useContributionHistories(ids: readonly bigint[] | undefined) {
  const reader = useChainReader();
  return useQuery({
    queryKey: ["contributionHistories", reader?.chainId, ids],
    enabled: reader !== undefined && ids !== undefined,
    placeholderData: keepPreviousData,
    queryFn: () => {
      if (reader === undefined || ids === undefined) throw new Error("no chain");
      return fetchContributionHistories(reader.client, reader.deployment, ids);
    },
  });
}

/** The commons credits token (the ledger's; it never changes). */
export function useCreditsToken() {
  const reader = useChainReader();
  return useQuery({
    queryKey: ["creditsToken", reader?.chainId],
    enabled: reader !== undefined,
    staleTime: Infinity,
    queryFn: () => {
      if (reader === undefined) throw new Error("no chain");
      return fetchCreditsToken(reader.client, reader.deployment);
    },
  });
}

/** An account's credits: held, waiting to be claimed, votes and delegate. */
export function useCreditsOf(account: Address) {
  const reader = useChainReader();
  const token = useCreditsToken();
  const credits = useQuery({
    queryKey: ["creditsOf", reader?.chainId, account, token.data],
    enabled: reader !== undefined && token.data !== undefined,
    queryFn: () => {
      if (reader === undefined || token.data === undefined) throw new Error("no chain");
      return fetchCreditsOf(reader.client, reader.deployment, token.data, account);
    },
  });
  // The token only matters until it is known: a failed refresh of it takes nothing away.
  return { data: credits.data, error: firstReadError(token) ?? credits.error, creditsToken: token.data };
}
