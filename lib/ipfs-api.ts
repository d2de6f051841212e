/**
 * Pinning to IPFS through the Kubo RPC API (`POST /api/v0/add`), which a Kubo node serves and pinning services
 * (Filebase, 4EVERLAND, Infura…) offer too. Used server-side only (the content API and the publishing script):
 * the API's credentials never reach the app's bundle.
 *
 * Content is added as one raw block (CIDv1, raw leaves, sha2-256, chunks of 1 MiB), so the CID the node answers is
 * the CID Hyphae computes locally from the bytes (lib/content-address.ts). An answer with any other CID is an
 * error: nothing is trusted that cannot be checked.
 */
import { canonicalContentId, contentIdOf } from "./content-address.js";

/** The largest content that stays one block (and one CID computed from its bytes alone) when added to IPFS. */
export const MAX_BLOCK_BYTES = 1024 * 1024;

export interface IpfsApi {
  /** The API's base URL, like `http://127.0.0.1:5001` or a pinning service's RPC endpoint. */
  url: string;
  /** The `Authorization` header the service wants (`Bearer …`, `Basic …`), if any. */
  authorization?: string;
}

/**
 * The IPFS API the environment names: HYPHAE_IPFS_API_URL, and HYPHAE_IPFS_API_AUTHORIZATION for its
 * `Authorization` header. Undefined when no API is configured (content then stays in the local store).
 */
export function ipfsApiFromEnvironment(
  environment: Record<string, string | undefined> = process.env,
): IpfsApi | undefined {
  const url = environment.HYPHAE_IPFS_API_URL?.trim();
  if (url === undefined || url === "") return undefined;
  const parsed = new URL(url); // throws on a malformed URL: a configuration error must not pass silently
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`HYPHAE_IPFS_API_URL must be an http(s) URL, not ${url}`);
  }
  const authorization = environment.HYPHAE_IPFS_API_AUTHORIZATION?.trim();
  return { url: url.replace(/\/+$/, ""), ...(authorization ? { authorization } : {}) };
}

/** An IPFS API that failed, refused the content or answered with a CID other than the content's. */
export class IpfsApiError extends Error {}

/**
 * Adds and pins `bytes` on the IPFS API and returns their CID, after checking that it is the CID of the bytes.
 * Throws IpfsApiError when the API cannot be reached, refuses, or answers with another CID.
 */
export async function pinContent(bytes: Uint8Array, api: IpfsApi): Promise<string> {
  if (bytes.length > MAX_BLOCK_BYTES) {
    throw new IpfsApiError(`content of ${bytes.length} bytes is larger than one IPFS block (${MAX_BLOCK_BYTES} bytes)`);
  }
  const expected = await contentIdOf(bytes);
  const query = new URLSearchParams({
    "cid-version": "1",
    "raw-leaves": "true",
    hash: "sha2-256",
    chunker: `size-${MAX_BLOCK_BYTES}`,
    pin: "true",
    quieter: "true",
  });
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(bytes)]), expected);
  let response: Response;
  try {
    response = await fetch(`${api.url}/api/v0/add?${query.toString()}`, {
      method: "POST",
      body: form,
      headers: api.authorization === undefined ? {} : { authorization: api.authorization },
      signal: AbortSignal.timeout(60_000),
    });
  } catch (error) {
    throw new IpfsApiError(
      `the IPFS API at ${api.url} cannot be reached: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const text = await response.text();
  if (!response.ok) {
    throw new IpfsApiError(`the IPFS API refused the content (${response.status}): ${text.trim().slice(0, 200)}`);
  }
  // One JSON object per added file, one per line; a single file gives one line.
  const line = text.trim().split("\n").at(-1) ?? "";
  let hash: unknown;
  try {
    hash = (JSON.parse(line) as { Hash?: unknown }).Hash;
  } catch {
    throw new IpfsApiError(`the IPFS API answered something that is not Kubo's JSON: ${line.slice(0, 200)}`);
  }
  const answered = typeof hash === "string" ? canonicalContentId(hash) : undefined;
  if (answered !== expected) {
    throw new IpfsApiError(`the IPFS API answered the CID ${String(hash)}, not ${expected}, the CID of the content`);
  }
  return expected;
}
