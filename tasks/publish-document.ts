/**
 * `npx hardhat publish-document <kind> <file>`: publishes a metadata document (or a logo) the way the app does,
 * for what the app has no form for, such as the network's first node: validates it exactly as every reader will
 * (app/src/data/documents.ts), stores it in the local content store under its CID, pins it to the IPFS API when
 * HYPHAE_IPFS_API_URL is set (lib/ipfs-api.ts), and prints the `ipfs://<cid>` pointer to put on chain.
 *
 * What is stored is the document as readers parse it (trimmed, unknown fields left out); an invalid document stores
 * nothing and the task fails with what is wrong.
 */
import { readFile } from "node:fs/promises";
import { sniffContentType } from "../app/content-store-plugin.js";
import {
  parseApplicationDocument,
  parseContributionDescription,
  parseContributionEvidence,
  parseNodeProfile,
  parseProjectProfile,
  parseReviewDocument,
  parseRoundDescription,
  parseSeasonDescription,
} from "../app/src/data/documents.ts";
import { pointerOf } from "../lib/content-address.js";
import { CONTENT_STORE_DIR, storeContent } from "../lib/content-store.js";
import { ipfsApiFromEnvironment, MAX_BLOCK_BYTES, pinContent } from "../lib/ipfs-api.js";

/** The kinds of document, each with the parser its readers use. */
export const DOCUMENT_KINDS: Record<string, (value: unknown) => unknown> = {
  node: parseNodeProfile,
  project: parseProjectProfile,
  round: parseRoundDescription,
  season: parseSeasonDescription,
  application: parseApplicationDocument,
  review: parseReviewDocument,
  "contribution-description": parseContributionDescription,
  "contribution-evidence": parseContributionEvidence,
};

const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/webp", "image/svg+xml"]);

interface PublishArguments {
  kind: string;
  file: string;
  /** The content store's folder; `.hyphae/content` by default (tests use their own). */
  store?: string;
}

/** The bytes to publish: the parsed document, serialised as the app serialises it, or the logo's bytes as they are. */
async function contentOf(kind: string, file: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(file));
  if (kind === "logo") {
    if (!IMAGE_TYPES.has(sniffContentType(bytes))) throw new Error(`${file} is not a PNG, JPEG, WebP or SVG image`);
    return bytes;
  }
  const parse = DOCUMENT_KINDS[kind];
  if (parse === undefined) {
    throw new Error(`unknown kind "${kind}": one of ${[...Object.keys(DOCUMENT_KINDS), "logo"].join(", ")}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error(`${file} is not JSON`);
  }
  let document: unknown;
  try {
    document = parse(json);
  } catch (error) {
    throw new Error(
      `${file} is not a valid ${kind} document: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
}

/** The task: publishes, or says in one line what is wrong (and exits with 1), never with a stack trace. */
export default async function publishDocumentTask(args: PublishArguments): Promise<string | undefined> {
  try {
    const pointer = await publishDocument(args);
    const pinnedTo = ipfsApiFromEnvironment()?.url;
    console.log(`${pointer}  (${args.kind}; ${pinnedTo ? `pinned to ${pinnedTo}` : "stored locally only"})`);
    return pointer;
  } catch (error) {
    console.error(`publish-document: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return undefined;
  }
}

/** Publishes the document or logo in `file` and returns its pointer; throws with what is wrong. */
export async function publishDocument({ kind, file, store }: PublishArguments): Promise<string> {
  const content = await contentOf(kind, file);
  if (content.length > MAX_BLOCK_BYTES) throw new Error(`${file} is larger than ${MAX_BLOCK_BYTES} bytes`);
  const ipfsApi = ipfsApiFromEnvironment();
  const cid = await storeContent(content, store === undefined || store === "" ? CONTENT_STORE_DIR : store);
  if (ipfsApi !== undefined) await pinContent(content, ipfsApi);
  return pointerOf(cid);
}
