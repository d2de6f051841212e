/**
 * Deploys the Hyphae Ignition module to a local node on a custom port, for `HYPHAE_RPC_PORT=… npm start`.
 *
 * The `localhost` network of hardhat.config.ts is fixed to http://127.0.0.1:8545, and
 * `hardhat ignition deploy` cannot override its URL. This script deploys the same module with Ignition
 * through a connection whose URL is HYPHAE_RPC_URL; like the CLI, it writes the deployment journal and
 * deployed_addresses.json to ignition/deployments/chain-31337.
 *
 *     HYPHAE_RPC_URL=http://127.0.0.1:8546 npx hardhat run --network localhost scripts/deploy-localhost.ts
 */
import { network } from "hardhat";
import Hyphae from "../ignition/modules/Hyphae.js";

const url = process.env.HYPHAE_RPC_URL;
const connection =
  url === undefined ? await network.getOrCreate() : await network.create({ network: "localhost", override: { url } });
const deployed = await connection.ignition.deploy(Hyphae);
for (const [name, contract] of Object.entries(deployed)) {
  console.log(`Hyphae#${name} - ${await contract.getAddress()}`);
}
