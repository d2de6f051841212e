import { once } from "node:events";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer, request } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import contentStorePlugin, {
  MAX_CONTENT_BYTES,
  contentStoreMiddleware,
  sniffContentType,
} from "../../app/content-store-plugin.js";
import { contentIdOf, matchesContentId } from "../../lib/content-address.js";
import { storeContent } from "../../lib/content-store.js";
import { KuboRpcDouble } from "./helpers/kuboRpcDouble.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const WEBP = new Uint8Array([...utf8("RIFF"), 36, 0, 0, 0, ...utf8("WEBPVP8 ")]);
const SVG = utf8('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><title>t</title></svg>\n');

describe("app/content-store-plugin (the dev server's stand-in for an IPFS node)", () => {
  let dir: string;
  let server: Server;
  let base: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "hyphae-content-plugin-"));
    const middleware = contentStoreMiddleware({ dir, ipfsApi: undefined });
    // Requests the middleware passes on reach this fallback, as they would reach the rest of Vite.
    server = createServer((req, res) => {
      middleware(req, res, () => {
        res.writeHead(418, { "content-type": "text/plain" });
        res.end("not for the content store");
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    server.close();
    await once(server, "close");
    await rm(dir, { recursive: true, force: true });
  });

  /** POSTs `body` without a content-length (chunked), as a client streaming an upload would. */
  function postChunked(body: Uint8Array, chunkSize: number): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${base}/api/content`, { method: "POST" }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, text });
        });
      });
      req.on("error", reject);
      for (let offset = 0; offset < body.length; offset += chunkSize) {
        req.write(body.subarray(offset, offset + chunkSize));
      }
      req.end();
    });
  }

  describe("GET /ipfs/<cid>", () => {
    it("serves the stored bytes, immutable, with ETag", async () => {
      const document = utf8('{ "name": "Fraser River Community Mycology Lab" }\n');
      const cid = await storeContent(document, dir);
      const response = await fetch(`${base}/ipfs/${cid}`);
      expect(response.status).to.equal(200);
      expect(response.headers.get("content-type")).to.equal("application/json");
      expect(response.headers.get("cache-control")).to.equal("public, max-age=31536000, immutable");
      expect(response.headers.get("etag")).to.equal(`"${cid}"`);
      expect(response.headers.get("x-content-type-options")).to.equal("nosniff");
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(bytes).to.deep.equal(document);
      expect(await matchesContentId(cid, bytes)).to.equal(true);
    });

    it("answers a revalidation with 304 and a HEAD without a body", async () => {
      const cid = await storeContent(SVG, dir);
      const revalidated = await fetch(`${base}/ipfs/${cid}`, { headers: { "if-none-match": `"${cid}"` } });
      expect(revalidated.status).to.equal(304);
      const head = await fetch(`${base}/ipfs/${cid}`, { method: "HEAD" });
      expect(head.status).to.equal(200);
      expect(head.headers.get("content-type")).to.equal("image/svg+xml");
      expect(head.headers.get("content-length")).to.equal(String(SVG.length));
      expect(await head.text()).to.equal("");
    });

    it("sniffs the content type from the bytes", async () => {
      const cases: [Uint8Array, string][] = [
        [utf8('{"a":1}'), "application/json"],
        [utf8("[1, 2]\n"), "application/json"],
        [SVG, "image/svg+xml"],
        [utf8('\n<?xml version="1.0"?>\n<svg/>'), "image/svg+xml"],
        [PNG, "image/png"],
        [JPEG, "image/jpeg"],
        [WEBP, "image/webp"],
        [utf8("just text"), "application/octet-stream"],
        [utf8('{"a":'), "application/octet-stream"],
        [new Uint8Array([0xc3, 0x28]), "application/octet-stream"], // not UTF-8
        [new Uint8Array(), "application/octet-stream"],
      ];
      for (const [bytes, type] of cases) {
        expect(sniffContentType(bytes), new TextDecoder().decode(bytes)).to.equal(type);
        const response = await fetch(`${base}/ipfs/${await storeContent(bytes, dir)}`);
        expect(response.headers.get("content-type")).to.equal(type);
      }
    });

    it("answers 404 with a plain message for a CID it does not hold", async () => {
      const cid = await contentIdOf(utf8("never stored"));
      const response = await fetch(`${base}/ipfs/${cid}`);
      expect(response.status).to.equal(404);
      expect(response.headers.get("content-type")).to.equal("text/plain; charset=utf-8");
      expect(await response.text()).to.include(cid);
    });

    it("answers 400 for anything that is not a CID, traversals included", async () => {
      await storeContent(utf8("x"), dir);
      for (const name of ["notacid", "", "..%2F..%2Fetc%2Fpasswd", "bafk/extra"]) {
        const response = await fetch(`${base}/ipfs/${name}`);
        expect(response.status, name).to.equal(400);
        expect(response.headers.get("content-type")).to.equal("text/plain; charset=utf-8");
      }
    });

    it("answers 405 to other methods", async () => {
      const cid = await storeContent(utf8("x"), dir);
      for (const method of ["POST", "PUT", "DELETE"]) {
        const response = await fetch(`${base}/ipfs/${cid}`, { method });
        expect(response.status, method).to.equal(405);
        expect(response.headers.get("allow")).to.equal("GET, HEAD");
      }
    });
  });

  describe("POST /api/content", () => {
    it("stores the raw body and answers 201 with its CID and pointer", async () => {
      const document = utf8('{ "name": "Open Micro-Factory Commons" }\n');
      const response = await fetch(`${base}/api/content`, { method: "POST", body: document });
      expect(response.status).to.equal(201);
      expect(response.headers.get("content-type")).to.equal("application/json");
      const cid = await contentIdOf(document);
      expect(await response.json()).to.deep.equal({ cid, pointer: `ipfs://${cid}`, pinned: false });
      expect(response.headers.get("location")).to.equal(`/ipfs/${cid}`);
      expect(await readdir(dir)).to.deep.equal([cid]);
      const served = await fetch(`${base}/ipfs/${cid}`);
      expect(new Uint8Array(await served.arrayBuffer())).to.deep.equal(document);
    });

    it("accepts a body of exactly 1 MiB (one IPFS block), streamed or not", async () => {
      const body = new Uint8Array(MAX_CONTENT_BYTES).fill(0x61);
      const response = await fetch(`${base}/api/content`, { method: "POST", body });
      expect(response.status).to.equal(201);
      const streamed = await postChunked(body, 64 * 1024);
      expect(streamed.status).to.equal(201);
      expect(JSON.parse(streamed.text)).to.deep.equal(await response.json());
    });

    it("refuses a larger body with 413 and stores nothing, whether it declares its length or not", async () => {
      const body = new Uint8Array(MAX_CONTENT_BYTES + 1).fill(0x61);
      const response = await fetch(`${base}/api/content`, { method: "POST", body });
      expect(response.status).to.equal(413);
      expect(response.headers.get("content-type")).to.equal("text/plain; charset=utf-8");
      const streamed = await postChunked(body, 64 * 1024);
      expect(streamed.status).to.equal(413);
      expect(await readdir(dir)).to.deep.equal([]);
    });

    it("answers 405 to other methods", async () => {
      for (const method of ["GET", "PUT", "DELETE"]) {
        const response = await fetch(`${base}/api/content`, { method });
        expect(response.status, method).to.equal(405);
        expect(response.headers.get("allow")).to.equal("POST");
      }
    });
  });

  describe("POST /api/content with an IPFS API configured", () => {
    const kubo = new KuboRpcDouble();
    let pinningServer: Server;
    let pinningBase: string;

    beforeEach(async () => {
      await kubo.start();
      const middleware = contentStoreMiddleware({ dir, ipfsApi: { url: kubo.url, authorization: "Bearer s3cret" } });
      pinningServer = createServer((req, res) => {
        middleware(req, res, () => res.writeHead(418).end());
      });
      pinningServer.listen(0, "127.0.0.1");
      await once(pinningServer, "listening");
      pinningBase = `http://127.0.0.1:${(pinningServer.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      pinningServer.closeAllConnections();
      pinningServer.close();
      await once(pinningServer, "close");
      await kubo.stop();
    });

    it("stores the content here and pins it there, and says so", async () => {
      const logo = SVG;
      const response = await fetch(`${pinningBase}/api/content`, { method: "POST", body: logo });
      expect(response.status).to.equal(201);
      const cid = await contentIdOf(logo);
      expect(await response.json()).to.deep.equal({ cid, pointer: `ipfs://${cid}`, pinned: true });
      expect(kubo.pinned.get(cid)).to.deep.equal(logo);
      expect(kubo.requests[0]?.authorization).to.equal("Bearer s3cret");
      expect(await readdir(dir)).to.deep.equal([cid]);
    });

    it("answers 502 with the reason when pinning fails, so no pointer to unpinned content reaches the chain", async () => {
      kubo.behaviour = "wrong-cid";
      const response = await fetch(`${pinningBase}/api/content`, { method: "POST", body: utf8("{}\n") });
      expect(response.status).to.equal(502);
      expect(await response.text()).to.match(/^stored here but not pinned to IPFS: the IPFS API answered the CID/);
    });
  });

  it("passes every other path on to the next middleware", async () => {
    for (const url of ["/", "/ipfs", "/api/content/x", "/api", "/src/main.tsx"]) {
      const response = await fetch(`${base}${url}`);
      expect(response.status, url).to.equal(418);
    }
  });

  it("is a Vite plugin that adds the middleware to the dev and preview servers", () => {
    const plugin = contentStorePlugin({ dir });
    expect(plugin.name).to.equal("hyphae-content-store");
    for (const hook of [plugin.configureServer, plugin.configurePreviewServer]) {
      expect(hook).to.be.a("function");
      const used: unknown[] = [];
      const fakeServer = { middlewares: { use: (fn: unknown) => used.push(fn) } };
      (hook as (server: unknown) => void).call({}, fakeServer);
      expect(used).to.have.length(1);
      expect(used[0]).to.be.a("function");
    }
  });
});
