import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { contentIdOf } from "../../../lib/content-address.js";

/** How the double answers `POST /api/v0/add`. */
export type KuboBehaviour = "pin" | "wrong-cid" | "refuse" | "not-json";

/** One request the double received. */
export interface KuboRequest {
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  fileName: string | undefined;
  bytes: Uint8Array;
}

/**
 * A stand-in for a Kubo node's RPC API, for tests: `POST /api/v0/add` with a multipart file answers what Kubo
 * answers for a file of one block added with `cid-version=1&raw-leaves=true` (its raw CIDv1), keeps the pinned
 * bytes, and records every request. `behaviour` makes it fail in the ways a real service can.
 */
export class KuboRpcDouble {
  readonly requests: KuboRequest[] = [];
  readonly pinned = new Map<string, Uint8Array>();
  behaviour: KuboBehaviour = "pin";
  private server: Server | undefined;
  url = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.answer(req).then(
        ({ status, body }) => {
          res.writeHead(status, { "content-type": status === 200 ? "application/json" : "text/plain" });
          res.end(body);
        },
        (error: unknown) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(String(error));
        },
      );
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (this.server === undefined) return;
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, "close");
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: string }> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // Node's fetch Request parses a multipart body exactly as a server framework would.
    const form = await new Request(url, {
      method: "POST",
      headers: { "content-type": req.headers["content-type"] ?? "" },
      body: Buffer.concat(chunks),
    }).formData();
    const file = form.get("file");
    const bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    this.requests.push({
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      fileName: file instanceof File ? file.name : undefined,
      bytes,
    });
    if (req.method !== "POST" || url.pathname !== "/api/v0/add") return { status: 404, body: "404 page not found" };
    const cid = await contentIdOf(bytes);
    switch (this.behaviour) {
      case "refuse":
        return { status: 500, body: "pinning quota exceeded" };
      case "not-json":
        return { status: 200, body: "<html>a login page</html>" };
      case "wrong-cid":
        return { status: 200, body: `${JSON.stringify({ Name: cid, Hash: await contentIdOf(new Uint8Array([1])), Size: "1" })}\n` };
      case "pin":
        this.pinned.set(cid, bytes);
        return { status: 200, body: `${JSON.stringify({ Name: cid, Hash: cid, Size: String(bytes.length) })}\n` };
    }
  }
}
