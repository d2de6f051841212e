import path from "node:path";
import type { Plugin } from "vite";

const ENTRY = "prefetch";
const SOURCE = path.join(import.meta.dirname, "src", "prefetch.ts");

/**
 * Makes src/prefetch.ts an entry of its own, loaded first in the page's head. Vite would bundle a second script of
 * index.html into the app's entry, which runs only once all of the app's JavaScript has downloaded; on its own,
 * the tiny script starts the page's data request while the rest is still loading.
 */
export default function prefetchFirstPlugin(): Plugin {
  return {
    name: "hyphae-prefetch-first",
    config() {
      return {
        build: {
          rolldownOptions: { input: { index: path.join(import.meta.dirname, "index.html"), [ENTRY]: SOURCE } },
        },
      };
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        // Built: the hashed file of the entry. Served by `vite dev`: the source itself.
        const chunk = Object.values(context.bundle ?? {}).find(
          (output) => output.type === "chunk" && output.isEntry && output.name === ENTRY,
        );
        if (context.bundle !== undefined && chunk === undefined) throw new Error(`the build has no ${ENTRY} entry`);
        const src = chunk === undefined ? "/src/prefetch.ts" : `/${chunk.fileName}`;
        return [{ tag: "script", attrs: { type: "module", crossorigin: true, src }, injectTo: "head-prepend" }];
      },
    },
  };
}
