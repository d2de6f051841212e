import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The organized network (issue 4): the node registry, whose governor is the deploying account unless the
 * `governor` parameter names another (a multisig, for a real network), and the contribution ledger, which
 * deploys the commons credits it mints.
 */
export default buildModule("Network", (m) => {
  const governor = m.getParameter("governor", m.getAccount(0));
  const nodeRegistry = m.contract("NodeRegistry", [governor]);
  const contributionLedger = m.contract("ContributionLedger", [nodeRegistry]);
  return { nodeRegistry, contributionLedger };
});
