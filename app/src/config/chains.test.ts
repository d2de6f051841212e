import { afterEach, describe, expect, it, vi } from "vitest";
import { chainFor, localChain } from "./chains.ts";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("chainFor", () => {
  it("reaches a public chain through its default endpoint, or the one the build names", () => {
    expect(chainFor(10)?.name).toBe("OP Mainnet");
    expect(chainFor(10)?.rpcUrls.default.http).toEqual(["https://mainnet.optimism.io"]);
    vi.stubEnv("HYPHAE_PUBLIC_RPC_URL_10", "https://optimism.rpc.example.org");
    expect(chainFor(10)?.rpcUrls.default.http).toEqual(["https://optimism.rpc.example.org"]);
    expect(chainFor(10)?.contracts?.multicall3).toBeDefined();
  });

  it("knows a chain it has no definition of only by the RPC URL the build names", () => {
    expect(chainFor(31338)).toBeUndefined();
    vi.stubEnv("HYPHAE_PUBLIC_RPC_URL_31338", "http://127.0.0.1:8546");
    expect(chainFor(31338)).toMatchObject({
      id: 31338,
      name: "Chain 31338",
      rpcUrls: { default: { http: ["http://127.0.0.1:8546"] } },
    });
  });

  it("keeps the demo's local chain as `npm start` configures it", () => {
    expect(chainFor(31337)).toBe(localChain);
  });
});
