import { QueryClient } from "@tanstack/react-query";
import type { Chain, Transport } from "viem";
import { type Config, type CreateConnectorFn, createConfig, fallback, http } from "wagmi";
import { hashFn } from "wagmi/query";
import { injected, walletConnect } from "wagmi/connectors";
import { chains, devChain, localChain } from "./chains.ts";
import { chainsToReach } from "./endpoints.ts";
import { env } from "./env.ts";
import { localDemoAccounts } from "./localDemoAccounts.ts";

function transportFor(chain: Chain): Transport {
  const urls = chain.rpcUrls.default.http;
  // The JSON-RPC requests of one moment travel in one HTTP request (reads are multicalls: see data/chainReads.ts).
  const batch = { batch: { wait: 16 } };
  return urls.length > 1 ? fallback(urls.map((url) => http(url, batch))) : http(urls[0], batch);
}

/**
 * WalletConnect, when the build has a project id. Its provider is over a megabyte of JavaScript, which wagmi loads
 * and starts as soon as the connector is set up: the connector is set up only when the reader opens the connect
 * dialog (`offerWalletConnect`), or as the app starts when the reader's last wallet was WalletConnect (to reconnect).
 */
const walletConnectConnector =
  env.walletConnectProjectId === undefined
    ? undefined
    : walletConnect({ projectId: env.walletConnectProjectId, showQrModal: true });

/** Whether the reader last connected through WalletConnect, as wagmi records it (`wagmi.recentConnectorId`). */
export function lastConnectedThroughWalletConnect(storage: Pick<Storage, "getItem">): boolean {
  return storage.getItem("wagmi.recentConnectorId") === JSON.stringify(walletConnect.type);
}

const connectors = [
  // EIP-6963: every injected wallet announces itself (MetaMask, Rabby, ...); `injected()` covers the rest.
  injected({ shimDisconnect: true }),
  ...(walletConnectConnector !== undefined && lastConnectedThroughWalletConnect(globalThis.localStorage)
    ? [walletConnectConnector]
    : []),
  ...(devChain === undefined ? [] : [localDemoAccounts()]),
];

function configFor(configured: readonly Chain[]) {
  const chainList = chainsToReach(configured, localChain);
  return createConfig({
    chains: chainList,
    connectors,
    multiInjectedProviderDiscovery: true,
    transports: Object.fromEntries(chainList.map((chain) => [chain.id, transportFor(chain)])),
    ssr: false,
  });
}

export const wagmiConfig = configFor(chains);

/**
 * Adds the connector `connectorFn` makes to `config`'s connectors, set up as wagmi sets up those it starts with,
 * unless one with the same `id` is there already.
 */
export function offerConnector(config: Config, id: string, connectorFn: CreateConnectorFn): void {
  if (config.connectors.some((connector) => connector.id === id)) return;
  const connector = config._internal.connectors.setup(connectorFn);
  config._internal.connectors.setState((current) => [...current, connector]);
}

/** Offers WalletConnect when the build has it (and so loads its provider): the reader is about to connect. */
export function offerWalletConnect(): void {
  if (walletConnectConnector !== undefined) offerConnector(wagmiConfig, walletConnect.type, walletConnectConnector);
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Query keys may hold bigints (amounts, ids): hash them the way wagmi does.
      queryKeyHashFn: hashFn,
      // Chain reads are cheap to repeat but not free: reuse them for a few seconds, refresh on focus.
      staleTime: 4_000,
      refetchOnWindowFocus: true,
      retry: 2,
    },
  },
});

declare module "wagmi" {
  interface Register {
    config: typeof wagmiConfig;
  }
}
