import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The Hyphae core: the project registry, the round implementation and the factory that clones it.
 * The deploying account becomes the factory's governor (it decides which ERC-20 payout tokens rounds may use).
 */
export default buildModule("Hyphae", (m) => {
  const governor = m.getParameter("governor", m.getAccount(0));
  const projectRegistry = m.contract("ProjectRegistry");
  const roundImplementation = m.contract("QuadraticFundingRound");
  const roundFactory = m.contract("RoundFactory", [projectRegistry, roundImplementation, governor]);
  return { projectRegistry, roundImplementation, roundFactory };
});
