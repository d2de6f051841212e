/**
 * A chain, a wallet and a content store for rendering the app's real pages in unit tests (jsdom). The pages' hooks
 * read through wagmi's `usePublicClient` and `useConnection` and through `useActiveChain`: a test file replaces
 * those three with the ones here (see `mockWagmi`), then says what the chain answers with `setChain`. Documents are
 * served by CID from `contentStore`, so they go through the app's own verification and validation.
 */
import type { Address, Chain, PublicClient } from "viem";
import { hardhat } from "viem/chains";
import { contentIdOf, pointerOf } from "../../../lib/content-address.ts";
import type { ActiveChain } from "../hooks/useActiveChain.ts";
import { type FakeEvent, fakeClient, type ViewCall } from "../data/testClient.ts";
import type { Deployment } from "../generated/deployments.ts";

export type { ViewCall } from "../data/testClient.ts";

/** A deployment's addresses, made up: the fake chain answers by function name and address. */
export const TEST_DEPLOYMENT: Deployment = {
  projectRegistry: "0x1000000000000000000000000000000000000001",
  roundFactory: "0x1000000000000000000000000000000000000002",
  roundImplementation: "0x1000000000000000000000000000000000000003",
  nodeRegistry: "0x1000000000000000000000000000000000000004",
  contributionLedger: "0x1000000000000000000000000000000000000005",
  votingRoundFactory: "0x1000000000000000000000000000000000000006",
  votingRoundImplementation: "0x1000000000000000000000000000000000000007",
  fromBlock: 1,
};

/** The local chain, without Multicall3: reads are single calls the fake chain answers one by one. */
export const TEST_CHAIN: Chain = { ...hardhat, name: "Test chain", contracts: {} };

export const ACTIVE_CHAIN: ActiveChain = { chain: TEST_CHAIN, deployment: TEST_DEPLOYMENT, walletOnOtherChain: false };

interface ChainState {
  client: PublicClient;
  viewCalls: ViewCall[];
  account: Address | undefined;
}

const state: ChainState = { ...emptyChain(), account: undefined };

function emptyChain() {
  const { client, viewCalls } = fakeClient({
    view: (call) => {
      throw new Error(`the test chain has no answer for ${call.functionName}`);
    },
  });
  return { client, viewCalls };
}

/**
 * What the chain answers from now on: `view` for every view call (throw for a call the test does not expect), the
 * events, the block time, and the connected account (none by default). Returns the record of view calls.
 */
export function setChain(options: {
  view: (call: ViewCall) => unknown;
  events?: FakeEvent[];
  blockTimestamp?: bigint;
  account?: Address;
}): ViewCall[] {
  const { client, viewCalls } = fakeClient(options);
  state.client = client;
  state.viewCalls = viewCalls;
  state.account = options.account;
  return viewCalls;
}

/** wagmi as the pages see it, on the fake chain: pass wagmi's own module (`importOriginal`). */
export function mockWagmi<T extends object>(actual: T) {
  return {
    ...actual,
    usePublicClient: () => state.client,
    useConnection: () => ({
      address: state.account,
      isConnected: state.account !== undefined,
      chainId: state.account === undefined ? undefined : TEST_CHAIN.id,
    }),
    useConfig: () => ({}),
  };
}

/** `useActiveChain` on the fake chain. */
export function mockActiveChain() {
  return { useActiveChain: () => ACTIVE_CHAIN, chooseChain: () => undefined };
}

/** A content store that serves what is added to it at `<gateway>/ipfs/<cid>`, and 404 for anything else. */
export function contentStore() {
  const files = new Map<string, Uint8Array>();
  return {
    /** Stores a JSON document (or the bytes of a Buffer or typed array) and returns its pointer, `ipfs://<cid>`. */
    async add(content: unknown): Promise<string> {
      // Copied into this realm's Uint8Array (under jsdom, Node's Buffer and TextEncoder make arrays of another
      // realm, which multiformats refuses), as the app's own `new Uint8Array(response)` is.
      const bytes = Uint8Array.from(
        ArrayBuffer.isView(content)
          ? Buffer.from(content.buffer, content.byteOffset, content.byteLength)
          : Buffer.from(JSON.stringify(content), "utf8"),
      );
      const cid = await contentIdOf(bytes);
      files.set(cid, bytes);
      return pointerOf(cid);
    },
    /** `fetch` for the gateway, to stub globally. */
    fetch: (input: RequestInfo | URL): Promise<Response> => {
      const url = input instanceof Request ? input.url : String(input);
      const match = /\/ipfs\/([^/?#]+)$/.exec(url);
      const bytes = match?.[1] === undefined ? undefined : files.get(match[1]);
      return Promise.resolve(
        bytes === undefined ? new Response("not found", { status: 404 }) : new Response(new Uint8Array(bytes)),
      );
    },
  };
}
