import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  contentSecurityPolicyDirectives,
  UnusableEndpointError,
} from "./contentSecurityPolicy.ts";
import { chainsOf, chainsToReach, chainWith, localChainAt } from "./endpoints.ts";
import { type PublicVariables, readSettings, rpcUrlOf } from "./settings.ts";

/** The policy of a build with these HYPHAE_PUBLIC_* variables and deployments on these chains, as the plugin makes it. */
function policyOf(variables: PublicVariables, deployedChainIds: number[], delivery: "meta" | "header" = "meta") {
  const settings = readSettings(variables);
  const localChain = localChainAt(settings.localRpcUrl);
  const deployments = Object.fromEntries(deployedChainIds.map((chainId) => [chainId, {}]));
  const chains = chainsOf(deployments, (chainId) => chainWith(chainId, rpcUrlOf(variables, chainId), localChain));
  return contentSecurityPolicy({ settings, chains: chainsToReach(chains, localChain) }, delivery);
}

/** The sources of one directive of a policy. */
function sourcesOf(policy: string, directive: string): string[] | undefined {
  const found = policy
    .split("; ")
    .map((entry) => entry.split(" "))
    .find(([name]) => name === directive);
  return found?.slice(1);
}

describe("the built app's Content-Security-Policy", () => {
  it("for the demo: its own files, the local node, and the content store on the app's own server", () => {
    expect(policyOf({ HYPHAE_PUBLIC_LOCAL_RPC_URL: "http://127.0.0.1:8645" }, [31337])).toBe(
      [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src http://127.0.0.1:8645 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ].join("; "),
    );
  });

  it("lets the page fetch only from the chains' RPC endpoints, the indexer, the gateway and the content API", () => {
    const policy = policyOf(
      {
        HYPHAE_PUBLIC_RPC_URL_10: "https://optimism.rpc.example.org/v1/public",
        HYPHAE_PUBLIC_INDEXER_URL: "https://indexer.example.org/hyphae/",
        HYPHAE_PUBLIC_IPFS_GATEWAY: "https://ipfs.example.org",
        HYPHAE_PUBLIC_CONTENT_API: "https://content.example.org:8443/api/content",
      },
      [10, 8453],
    );

    expect(sourcesOf(policy, "connect-src")).toEqual([
      "https://optimism.rpc.example.org",
      // Base has no RPC URL in the build: the app reaches it through its public endpoint.
      "https://mainnet.base.org",
      "https://indexer.example.org",
      "https://ipfs.example.org",
      "https://content.example.org:8443",
    ]);
  });

  it("names a server once however many settings point at it", () => {
    const policy = policyOf(
      {
        HYPHAE_PUBLIC_RPC_URL_10: "https://gateway.example.org/rpc/optimism",
        HYPHAE_PUBLIC_RPC_URL_8453: "https://gateway.example.org/rpc/base",
        HYPHAE_PUBLIC_IPFS_GATEWAY: "https://gateway.example.org",
      },
      [10, 8453],
    );

    expect(sourcesOf(policy, "connect-src")).toEqual(["https://gateway.example.org", "'self'"]);
  });

  it("reaches the local node in a build without deployments, as the wallet configuration does", () => {
    expect(sourcesOf(policyOf({}, []), "connect-src")).toEqual(["http://127.0.0.1:8545", "'self'"]);
  });

  it("leaves out a deployment on a chain the build cannot reach (no RPC URL, not a known chain)", () => {
    expect(sourcesOf(policyOf({}, [31338]), "connect-src")).toEqual(["http://127.0.0.1:8545", "'self'"]);
  });

  it("forbids framing in the header only: a meta element cannot, and the browser would say so", () => {
    const variables = { HYPHAE_PUBLIC_LOCAL_RPC_URL: "http://127.0.0.1:8645" };
    const meta = policyOf(variables, [31337], "meta");
    const header = policyOf(variables, [31337], "header");

    expect(sourcesOf(meta, "frame-ancestors")).toBeUndefined();
    expect(header).toBe(`${meta}; frame-ancestors 'none'`);
  });

  it("adds WalletConnect's relay, wallet list and verification frame only to a build that offers it", () => {
    const without = policyOf({}, [31337]);
    const withWalletConnect = policyOf({ HYPHAE_PUBLIC_WALLETCONNECT_PROJECT_ID: "a-project" }, [31337]);

    expect(sourcesOf(without, "frame-src")).toBeUndefined();
    expect(sourcesOf(withWalletConnect, "connect-src")).toEqual(
      expect.arrayContaining(["http://127.0.0.1:8545", "'self'", "wss://relay.walletconnect.org"]),
    );
    expect(sourcesOf(withWalletConnect, "frame-src")).toEqual(
      expect.arrayContaining(["https://verify.walletconnect.org"]),
    );
    expect(sourcesOf(withWalletConnect, "script-src")).toEqual(["'self'"]);
  });

  it("never allows inline script, eval or any server's script, whatever the settings", () => {
    const directives = contentSecurityPolicyDirectives({
      settings: readSettings({
        HYPHAE_PUBLIC_WALLETCONNECT_PROJECT_ID: "a-project",
        HYPHAE_PUBLIC_INDEXER_URL: "https://indexer.example.org",
      }),
      chains: [localChainAt("http://127.0.0.1:8545")],
    });
    const all = directives.flatMap(([, sources]) => sources);

    expect(all).not.toContain("'unsafe-inline'");
    expect(all).not.toContain("'unsafe-eval'");
    expect(all).not.toContain("*");
    expect(directives.find(([name]) => name === "script-src")).toEqual(["script-src", ["'self'"]]);
  });

  it.each([
    [
      "HYPHAE_PUBLIC_INDEXER_URL",
      "//indexer.example.org",
      'HYPHAE_PUBLIC_INDEXER_URL "//indexer.example.org" is not a full address like https://example.org',
    ],
    [
      "HYPHAE_PUBLIC_IPFS_GATEWAY",
      "ipfs.example.org",
      'HYPHAE_PUBLIC_IPFS_GATEWAY "ipfs.example.org" is not a full address like https://example.org',
    ],
    [
      "HYPHAE_PUBLIC_CONTENT_API",
      "ftp://content.example.org/",
      'HYPHAE_PUBLIC_CONTENT_API "ftp://content.example.org/" must be an http(s) or ws(s) address',
    ],
  ])("fails the build on %s=%j rather than ship a policy that blocks the app", (variable, value, message) => {
    expect(() => policyOf({ [variable]: value }, [31337])).toThrow(new UnusableEndpointError(message));
  });
});
