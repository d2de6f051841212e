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
import { deployments, type Deployment } from "../generated/deployments.ts";
import { env, rpcUrlSetting } from "./env.ts";

/** The local Hardhat node of `npm start`: the only chain where local demo accounts are offered. */
export const localChain: Chain = {
  ...hardhat,
  name: "Local chain",
  rpcUrls: { default: { http: [env.localRpcUrl] } },
};

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
 * The chain with id `chainId`, reached through `HYPHAE_PUBLIC_RPC_URL_<chainId>` when the build sets it (a
 * provider of the network's choosing) and through the chain's public endpoint otherwise. A chain the app does not
 * know (another L2, a second local node) needs its RPC URL: without one it is left out.
 */
export function chainFor(chainId: number): Chain | undefined {
  if (chainId === localChain.id) return localChain;
  const rpcUrl = rpcUrlSetting(chainId);
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

/**
 * The chains of this build: those with a Hyphae deployment (the build chooses them: HYPHAE_CHAINS of
 * `npm run app:generate`), the first one the default. Empty if nothing is deployed (the app says so).
 */
export const chains: readonly Chain[] = Object.keys(deployments)
  .map(Number)
  .map(chainFor)
  .filter((chain): chain is Chain => chain !== undefined);

/** Whether every RPC URL of `chain` is a node on this machine (a development chain, never a public one). */
function servedLocally(chain: Chain): boolean {
  return chain.rpcUrls.default.http.every((url) => {
    const host = new URL(url).hostname;
    return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
  });
}

/**
 * The chain of this build whose node runs on this machine (the demo's, or a second local chain rehearsing a
 * deployment), if any: the only chain where the node's own unlocked accounts are offered as "Local demo accounts".
 */
export const devChain: Chain | undefined = chains.find(servedLocally);

/** The Hyphae deployment on `chainId`, or undefined if this build has none there. */
export function deploymentOn(chainId: number | undefined): Deployment | undefined {
  return chainId === undefined ? undefined : deployments[chainId];
}
