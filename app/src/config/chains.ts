import type { Chain } from "viem";
import { hardhat, sepolia } from "viem/chains";
import { deployments, type Deployment } from "../generated/deployments.ts";
import { env } from "./env.ts";

/** The local Hardhat node of `npm start`: the only chain where local demo accounts are offered. */
export const localChain: Chain = {
  ...hardhat,
  name: "Local chain",
  rpcUrls: { default: { http: [env.localRpcUrl] } },
};

/** Chains the app knows how to talk to; it shows only those with a Hyphae deployment in this build. */
const knownChains: readonly Chain[] = [localChain, sepolia];

const deployedChains = knownChains.filter((chain) => chain.id in deployments);

/** The chains of this build, the first one the default; empty if nothing is deployed (the app says so). */
export const chains = deployedChains;

export function isLocalChain(chainId: number | undefined): boolean {
  return chainId === localChain.id;
}

/** The Hyphae deployment on `chainId`, or undefined if this build has none there. */
export function deploymentOn(chainId: number | undefined): Deployment | undefined {
  return chainId === undefined ? undefined : deployments[chainId];
}
