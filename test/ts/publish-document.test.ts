import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { contentIdOf, pointerOf } from "../../lib/content-address.js";
import { publishDocument } from "../../tasks/publish-document.js";
import { KuboRpcDouble } from "./helpers/kuboRpcDouble.js";

describe("npx hardhat publish-document", () => {
  const kubo = new KuboRpcDouble();
  let dir: string;
  let store: string;

  before(async () => {
    await kubo.start();
  });

  after(async () => {
    await kubo.stop();
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "hyphae-publish-"));
    store = path.join(dir, "store");
    kubo.behaviour = "pin";
    kubo.pinned.clear();
    delete process.env.HYPHAE_IPFS_API_URL;
  });

  afterEach(async () => {
    delete process.env.HYPHAE_IPFS_API_URL;
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, content: string | Uint8Array): Promise<string> {
    const where = path.join(dir, name);
    await writeFile(where, content);
    return where;
  }

  it("stores a valid node document as readers parse it and returns its pointer", async () => {
    const source = await file(
      "node.json",
      JSON.stringify({ name: "  Cascadia  ", description: "Bioregional node", region: "Pacific Northwest", extra: 1 }),
    );
    const pointer = await publishDocument({ kind: "node", file: source, store });

    const stored = `${JSON.stringify({ name: "Cascadia", description: "Bioregional node", region: "Pacific Northwest" }, null, 2)}\n`;
    const cid = await contentIdOf(new TextEncoder().encode(stored));
    expect(pointer).to.equal(pointerOf(cid));
    expect(await readFile(path.join(store, cid), "utf8")).to.equal(stored);
  });

  it("pins to the IPFS API when HYPHAE_IPFS_API_URL names one", async () => {
    process.env.HYPHAE_IPFS_API_URL = kubo.url;
    const logo = await file("logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
    const pointer = await publishDocument({ kind: "logo", file: logo, store });
    const cid = await contentIdOf(new Uint8Array(await readFile(logo)));
    expect(pointer).to.equal(pointerOf(cid));
    expect(kubo.pinned.has(cid)).to.equal(true);
  });

  it("fails when pinning fails, after keeping the local copy", async () => {
    process.env.HYPHAE_IPFS_API_URL = kubo.url;
    kubo.behaviour = "refuse";
    const source = await file("review.json", JSON.stringify({ reason: "Outside the bioregion." }));
    await expectFailure(publishDocument({ kind: "review", file: source, store }), "the IPFS API refused the content");
  });

  for (const [name, kind, content, message] of [
    ["an invalid document", "node", JSON.stringify({ name: "" }), 'is not a valid node document: "name" is empty'],
    ["a file that is not JSON", "project", "name: Seeds", "is not JSON"],
    ["an unknown kind", "manifesto", "{}", 'unknown kind "manifesto"'],
    [
      "a logo that is not an image",
      "logo",
      "<html><script>alert(1)</script></html>",
      "is not a PNG, JPEG, WebP or SVG image",
    ],
  ] as const) {
    it(`refuses ${name} and stores nothing`, async () => {
      const source = await file("input", content);
      await expectFailure(publishDocument({ kind, file: source, store }), message);
      expect(await readdir(dir)).to.deep.equal(["input"]);
    });
  }
});

async function expectFailure(promise: Promise<unknown>, message: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect((error as Error).message).to.include(message);
    return;
  }
  expect.fail(`expected a failure with "${message}"`);
}
