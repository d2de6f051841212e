/**
 * `npm run mutate`: mutation testing of the money paths. It makes small changes to the contracts that hold or move
 * funds, one at a time (a comparison loosened, a sum turned into a difference, a check skipped, a reentrancy guard
 * dropped, an event left out), and runs the contract tests that cover each file against every change. A change the
 * tests notice is killed; one they do not is a survivor: a line whose behaviour nothing checks. Prints a table,
 * lists the survivors and writes benchmarks/mutation.json with the score, killed ÷ (killed + survived).
 *
 * It works in a git worktree of HEAD under the system's temporary folder, so the checkout is never touched; mutants
 * that do not compile are counted apart. Each mutant costs a build and a test run (about a minute here), so it
 * samples: HYPHAE_MUTANTS mutants (default 30) chosen with HYPHAE_MUTATION_SEED (default 1), spread over the files.
 *
 * Node runs this file directly by stripping its types: erasable TypeScript only.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seededRandom } from "./seededRandom.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUT = path.join(root, "benchmarks", "mutation.json");
const SAMPLE = Number(process.env.HYPHAE_MUTANTS ?? 30);
const SEED = Number(process.env.HYPHAE_MUTATION_SEED ?? 1);
const TEST_TIMEOUT_MS = 15 * 60_000;

/** The contracts that hold or move money, and the test files that specify them. */
const TARGETS: { file: string; tests: string[] }[] = [
  {
    file: "contracts/QuadraticFundingRound.sol",
    tests: [
      "test/ts/QuadraticFundingRound.donations.test.ts",
      "test/ts/QuadraticFundingRound.settlement.test.ts",
      "test/ts/QuadraticFundingRound.counting.test.ts",
      "test/ts/QuadraticFundingRound.differential.test.ts",
      "test/ts/adversarial/tokens.test.ts",
      // A round of a season keeps the season's tally, and sends the commons share.
      "test/ts/network/CoMatchingSeason.test.ts",
      "test/ts/network/CommonsShare.test.ts",
    ],
  },
  {
    file: "contracts/ProjectRound.sol",
    tests: [
      "test/ts/QuadraticFundingRound.applications.test.ts",
      "test/ts/QuadraticFundingRound.donations.test.ts",
      "test/ts/QuadraticFundingRound.settlement.test.ts",
      "test/ts/adversarial/tokens.test.ts",
    ],
  },
  {
    file: "contracts/libraries/QuadraticFundingMath.sol",
    tests: ["test/ts/QuadraticFundingRound.differential.test.ts", "test/ts/QuadraticFundingRound.donations.test.ts"],
  },
  {
    file: "contracts/CoMatchingSeason.sol",
    tests: ["test/ts/network/CoMatchingSeason.test.ts", "test/ts/network/CommonsShare.test.ts"],
  },
  { file: "contracts/QuadraticVotingRound.sol", tests: ["test/ts/voting/QuadraticVotingRound.test.ts"] },
];

interface Operator {
  name: string;
  /** The mutated line, or undefined when the operator does not apply to it. */
  apply: (line: string) => string | undefined;
}

/** Replaces the first match of `pattern` (which must not be part of a longer operator) by `by`. */
function swap(name: string, pattern: RegExp, by: string): Operator {
  return { name, apply: (line) => (pattern.test(line) ? line.replace(pattern, by) : undefined) };
}

const OPERATORS: Operator[] = [
  swap("< → <=", /(?<![<=!>])<(?![<=])/, "<="),
  swap("<= → <", /<=/, "<"),
  swap("> → >=", /(?<![>=<-])>(?![>=])/, ">="),
  swap(">= → >", />=/, ">"),
  swap("== → !=", /==/, "!="),
  swap("!= → ==", /!=/, "=="),
  swap("+ → -", / \+ /, " - "),
  swap("- → +", / - /, " + "),
  swap("* → /", / \* /, " / "),
  swap("+= → -=", / \+= /, " -= "),
  swap("-= → +=", / -= /, " += "),
  swap("= true → = false", /= true;/, "= false;"),
  swap("= false → = true", /= false;/, "= true;"),
  swap("drop nonReentrant", / nonReentrant/, ""),
  {
    name: "skip a check",
    apply: (line) =>
      /^\s*if \(.+\) revert \w+\(.*\);\s*$/.test(line)
        ? line.replace(/if \(.+\) revert/, "if (false) revert")
        : undefined,
  },
  {
    name: "leave out an event",
    apply: (line) => (/^\s*emit \w+\(.*\);\s*$/.test(line) ? line.replace(/emit .*;/, "") : undefined),
  },
];

interface Mutant {
  file: string;
  line: number;
  operator: string;
  original: string;
  mutated: string;
}

/** Code lines of a contract (no comments, declarations of errors and events, imports or pragmas). */
function isCode(line: string): boolean {
  const text = line.trim();
  return (
    text !== "" &&
    !text.startsWith("//") &&
    !text.startsWith("*") &&
    !text.startsWith("/*") &&
    !/^(pragma|import|error|event)\b/.test(text)
  );
}

function mutantsOf(tree: string, file: string): Mutant[] {
  const lines = readFileSync(path.join(tree, file), "utf8").split("\n");
  const mutants: Mutant[] = [];
  lines.forEach((original, index) => {
    if (!isCode(original)) return;
    for (const operator of OPERATORS) {
      const mutated = operator.apply(original);
      if (mutated !== undefined && mutated !== original) {
        mutants.push({ file, line: index + 1, operator: operator.name, original: original.trim(), mutated });
      }
    }
  });
  return mutants;
}

/** `count` mutants, as evenly spread over the files as their numbers allow. */
function sample(all: Mutant[][], count: number, next: () => number): Mutant[] {
  const pools = all.map((mutants) => [...mutants].sort(() => next() - 0.5));
  const chosen: Mutant[] = [];
  while (chosen.length < count && pools.some((pool) => pool.length > 0)) {
    for (const pool of pools) {
      const mutant = pool.pop();
      if (mutant !== undefined && chosen.length < count) chosen.push(mutant);
    }
  }
  return chosen;
}

type Outcome = "killed" | "survived" | "does not compile";

function runIn(cwd: string, args: string[], timeout: number) {
  return spawnSync(process.execPath, [path.join(cwd, "node_modules", "hardhat", "dist", "src", "cli.js"), ...args], {
    cwd,
    encoding: "utf8",
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
}

function main(): void {
  const workdir = mkdtempSync(path.join(tmpdir(), "hyphae-mutation-"));
  const tree = path.join(workdir, "tree");
  execFileSync("git", ["worktree", "add", "--detach", tree, "HEAD"], { cwd: root, stdio: "ignore" });
  // The mutants are of the committed contracts, as the worktree holds them.
  const all = TARGETS.map((target) => mutantsOf(tree, target.file));
  const chosen = sample(all, SAMPLE, seededRandom(SEED));
  const results: (Mutant & { outcome: Outcome })[] = [];
  try {
    symlinkSync(path.join(root, "node_modules"), path.join(tree, "node_modules"), "dir");
    // A first build, so each mutant recompiles only what it touches.
    const build = runIn(tree, ["build", "--quiet"], TEST_TIMEOUT_MS);
    if (build.status !== 0) throw new Error(`the unmutated tree does not build:\n${build.stderr}`);
    console.log(
      `mutation testing: ${chosen.length} of ${all.flat().length} mutants of ${TARGETS.length} files (seed ${SEED})`,
    );
    for (const [index, mutant] of chosen.entries()) {
      const file = path.join(tree, mutant.file);
      const source = readFileSync(file, "utf8");
      const lines = source.split("\n");
      lines[mutant.line - 1] = mutant.mutated;
      writeFileSync(file, lines.join("\n"));
      let outcome: Outcome;
      try {
        const compiled = runIn(tree, ["build", "--quiet"], TEST_TIMEOUT_MS);
        if (compiled.status !== 0) {
          outcome = "does not compile";
        } else {
          const tests = TARGETS.find((target) => target.file === mutant.file)?.tests ?? [];
          const run = runIn(tree, ["test", "mocha", "--no-compile", ...tests], TEST_TIMEOUT_MS);
          outcome = run.status === 0 ? "survived" : "killed";
        }
      } finally {
        writeFileSync(file, source);
      }
      results.push({ ...mutant, outcome });
      console.log(
        `  ${String(index + 1).padStart(3)} ${outcome.padEnd(16)} ${mutant.file}:${mutant.line} ${mutant.operator}`,
      );
    }
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", tree], { cwd: root, stdio: "ignore" });
    rmSync(workdir, { recursive: true, force: true });
  }

  const count = (outcome: Outcome) => results.filter((result) => result.outcome === outcome).length;
  const killed = count("killed");
  const survived = count("survived");
  const score = killed + survived === 0 ? 0 : killed / (killed + survived);
  const byFile = TARGETS.map(({ file }) => {
    const ofFile = results.filter((result) => result.file === file);
    const fileKilled = ofFile.filter((result) => result.outcome === "killed").length;
    const fileSurvived = ofFile.filter((result) => result.outcome === "survived").length;
    return {
      file,
      killed: fileKilled,
      survived: fileSurvived,
      notCompiling: ofFile.length - fileKilled - fileSurvived,
    };
  });
  console.log(`\n| file | killed | survived | does not compile |\n| --- | ---: | ---: | ---: |`);
  for (const row of byFile) console.log(`| ${row.file} | ${row.killed} | ${row.survived} | ${row.notCompiling} |`);
  console.log(`\nscore: ${(score * 100).toFixed(1)} % (${killed} killed of ${killed + survived})`);
  for (const survivor of results.filter((result) => result.outcome === "survived")) {
    console.log(`  survived: ${survivor.file}:${survivor.line} ${survivor.operator}: ${survivor.original}`);
  }
  writeFileSync(
    OUTPUT,
    `${JSON.stringify(
      {
        date: new Date().toISOString().slice(0, 10),
        seed: SEED,
        sampled: results.length,
        mutantsInAll: all.flat().length,
        killed,
        survived,
        doesNotCompile: count("does not compile"),
        score: Math.round(score * 1000) / 1000,
        byFile,
        mutants: results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written to ${path.relative(root, OUTPUT)}`);
}

main();
