/** Rendering the app's components in unit tests, and what every render of untrusted content must satisfy. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { expect } from "vitest";
import { hashFn } from "wagmi/query";

/**
 * Renders `ui` with a query cache of its own; a failed read is shown at once, not retried (a read with a retry
 * policy of its own, like a round's, retries at once).
 */
export function renderWithQueries(ui: ReactNode) {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { queryKeyHashFn: hashFn, retry: false, retryDelay: 0 },
      mutations: { retry: false },
    },
  });
  return { ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>), queryClient };
}

/** Elements that run script, load style or embed another document: none may come from a document. */
const ACTIVE_ELEMENTS = "script, style, link, meta, base, iframe, frame, object, embed, foreignObject, form[action]";

/**
 * That nothing in `container` came alive from document text: no script, style or embedded element, no `on*`
 * handler or inline style that mentions a URL, every link an app route or an http(s) address opened safely, and
 * every image the app's own verified bytes (a blob: or data:image URL) or one of its own files.
 */
export function expectNothingInjected(container: HTMLElement): void {
  expect(container.querySelectorAll(ACTIVE_ELEMENTS)).toHaveLength(0);
  for (const element of container.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      expect(attribute.name.toLowerCase().startsWith("on"), `${element.tagName} has ${attribute.name}`).toBe(false);
      if (attribute.name === "style") expect(attribute.value).not.toMatch(/url\(|expression|@import/i);
    }
  }
  for (const link of container.querySelectorAll("a")) {
    const href = link.getAttribute("href") ?? "";
    const appRoute = href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/\\");
    const web = /^https?:\/\//.test(href);
    expect(appRoute || web || href.startsWith("#"), `a link to ${JSON.stringify(href)}`).toBe(true);
    if (web) {
      expect(link.getAttribute("target")).toBe("_blank");
      expect(link.getAttribute("rel")?.split(" ")).toEqual(expect.arrayContaining(["noopener", "noreferrer"]));
    }
  }
  for (const image of container.querySelectorAll("img")) {
    const src = image.getAttribute("src") ?? "";
    expect(/^(blob:|data:image\/(png|jpeg|webp|svg\+xml);base64,|\/favicon\.svg$)/.test(src), `an image ${src}`).toBe(
      true,
    );
  }
}
