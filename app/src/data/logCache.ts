/**
 * A persistent cache of event logs read in block ranges, for the direct read path: a range of blocks that is final
 * never changes, so its logs are kept (IndexedDB in the browser) and a second visit reads only the blocks since.
 * Entries are keyed by chain, query and range; amounts (bigints) survive the round trip. A cache that cannot be
 * opened or read is treated as empty: it only ever saves requests, it never decides what is shown.
 */
export interface LogCacheStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
}

const DATABASE = "hyphae-log-cache";
const STORE = "ranges";
/** Bumped when what the app stores for a query changes shape, so old entries are never read as new ones. */
export const LOG_CACHE_VERSION = 1;

/** An in-memory store: for tests, and where IndexedDB is missing. */
export function memoryStore(): LogCacheStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: (key) => Promise.resolve(entries.get(key)),
    put: (key, value) => {
      entries.set(key, value);
      return Promise.resolve();
    },
  };
}

function request<T>(operation: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    operation.onsuccess = () => {
      resolve(operation.result);
    };
    operation.onerror = () => {
      reject(operation.error ?? new Error("IndexedDB request failed"));
    };
  });
}

/** The browser's IndexedDB as a store (undefined where there is none). */
function indexedDbStore(): LogCacheStore | undefined {
  if (typeof indexedDB === "undefined") return undefined;
  let database: Promise<IDBDatabase> | undefined;
  const open = () => {
    database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open(DATABASE, LOG_CACHE_VERSION);
      opening.onupgradeneeded = () => {
        const db = opening.result;
        if (db.objectStoreNames.contains(STORE)) db.deleteObjectStore(STORE);
        db.createObjectStore(STORE);
      };
      opening.onsuccess = () => {
        resolve(opening.result);
      };
      opening.onerror = () => {
        reject(opening.error ?? new Error("IndexedDB cannot be opened"));
      };
    });
    return database;
  };
  return {
    async get(key) {
      const db = await open();
      const value: unknown = await request(db.transaction(STORE).objectStore(STORE).get(key));
      return typeof value === "string" ? value : undefined;
    },
    async put(key, value) {
      const db = await open();
      await request(db.transaction(STORE, "readwrite").objectStore(STORE).put(value, key));
    },
  };
}

let store: LogCacheStore = indexedDbStore() ?? memoryStore();

/** Replaces the store (tests). */
export function useLogCacheStore(replacement: LogCacheStore): void {
  store = replacement;
}

const BIGINT_TAG = "$bigint";

/** JSON that keeps bigints: `{ "$bigint": "123" }`. */
export function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "bigint" ? { [BIGINT_TAG]: item.toString() } : item,
  );
}

export function deserialise(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) =>
    typeof item === "object" && item !== null && BIGINT_TAG in item && Object.keys(item).length === 1
      ? BigInt((item as Record<string, string>)[BIGINT_TAG] as string)
      : item,
  ) as unknown;
}

/** The cached logs of a final range, or undefined (not cached, or unreadable). */
export async function cachedRange(key: string): Promise<unknown[] | undefined> {
  try {
    const text = await store.get(key);
    if (text === undefined) return undefined;
    const value = deserialise(text);
    return Array.isArray(value) ? (value as unknown[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the logs of a final range; a failure to store is ignored (the next visit reads the range again). */
export async function cacheRange(key: string, logs: readonly unknown[]): Promise<void> {
  try {
    await store.put(key, serialise(logs));
  } catch {
    // a full or unavailable cache only costs requests
  }
}
