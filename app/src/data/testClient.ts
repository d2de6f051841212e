/**
 * A stand-in for viem's PublicClient in the data layer's unit tests: events are filtered by their indexed
 * arguments as a node would, view calls (single or in a multicall) are answered by `view`, and every request is
 * recorded so tests can check what was asked of the chain.
 */
import type { PublicClient } from "viem";

export interface FakeEvent {
  eventName: string;
  args: Record<string, unknown>;
}

export interface ViewCall {
  address: string;
  functionName: string;
  args: readonly unknown[];
}

export interface FakeClient {
  client: PublicClient;
  /** Every `getContractEvents` request: its event name and indexed-argument filter. */
  eventRequests: { eventName: string; args: Record<string, unknown> | undefined }[];
  /** Every view call, single or batched. */
  viewCalls: ViewCall[];
}

function matches(value: unknown, filter: unknown): boolean {
  if (filter === undefined || filter === null) return true;
  if (Array.isArray(filter)) return filter.some((item) => matches(value, item));
  if (typeof value === "string" && typeof filter === "string") return value.toLowerCase() === filter.toLowerCase();
  return value === filter;
}

export function fakeClient(options: {
  events?: FakeEvent[];
  view?: (call: ViewCall) => unknown;
  blockTimestamp?: bigint;
}): FakeClient {
  const events = options.events ?? [];
  const eventRequests: FakeClient["eventRequests"] = [];
  const viewCalls: ViewCall[] = [];
  const answer = (call: ViewCall) => {
    viewCalls.push(call);
    if (options.view === undefined) throw new Error(`unexpected call ${call.functionName}`);
    return options.view(call);
  };
  const client = {
    chain: undefined,
    getBlockNumber: () => Promise.resolve(100n),
    getBlock: () => Promise.resolve({ timestamp: options.blockTimestamp ?? 0n }),
    getContractEvents: (request: { eventName: string; args?: Record<string, unknown> }) => {
      eventRequests.push({ eventName: request.eventName, args: request.args });
      return Promise.resolve(
        events.filter(
          (event) =>
            event.eventName === request.eventName &&
            Object.entries(request.args ?? {}).every(([key, filter]) => matches(event.args[key], filter)),
        ),
      );
    },
    readContract: (call: { address: string; functionName: string; args?: readonly unknown[] }) =>
      Promise.resolve(answer({ address: call.address, functionName: call.functionName, args: call.args ?? [] })),
    multicall: (request: { contracts: { address: string; functionName: string; args?: readonly unknown[] }[] }) =>
      Promise.resolve(
        request.contracts.map((call) =>
          answer({ address: call.address, functionName: call.functionName, args: call.args ?? [] }),
        ),
      ),
  };
  return { client: client as unknown as PublicClient, eventRequests, viewCalls };
}
