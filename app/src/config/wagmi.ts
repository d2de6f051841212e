import { QueryClient } from "@tanstack/react-query";
import type { Chain, Transport } from "viem";
import { createConfig, fallback, http } from "wagmi";
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

const connectors = [
  // EIP-6963: every injected wallet announces itself (MetaMask, Rabby, ...); `injected()` covers the rest.
  injected({ shimDisconnect: true }),
  ...(env.walletConnectProjectId ? [walletConnect({ projectId: env.walletConnectProjectId, showQrModal: true })] : []),
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
