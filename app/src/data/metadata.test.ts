// @vitest-environment node
// metadata.ts touches no DOM. Under jsdom, TextEncoder is jsdom's and returns Uint8Arrays of another realm, which
// multiformats refuses ("Unknown type, must be binary type"); browsers and Node have one realm, as here.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentIdOf, pointerOf } from "../../../lib/content-address.ts";
import { parseProjectProfile, parseReviewDocument } from "./documents.ts";
import { fetchDocument, fetchVerifiedBytes, imageTypeOf, publishDocument } from "./metadata.ts";

const DEMO = join(import.meta.dirname, "../../../demo");
const utf8 = (text: string) => new TextEncoder().encode(text);

/** fetch as metadata.ts calls it: with a URL string. */
type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

/** A gateway that serves `files` by CID at `.../ipfs/<cid>` and answers 404 for anything else. */
function stubGateway(files: Record<string, Uint8Array>) {
  const fetchMock = vi.fn<Fetch>((url) => {
    const match = /\/ipfs\/([^/?#]+)$/.exec(url);
    const bytes = match?.[1] === undefined ? undefined : files[match[1]];
    return Promise.resolve(
      bytes === undefined ? new Response("not found", { status: 404 }) : new Response(new Uint8Array(bytes)),
    );
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

/** A gateway that answers every request with `response`. */
function stubAnswer(response: () => Response) {
  const fetchMock = vi.fn<Fetch>(() => Promise.resolve(response()));
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("fetchVerifiedBytes", () => {
  it("returns bytes that match the pointer's CID as verified", async () => {
    const bytes = utf8("hello world\n");
    const cid = await contentIdOf(bytes);
    const fetchMock = stubGateway({ [cid]: bytes });

    const fetched = await fetchVerifiedBytes(pointerOf(cid));

    expect(fetched).toEqual({ state: "verified", cid, value: bytes });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]?.[0]).toMatch(new RegExp(`/ipfs/${cid}$`));
  });

  it("reports bytes that do not match the CID as a mismatch, never as content", async () => {
    const bytes = utf8('{"name": "Seeds", "description": "Free seeds."}\n');
    const cid = await contentIdOf(bytes);
    const tampered = bytes.slice();
    tampered[10] = "X".charCodeAt(0);
    stubGateway({ [cid]: tampered });

    expect(await fetchVerifiedBytes(pointerOf(cid))).toEqual({ state: "mismatch", cid });
  });

  it("reports a 404 from the gateway as missing", async () => {
    const cid = await contentIdOf(utf8("nobody stored this\n"));
    stubGateway({});

    expect(await fetchVerifiedBytes(pointerOf(cid))).toEqual({ state: "missing", cid });
  });

  it("fails loudly when the gateway answers with another error", async () => {
    const cid = await contentIdOf(utf8("x"));
    stubAnswer(() => new Response("busy", { status: 503 }));

    await expect(fetchVerifiedBytes(pointerOf(cid))).rejects.toThrow(`the metadata gateway answered 503 for ${cid}`);
  });

  it.each(["demo://projects/1", "https://example.org/profile.json", "", "ipfs://not-a-cid", "ipfs://"])(
    "reports the pointer %j as invalid without fetching anything",
    async (pointer) => {
      const fetchMock = stubGateway({});

      expect(await fetchVerifiedBytes(pointer)).toEqual({
        state: "invalid",
        pointer,
        reason: "not an ipfs:// content identifier",
      });
      expect(fetchMock).not.toHaveBeenCalled();
    },
  );

  it("reports content larger than 2 MiB as invalid", async () => {
    const bytes = new Uint8Array(2 * 1024 * 1024 + 1);
    const cid = await contentIdOf(bytes);
    const pointer = pointerOf(cid);
    stubGateway({ [cid]: bytes });

    expect(await fetchVerifiedBytes(pointer)).toEqual({ state: "invalid", pointer, reason: "larger than 2 MiB" });
  });

  it("passes the abort signal on to fetch", async () => {
    const bytes = utf8("signal\n");
    const cid = await contentIdOf(bytes);
    const fetchMock = stubGateway({ [cid]: bytes });
    const controller = new AbortController();

    await fetchVerifiedBytes(pointerOf(cid), controller.signal);

    expect(fetchMock.mock.calls[0]?.[1]).toEqual({ signal: controller.signal });
  });
});

describe("fetchDocument", () => {
  it("verifies and parses a demo project profile, byte for byte as the seed stores it", async () => {
    const bytes = new Uint8Array(readFileSync(join(DEMO, "metadata/projects/salish-sea-seed-library.json")));
    const cid = await contentIdOf(bytes);
    stubGateway({ [cid]: bytes });

    const fetched = await fetchDocument(pointerOf(cid), parseProjectProfile);

    expect(fetched.state).toBe("verified");
    const expected = parseProjectProfile(JSON.parse(new TextDecoder().decode(bytes)));
    expect(fetched).toEqual({ state: "verified", cid, value: expected });
  });

  it("verifies a document published the way publishDocument serialises it", async () => {
    const bytes = utf8(`${JSON.stringify({ reason: "Outside the bioregion." }, null, 2)}\n`);
    const cid = await contentIdOf(bytes);
    stubGateway({ [cid]: bytes });

    expect(await fetchDocument(pointerOf(cid), parseReviewDocument)).toEqual({
      state: "verified",
      cid,
      value: { reason: "Outside the bioregion." },
    });
  });

  it("does not parse tampered bytes", async () => {
    const bytes = utf8('{"reason": "Outside the bioregion."}');
    const cid = await contentIdOf(bytes);
    stubGateway({ [cid]: utf8('{"reason": "Approved by everyone."}') });
    const parse = vi.fn(parseReviewDocument);

    expect(await fetchDocument(pointerOf(cid), parse)).toEqual({ state: "mismatch", cid });
    expect(parse).not.toHaveBeenCalled();
  });

  it("passes a missing document on as missing", async () => {
    const cid = await contentIdOf(utf8("gone"));
    stubGateway({});

    expect(await fetchDocument(pointerOf(cid), parseReviewDocument)).toEqual({ state: "missing", cid });
  });

  it("passes an invalid pointer on as invalid", async () => {
    stubGateway({});

    expect(await fetchDocument("demo://reviews/1", parseReviewDocument)).toEqual({
      state: "invalid",
      pointer: "demo://reviews/1",
      reason: "not an ipfs:// content identifier",
    });
  });

  it("reports verified bytes that are not JSON as invalid, with the parser's reason", async () => {
    const bytes = utf8("{ this is not json");
    const cid = await contentIdOf(bytes);
    const pointer = pointerOf(cid);
    stubGateway({ [cid]: bytes });

    const fetched = await fetchDocument(pointer, parseReviewDocument);

    expect(fetched).toMatchObject({ state: "invalid", pointer });
    expect(fetched.state === "invalid" ? fetched.reason : "").toMatch(/JSON/);
  });

  it("reports verified JSON of the wrong shape as invalid, with what is wrong", async () => {
    const bytes = utf8(JSON.stringify({ decision: "rejected" }));
    const cid = await contentIdOf(bytes);
    const pointer = pointerOf(cid);
    stubGateway({ [cid]: bytes });

    expect(await fetchDocument(pointer, parseReviewDocument)).toEqual({
      state: "invalid",
      pointer,
      reason: '"reason" must be text',
    });
  });

  it("reports a profile with a script website as invalid", async () => {
    const bytes = utf8(JSON.stringify({ name: "X", description: "Y", website: "javascript:alert(1)" }));
    const cid = await contentIdOf(bytes);
    const pointer = pointerOf(cid);
    stubGateway({ [cid]: bytes });

    expect(await fetchDocument(pointer, parseProjectProfile)).toEqual({
      state: "invalid",
      pointer,
      reason: "the website must start with https:// or http://",
    });
  });
});

describe("imageTypeOf", () => {
  it("recognises PNG by its signature", () => {
    expect(imageTypeOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe("image/png");
  });

  it("recognises JPEG by its start-of-image marker", () => {
    expect(imageTypeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]))).toBe("image/jpeg");
  });

  it("recognises WebP by its RIFF header", () => {
    expect(imageTypeOf(utf8("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("image/webp");
  });

  it("recognises SVG, with or without an XML declaration and leading space", () => {
    expect(imageTypeOf(utf8('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBe("image/svg+xml");
    expect(imageTypeOf(utf8('\n  <?xml version="1.0"?>\n<svg></svg>'))).toBe("image/svg+xml");
  });

  it.each(readdirSync(join(DEMO, "logos")))("recognises the demo logo %s as SVG", (file) => {
    expect(imageTypeOf(new Uint8Array(readFileSync(join(DEMO, "logos", file))))).toBe("image/svg+xml");
  });

  it("does not take other content for an image", () => {
    expect(imageTypeOf(utf8("GIF89a"))).toBeUndefined();
    expect(imageTypeOf(utf8('{"name": "not an image"}'))).toBeUndefined();
    expect(imageTypeOf(utf8("<html><script>alert(1)</script></html>"))).toBeUndefined();
    expect(imageTypeOf(new Uint8Array([0x89, 0x50]))).toBeUndefined();
    expect(imageTypeOf(new Uint8Array())).toBeUndefined();
  });
});

describe("publishDocument", () => {
  const document = { reason: "Outside the bioregion." };
  const expectedBytes = utf8(`${JSON.stringify(document, null, 2)}\n`);

  it("posts the document's bytes to the content store and returns the pointer", async () => {
    const cid = await contentIdOf(expectedBytes);
    const fetchMock = stubAnswer(() => Response.json({ cid, pointer: pointerOf(cid) }));

    expect(await publishDocument(document, parseReviewDocument)).toBe(pointerOf(cid));

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe("POST");
    expect(new Headers(init?.headers).get("content-type")).toBe("application/octet-stream");
    expect(new Uint8Array(init?.body as Uint8Array)).toEqual(expectedBytes);
  });

  it("rejects a store answer whose CID does not match the document", async () => {
    const otherCid = await contentIdOf(utf8("another document"));
    stubAnswer(() => Response.json({ cid: otherCid, pointer: pointerOf(otherCid) }));

    await expect(publishDocument(document, parseReviewDocument)).rejects.toThrow(
      "the content store answered with an identifier that does not match the document",
    );
  });

  it("rejects a store answer whose CID is not a CID", async () => {
    stubAnswer(() => Response.json({ cid: "not-a-cid", pointer: "ipfs://not-a-cid" }));

    await expect(publishDocument(document, parseReviewDocument)).rejects.toThrow("does not match the document");
  });

  it("validates the document on write: an invalid one throws with what is wrong and reaches no store", async () => {
    const fetchMock = stubAnswer(() => Response.json({}));

    await expect(publishDocument({ reason: "   " }, parseReviewDocument)).rejects.toThrow('"reason" is empty');
    await expect(
      publishDocument(
        { name: "Seeds", description: "Seed library", website: "javascript:alert(1)" },
        parseProjectProfile,
      ),
    ).rejects.toThrow("the website must start with https:// or http://");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("stores the document as readers parse it: trimmed, unknown fields left out", async () => {
    const cid = await contentIdOf(expectedBytes);
    const fetchMock = stubAnswer(() => Response.json({ cid, pointer: pointerOf(cid) }));

    const untidy = { reason: "  Outside the bioregion.  ", injected: "<script>" } as unknown as typeof document;
    expect(await publishDocument(untidy, parseReviewDocument)).toBe(pointerOf(cid));
    expect(new Uint8Array(fetchMock.mock.calls[0]?.[1]?.body as Uint8Array)).toEqual(expectedBytes);
  });

  it("reports a store that refuses the document", async () => {
    stubAnswer(() => new Response("too large", { status: 413 }));

    await expect(publishDocument(document, parseReviewDocument)).rejects.toThrow(
      "the content store refused the document (413)",
    );
  });
});
