import type { PublicClient } from "viem";

/** Blocks per `eth_getLogs` request: public RPC providers limit the range of one request. */
export const LOG_RANGE = 10_000n;

/** Runs `read` over [fromBlock, latest] in consecutive ranges of at most LOG_RANGE blocks, and concatenates. */
export async function readLogRanges<T>(
  client: PublicClient,
  fromBlock: bigint,
  read: (range: { fromBlock: bigint; toBlock: bigint }) => Promise<T[]>,
): Promise<T[]> {
  // Not the cached block number: a log written by a transaction just confirmed must be in range.
  const latest = await client.getBlockNumber({ cacheTime: 0 });
  const results: T[] = [];
  for (let from = fromBlock; from <= latest; from += LOG_RANGE) {
    const to = from + LOG_RANGE - 1n < latest ? from + LOG_RANGE - 1n : latest;
    results.push(...(await read({ fromBlock: from, toBlock: to })));
  }
  return results;
}
