/**
 * The Content-Security-Policy of the built app, from the build's settings (app/csp-plugin.ts writes it into
 * index.html). Scripts and styles come only from the app's own files, nothing is framed or embedded, and the page
 * may fetch only from the servers the build names: its chains' RPC endpoints, the indexer, the IPFS gateway and
 * the content API. Images are the app's own files and the verified bytes of documents, shown through `blob:` and
 * `data:` URLs (components/ProjectLogo.tsx), so no image is ever loaded from a server directly, not even the
 * gateway; wallets announce their icons as `data:` URLs (EIP-6963).
 */
import type { Chain } from "viem";
import type { AppSettings } from "./settings.ts";

/**
 * What WalletConnect's relay, RPC, wallet list and verification frame need, as Reown documents them
 * (https://docs.reown.com/advanced/security/content-security-policy): only in a build that offers WalletConnect.
 */
const WALLETCONNECT = {
  connect: [
    "https://rpc.walletconnect.com",
    "https://rpc.walletconnect.org",
    "https://relay.walletconnect.com",
    "https://relay.walletconnect.org",
    "wss://relay.walletconnect.com",
    "wss://relay.walletconnect.org",
    "https://pulse.walletconnect.com",
    "https://pulse.walletconnect.org",
    "https://api.web3modal.com",
    "https://api.web3modal.org",
    "https://keys.walletconnect.com",
    "https://keys.walletconnect.org",
  ],
  img: [
    "https://walletconnect.org",
    "https://walletconnect.com",
    "https://secure.walletconnect.com",
    "https://secure.walletconnect.org",
  ],
  font: ["https://fonts.reown.com"],
  frame: [
    "https://verify.walletconnect.com",
    "https://verify.walletconnect.org",
    "https://secure.walletconnect.com",
    "https://secure.walletconnect.org",
  ],
} as const;

/** A setting that is not an address the policy can name. */
export class UnusableEndpointError extends Error {
  override name = "UnusableEndpointError";
}

/**
 * The source expression that allows requests to a configured address: `'self'` for a path on the app's own server
 * ("/api/content", or the empty gateway: `/ipfs/<cid>`), otherwise its origin. Anything else (a protocol-relative
 * "//host", another scheme) is refused, so a mistyped setting fails the build instead of shipping a policy that
 * blocks the app.
 */
export function sourceOf(url: string, setting: string): string {
  if (url === "" || (url.startsWith("/") && !url.startsWith("//"))) return "'self'";
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnusableEndpointError(`${setting} "${url}" is not a full address like https://example.org`);
  }
  if (!["https:", "http:", "wss:", "ws:"].includes(parsed.protocol)) {
    throw new UnusableEndpointError(`${setting} "${url}" must be an http(s) or ws(s) address`);
  }
  return parsed.origin;
}

/** The policy's directives, each with its sources, in the order they are written. */
export function contentSecurityPolicyDirectives(build: {
  settings: AppSettings;
  /** Every chain the app reaches (config/endpoints.ts, `chainsToReach`). */
  chains: readonly Chain[];
}): [directive: string, sources: string[]][] {
  const { settings, chains } = build;
  const walletConnect = settings.walletConnectProjectId !== undefined;
  const endpoints = [
    ...chains.flatMap((chain) =>
      chain.rpcUrls.default.http.map((url) => sourceOf(url, `the RPC URL of ${chain.name}`)),
    ),
    ...(settings.indexerUrl === undefined ? [] : [sourceOf(settings.indexerUrl, "HYPHAE_PUBLIC_INDEXER_URL")]),
    sourceOf(settings.ipfsGateway, "HYPHAE_PUBLIC_IPFS_GATEWAY"),
    sourceOf(settings.contentApi, "HYPHAE_PUBLIC_CONTENT_API"),
    ...(walletConnect ? WALLETCONNECT.connect : []),
  ];
  return [
    // Everything not named below is refused: workers, manifests, media, frames.
    ["default-src", ["'none'"]],
    // The app's own files only: no inline script, no eval (the bundle needs neither).
    ["script-src", ["'self'"]],
    ["style-src", ["'self'"]],
    ["img-src", ["'self'", "data:", "blob:", ...(walletConnect ? WALLETCONNECT.img : [])]],
    ["font-src", ["'self'", ...(walletConnect ? WALLETCONNECT.font : [])]],
    ["connect-src", [...new Set(endpoints)]],
    ...(walletConnect ? [["frame-src", [...WALLETCONNECT.frame]] satisfies [string, string[]]] : []),
    ["object-src", ["'none'"]],
    // An injected <base> cannot send the app's relative URLs elsewhere, nor a form its fields.
    ["base-uri", ["'none'"]],
    ["form-action", ["'none'"]],
  ];
}

/**
 * The policy as the `content` of the page's `<meta http-equiv="Content-Security-Policy">`, or as the value of the
 * header a host sends: only a header can forbid framing (`frame-ancestors`; browsers ignore it in a meta element,
 * and say so in the console).
 */
export function contentSecurityPolicy(
  build: Parameters<typeof contentSecurityPolicyDirectives>[0],
  delivery: "meta" | "header",
): string {
  const directives = contentSecurityPolicyDirectives(build);
  if (delivery === "header") directives.push(["frame-ancestors", ["'none'"]]);
  return directives.map(([directive, sources]) => `${directive} ${sources.join(" ")}`).join("; ");
}
