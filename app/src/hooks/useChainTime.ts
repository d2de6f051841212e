import { type QueryClient, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { PublicClient } from "viem";
import { type Config, usePublicClient } from "wagmi";
import { getPublicClient } from "wagmi/actions";
import { chainWithoutWallet, useActiveChain } from "./useActiveChain.ts";

/** How often the chain's time is read again; between reads the wall clock advances it. */
const REFRESH_MS = 15_000;

const chainTimeKey = (chainId: number | undefined) => ["chainTime", chainId] as const;

async function readChainTime(client: Pick<PublicClient, "getBlock">) {
  const block = await client.getBlock({ blockTag: "latest" });
  return { timestamp: block.timestamp, readAt: Date.now() };
}

/**
 * Starts reading the time of the chain the app will most likely read (a wallet that reconnects may choose another
 * one later), as soon as the app starts: pages with windows wait for it before they render, and the request then
 * leaves before the first render rather than after it.
 */
export function prefetchChainTime(queryClient: QueryClient, config: Config): void {
  const chain = chainWithoutWallet();
  const client = chain === undefined ? undefined : getPublicClient(config, { chainId: chain.id });
  if (chain === undefined || client === undefined) return;
  // A failure is the page's to show: its own query reads again.
  queryClient.query({ queryKey: chainTimeKey(chain.id), queryFn: () => readChainTime(client) }).catch(() => undefined);
}

/**
 * The chain's current time in seconds: the latest block's timestamp, advanced by the wall clock since it was
 * read. Windows are judged by chain time (a local chain may run ahead of the wall clock).
 */
export function useChainTime(): bigint | undefined {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { data } = useQuery({
    queryKey: chainTimeKey(active?.chain.id),
    enabled: client !== undefined,
    refetchInterval: REFRESH_MS,
    queryFn: () => {
      if (client === undefined) throw new Error("no client");
      return readChainTime(client);
    },
  });
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setTick(Date.now());
    }, 1_000);
    return () => {
      clearInterval(timer);
    };
  }, []);
  if (data === undefined) return undefined;
  return data.timestamp + BigInt(Math.max(0, Math.floor((tick - data.readAt) / 1000)));
}
