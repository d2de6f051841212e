import { useSyncExternalStore } from "react";
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

const CHOSEN_CHAIN_KEY = "hyphae.chain";
const listeners = new Set<() => void>();

/** The chain the reader chose to look at (kept across visits), if it is one of this build's. */
function chosenChainId(): number | undefined {
  const stored = Number(globalThis.localStorage.getItem(CHOSEN_CHAIN_KEY));
  return chains.some((chain) => chain.id === stored) ? stored : undefined;
}

/** Reads chain `chainId` from now on when no wallet decides the chain. */
export function chooseChain(chainId: number): void {
  globalThis.localStorage.setItem(CHOSEN_CHAIN_KEY, String(chainId));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The chain the app reads while no wallet decides it: the one the reader chose, or the build's first. */
export function chainWithoutWallet(): Chain | undefined {
  const chosen = chosenChainId();
  return chains.find((chain) => chain.id === chosen) ?? chains[0];
}

/**
 * The chain the app reads: the wallet's, when Hyphae is deployed there; otherwise the one the reader chose, or the
 * build's first chain. Undefined only when the build has no deployment at all.
 */
export function useActiveChain(): ActiveChain | undefined {
  const { chainId, isConnected } = useConnection();
  // Renders again when the reader chooses another chain.
  useSyncExternalStore(subscribe, chosenChainId);
  const walletChain = chains.find((chain) => chain.id === chainId);
  const chain = walletChain ?? chainWithoutWallet();
  const deployment = deploymentOn(chain?.id);
  if (chain === undefined || deployment === undefined) return undefined;
  return { chain, deployment, walletOnOtherChain: isConnected && walletChain === undefined };
}
