/**
 * The addresses of a Hyphae deployment and the block it started at, from Ignition's record of it
 * (ignition/deployments/<folder>/deployed_addresses.json and journal.jsonl): never typed by hand.
 *
 * Node runs this file directly through the launcher by stripping its types: erasable TypeScript only.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "./settings.ts";

type Address = `0x${string}`;

export interface HyphaeDeployment {
  roundFactory: Address;
  projectRegistry: Address;
  /** The first block of the deployment: nothing of Hyphae happened before it, so indexing starts there. */
  fromBlock: number;
}

/** Ignition future ids of the contracts the indexer follows. */
const FUTURES = {
  roundFactory: "Hyphae#RoundFactory",
  projectRegistry: "Hyphae#ProjectRegistry",
} as const;

export function deploymentDirectory(folder: string): string {
  return path.join(repositoryRoot, "ignition", "deployments", folder);
}

/**
 * The lowest block of the deployment's confirmed transactions, from Ignition's journal; 0 without a journal.
 * The same reading as scripts/generate-app-contracts.ts, so the app and the indexer start at the same block.
 */
function deploymentBlock(directory: string): number {
  const journal = path.join(directory, "journal.jsonl");
  if (!existsSync(journal)) return 0;
  let lowest: number | undefined;
  for (const line of readFileSync(journal, "utf8").split("\n")) {
    if (!line.includes('"TRANSACTION_CONFIRM"')) continue;
    const entry = JSON.parse(line) as { receipt?: { blockNumber?: number } };
    const block = entry.receipt?.blockNumber;
    if (typeof block === "number" && (lowest === undefined || block < lowest)) lowest = block;
  }
  return lowest ?? 0;
}

export function readDeployment(folder: string): HyphaeDeployment {
  const directory = deploymentDirectory(folder);
  const file = path.join(directory, "deployed_addresses.json");
  if (!existsSync(file)) {
    throw new Error(
      `no Ignition deployment at ${path.relative(repositoryRoot, file)}: deploy first ` +
        "(`npm start` on the local chain, `npx hardhat ignition deploy … --network <name>` elsewhere)",
    );
  }
  const addresses = JSON.parse(readFileSync(file, "utf8")) as Record<string, string | undefined>;
  const address = (futureId: string): Address => {
    const value = addresses[futureId];
    if (value === undefined || !/^0x[0-9a-fA-F]{40}$/.test(value)) {
      throw new Error(`${path.relative(repositoryRoot, file)} has no address for ${futureId}`);
    }
    return value as Address;
  };
  return {
    roundFactory: address(FUTURES.roundFactory),
    projectRegistry: address(FUTURES.projectRegistry),
    fromBlock: deploymentBlock(directory),
  };
}
