/**
 * The initial JavaScript of the landing page: the entry scripts, every module they preload and the rounds page's
 * own modules, as the built app/dist/index.html names them, gzipped (level 9, as a server would send them). Prints a table, writes
 * benchmarks/bundle.json, and exits 1 above the budget. Run `npm run app:build` first; `npm run bench:bundle`
 * does both.
 *
 * Node runs this file directly by stripping its types: erasable TypeScript only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { PAGE_MODULES_META } from "../app/src/routeModules.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "app", "dist");
const BUDGET_BYTES = 250 * 1024;

const indexFile = path.join(dist, "index.html");
if (!existsSync(indexFile)) {
  console.error("no app/dist/index.html: run `npm run app:build` first");
  process.exit(1);
}
const html = readFileSync(indexFile, "utf8");
// The landing page's own modules (the rounds) load on demand: its first script has them preloaded from a meta
// element (app/prefetch-first-plugin.ts). The first script is also a module the app imports: counted once.
const landingPageModules = new RegExp(`<meta name="${PAGE_MODULES_META.rounds}" content="([^"]*)"`).exec(html)?.[1];
if (landingPageModules === undefined) {
  console.error(`app/dist/index.html names no modules of the landing page (${PAGE_MODULES_META.rounds})`);
  process.exit(1);
}
const scripts = [
  ...new Set([
    ...[
      ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
      ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ].map((match) => match[1] ?? ""),
    ...landingPageModules.split(" ").filter((file) => file !== ""),
  ]),
];

const rows = scripts.map((src) => {
  const bytes = readFileSync(path.join(dist, src.replace(/^\//, "")));
  return { file: src, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const total = rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip }), { raw: 0, gzip: 0 });
const kB = (bytes: number) => Number((bytes / 1024).toFixed(1));
console.table([
  ...rows.map((row) => ({ file: row.file, "raw kB": kB(row.raw), "gzip kB": kB(row.gzip) })),
  { file: "total (initial JavaScript)", "raw kB": kB(total.raw), "gzip kB": kB(total.gzip) },
]);
mkdirSync(path.join(root, "benchmarks"), { recursive: true });
writeFileSync(
  path.join(root, "benchmarks", "bundle.json"),
  `${JSON.stringify(
    {
      what: "initial JavaScript of the landing page (entries + modulepreloads + the rounds page's modules), gzip level 9",
      budgetKiB: BUDGET_BYTES / 1024,
      totalKiB: { raw: kB(total.raw), gzip: kB(total.gzip) },
      files: rows.length,
    },
    null,
    2,
  )}\n`,
);
const within = total.gzip <= BUDGET_BYTES;
console.log(`${kB(total.gzip)} kB gzipped: ${within ? "within" : "OVER"} the budget of ${BUDGET_BYTES / 1024} kB`);
if (!within) process.exit(1);
