/**
 * The initial JavaScript of the landing page: the entry script and every module it preloads, as the built
 * app/dist/index.html names them, gzipped (level 9, as a server would send them). Prints a table, writes
 * benchmarks/bundle.json, and exits 1 above the budget. Run `npm run app:build` first; `npm run bench:bundle`
 * does both.
 *
 * Node runs this file directly by stripping its types: erasable TypeScript only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "app", "dist");
const BUDGET_BYTES = 250 * 1024;

const indexFile = path.join(dist, "index.html");
if (!existsSync(indexFile)) {
  console.error("no app/dist/index.html: run `npm run app:build` first");
  process.exit(1);
}
const html = readFileSync(indexFile, "utf8");
const scripts = [
  ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
].map((match) => match[1] ?? "");

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
      what: "initial JavaScript of the landing page (entry + modulepreloads), gzip level 9",
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
