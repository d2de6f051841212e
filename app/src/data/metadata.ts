import { contentIdOfPointer, matchesContentId, pointerOf } from "../../../lib/content-address.ts";
import { env } from "../config/env.ts";

/**
 * What became of a metadata pointer: the verified content, or exactly why there is none. Content is shown
 * only when every byte matches the content identifier stored on chain.
 */
export type Fetched<T> =
  | { state: "verified"; cid: string; value: T }
  | { state: "missing"; cid: string }
  | { state: "mismatch"; cid: string }
  | { state: "invalid"; pointer: string; reason: string };

const MAX_BYTES = 2 * 1024 * 1024;

/** The bytes a pointer names, verified against its CID. */
export async function fetchVerifiedBytes(pointer: string, signal?: AbortSignal): Promise<Fetched<Uint8Array>> {
  const cid = contentIdOfPointer(pointer);
  if (cid === undefined) return { state: "invalid", pointer, reason: "not an ipfs:// content identifier" };
  const response = await fetch(`${env.ipfsGateway}/ipfs/${cid}`, signal ? { signal } : {});
  if (response.status === 404) return { state: "missing", cid };
  if (!response.ok) throw new Error(`the metadata gateway answered ${response.status} for ${cid}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_BYTES) return { state: "invalid", pointer, reason: "larger than 2 MiB" };
  if (!(await matchesContentId(cid, bytes))) return { state: "mismatch", cid };
  return { state: "verified", cid, value: bytes };
}

/** A JSON document a pointer names, verified against its CID and validated by `parse`. */
export async function fetchDocument<T>(
  pointer: string,
  parse: (value: unknown) => T,
  signal?: AbortSignal,
): Promise<Fetched<T>> {
  const fetched = await fetchVerifiedBytes(pointer, signal);
  if (fetched.state !== "verified") return fetched;
  try {
    return { state: "verified", cid: fetched.cid, value: parse(JSON.parse(new TextDecoder().decode(fetched.value))) };
  } catch (error) {
    return { state: "invalid", pointer, reason: error instanceof Error ? error.message : "not a valid document" };
  }
}

const IMAGE_TYPES: readonly [string, (bytes: Uint8Array) => boolean][] = [
  ["image/png", (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ["image/jpeg", (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ["image/webp", (b) => b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50],
  [
    "image/svg+xml",
    (b) => {
      const head = new TextDecoder().decode(b.slice(0, 256)).trimStart();
      return head.startsWith("<svg") || head.startsWith("<?xml");
    },
  ],
];

/** The image type of verified bytes, or undefined if they are not an image the app shows. */
export function imageTypeOf(bytes: Uint8Array): string | undefined {
  return IMAGE_TYPES.find(([, matches]) => matches(bytes))?.[0];
}

/** Verified image bytes as an <img> source, and how to release it once the image is no longer shown. */
export interface ImageSource {
  url: string;
  release: () => void;
}

/**
 * The source an <img> shows verified image bytes from: an object URL (blob:) for PNG, JPEG and WebP, a data: URL
 * for SVG. An SVG may carry script: an <img> never runs it, but a reader may open the image in a tab of its own,
 * where a blob: URL would run it with the app's origin (its storage and wallet sessions) and a data: URL runs it
 * with an opaque origin that reaches nothing of the app. Never a URL a document names.
 */
export function imageSourceOf(bytes: Uint8Array, type: string): ImageSource {
  if (type === "image/svg+xml") {
    let binary = "";
    const CHUNK = 0x8000;
    for (let offset = 0; offset < bytes.length; offset += CHUNK) {
      binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
    }
    return { url: `data:image/svg+xml;base64,${btoa(binary)}`, release: () => undefined };
  }
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  return {
    url,
    release: () => {
      URL.revokeObjectURL(url);
    },
  };
}

/** Stores a document in the configured content store and returns its pointer; the CID is checked locally. */
export async function publishBytes(bytes: Uint8Array): Promise<string> {
  const response = await fetch(env.contentApi, {
    method: "POST",
    headers: { "content-type": "application/octet-stream" },
    body: bytes as BodyInit,
  });
  if (!response.ok) {
    // The store says why in plain text (too large, not pinned to IPFS…): pass its first line on.
    const reason = (await response.text().catch(() => "")).trim().split("\n")[0]?.slice(0, 300) ?? "";
    throw new Error(`the content store refused the document (${response.status})${reason ? `: ${reason}` : ""}`);
  }
  const { cid } = (await response.json()) as { cid: string };
  if (!(await matchesContentId(cid, bytes))) {
    throw new Error("the content store answered with an identifier that does not match the document");
  }
  // The pointer is derived from the verified CID, never taken from the store's answer.
  return pointerOf(cid);
}

/**
 * Stores a document of a kind `parse` validates (one of data/documents.ts) and returns its pointer. The document
 * is validated on write exactly as readers validate it on read, and what is stored is the parsed form, so nothing
 * a reader would refuse is ever published; an invalid document throws `InvalidDocumentError` and stores nothing.
 */
export async function publishDocument<T>(document: T, parse: (value: unknown) => T): Promise<string> {
  const valid = parse(JSON.parse(JSON.stringify(document)) as unknown);
  return publishBytes(new TextEncoder().encode(`${JSON.stringify(valid, null, 2)}\n`));
}
