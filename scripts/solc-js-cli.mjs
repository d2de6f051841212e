#!/usr/bin/env node
/**
 * The npm `solc` package (the same pinned compiler Hardhat uses) behind the command line that Foundry's `forge`
 * expects from a native solc: `--version`, and `--standard-json` on stdin. It lets `npm run lint:forge` run forge's
 * linter without downloading a compiler, which this project's machines cannot do. Foundry sends every source's
 * content in the standard JSON, so no import callback is needed; one that reads files is given anyway.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const solc = require("solc");
const args = process.argv.slice(2);

if (args.includes("--version")) {
  // Foundry reads the version from this line; the build is the same compiler as the native one.
  console.log("solc, the solidity compiler commandline interface");
  console.log(`Version: ${solc.version().replace("Emscripten.clang", "Linux.g++")}`);
  process.exit(0);
}
if (!args.includes("--standard-json")) {
  console.error(`solc-js-cli: only --version and --standard-json are supported (given: ${args.join(" ")})`);
  process.exit(2);
}
const basePathIndex = args.indexOf("--base-path");
const basePath = basePathIndex === -1 ? process.cwd() : (args[basePathIndex + 1] ?? process.cwd());
const input = readFileSync(0, "utf8");
const findImports = (file) => {
  try {
    return { contents: readFileSync(path.resolve(basePath, file), "utf8") };
  } catch {
    return { error: `File not found: ${file}` };
  }
};
process.stdout.write(solc.compile(input, { import: findImports }));
