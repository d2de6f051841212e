/**
 * The app's settings, from HYPHAE_PUBLIC_* variables at build time (Vite inlines them; nothing else from the
 * environment reaches the bundle). What each one means: settings.ts.
 */
import { readSettings, rpcUrlOf } from "./settings.ts";

export const env = readSettings(import.meta.env);

/**
 * The JSON-RPC URL the build names for chain `chainId` (`HYPHAE_PUBLIC_RPC_URL_10=https://…`), if any. It is
 * bundled, so it must be a public endpoint: never a URL that carries a private API key.
 */
export function rpcUrlSetting(chainId: number): string | undefined {
  return rpcUrlOf(import.meta.env, chainId);
}
