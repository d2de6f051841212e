/**
 * Ponder's configuration for one Hyphae deployment: the chain and RPC URL from the environment
 * (indexer/settings.ts), the addresses and first block from Ignition's record, the ABIs from the Hardhat build.
 *
 * Rounds are minimal clones the RoundFactory creates at any time, so they are found by Ponder's factory pattern:
 * every address announced by a `RoundCreated` event is indexed as a QuadraticFundingRound from that block on.
 */
import path from "node:path";
import { createConfig, factory } from "ponder";
import { getAbiItem } from "viem";
import { readDeployment } from "./deployment.ts";
import { projectRegistryAbi, quadraticFundingRoundAbi, roundFactoryAbi } from "./generated/abis.ts";
import { indexerSettings, LOCAL_CHAIN_ID, repositoryRoot } from "./settings.ts";

const settings = indexerSettings();
const deployment = readDeployment(settings.deployment);

export default createConfig({
  database: {
    kind: "pglite",
    // Under .hyphae/ (ignored by git). indexer/start.ts names one per chain and genesis block.
    directory: settings.databaseDirectory ?? path.join(repositoryRoot, ".hyphae", "indexer", settings.deployment),
  },
  chains: {
    hyphae: {
      id: settings.chainId,
      rpc: settings.rpcUrl,
      // A local node mines a block per transaction: poll it often so a donation shows within a fraction of a
      // second; elsewhere, Ponder's default (1 s) is about a block.
      pollingInterval: settings.chainId === LOCAL_CHAIN_ID ? 250 : 1_000,
      // Ponder caches RPC results per chain id; a local chain is new on every start, so its cache would lie.
      disableCache: settings.chainId === LOCAL_CHAIN_ID,
    },
  },
  contracts: {
    RoundFactory: {
      chain: "hyphae",
      abi: roundFactoryAbi,
      address: deployment.roundFactory,
      startBlock: deployment.fromBlock,
    },
    QuadraticFundingRound: {
      chain: "hyphae",
      abi: quadraticFundingRoundAbi,
      address: factory({
        address: deployment.roundFactory,
        event: getAbiItem({ abi: roundFactoryAbi, name: "RoundCreated" }),
        parameter: "round",
      }),
      startBlock: deployment.fromBlock,
    },
    ProjectRegistry: {
      chain: "hyphae",
      abi: projectRegistryAbi,
      address: deployment.projectRegistry,
      startBlock: deployment.fromBlock,
    },
  },
});
