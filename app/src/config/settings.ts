/**
 * The app's settings as pure functions of its HYPHAE_PUBLIC_* variables: the app reads the variables from
 * `import.meta.env` (env.ts) and the build from Vite's resolved environment (app/csp-plugin.ts). Free of imports,
 * so that the page's first script (src/prefetch.ts) can read the indexer's URL without loading viem.
 */

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
