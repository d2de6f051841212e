import type { Chain } from "viem";
import { deployments, type Deployment } from "../generated/deployments.ts";
import { chainsOf, chainWith, localChainAt } from "./endpoints.ts";
import { env, rpcUrlSetting } from "./env.ts";

/** The local Hardhat node of `npm start`: the only chain where local demo accounts are offered. */
export const localChain: Chain = localChainAt(env.localRpcUrl);

/**
 * The chain with id `chainId`, reached through `HYPHAE_PUBLIC_RPC_URL_<chainId>` when the build sets it and
 * through the chain's public endpoint otherwise (endpoints.ts).
 */
export function chainFor(chainId: number): Chain | undefined {
  return chainWith(chainId, rpcUrlSetting(chainId), localChain);
}

/**
 * The chains of this build: those with a Hyphae deployment (the build chooses them: HYPHAE_CHAINS of
 * `npm run app:generate`), the first one the default. Empty if nothing is deployed (the app says so).
 */
export const chains: readonly Chain[] = chainsOf(deployments, chainFor);

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
