/**
 * `forge lint` over contracts/, every severity with notes denied: fails on any finding. Findings are fixed, or
 * disabled where they stand with the reason beside them (`// forge-lint: disable-next-line(<lint>)` and kin).
 *
 *     npm run lint:forge
 *
 * Runs the native forge binary of the `@foundry-rs/forge-<platform>-<arch>` package that npm installed for this
 * machine, not the `forge` JavaScript wrapper, which does not pass on forge's exit code. forge compiles with the
 * npm solc through scripts/solc-js-cli.mjs (foundry.toml).
 *
 * Node runs this file directly by stripping its types: erasable TypeScript only.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

/** The platform packages Foundry publishes, by Node's platform and architecture names. */
const PLATFORM_PACKAGES: Record<string, Record<string, string>> = {
  linux: { x64: "linux-amd64", arm64: "linux-arm64" },
  darwin: { x64: "darwin-amd64", arm64: "darwin-arm64" },
  win32: { x64: "win32-amd64" },
};

const target = PLATFORM_PACKAGES[process.platform]?.[process.arch];
if (target === undefined) {
  console.error(`lint-forge: Foundry publishes no forge binary for ${process.platform}-${process.arch}`);
  process.exit(1);
}
const binaryName = process.platform === "win32" ? "forge.exe" : "forge";
let binary: string;
try {
  binary = require.resolve(`@foundry-rs/forge-${target}/bin/${binaryName}`);
} catch {
  console.error(`lint-forge: @foundry-rs/forge-${target} is not installed: run \`npm install\``);
  process.exit(1);
}

const child = spawn(binary, ["lint", "contracts", "--deny", "notes"], { cwd: root, stdio: "inherit" });
child.on("error", (error) => {
  console.error(`lint-forge: could not run ${binary}: ${error.message}`);
  process.exit(1);
});
child.on("close", (code, signal) => {
  if (signal !== null) console.error(`lint-forge: forge was stopped by ${signal}`);
  process.exit(code ?? 1);
});
