import type { PublicClient } from "viem";
import { cachedRange, cacheRange } from "./logCache.ts";

/** Blocks per `eth_getLogs` request: public RPC providers limit the range of one request. */
export const LOG_RANGE = 10_000n;

/**
 * Blocks behind the head after which a range is taken as final and may be cached: well past any reorganisation of
 * an L2 or of Ethereum since the merge (two epochs are 64 blocks).
 */
export const FINALITY_DEPTH = 128n;

/** Ranges read at the same time. */
const PARALLEL_RANGES = 4;

export interface LogCacheOptions {
  /**
   * What is read, unique per chain and query (the chain id, the contract, the event and its filter), so final ranges
   * can be kept and read back instead of asked again.
   */
  key: string;
}

/**
 * Whether `error` is a node or provider refusing a range for holding too many logs (providers cap a response at
 * 10,000 logs or a few megabytes; viem caps a response body at 10 MB), rather than a real failure.
 */
export function isTooManyLogs(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "ResponseBodyTooLargeError" || error.name === "LimitExceededRpcError") return true;
  const text = `${error.message} ${"details" in error ? String(error.details) : ""}`;
  return /more than \d+ (results|logs)|too many|response size|size limit|limit exceeded|block range/i.test(text);
}

/**
 * `read` over a range in spans of `span.blocks` blocks, halving the span (down to one block) whenever the node says a
 * span holds too many logs. The span is shared by the ranges of one read, so a dense history is split once, not
 * again for every range: a refused response can be megabytes long.
 */
async function readSplitting<T>(
  read: (range: { fromBlock: bigint; toBlock: bigint }) => Promise<T[]>,
  range: { fromBlock: bigint; toBlock: bigint },
  span: { blocks: bigint },
): Promise<T[]> {
  const logs: T[] = [];
  let from = range.fromBlock;
  while (from <= range.toBlock) {
    const end = from + span.blocks - 1n;
    const to = end < range.toBlock ? end : range.toBlock;
    try {
      logs.push(...(await read({ fromBlock: from, toBlock: to })));
      from = to + 1n;
    } catch (error) {
      if (from === to || !isTooManyLogs(error)) throw error;
      span.blocks = (to - from + 1n) / 2n;
    }
  }
  return logs;
}

/**
 * Runs `read` over [fromBlock, latest] in consecutive ranges of at most LOG_RANGE blocks (halved where a range holds
 * more logs than the node returns at once), and concatenates. With
 * `cache`, each whole range that ends FINALITY_DEPTH blocks or more behind the head is read from the persistent
 * cache when it is there, and stored after it was read.
 */
export async function readLogRanges<T>(
  client: PublicClient,
  fromBlock: bigint,
  read: (range: { fromBlock: bigint; toBlock: bigint }) => Promise<T[]>,
  cache?: LogCacheOptions,
): Promise<T[]> {
  // Not the cached block number: a log written by a transaction just confirmed must be in range.
  const latest = await client.getBlockNumber({ cacheTime: 0 });
  const ranges: { fromBlock: bigint; toBlock: bigint; final: boolean }[] = [];
  for (let from = fromBlock; from <= latest; from += LOG_RANGE) {
    const wholeEnd = from + LOG_RANGE - 1n;
    const to = wholeEnd < latest ? wholeEnd : latest;
    ranges.push({ fromBlock: from, toBlock: to, final: to === wholeEnd && wholeEnd + FINALITY_DEPTH <= latest });
  }
  const span = { blocks: LOG_RANGE };
  const readRange = async ({ final, ...range }: (typeof ranges)[number]): Promise<T[]> => {
    const key = cache !== undefined && final ? `${cache.key}:${range.fromBlock}-${range.toBlock}` : undefined;
    // What was stored for this key is what `read` returned for the range (the key names the query).
    const cached = key === undefined ? undefined : ((await cachedRange(key)) as T[] | undefined);
    if (cached !== undefined) return cached;
    const logs = await readSplitting(read, range, span);
    if (key !== undefined) await cacheRange(key, logs);
    return logs;
  };
  // A few ranges at a time: a long history must not become hundreds of simultaneous requests to a public RPC.
  const results: T[] = [];
  for (let start = 0; start < ranges.length; start += PARALLEL_RANGES) {
    const parts = await Promise.all(ranges.slice(start, start + PARALLEL_RANGES).map(readRange));
    for (const part of parts) results.push(...part);
  }
  return results;
}
