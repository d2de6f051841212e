import type { Chain } from "viem";
import { useConnection } from "wagmi";
import { chains, deploymentOn } from "../config/chains.ts";
import type { Deployment } from "../generated/deployments.ts";

export interface ActiveChain {
  chain: Chain;
  deployment: Deployment;
  /** The wallet is connected to a chain this build has no deployment on. */
  walletOnOtherChain: boolean;
}

/**
 * The chain the app reads: the wallet's, when Hyphae is deployed there, otherwise the build's first chain.
 * Undefined only when the build has no deployment at all.
 */
export function useActiveChain(): ActiveChain | undefined {
  const { chainId, isConnected } = useConnection();
  const walletChain = chains.find((chain) => chain.id === chainId);
  const chain = walletChain ?? chains[0];
  const deployment = deploymentOn(chain?.id);
  if (chain === undefined || deployment === undefined) return undefined;
  return { chain, deployment, walletOnOtherChain: isConnected && walletChain === undefined };
}
