import { createHash } from "node:crypto";
import { expect } from "chai";
import {
  IPFS_SCHEME,
  canonicalContentId,
  contentIdOf,
  contentIdOfPointer,
  matchesContentId,
  pointerOf,
} from "../../lib/content-address.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** RFC 4648 base32, lower case, no padding: the multibase `b` encoding, written out here to check the library. */
function base32(bytes: Uint8Array): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = "";
  for (const byte of bytes) bits += byte.toString(2).padStart(8, "0");
  let text = "";
  for (let index = 0; index < bits.length; index += 5) {
    text += alphabet.charAt(parseInt(bits.slice(index, index + 5).padEnd(5, "0"), 2));
  }
  return text;
}

/** The CIDv1 of `bytes` built by hand: version 1, raw codec 0x55, multihash sha2-256 (0x12) of 32 bytes (0x20). */
function expectedContentId(bytes: Uint8Array): string {
  const digest = createHash("sha256").update(bytes).digest();
  return `b${base32(new Uint8Array([0x01, 0x55, 0x12, 0x20, ...digest]))}`;
}

describe("lib/content-address (IPFS CIDv1 of documents and images)", () => {
  it('gives "hello world\\n" the CIDv1 built by hand from its sha2-256 (node:crypto)', async () => {
    const bytes = utf8("hello world\n");
    const digest = createHash("sha256").update(bytes).digest("hex");
    expect(digest).to.equal("a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447");
    const cid = await contentIdOf(bytes);
    expect(cid).to.equal(expectedContentId(bytes));
    expect(cid).to.equal("bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
  });

  it("names any bytes with a 59-character raw sha2-256 CID starting bafkrei, the empty file included", async () => {
    for (const bytes of [new Uint8Array(), utf8("{}\n"), new Uint8Array(1_000).fill(7), utf8("ü ✓ 🌱")]) {
      const cid = await contentIdOf(bytes);
      expect(cid).to.match(/^bafkrei[a-z2-7]{52}$/);
      expect(cid).to.equal(expectedContentId(bytes));
    }
  });

  it("gives different bytes different CIDs and the same bytes the same CID", async () => {
    expect(await contentIdOf(utf8("a"))).to.not.equal(await contentIdOf(utf8("b")));
    expect(await contentIdOf(utf8("seed"))).to.equal(await contentIdOf(utf8("seed")));
  });

  it("points at a CID with ipfs://<cid> and reads the CID back from the pointer", async () => {
    const cid = await contentIdOf(utf8("hello world\n"));
    expect(IPFS_SCHEME).to.equal("ipfs://");
    expect(pointerOf(cid)).to.equal(`ipfs://${cid}`);
    expect(contentIdOfPointer(pointerOf(cid))).to.equal(cid);
  });

  it("reads a CIDv0 pointer as the equivalent CIDv1 (dag-pb, the same multihash)", () => {
    // The well-known CIDv0 of an empty UnixFS directory: a base58btc multihash (sha2-256, 32 bytes).
    const v0 = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn";
    const alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let value = 0n;
    for (const character of v0) value = value * 58n + BigInt(alphabet.indexOf(character));
    const multihash = Buffer.from(value.toString(16).padStart(68, "0"), "hex");
    expect([...multihash.subarray(0, 2)]).to.deep.equal([0x12, 0x20]);
    const v1 = `b${base32(new Uint8Array([0x01, 0x70, ...multihash]))}`;
    expect(v1).to.equal("bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354");
    expect(contentIdOfPointer(`ipfs://${v0}`)).to.equal(v1);
  });

  it("rejects pointers of another scheme, text that is not a CID, and anything around the CID", async () => {
    const cid = await contentIdOf(utf8("hello world\n"));
    const rejected = [
      "demo://x",
      "demo://projects/salish-sea-seed-library.json",
      "ipfs://notacid",
      "ipfs://",
      "ipfs:/" + cid,
      "IPFS://" + cid,
      "https://ipfs.io/ipfs/" + cid,
      cid,
      `ipfs://${cid}/logo.svg`,
      `ipfs://${cid}?download=1`,
      `ipfs:// ${cid}`,
      `ipfs://${cid} `,
      `ipfs://${cid.toUpperCase()}`,
      "ipfs://../../etc/passwd",
      "",
    ];
    for (const pointer of rejected) expect(contentIdOfPointer(pointer), pointer).to.equal(undefined);
    expect(canonicalContentId("notacid")).to.equal(undefined);
    expect(canonicalContentId(cid)).to.equal(cid);
  });

  it("matches bytes only against their own CID: tampered bytes do not match", async () => {
    const bytes = utf8('{ "name": "Salish Sea Seed Library" }\n');
    const cid = await contentIdOf(bytes);
    expect(await matchesContentId(cid, bytes)).to.equal(true);

    const tampered = utf8('{ "name": "Salish Sea Seed Librarx" }\n');
    expect(await matchesContentId(cid, tampered)).to.equal(false);
    expect(await matchesContentId(cid, bytes.slice(0, -1))).to.equal(false);
    expect(await matchesContentId(cid, new Uint8Array())).to.equal(false);
  });

  it("does not match against CIDs of another codec or hash, or text that is not a CID", async () => {
    const bytes = utf8("hello world\n");
    const digest = createHash("sha256").update(bytes).digest();
    // The same sha2-256 digest under the dag-pb (0x70) and dag-json (0x0129) codecs.
    const dagPb = `b${base32(new Uint8Array([0x01, 0x70, 0x12, 0x20, ...digest]))}`;
    const dagJson = `b${base32(new Uint8Array([0x01, 0xa9, 0x02, 0x12, 0x20, ...digest]))}`;
    // The raw codec with the identity "hash" (0x00), which embeds the bytes themselves.
    const identity = `b${base32(new Uint8Array([0x01, 0x55, 0x00, bytes.length, ...bytes]))}`;
    for (const cid of [dagPb, dagJson, identity]) {
      expect(canonicalContentId(cid), cid).to.equal(cid);
      expect(await matchesContentId(cid, bytes), cid).to.equal(false);
    }
    expect(await matchesContentId("notacid", bytes)).to.equal(false);
    expect(await matchesContentId(`ipfs://${await contentIdOf(bytes)}`, bytes)).to.equal(false);
  });
});
