import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// There is no compiler download on CI: the `solc` npm package (pinned to the
// same version) provides the compiler.
const SOLC_VERSION = "0.8.30";
const solcJsPath = createRequire(import.meta.url).resolve("solc/soljson.js");

// The demo chain of `npm start` begins as many days ago as the seed moves its clock (four 30-day periods of
// network history in scripts/seed-network.ts, then an earlier round of 17 days in scripts/seed.ts), so the seed
// lays down months of history and ends at the wall clock.
const DEMO_HISTORY_DAYS = 137;

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: solcJsPath,
        settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "prague" },
      },
      production: {
        version: SOLC_VERSION,
        path: solcJsPath,
        settings: { optimizer: { enabled: true, runs: 10_000 }, evmVersion: "prague" },
      },
    },
  },
  paths: {
    tests: { mocha: "test/ts", solidity: "test/solidity" },
  },
  test: {
    solidity: {
      fuzz: { runs: 512 },
      invariant: { runs: 64, depth: 64, failOnRevert: false },
    },
  },
  networks: {
    demo: {
      type: "edr-simulated",
      chainType: "l1",
      initialDate: new Date(Date.now() - DEMO_HISTORY_DAYS * 86_400_000).toISOString(),
    },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // A public test net. The RPC URL and the deployer's key come from Hardhat's keystore
    // (`npx hardhat keystore set SEPOLIA_RPC_URL`) or the environment; they are read only when used.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
});
