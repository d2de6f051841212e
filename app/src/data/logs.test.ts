import type { PublicClient } from "viem";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { memoryStore, useLogCacheStore } from "./logCache.ts";
import { FINALITY_DEPTH, LOG_RANGE, readLogRanges } from "./logs.ts";

interface Log {
  block: bigint;
  amount: bigint;
}

/** A chain whose head is `latest`, with one log per range start; `read` records every range asked for. */
function chain(latest: bigint) {
  const client = { getBlockNumber: () => Promise.resolve(latest) } as unknown as PublicClient;
  const read = vi.fn((range: { fromBlock: bigint; toBlock: bigint }) =>
    Promise.resolve<Log[]>([{ block: range.fromBlock, amount: range.fromBlock * 10n ** 18n }]),
  );
  return { client, read };
}

describe("readLogRanges", () => {
  let store: ReturnType<typeof memoryStore>;

  beforeEach(() => {
    store = memoryStore();
    useLogCacheStore(store);
  });

  it("reads [fromBlock, latest] in consecutive ranges of at most LOG_RANGE blocks, in order", async () => {
    const { client, read } = chain(2n * LOG_RANGE + 5n);
    const logs = await readLogRanges(client, 1n, read);
    expect(read.mock.calls.map(([range]) => range)).toEqual([
      { fromBlock: 1n, toBlock: LOG_RANGE },
      { fromBlock: LOG_RANGE + 1n, toBlock: 2n * LOG_RANGE },
      { fromBlock: 2n * LOG_RANGE + 1n, toBlock: 2n * LOG_RANGE + 5n },
    ]);
    expect(logs.map((log) => log.block)).toEqual([1n, LOG_RANGE + 1n, 2n * LOG_RANGE + 1n]);
    expect(store.entries.size).toBe(0); // nothing is cached without a key
  });

  it("keeps final ranges and reads only the rest on the next visit, amounts intact", async () => {
    const latest = 3n * LOG_RANGE + FINALITY_DEPTH;
    const first = chain(latest);
    const logs = await readLogRanges(first.client, 0n, first.read, { key: "31337:0xround:Donated" });
    expect(first.read).toHaveBeenCalledTimes(4);
    // [0, R-1], [R, 2R-1] and [2R, 3R-1] end FINALITY_DEPTH or more behind the head; [3R, latest] is partial.
    expect(store.entries.size).toBe(3);

    const second = chain(latest);
    expect(await readLogRanges(second.client, 0n, second.read, { key: "31337:0xround:Donated" })).toEqual(logs);
    expect(second.read.mock.calls.map(([range]) => range.fromBlock)).toEqual([3n * LOG_RANGE]);
  });

  it("never caches a range near the head, nor the partial range at the head", async () => {
    const { client, read } = chain(LOG_RANGE - 1n + FINALITY_DEPTH - 1n);
    await readLogRanges(client, 0n, read, { key: "k" });
    expect(store.entries.size).toBe(0);
  });

  it("keeps queries apart by key", async () => {
    const latest = LOG_RANGE + FINALITY_DEPTH;
    await readLogRanges(chain(latest).client, 0n, chain(latest).read, { key: "31337:0xa:Donated" });
    const other = chain(latest);
    await readLogRanges(other.client, 0n, other.read, { key: "31337:0xb:Donated" });
    expect(other.read).toHaveBeenCalledTimes(2);
  });

  it("reads a range again when its cached entry is unreadable", async () => {
    const latest = LOG_RANGE + FINALITY_DEPTH;
    store.entries.set(`k:0-${LOG_RANGE - 1n}`, "{not json");
    const { client, read } = chain(latest);
    const logs = await readLogRanges(client, 0n, read, { key: "k" });
    expect(read).toHaveBeenCalledTimes(2);
    expect(logs[0]).toEqual({ block: 0n, amount: 0n });
  });

  it("halves a range the node refuses for holding too many logs, until it answers", async () => {
    const client = { getBlockNumber: () => Promise.resolve(99n) } as unknown as PublicClient;
    const read = vi.fn((range: { fromBlock: bigint; toBlock: bigint }) => {
      if (range.toBlock - range.fromBlock >= 25n) {
        return Promise.reject(new Error("query returned more than 10000 results. Try with this block range"));
      }
      return Promise.resolve([{ block: range.fromBlock, amount: 1n }]);
    });
    const logs = await readLogRanges(client, 0n, read);
    expect(logs.map((log) => log.block)).toEqual([0n, 25n, 50n, 75n]);
  });

  it("does not hide other failures behind splitting", async () => {
    const client = { getBlockNumber: () => Promise.resolve(99n) } as unknown as PublicClient;
    const read = vi.fn(() => Promise.reject(new Error("execution reverted")));
    await expect(readLogRanges(client, 0n, read)).rejects.toThrow("execution reverted");
    expect(read).toHaveBeenCalledTimes(1);
  });
});
