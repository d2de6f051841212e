import path from "node:path";
import type { Plugin, Rolldown } from "vite";
import { PAGE_MODULES_META, type PreloadedPage } from "./src/routeModules.ts";

const ENTRY = "prefetch";
const SOURCE = path.join(import.meta.dirname, "src", "prefetch.ts");
const PAGES: Record<PreloadedPage, string> = {
  rounds: path.join(import.meta.dirname, "src", "pages", "RoundsPage.tsx"),
  round: path.join(import.meta.dirname, "src", "pages", "RoundPage.tsx"),
};

type OutputBundle = Rolldown.OutputBundle;
type OutputChunk = Rolldown.OutputChunk;

function chunksOf(bundle: OutputBundle): OutputChunk[] {
  return Object.values(bundle).filter((output): output is OutputChunk => output.type === "chunk");
}

/** `chunk` and every chunk it imports statically, directly or not: what loading it loads. */
function staticClosure(bundle: OutputBundle, chunk: OutputChunk): Set<string> {
  const files = new Set<string>();
  const pending = [chunk.fileName];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const output = bundle[file];
    if (files.has(file) || output?.type !== "chunk") continue;
    files.add(file);
    pending.push(...output.imports);
  }
  return files;
}

/**
 * For each page src/prefetch.ts preloads, the modules of the page (loaded on demand) that the app's entry does not
 * already load, as a meta element it reads: a tag, not an inline script, so that a Content Security Policy need not
 * allow one.
 */
function pageModules(bundle: OutputBundle): { tag: "meta"; attrs: Record<string, string> }[] {
  const chunks = chunksOf(bundle);
  const app = chunks.find((chunk) => chunk.isEntry && chunk.name !== ENTRY);
  if (app === undefined) throw new Error("the build has no app entry");
  const loadedByApp = staticClosure(bundle, app);
  return Object.entries(PAGES).map(([page, source]) => {
    const chunk = chunks.find((output) => output.facadeModuleId === source);
    if (chunk === undefined) throw new Error(`the build has no chunk for ${path.basename(source)}`);
    const files = [...staticClosure(bundle, chunk)].filter((file) => !loadedByApp.has(file));
    const name = PAGE_MODULES_META[page as PreloadedPage];
    return { tag: "meta", attrs: { name, content: files.map((file) => `/${file}`).join(" ") } };
  });
}

/**
 * Makes src/prefetch.ts an entry of its own, loaded first in the page's head. Vite would bundle a second script of
 * index.html into the app's entry, which runs only once all of the app's JavaScript has downloaded; on its own,
 * the tiny script starts the page's data request while the rest is still loading, and has the page's own modules
 * preloaded alongside the app's.
 */
export default function prefetchFirstPlugin(): Plugin {
  return {
    name: "hyphae-prefetch-first",
    config() {
      return {
        build: {
          rolldownOptions: {
            input: { index: path.join(import.meta.dirname, "index.html"), [ENTRY]: SOURCE },
            // The entry and the few modules it imports in one file, which the app imports from in turn: shared
            // chunks of their own would each be one more request the first script waits for before it can start.
            output: { codeSplitting: { groups: [{ name: ENTRY, test: (id: string) => id === SOURCE }] } },
          },
        },
      };
    },
    transformIndexHtml: {
      order: "post",
      handler(_html, context) {
        // Built: the hashed file of the entry. Served by `vite dev`: the source itself (modules load as imported).
        if (context.bundle === undefined) {
          const attrs = { type: "module", crossorigin: true, src: "/src/prefetch.ts" };
          return [{ tag: "script", attrs, injectTo: "head-prepend" }];
        }
        const chunk = chunksOf(context.bundle).find((output) => output.isEntry && output.name === ENTRY);
        if (chunk === undefined) throw new Error(`the build has no ${ENTRY} entry`);
        // The meta elements first, so that they are parsed before the script can run: `async`, the script runs as soon
        // as it has loaded, without waiting for the rest of the page or its style sheet.
        return [
          ...pageModules(context.bundle).map((meta) => ({ ...meta, injectTo: "head-prepend" as const })),
          {
            tag: "script",
            attrs: { type: "module", async: true, crossorigin: true, src: `/${chunk.fileName}` },
            injectTo: "head-prepend",
          },
        ];
      },
    },
  };
}
