/**
 * The app's settings, from HYPHAE_PUBLIC_* variables at build time (Vite inlines them; nothing else from the
 * environment reaches the bundle).
 */
function setting(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

export const env = {
  /** JSON-RPC URL of the local Hardhat node (chain 31337); `npm start` sets it to the port it uses. */
  localRpcUrl: setting(import.meta.env.HYPHAE_PUBLIC_LOCAL_RPC_URL) ?? "http://127.0.0.1:8545",
  /** WalletConnect Cloud project id; WalletConnect is offered only when it is set. */
  walletConnectProjectId: setting(import.meta.env.HYPHAE_PUBLIC_WALLETCONNECT_PROJECT_ID),
  /** Where metadata documents are fetched from: `<gateway>/ipfs/<cid>`; every byte is verified against the CID. */
  ipfsGateway: setting(import.meta.env.HYPHAE_PUBLIC_IPFS_GATEWAY) ?? "",
  /** Where new metadata documents are stored: the local content store of `npm start` by default. */
  contentApi: setting(import.meta.env.HYPHAE_PUBLIC_CONTENT_API) ?? "/api/content",
  /**
   * The indexer (indexer/, `npm run indexer`) that serves rounds and their project lists in one request each, for
   * large deployments; without it the app reads the chain directly.
   */
  indexerUrl: setting(import.meta.env.HYPHAE_PUBLIC_INDEXER_URL)?.replace(/\/+$/, ""),
} as const;

/**
 * The JSON-RPC URL the build names for chain `chainId` (`HYPHAE_PUBLIC_RPC_URL_10=https://…`), if any. It is
 * bundled, so it must be a public endpoint: never a URL that carries a private API key.
 */
export function rpcUrlSetting(chainId: number): string | undefined {
  const variables = import.meta.env as Record<string, unknown>;
  return setting(variables[`HYPHAE_PUBLIC_RPC_URL_${chainId}`]);
}
