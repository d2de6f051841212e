import type { Plugin } from "vite";
import { contentSecurityPolicy } from "./src/config/contentSecurityPolicy.ts";
import { chainsOf, chainsToReach, chainWith, localChainAt } from "./src/config/endpoints.ts";
import { readSettings, rpcUrlOf } from "./src/config/settings.ts";
import { deployments } from "./src/generated/deployments.ts";

const CHARSET = /<meta charset="UTF-8"\s*\/?>\s*/i;
/** The policy as a header's value, next to index.html in the build. */
const HEADER_FILE = "content-security-policy.txt";

/**
 * Writes the built app's Content-Security-Policy (src/config/contentSecurityPolicy.ts) into index.html as a
 * `<meta http-equiv>`, from the same settings and deployments the bundle is built with, so the servers it allows
 * follow the build's configuration. A policy applies only to what comes after it: the meta goes first in the head,
 * after the character set (which must stay within the first 1,024 bytes), before every script.
 *
 * The same policy with `frame-ancestors 'none'`, which only a header can carry, is written to
 * content-security-policy.txt for the host to send.
 *
 * Build only: `vite dev` injects inline scripts (its client, React's refresh preamble) that the policy refuses.
 */
export default function cspPlugin(): Plugin {
  let policy: string | undefined;
  let header: string | undefined;
  return {
    name: "hyphae-content-security-policy",
    apply: "build",
    configResolved(config) {
      const settings = readSettings(config.env);
      const localChain = localChainAt(settings.localRpcUrl);
      const chains = chainsOf(deployments, (chainId) => chainWith(chainId, rpcUrlOf(config.env, chainId), localChain));
      const build = { settings, chains: chainsToReach(chains, localChain) };
      policy = contentSecurityPolicy(build, "meta");
      header = contentSecurityPolicy(build, "header");
    },
    generateBundle() {
      if (header === undefined) throw new Error("the policy is made once the configuration is resolved");
      // For the host, who should send the policy as a header too (SECURITY.md §7): only a header forbids framing.
      this.emitFile({ type: "asset", fileName: HEADER_FILE, source: `${header}\n` });
    },
    transformIndexHtml: {
      // After every other plugin's tags (the prefetch script is prepended to the head too).
      order: "post",
      handler(html) {
        if (policy === undefined) throw new Error("the policy is made once the configuration is resolved");
        if (!CHARSET.test(html)) throw new Error('index.html has no <meta charset="UTF-8" /> to put the policy after');
        return {
          html: html.replace(CHARSET, ""),
          tags: [
            { tag: "meta", attrs: { charset: "UTF-8" }, injectTo: "head-prepend" },
            {
              tag: "meta",
              attrs: { "http-equiv": "Content-Security-Policy", content: policy },
              injectTo: "head-prepend",
            },
          ],
        };
      },
    },
  };
}
