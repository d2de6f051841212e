/**
 * A Vite plugin that makes the app's dev and preview servers the local demo's stand-in for an IPFS node:
 *
 * - `GET /ipfs/<cid>` (and HEAD) serves the bytes stored under that CID in the local content store
 *   (lib/content-store.ts, `.hyphae/content/` unless `dir` says otherwise), as a gateway would;
 * - `POST /api/content` stores the raw request body (at most 1 MiB, one IPFS block) and answers
 *   `201 { cid, pointer, pinned }`. When an IPFS API is configured (HYPHAE_IPFS_API_URL: a Kubo node or a pinning
 *   service's Kubo RPC endpoint, see lib/ipfs-api.ts), the content is also added and pinned there, and the answer
 *   is 502 when that fails, so the app never puts a pointer on chain to content that is not pinned.
 *
 * The same handler serves the standalone content API of a public network (scripts/content-api.ts). The app checks
 * every document it reads against its CID (lib/content-address.ts), so it need not trust this server either.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Connect, Plugin } from "vite";
import { canonicalContentId, pointerOf } from "../lib/content-address.js";
import { CONTENT_STORE_DIR, readContent, storeContent } from "../lib/content-store.js";
import { type IpfsApi, ipfsApiFromEnvironment, MAX_BLOCK_BYTES, pinContent } from "../lib/ipfs-api.js";

/** The largest body `POST /api/content` accepts: one IPFS block, so its CID follows from its bytes alone. */
export const MAX_CONTENT_BYTES = MAX_BLOCK_BYTES;

const GATEWAY_PREFIX = "/ipfs/";
const UPLOAD_PATH = "/api/content";

export interface ContentStoreOptions {
  /** The content store's folder; `.hyphae/content/` of the repository by default. */
  dir?: string;
  /** Where uploads are pinned as well; the IPFS API of the environment (HYPHAE_IPFS_API_URL) by default. */
  ipfsApi?: IpfsApi | undefined;
}

/** The options with their defaults filled in. */
function resolved(options: ContentStoreOptions): { dir: string; ipfsApi: IpfsApi | undefined } {
  return {
    dir: options.dir ?? CONTENT_STORE_DIR,
    ipfsApi: "ipfsApi" in options ? options.ipfsApi : ipfsApiFromEnvironment(),
  };
}

/** The media type of stored bytes, from what they contain (a CID says nothing about the type). */
export function sniffContentType(bytes: Uint8Array): string {
  const startsWith = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (startsWith(0xff, 0xd8, 0xff)) return "image/jpeg";
  // "RIFF", a 4-byte size, "WEBP"
  if (
    startsWith(0x52, 0x49, 0x46, 0x46) &&
    [0x57, 0x45, 0x42, 0x50].every((byte, index) => bytes[8 + index] === byte)
  ) {
    return "image/webp";
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a byte-order mark
  } catch {
    return "application/octet-stream";
  }
  try {
    JSON.parse(text);
    return "application/json";
  } catch {
    // not JSON
  }
  const start = text.trimStart();
  if (start.startsWith("<svg") || start.startsWith("<?xml")) return "image/svg+xml";
  return "application/octet-stream";
}

function sendText(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, "content-type": "text/plain; charset=utf-8" });
  res.end(`${message}\n`);
}

async function serveContent(req: IncomingMessage, res: ServerResponse, name: string, dir: string): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendText(res, 405, "method not allowed: use GET", { allow: "GET, HEAD" });
    return;
  }
  const cid = canonicalContentId(name);
  if (cid === undefined) {
    sendText(res, 400, `not a content identifier: ${name}`);
    return;
  }
  const bytes = await readContent(cid, dir);
  if (bytes === undefined) {
    sendText(res, 404, `no content ${cid} in the local content store`);
    return;
  }
  const etag = `"${cid}"`;
  const headers = {
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    // Stored content is data, never a page of the app: an SVG opened on its own runs no script.
    "content-security-policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox",
    "x-content-type-options": "nosniff",
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, "content-type": sniffContentType(bytes), "content-length": bytes.length });
  res.end(req.method === "HEAD" ? undefined : bytes);
}

/** The request's body, or undefined (after answering 413) when it is larger than `MAX_CONTENT_BYTES`. */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Uint8Array | undefined> {
  const tooLarge = () => {
    sendText(res, 413, `content too large: at most ${MAX_CONTENT_BYTES} bytes`);
  };
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_CONTENT_BYTES) {
    tooLarge();
    req.resume(); // discard the body so the client reads the answer
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    let refused = false;
    req.on("data", (chunk: Buffer) => {
      if (refused) return; // discarded
      length += chunk.length;
      if (length > MAX_CONTENT_BYTES) {
        refused = true;
        chunks.length = 0;
        tooLarge();
        resolve(undefined);
      } else {
        chunks.push(chunk);
      }
    });
    req.once("end", () => {
      if (!refused) resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    req.once("error", reject);
  });
}

async function storeUpload(
  req: IncomingMessage,
  res: ServerResponse,
  dir: string,
  ipfsApi: IpfsApi | undefined,
): Promise<void> {
  if (req.method !== "POST") {
    sendText(res, 405, "method not allowed: use POST with the content as the body", { allow: "POST" });
    return;
  }
  const body = await readBody(req, res);
  if (body === undefined) return;
  const cid = await storeContent(body, dir);
  if (ipfsApi !== undefined) {
    try {
      await pinContent(body, ipfsApi);
    } catch (error) {
      sendText(
        res,
        502,
        `stored here but not pinned to IPFS: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
  }
  res.writeHead(201, { "content-type": "application/json", location: `${GATEWAY_PREFIX}${cid}` });
  res.end(JSON.stringify({ cid, pointer: pointerOf(cid), pinned: ipfsApi !== undefined }));
}

/**
 * Answers a request for `/ipfs/<cid>` or `/api/content` and resolves to true; resolves to false, without
 * touching the response, for any other path. Usable with a plain node:http server as well as with Vite.
 */
export async function handleContentRequest(
  req: IncomingMessage,
  res: ServerResponse,
  options: ContentStoreOptions = {},
): Promise<boolean> {
  const { dir, ipfsApi } = resolved(options);
  const { pathname } = new URL(req.url ?? "/", "http://localhost");
  try {
    if (pathname.startsWith(GATEWAY_PREFIX)) {
      await serveContent(req, res, pathname.slice(GATEWAY_PREFIX.length), dir);
    } else if (pathname === UPLOAD_PATH) {
      await storeUpload(req, res, dir, ipfsApi);
    } else {
      return false;
    }
  } catch (error) {
    if (res.headersSent) res.destroy();
    else sendText(res, 500, `content store error: ${error instanceof Error ? error.message : String(error)}`);
  }
  return true;
}

/** `handleContentRequest` as Connect middleware (Vite's): other paths go on to `next`. */
export function contentStoreMiddleware(
  options: ContentStoreOptions = {},
): (req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => void {
  const settings = resolved(options);
  return (req, res, next) => {
    handleContentRequest(req, res, settings).then(
      (handled) => {
        if (!handled) next();
      },
      (error: unknown) => {
        next(error);
      },
    );
  };
}

/** The Vite plugin: the content store on `vite` (dev) and `vite preview`. */
export default function contentStorePlugin(options: ContentStoreOptions = {}): Plugin {
  return {
    name: "hyphae-content-store",
    configureServer(server) {
      server.middlewares.use(contentStoreMiddleware(options));
    },
    configurePreviewServer(server) {
      server.middlewares.use(contentStoreMiddleware(options));
    },
  };
}
