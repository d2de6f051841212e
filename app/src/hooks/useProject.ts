import { useQueries, useQuery } from "@tanstack/react-query";
import { usePublicClient } from "wagmi";
import type { RoundRef } from "../data/applications.ts";
import { parseProjectProfile } from "../data/documents.ts";
import { fetchDocument } from "../data/metadata.ts";
import { fetchProject, fetchProjectInRounds } from "../data/projectRounds.ts";
import type { RegisteredProject } from "../data/projects.ts";
import { useActiveChain } from "./useActiveChain.ts";

/** One registered project; `null` when the registry has no project with this id. */
export function useProject(projectId: bigint | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["project", active?.chain.id, projectId],
    enabled: active !== undefined && client !== undefined && projectId !== undefined,
    queryFn: async () => {
      if (active === undefined || client === undefined || projectId === undefined) throw new Error("no chain");
      return (await fetchProject(client, active.deployment, projectId)) ?? null;
    },
  });
}

/**
 * A project's application status, document and latest review in each of the given rounds, of either kind. Read again
 * when the rounds are, not whenever one of them changes status: that would reset every round's entry on the page
 * (an application being written among them).
 */
export function useProjectInRounds(projectId: bigint | undefined, rounds: readonly RoundRef[] | undefined) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: [
      "projectInRounds",
      active?.chain.id,
      projectId,
      rounds?.map((round) => `${round.kind}:${round.address}`),
    ],
    enabled: active !== undefined && client !== undefined && projectId !== undefined && rounds !== undefined,
    queryFn: () => {
      if (active === undefined || client === undefined || projectId === undefined || rounds === undefined) {
        throw new Error("no chain");
      }
      return fetchProjectInRounds(client, active.deployment, projectId, rounds);
    },
  });
}

/** The verified profile documents of the given projects, in order (same cache as every other profile read). */
export function useProjectProfiles(projects: readonly RegisteredProject[]) {
  return useQueries({
    queries: projects.map((project) => ({
      queryKey: ["document", "project", project.profilePointer],
      staleTime: Infinity,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchDocument(project.profilePointer, parseProjectProfile, signal),
    })),
  });
}
