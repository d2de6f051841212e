/**
 * The chains the app talks to, as pure functions of its settings (settings.ts): the app (chains.ts, wagmi.ts) and
 * the build, which writes the page's Content-Security-Policy from them (app/csp-plugin.ts), use the same
 * definitions, so the policy allows exactly the servers the app contacts. Nothing here reads `import.meta`.
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
