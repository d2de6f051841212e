/**
 * A minimal JSON-RPC client for the scale benchmark: single calls and batches of many calls in one HTTP request,
 * which is what makes seeding a hundred thousand donations take minutes rather than hours.
 */
export interface RpcCall {
  method: string;
  params: unknown[];
}

interface RpcAnswer {
  id: number;
  result?: unknown;
  error?: { code: number; message: string };
}

export class JsonRpc {
  constructor(readonly url: string) {}

  async call<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
    const [result] = await this.batch([{ method, params }]);
    return result as T;
  }

  /** Sends the calls in batches of `size`; any error fails the whole run, with the method and the node's words. */
  async batch(calls: readonly RpcCall[], size = 500): Promise<unknown[]> {
    const results: unknown[] = [];
    for (let start = 0; start < calls.length; start += size) {
      const chunk = calls.slice(start, start + size);
      const response = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(chunk.map((call, index) => ({ jsonrpc: "2.0", id: index, ...call }))),
      });
      if (!response.ok) throw new Error(`the node answered ${response.status} to a batch of ${chunk[0]?.method}`);
      const answers = ((await response.json()) as RpcAnswer[]).sort((a, b) => a.id - b.id);
      for (const answer of answers) {
        if (answer.error) {
          const call = chunk[answer.id];
          throw new Error(`${call?.method} failed: ${answer.error.message}`);
        }
        results.push(answer.result);
      }
    }
    return results;
  }
}
