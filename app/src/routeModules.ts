/**
 * The pages whose modules src/prefetch.ts preloads, each by the meta element through which the built index.html
 * names the modules the app's entry does not load (app/prefetch-first-plugin.ts writes them): pages load on demand,
 * and would otherwise be requested only once the app's own JavaScript has run.
 */
export const PAGE_MODULES_META = {
  /** The rounds, at `/`. */
  rounds: "hyphae-rounds-page-modules",
  /** A round's page, at `/rounds/<address>`. */
  round: "hyphae-round-page-modules",
} as const;

export type PreloadedPage = keyof typeof PAGE_MODULES_META;
