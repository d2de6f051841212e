/**
 * The first script of the page, separate from the app so it runs before the app's JavaScript has even downloaded:
 * on a round's page, it has the page's own modules preloaded (the app loads each page on demand), and with an
 * indexer configured it starts the page's one indexer request (data/earlyFetch.ts). The app checks the answer
 * exactly as it checks any other (the chain it serves, the status), so this changes when the request leaves, never
 * what is shown.
 */
import { env } from "./config/env.ts";
import { fetchEarly } from "./data/earlyFetch.ts";
import { indexedRoundUrl } from "./data/indexedRoundUrl.ts";
import { ROUND_PAGE_MODULES_META } from "./routeModules.ts";

const roundRoute = /^\/rounds\/(0x[0-9a-fA-F]{40})\/?$/.exec(globalThis.location.pathname);
if (roundRoute?.[1] !== undefined) {
  const modules = document.querySelector(`meta[name="${ROUND_PAGE_MODULES_META}"]`)?.getAttribute("content") ?? "";
  for (const href of modules.split(" ").filter((file) => file !== "")) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.crossOrigin = "";
    link.href = href;
    document.head.append(link);
  }
  // The reader's own gifts come with a second request once the wallet has reconnected: the first render of the
  // page does not wait for the wallet.
  if (env.indexerUrl !== undefined) fetchEarly(indexedRoundUrl(env.indexerUrl, roundRoute[1], undefined));
}
