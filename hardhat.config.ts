import { createRequire } from "node:module";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { ArgumentType } from "hardhat/types/arguments";
import { configVariable, defineConfig, task } from "hardhat/config";

// There is no compiler download on CI: the `solc` npm package (pinned to the
// same version) provides the compiler.
const SOLC_VERSION = "0.8.30";
const solcJsPath = createRequire(import.meta.url).resolve("solc/soljson.js");

// The demo chain of `npm start` begins as many days ago as the seed moves its clock (four 30-day periods of
// network history in scripts/seed-network.ts, then an earlier round of 17 days in scripts/seed.ts), so the seed
// lays down months of history and ends at the wall clock.
const DEMO_HISTORY_DAYS = 137;

/**
 * The public chains Hyphae deploys to, by Hardhat network name. Each one's RPC URL comes from
 * `<NAME>_RPC_URL` and the deployer's key from `DEPLOYER_PRIVATE_KEY`, in Hardhat's encrypted keystore
 * (`npx hardhat keystore set OPTIMISM_RPC_URL`) or the environment. Config variables are read only by a task that
 * uses the network, so tests and the local demo need none of them.
 */
const PUBLIC_CHAINS = {
  mainnet: { variable: "MAINNET_RPC_URL", chainType: "l1" },
  sepolia: { variable: "SEPOLIA_RPC_URL", chainType: "l1" },
  optimism: { variable: "OPTIMISM_RPC_URL", chainType: "op" },
  optimismSepolia: { variable: "OPTIMISM_SEPOLIA_RPC_URL", chainType: "op" },
  base: { variable: "BASE_RPC_URL", chainType: "op" },
  baseSepolia: { variable: "BASE_SEPOLIA_RPC_URL", chainType: "op" },
  arbitrum: { variable: "ARBITRUM_RPC_URL", chainType: "generic" },
  arbitrumSepolia: { variable: "ARBITRUM_SEPOLIA_RPC_URL", chainType: "generic" },
} as const;

const publicNetworks = Object.fromEntries(
  Object.entries(PUBLIC_CHAINS).map(([name, { variable, chainType }]) => [
    name,
    {
      type: "http",
      chainType,
      url: configVariable(variable),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    } as const,
  ]),
);

const publishDocument = task(
  "publish-document",
  "Validates a metadata document (or logo), stores and pins it, prints its pointer",
)
  .addPositionalArgument({ name: "kind", description: "node, project, round, season, application, review, … or logo" })
  .addPositionalArgument({ name: "file", description: "The JSON document or image file" })
  .addOption({
    name: "store",
    description: "The content store's folder (default .hyphae/content)",
    type: ArgumentType.STRING,
    defaultValue: "",
  })
  .setAction(() => import("./tasks/publish-document.js"))
  .build();

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  tasks: [publishDocument],
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
      fuzz: { runs: Number(process.env.HYPHAE_FUZZ_RUNS ?? 512) },
      // 160 runs of 64 calls: 10,240 calls per invariant on every CI run. `npm run test:nightly` asks for more.
      invariant: { runs: Number(process.env.HYPHAE_INVARIANT_RUNS ?? 160), depth: 64, failOnRevert: false },
    },
  },
  // `hardhat ignition deploy … --verify` (or `hardhat verify`) publishes the sources on Etherscan (one API key
  // serves every chain it knows), Blockscout and Sourcify.
  verify: { etherscan: { apiKey: configVariable("ETHERSCAN_API_KEY") } },
  networks: {
    // The tests' chain. Coverage instrumentation makes transactions heavy enough to fill blocks, and over a
    // thousand tests the EIP-1559 base fee then compounds until the test accounts cannot pay for gas: starting
    // it at zero keeps fees negligible (each full block raises it by a wei at first).
    default: { type: "edr-simulated", chainType: "l1", initialBaseFeePerGas: 0 },
    demo: {
      type: "edr-simulated",
      chainType: "l1",
      initialDate: new Date(Date.now() - DEMO_HISTORY_DAYS * 86_400_000).toISOString(),
    },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // The chain of `npm run bench:scale`: its own chain id (its deployment record is not the demo's), and blocks
    // large enough to mine thousands of donations at once without the base fee climbing block after block.
    scale: { type: "edr-simulated", chainType: "l1", chainId: 31339, blockGasLimit: 2_000_000_000n },
    ...publicNetworks,
    // Any other EVM chain (or a second local node): its RPC URL and the deployer's key, like the public chains.
    custom: {
      type: "http",
      chainType: "generic",
      url: configVariable("CUSTOM_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
