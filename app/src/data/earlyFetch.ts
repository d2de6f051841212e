/**
 * Requests started before the app has loaded, for the app to pick up when it asks for the same URL: the round
 * page's one indexer request then travels while the browser is still parsing the app's JavaScript, instead of
 * after it (about a second on a slow machine). Kept free of imports so the tiny entry that starts them
 * (src/prefetch.ts) runs as soon as the HTML is parsed.
 */
const started = new Map<string, Promise<Response>>();

/** Starts a GET of `url` now; the first `takeEarlyResponse(url)` receives it. */
export function fetchEarly(url: string): void {
  const response = fetch(url);
  // Nobody may ever take it (the reader navigates away first): that is not an unhandled rejection.
  response.catch(() => undefined);
  started.set(url, response);
}

/** The response of an early request for `url`, once: later requests go to the network as usual. */
export function takeEarlyResponse(url: string): Promise<Response> | undefined {
  const response = started.get(url);
  started.delete(url);
  return response;
}
