/**
 * Fails unless every line of contracts/ was run by the tests: reads the lcov report that
 * `hardhat test --coverage` writes and lists each file below 100 % with its uncovered lines.
 * A contract or library that no test touched at all is missing from the report, and fails too.
 *
 *     npx hardhat test --coverage && node scripts/check-coverage.ts
 *
 * Node runs this file directly by stripping its types: erasable TypeScript only.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const LCOV = path.join(root, "coverage", "lcov.info");
const CONTRACTS = "contracts";

interface FileCoverage {
  found: number;
  hit: number;
  uncovered: number[];
}

function parseLcov(text: string): Map<string, FileCoverage> {
  const files = new Map<string, FileCoverage>();
  let current: FileCoverage | undefined;
  for (const line of text.split("\n")) {
    if (line.startsWith("SF:")) {
      const file = path
        .relative(root, path.resolve(root, line.slice(3).trim()))
        .split(path.sep)
        .join("/");
      current = files.get(file) ?? { found: 0, hit: 0, uncovered: [] };
      files.set(file, current);
    } else if (line.startsWith("DA:") && current !== undefined) {
      const [lineNumber, hits] = line.slice(3).split(",").map(Number);
      if (lineNumber === undefined || hits === undefined) continue;
      current.found += 1;
      if (hits > 0) current.hit += 1;
      else current.uncovered.push(lineNumber);
    } else if (line.startsWith("end_of_record")) {
      current = undefined;
    }
  }
  return files;
}

/** Source files of contracts/ with executable code: a contract or library (interfaces have none). */
function sourcesWithCode(directory: string): string[] {
  return readdirSync(path.join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${directory}/${entry.name}`;
    if (entry.isDirectory()) return sourcesWithCode(relative);
    if (!entry.name.endsWith(".sol")) return [];
    const source = readFileSync(path.join(root, relative), "utf8");
    return /^\s*(abstract\s+contract|contract|library)\s/m.test(source) ? [relative] : [];
  });
}

if (!existsSync(LCOV)) {
  console.error(`no coverage report at ${path.relative(root, LCOV)}: run \`npx hardhat test --coverage\` first`);
  process.exit(1);
}
const report = parseLcov(readFileSync(LCOV, "utf8"));
const failures: string[] = [];
let found = 0;
let hit = 0;
for (const file of sourcesWithCode(CONTRACTS).sort()) {
  const coverage = report.get(file);
  if (coverage === undefined) {
    failures.push(`${file}: not in the coverage report (no test ran any of it)`);
    continue;
  }
  found += coverage.found;
  hit += coverage.hit;
  if (coverage.uncovered.length > 0) {
    failures.push(`${file}: ${coverage.hit}/${coverage.found} lines; not run: ${coverage.uncovered.join(", ")}`);
  }
}

if (failures.length > 0) {
  console.error(`line coverage of ${CONTRACTS}/ is below 100 %:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(`line coverage of ${CONTRACTS}/: 100 % (${hit}/${found} lines)`);
