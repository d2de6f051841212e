/**
 * Content addresses of Hyphae's off-chain documents and images: IPFS CIDv1 with the raw codec and sha2-256.
 *
 * The chain stores only a pointer `ipfs://<cid>` to each document; whoever reads the bytes back (from a local
 * content store, an IPFS node or a gateway) checks them against the CID with `matchesContentId`, so no server
 * has to be trusted. The CID of a file is what `ipfs add --cid-version 1 --raw-leaves` prints for a file that
 * fits in one block (below 256 KiB); larger files are chunked by IPFS into a DAG with another CID.
 *
 * Shared by the Node scripts and the browser app: it imports nothing from Node. `multiformats` hashes with
 * node:crypto in Node and with Web Crypto (`crypto.subtle`, available in secure contexts) in a browser.
 */
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";

/** The scheme of a metadata pointer to content on IPFS. */
export const IPFS_SCHEME = "ipfs://";

/** The CIDv1 (raw codec 0x55, sha2-256) of `bytes`, in base32: `bafkrei…`. */
export async function contentIdOf(bytes: Uint8Array): Promise<string> {
  const digest = await sha256.digest(bytes);
  return CID.createV1(raw.code, digest).toString();
}

/**
 * The canonical form of a CID — version 1 in lower-case base32 — or undefined when `cid` is not a CID.
 * A CIDv0 (`Qm…`) becomes the equivalent CIDv1; any text around the CID makes it invalid.
 */
export function canonicalContentId(cid: string): string | undefined {
  try {
    return CID.parse(cid).toV1().toString();
  } catch {
    return undefined;
  }
}

/** The metadata pointer of a CID: `ipfs://<cid>`. */
export function pointerOf(cid: string): string {
  return `${IPFS_SCHEME}${cid}`;
}

/**
 * The CID a pointer `ipfs://<cid>` names, in canonical form; undefined for any other scheme (such as the
 * `demo://` pointers of earlier demos), a path or query after the CID, or a CID that does not parse.
 */
export function contentIdOfPointer(pointer: string): string | undefined {
  if (!pointer.startsWith(IPFS_SCHEME)) return undefined;
  return canonicalContentId(pointer.slice(IPFS_SCHEME.length));
}

/**
 * Whether `bytes` are the content `cid` names: true only for a raw-codec, sha2-256 CID whose digest is the
 * sha2-256 of the bytes. False for an invalid CID and for CIDs of another codec or hash (a dag-pb CID of a
 * chunked file, for example), which cannot be checked against the bytes alone.
 */
export async function matchesContentId(cid: string, bytes: Uint8Array): Promise<boolean> {
  let parsed: CID;
  try {
    parsed = CID.parse(cid).toV1();
  } catch {
    return false;
  }
  if (parsed.code !== raw.code || parsed.multihash.code !== sha256.code) return false;
  const expected = parsed.multihash.digest;
  const actual = (await sha256.digest(bytes)).digest;
  return expected.length === actual.length && expected.every((byte, index) => byte === actual[index]);
}
