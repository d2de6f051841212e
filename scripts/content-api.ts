/**
 * `npm run content-api`: the content API of a public Hyphae network, for apps built with
 * `HYPHAE_PUBLIC_CONTENT_API=<this server>/api/content`. It answers `POST /api/content` (store the document or logo,
 * pin it to the network's IPFS API, answer its CID) and `GET /ipfs/<cid>` (serve what it stores), with the same
 * handler as the local demo's dev server (app/content-store-plugin.ts).
 *
 * Settings (environment): HYPHAE_IPFS_API_URL and HYPHAE_IPFS_API_AUTHORIZATION, where content is pinned (a Kubo
 * node or a pinning service's Kubo RPC endpoint; the credentials stay on this server, never in the app);
 * HYPHAE_CONTENT_DIR, where it is stored (default `.hyphae/content`); HYPHAE_CONTENT_HOST and HYPHAE_CONTENT_PORT
 * (default 127.0.0.1:8787: put it behind the reverse proxy that serves the app); HYPHAE_CONTENT_ALLOWED_ORIGINS, the
 * app origins that may upload from a browser (comma-separated, like `https://fund.example.org`).
 *
 * Without HYPHAE_IPFS_API_URL it refuses to start: a public network's documents must be pinned, or they vanish
 * with this server's disk. `HYPHAE_CONTENT_UNPINNED=1` starts it anyway (a rehearsal on a local chain).
 */
import { createServer } from "node:http";
import path from "node:path";
import { handleContentRequest } from "../app/content-store-plugin.ts";
import { CONTENT_STORE_DIR } from "../lib/content-store.ts";
import { ipfsApiFromEnvironment } from "../lib/ipfs-api.ts";

const host = process.env.HYPHAE_CONTENT_HOST ?? "127.0.0.1";
const port = Number(process.env.HYPHAE_CONTENT_PORT ?? 8787);
const dir = process.env.HYPHAE_CONTENT_DIR ? path.resolve(process.env.HYPHAE_CONTENT_DIR) : CONTENT_STORE_DIR;
const allowedOrigins = new Set(
  (process.env.HYPHAE_CONTENT_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim())
    .filter((origin) => origin !== ""),
);
const ipfsApi = ipfsApiFromEnvironment();
if (ipfsApi === undefined && process.env.HYPHAE_CONTENT_UNPINNED !== "1") {
  console.error(
    "HYPHAE_IPFS_API_URL is not set: documents would live only on this server's disk. Set it (and\n" +
      "HYPHAE_IPFS_API_AUTHORIZATION if the service needs it), or HYPHAE_CONTENT_UNPINNED=1 for a rehearsal.",
  );
  process.exit(1);
}
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error(`HYPHAE_CONTENT_PORT must be a port number, not ${process.env.HYPHAE_CONTENT_PORT}`);
  process.exit(1);
}

const server = createServer((req, res) => {
  const origin = req.headers.origin;
  if (origin !== undefined && allowedOrigins.has(origin)) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("vary", "origin");
    res.setHeader("access-control-allow-methods", "GET, HEAD, POST");
    res.setHeader("access-control-allow-headers", "content-type");
  }
  if (req.method === "OPTIONS") {
    res.writeHead(origin !== undefined && allowedOrigins.has(origin) ? 204 : 403).end();
    return;
  }
  void handleContentRequest(req, res, { dir, ipfsApi }).then((handled) => {
    if (!handled) res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
  });
});

server.listen(port, host, () => {
  console.log(
    `Hyphae content API on http://${host}:${port} (POST /api/content, GET /ipfs/<cid>); ` +
      `stores in ${dir}; ${ipfsApi ? `pins to ${ipfsApi.url}` : "pins nowhere (rehearsal)"}`,
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
