import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useConnection, usePublicClient } from "wagmi";
import {
  fetchVoterInRound,
  fetchVotingProjects,
  fetchVotingRoundAddresses,
  fetchVotingRoundSummaries,
  type VotingRoundSummary,
} from "../data/votingRounds.ts";
import { readRoundOfDeployment } from "../data/rounds.ts";
import { useActiveChain } from "./useActiveChain.ts";
import { retryUnlessNotARound } from "./useRounds.ts";

/** Every quadratic voting round of the active chain, with settings and totals. */
export function useVotingRounds() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["votingRounds", active?.chain.id],
    enabled: active !== undefined && client !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      const addresses = await fetchVotingRoundAddresses(client, active.deployment);
      return fetchVotingRoundSummaries(client, active.chain, active.deployment, addresses);
    },
  });
}

/** One voting round's settings and totals. */
export function useVotingRound(address: Address | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["votingRound", active?.chain.id, address],
    enabled: active !== undefined && client !== undefined && address !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined || address === undefined) throw new Error("no chain");
      // Only a round the deployment's VotingRoundFactory created gets a page: any contract can pose as one.
      return readRoundOfDeployment(client, active.deployment, "voting", address, async () => {
        const [round] = await fetchVotingRoundSummaries(client, active.chain, active.deployment, [address]);
        if (round === undefined) throw new Error(`no voting round at ${address}`);
        return round;
      });
    },
    retry: retryUnlessNotARound,
  });
}

/** A voting round's approved projects with votes, voters, estimated payouts and profiles. */
export function useVotingProjects(round: VotingRoundSummary | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["votingProjects", active?.chain.id, round?.address, round?.approvedProjectIds.length],
    enabled: active !== undefined && client !== undefined && round !== undefined,
    queryFn: () => {
      if (active === undefined || client === undefined || round === undefined) throw new Error("no chain");
      return fetchVotingProjects(client, active.deployment, round);
    },
  });
}

/**
 * The connected account in a voting round: voice credits, current ballot (from its events), nonce, eligibility,
 * stewardship and pool funding; undefined without an account.
 */
export function useVoterInRound(round: VotingRoundSummary | undefined, now: bigint | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { address: account } = useConnection();
  // Budgets can be read once the snapshot is past: the key changes then, not every second.
  const snapshotPast = round !== undefined && now !== undefined && round.snapshot < now;
  return useQuery({
    queryKey: ["voterInRound", active?.chain.id, round?.address, account, snapshotPast, round?.status],
    enabled:
      active !== undefined && client !== undefined && round !== undefined && account !== undefined && now !== undefined,
    queryFn: () => {
      if (
        active === undefined ||
        client === undefined ||
        round === undefined ||
        account === undefined ||
        now === undefined
      ) {
        throw new Error("no account");
      }
      return fetchVoterInRound(client, active.deployment, round, account, now);
    },
  });
}
