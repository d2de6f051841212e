import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import Hyphae from "./Hyphae.js";

/**
 * The network's first node, added by the governor to the deployment of the Hyphae module (deploy both with the
 * same deployment id, the default for a chain, and Ignition reuses the contracts it already deployed).
 *
 * Parameters, under "HyphaeFirstNode" in the parameters file:
 * - `name` (1 to 64 bytes) and `metadata` (`ipfs://<cid>` of the node's document: `npm run document:publish`);
 * - `kind`: 1 for the translocal commons (the usual first node), 0 for a local node; `parentId`: 0, or an existing node;
 * - `stewards`: the node's stewards, typically its multisig (a Safe) alone, or its members' accounts;
 * - `attestationThreshold`: how many stewards must attest a contribution (1 when the steward is a multisig,
 *   which already gathers its owners' signatures).
 */
export default buildModule("HyphaeFirstNode", (m) => {
  const { nodeRegistry } = m.useModule(Hyphae);
  m.call(nodeRegistry, "addNode", [
    m.getParameter("kind", 1),
    m.getParameter("parentId", 0),
    m.getParameter<string>("name"),
    m.getParameter<string>("metadata"),
    m.getParameter<string[]>("stewards"),
    m.getParameter("attestationThreshold", 1),
  ]);
  return { nodeRegistry };
});
