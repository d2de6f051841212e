import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { usePublicClient } from "wagmi";
import { useActiveChain } from "./useActiveChain.ts";

/**
 * The chain's current time in seconds: the latest block's timestamp, advanced by the wall clock since it was
 * read. Windows are judged by chain time (a local chain may run ahead of the wall clock).
 */
export function useChainTime(): bigint | undefined {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const { data } = useQuery({
    queryKey: ["chainTime", active?.chain.id],
    enabled: client !== undefined,
    refetchInterval: 15_000,
    queryFn: async () => {
      if (client === undefined) throw new Error("no client");
      const block = await client.getBlock({ blockTag: "latest" });
      return { timestamp: block.timestamp, readAt: Date.now() };
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
