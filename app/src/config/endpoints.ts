/**
 * The servers the app talks to, as pure functions of its HYPHAE_PUBLIC_* settings: the app reads the settings from
 * `import.meta.env` (env.ts, chains.ts, wagmi.ts) and the build reads them from Vite's resolved environment to write
 * the page's Content-Security-Policy (app/csp-plugin.ts). One definition for both, so the policy allows exactly
 * the servers the app contacts. Nothing here reads `import.meta`.
 */
import { type Chain, defineChain } from "viem";
import {
  arbitrum,
  arbitrumSepolia,
  base,
  baseSepolia,
  hardhat,
  mainnet,
  optimism,
  optimismSepolia,
  sepolia,
} from "viem/chains";

/** The build's environment as Vite hands it over: HYPHAE_PUBLIC_* variables, and Vite's own (MODE, BASE_URL…). */
export type PublicVariables = Readonly<Record<string, unknown>>;

export interface AppSettings {
  /** JSON-RPC URL of the local Hardhat node (chain 31337); `npm start` sets it to the port it uses. */
  localRpcUrl: string;
  /** WalletConnect Cloud project id; WalletConnect is offered only when it is set. */
  walletConnectProjectId: string | undefined;
  /** Where metadata documents are fetched from: `<gateway>/ipfs/<cid>`; every byte is verified against the CID. */
  ipfsGateway: string;
  /** Where new metadata documents are stored: the local content store of `npm start` by default. */
  contentApi: string;
  /**
   * The indexer (indexer/, `npm run indexer`) that serves rounds and their project lists in one request each, for
   * large deployments; without it the app reads the chain directly.
   */
  indexerUrl: string | undefined;
}

function setting(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** The app's settings from the build's variables, with their defaults. */
export function readSettings(variables: PublicVariables): AppSettings {
  return {
    localRpcUrl: setting(variables.HYPHAE_PUBLIC_LOCAL_RPC_URL) ?? "http://127.0.0.1:8545",
    walletConnectProjectId: setting(variables.HYPHAE_PUBLIC_WALLETCONNECT_PROJECT_ID),
    ipfsGateway: setting(variables.HYPHAE_PUBLIC_IPFS_GATEWAY) ?? "",
    contentApi: setting(variables.HYPHAE_PUBLIC_CONTENT_API) ?? "/api/content",
    indexerUrl: setting(variables.HYPHAE_PUBLIC_INDEXER_URL)?.replace(/\/+$/, ""),
  };
}

/**
 * The JSON-RPC URL the build names for chain `chainId` (`HYPHAE_PUBLIC_RPC_URL_10=https://…`), if any. It is
 * bundled, so it must be a public endpoint: never a URL that carries a private API key.
 */
export function rpcUrlOf(variables: PublicVariables, chainId: number): string | undefined {
  return setting(variables[`HYPHAE_PUBLIC_RPC_URL_${chainId}`]);
}

/** The local Hardhat node of `npm start`, at `rpcUrl`: the only chain where local demo accounts are offered. */
export function localChainAt(rpcUrl: string): Chain {
  return { ...hardhat, name: "Local chain", rpcUrls: { default: { http: [rpcUrl] } } };
}

/** The public chains hardhat.config.ts can deploy to, with their public RPC endpoints. */
const publicChains: readonly Chain[] = [
  mainnet,
  sepolia,
  optimism,
  optimismSepolia,
  base,
  baseSepolia,
  arbitrum,
  arbitrumSepolia,
];

/**
 * The chain with id `chainId`: `localChain` for the local node's id; otherwise reached through `rpcUrl` when the
 * build names one (a provider of the network's choosing) and through the chain's public endpoint if not. A chain
 * the app does not know (another L2, a second local node) needs its RPC URL: without one it is left out.
 */
export function chainWith(chainId: number, rpcUrl: string | undefined, localChain: Chain): Chain | undefined {
  if (chainId === localChain.id) return localChain;
  const known = publicChains.find((chain) => chain.id === chainId);
  if (known !== undefined) {
    return rpcUrl === undefined ? known : { ...known, rpcUrls: { default: { http: [rpcUrl] } } };
  }
  if (rpcUrl === undefined) return undefined;
  return defineChain({
    id: chainId,
    name: `Chain ${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

/** The chains of a build's deployments (keyed by chain id) that `chainFor` can reach, in the deployments' order. */
export function chainsOf(
  deployments: Readonly<Record<number, unknown>>,
  chainFor: (chainId: number) => Chain | undefined,
): Chain[] {
  return Object.keys(deployments)
    .map(Number)
    .map(chainFor)
    .filter((chain): chain is Chain => chain !== undefined);
}

/**
 * The chains the wallet configuration reaches: the build's chains, the first one the default; a build without
 * deployments still renders (it says there is nothing to show) on the local chain.
 */
export function chainsToReach(configured: readonly Chain[], localChain: Chain): readonly [Chain, ...Chain[]] {
  const [first, ...rest] = configured;
  return first === undefined ? [localChain] : [first, ...rest];
}
