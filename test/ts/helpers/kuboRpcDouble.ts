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
    const { fileName, bytes } = singleFilePart(Buffer.concat(chunks), req.headers["content-type"] ?? "");
    this.requests.push({
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      fileName,
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
        return {
          status: 200,
          body: `${JSON.stringify({ Name: cid, Hash: await contentIdOf(new Uint8Array([1])), Size: "1" })}\n`,
        };
      case "pin":
        this.pinned.set(cid, bytes);
        return { status: 200, body: `${JSON.stringify({ Name: cid, Hash: cid, Size: String(bytes.length) })}\n` };
    }
  }
}

/** The one file of a multipart/form-data body, as Kubo reads it: its name and its bytes. */
function singleFilePart(body: Buffer, contentType: string): { fileName: string | undefined; bytes: Uint8Array } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const delimiter = `--${boundary?.[1] ?? boundary?.[2] ?? ""}`;
  const start = body.indexOf(delimiter);
  const headersEnd = body.indexOf("\r\n\r\n", start);
  const end = body.indexOf(`\r\n${delimiter}`, headersEnd);
  if (boundary === null || start < 0 || headersEnd < 0 || end < 0)
    return { fileName: undefined, bytes: new Uint8Array() };
  const headers = body.subarray(start, headersEnd).toString("utf8");
  return {
    fileName: /filename="([^"]*)"/.exec(headers)?.[1],
    bytes: new Uint8Array(body.subarray(headersEnd + 4, end)),
  };
}
