/**
 * The meta element through which the built index.html names the modules of a round's page that the app's entry
 * does not load (app/prefetch-first-plugin.ts writes it), for src/prefetch.ts to preload on that page: the page is
 * loaded on demand, and would otherwise be requested only once the app's own JavaScript has run.
 */
export const ROUND_PAGE_MODULES_META = "hyphae-round-page-modules";
