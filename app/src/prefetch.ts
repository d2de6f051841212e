/**
 * The first script of the page, separate from the app so it runs before the app's JavaScript has even downloaded:
 * on the rounds and on a round's page, it has the page's own modules preloaded (the app loads each page on
 * demand), and on a round's page with an indexer configured it starts the page's one indexer request (data/earlyFetch.ts). The app checks the answer
 * exactly as it checks any other (the chain it serves, the status), so this changes when the request leaves, never
 * what is shown.
 */
import { env } from "./config/env.ts";
import { fetchEarly } from "./data/earlyFetch.ts";
import { indexedRoundUrl } from "./data/indexedRoundUrl.ts";
import { PAGE_MODULES_META } from "./routeModules.ts";

const path = globalThis.location.pathname;
const roundRoute = /^\/rounds\/(0x[0-9a-fA-F]{40})\/?$/.exec(path);
const page = path === "/" ? "rounds" : roundRoute === null ? undefined : "round";
const modules = page && document.querySelector(`meta[name="${PAGE_MODULES_META[page]}"]`)?.getAttribute("content");
for (const href of modules?.split(" ").filter((file) => file !== "") ?? []) {
  const link = document.createElement("link");
  link.rel = "modulepreload";
  link.crossOrigin = "";
  link.href = href;
  document.head.append(link);
}
if (env.indexerUrl !== undefined && roundRoute?.[1] !== undefined) {
  // The reader's own gifts come with a second request once the wallet has reconnected: the first render of the
  // page does not wait for the wallet.
  fetchEarly(indexedRoundUrl(env.indexerUrl, roundRoute[1], undefined));
}
