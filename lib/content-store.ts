/**
 * A content store on disk for the local demo: each file is named by its CID (see lib/content-address.ts), so a
 * file's name says what its bytes must be and anyone can check them. The demo seed stores its documents and
 * logos here; the app's dev server serves them at /ipfs/<cid> (app/content-store-plugin.ts).
 *
 * Node only. It stands in for an IPFS node on a local chain; on a public network the same bytes are added to
 * IPFS, where they get the same CIDs.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalContentId, contentIdOf } from "./content-address.js";

/** `<repository>/.hyphae/content`, where the seed stores the demo's documents (not under version control). */
export const CONTENT_STORE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", ".hyphae", "content");

/**
 * The file name of `cid` in a store: its canonical form, which is lower-case base32 only (no `/`, `.` or
 * anything else a path could use). Throws a RangeError for anything that is not a CID.
 */
function fileNameOf(cid: string): string {
  const canonical = canonicalContentId(cid);
  if (canonical === undefined || !/^b[a-z2-7]+$/.test(canonical)) {
    throw new RangeError(`not a content identifier: ${JSON.stringify(cid)}`);
  }
  return canonical;
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * Stores `bytes` as `<dir>/<cid>` and returns the CID. The file appears whole or not at all (written to a
 * temporary file in the same folder, then renamed); storing the same bytes again changes nothing.
 */
export async function storeContent(bytes: Uint8Array, dir: string = CONTENT_STORE_DIR): Promise<string> {
  const cid = await contentIdOf(bytes);
  const file = path.join(dir, fileNameOf(cid));
  if (await exists(file)) return cid;
  await mkdir(dir, { recursive: true });
  // Temporary names start with a dot and are never CIDs, so a reader never sees a partial file.
  const temporary = path.join(dir, `.${cid}.${String(process.pid)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(temporary, bytes, { flag: "wx" });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return cid;
}

/**
 * The bytes stored under `cid` in `dir`, or undefined if there are none. The CID is validated before any path
 * is built from it: anything that is not a CID throws a RangeError, so no name can reach outside `dir`. A CIDv0
 * or another base is looked up under its canonical CIDv1 name. The bytes are returned as stored; readers that
 * do not trust the store check them with `matchesContentId`.
 */
export async function readContent(cid: string, dir: string = CONTENT_STORE_DIR): Promise<Uint8Array | undefined> {
  const file = path.join(dir, fileNameOf(cid));
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EISDIR") return undefined;
    throw error;
  }
}
