import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import Hyphae from "./Hyphae.js";

/**
 * Hands the network's governance from the deploying account to a multisig: grants the multisig the governor role,
 * then the deployer renounces its own, so no single key governs the network afterwards. The registry never lets
 * its last governor go, so the renouncing cannot leave the network without one.
 *
 * Parameter, under "HyphaeGovernanceHandOver": `multisig`, the address of the network's Safe (or other multisig).
 */
export default buildModule("HyphaeGovernanceHandOver", (m) => {
  const { nodeRegistry } = m.useModule(Hyphae);
  const deployer = m.getAccount(0);
  const governorRole = m.staticCall(nodeRegistry, "GOVERNOR_ROLE");
  const grant = m.call(nodeRegistry, "grantRole", [governorRole, m.getParameter<string>("multisig")]);
  m.call(nodeRegistry, "renounceRole", [governorRole, deployer], { after: [grant] });
  return { nodeRegistry };
});
