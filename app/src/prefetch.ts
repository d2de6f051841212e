/**
 * The first script of the page, separate from the app so it runs before the app's JavaScript has even downloaded:
 * on a round's page, with an indexer configured, it starts the page's one indexer request (data/earlyFetch.ts).
 * The app checks the answer exactly as it checks any other (the chain it serves, the status), so this changes when
 * the request leaves, never what is shown.
 */
import { env } from "./config/env.ts";
import { fetchEarly } from "./data/earlyFetch.ts";
import { indexedRoundUrl } from "./data/indexedRoundUrl.ts";

const roundRoute = /^\/rounds\/(0x[0-9a-fA-F]{40})\/?$/.exec(globalThis.location.pathname);
if (env.indexerUrl !== undefined && roundRoute?.[1] !== undefined) {
  // The reader's own gifts come with a second request once the wallet has reconnected: the first render of the
  // page does not wait for the wallet.
  fetchEarly(indexedRoundUrl(env.indexerUrl, roundRoute[1], undefined));
}
