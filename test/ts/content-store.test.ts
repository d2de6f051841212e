import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { contentIdOf } from "../../lib/content-address.js";
import { CONTENT_STORE_DIR, readContent, storeContent } from "../../lib/content-store.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("lib/content-store (the local demo's documents on disk, named by CID)", () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "hyphae-content-store-"));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lives in .hyphae/content of the repository", () => {
    const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
    expect(CONTENT_STORE_DIR).to.equal(path.join(repository, ".hyphae", "content"));
  });

  it("stores bytes as a file named by their CID and returns the CID", async () => {
    const bytes = utf8('{ "name": "Willamette Valley Tool Commons" }\n');
    const cid = await storeContent(bytes, dir);
    expect(cid).to.equal(await contentIdOf(bytes));
    expect(await readdir(dir)).to.deep.equal([cid]);
    expect(new Uint8Array(await readFile(path.join(dir, cid)))).to.deep.equal(bytes);
  });

  it("creates the folder when it does not exist yet", async () => {
    const nested = path.join(dir, "a", "b");
    const cid = await storeContent(utf8("x"), nested);
    expect(await readdir(nested)).to.deep.equal([cid]);
  });

  it("is idempotent: the same bytes again give the same CID and one file, with no temporary file left", async () => {
    const bytes = utf8("seed\n");
    const first = await storeContent(bytes, dir);
    expect(await storeContent(bytes, dir)).to.equal(first);
    expect(await readdir(dir)).to.deep.equal([first]);
    // Writers racing to store the same new bytes all succeed and leave one whole file.
    const other = utf8("other\n");
    const raced = await Promise.all([1, 2, 3, 4].map(() => storeContent(other, dir)));
    expect(new Set(raced).size).to.equal(1);
    expect((await readdir(dir)).sort()).to.deep.equal([first, raced[0]!].sort());
    expect(await readContent(raced[0]!, dir)).to.deep.equal(other);
  });

  it("reads back what it stored, and nothing for a CID it does not hold", async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const cid = await storeContent(bytes, dir);
    expect(await readContent(cid, dir)).to.deep.equal(bytes);
    expect(await readContent(await contentIdOf(utf8("never stored")), dir)).to.equal(undefined);
  });

  it("refuses anything that is not a CID before touching the disk: no path reaches outside the store", async () => {
    // A file next to the store that a path traversal would reach.
    await writeFile(path.join(dir, "secret"), "secret");
    const store = path.join(dir, "store");
    await storeContent(utf8("x"), store);
    const names = ["../secret", "..", ".", "", "secret", "/etc/passwd", "bafk/../../secret", "notacid", "ipfs://x"];
    for (const name of names) {
      let error: unknown;
      try {
        await readContent(name, store);
      } catch (caught) {
        error = caught;
      }
      expect(error, name).to.be.instanceOf(RangeError);
    }
  });

  it("never serves a temporary file: their names are not CIDs", async () => {
    const cid = await contentIdOf(utf8("partial"));
    await writeFile(path.join(dir, `.${cid}.1.abc.tmp`), "part");
    expect(await readContent(cid, dir)).to.equal(undefined);
  });
});
