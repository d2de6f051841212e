import { expect } from "chai";
import { contentIdOf } from "../../lib/content-address.js";
import { IpfsApiError, ipfsApiFromEnvironment, MAX_BLOCK_BYTES, pinContent } from "../../lib/ipfs-api.js";
import { KuboRpcDouble } from "./helpers/kuboRpcDouble.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("lib/ipfs-api (pinning through the Kubo RPC API)", () => {
  describe("ipfsApiFromEnvironment", () => {
    it("is undefined when no API is configured, so content stays in the local store", () => {
      expect(ipfsApiFromEnvironment({})).to.equal(undefined);
      expect(ipfsApiFromEnvironment({ HYPHAE_IPFS_API_URL: "  " })).to.equal(undefined);
    });

    it("reads the URL without a trailing slash, and the authorization header when given", () => {
      expect(ipfsApiFromEnvironment({ HYPHAE_IPFS_API_URL: "http://127.0.0.1:5001/" })).to.deep.equal({
        url: "http://127.0.0.1:5001",
      });
      expect(
        ipfsApiFromEnvironment({
          HYPHAE_IPFS_API_URL: "https://rpc.pinning.example",
          HYPHAE_IPFS_API_AUTHORIZATION: "Bearer s3cret",
        }),
      ).to.deep.equal({ url: "https://rpc.pinning.example", authorization: "Bearer s3cret" });
    });

    it("refuses a malformed or non-http URL instead of ignoring it", () => {
      expect(() => ipfsApiFromEnvironment({ HYPHAE_IPFS_API_URL: "not a url" })).to.throw();
      expect(() => ipfsApiFromEnvironment({ HYPHAE_IPFS_API_URL: "ftp://example.org" })).to.throw(
        "HYPHAE_IPFS_API_URL must be an http(s) URL",
      );
    });
  });

  describe("pinContent", () => {
    const kubo = new KuboRpcDouble();

    before(async () => {
      await kubo.start();
    });

    after(async () => {
      await kubo.stop();
    });

    beforeEach(() => {
      kubo.behaviour = "pin";
      kubo.requests.length = 0;
      kubo.pinned.clear();
    });

    it("adds the bytes as one raw CIDv1 block, pinned, and returns the CID computed locally", async () => {
      const document = utf8('{ "name": "Salish Sea Seed Library" }\n');
      const cid = await pinContent(document, { url: kubo.url, authorization: "Bearer s3cret" });

      expect(cid).to.equal(await contentIdOf(document));
      expect(kubo.pinned.get(cid)).to.deep.equal(document);
      const [request] = kubo.requests;
      expect(request?.path).to.equal("/api/v0/add");
      expect(Object.fromEntries(request?.query ?? [])).to.deep.include({
        "cid-version": "1",
        "raw-leaves": "true",
        hash: "sha2-256",
        chunker: `size-${MAX_BLOCK_BYTES}`,
        pin: "true",
      });
      expect(request?.authorization).to.equal("Bearer s3cret");
    });

    it("pins content of exactly one block", async () => {
      const bytes = new Uint8Array(MAX_BLOCK_BYTES).fill(0x61);
      expect(await pinContent(bytes, { url: kubo.url })).to.equal(await contentIdOf(bytes));
    });

    it("refuses content larger than one block without calling the API", async () => {
      const bytes = new Uint8Array(MAX_BLOCK_BYTES + 1);
      await expectRejection(pinContent(bytes, { url: kubo.url }), "larger than one IPFS block");
      expect(kubo.requests).to.have.length(0);
    });

    it("rejects an answer whose CID is not the content's", async () => {
      kubo.behaviour = "wrong-cid";
      await expectRejection(pinContent(utf8("a document"), { url: kubo.url }), "not bafkrei");
    });

    it("reports a service that refuses, with its status and words", async () => {
      kubo.behaviour = "refuse";
      await expectRejection(
        pinContent(utf8("a document"), { url: kubo.url }),
        "the IPFS API refused the content (500): pinning quota exceeded",
      );
    });

    it("reports an answer that is not Kubo's JSON", async () => {
      kubo.behaviour = "not-json";
      await expectRejection(pinContent(utf8("a document"), { url: kubo.url }), "not Kubo's JSON");
    });

    it("reports an API that cannot be reached", async () => {
      await expectRejection(pinContent(utf8("a document"), { url: "http://127.0.0.1:9" }), "cannot be reached");
    });
  });
});

async function expectRejection(promise: Promise<unknown>, message: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(IpfsApiError);
    expect((error as Error).message).to.include(message);
    return;
  }
  expect.fail(`expected a rejection with "${message}"`);
}
