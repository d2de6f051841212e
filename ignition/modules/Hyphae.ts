import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * A whole Hyphae network: the node registry (its governors set the network's shared rules), the project registry,
 * the funding round implementation and the factory that clones it, the contribution ledger, which deploys the
 * commons credits it mints, and the voting round implementation and its factory, whose rounds vote with those
 * credits unless they name another token.
 *
 * The `governor` parameter names the network's first governor, who adds nodes, defines contribution kinds and
 * allows payout tokens; the deploying account by default, a multisig on a real network.
 */
export default buildModule("Hyphae", (m) => {
  const governor = m.getParameter("governor", m.getAccount(0));
  const nodeRegistry = m.contract("NodeRegistry", [governor]);
  const projectRegistry = m.contract("ProjectRegistry", [nodeRegistry]);
  const roundImplementation = m.contract("QuadraticFundingRound");
  const roundFactory = m.contract("RoundFactory", [projectRegistry, roundImplementation, nodeRegistry]);
  const contributionLedger = m.contract("ContributionLedger", [nodeRegistry, roundFactory]);
  const commonsCredits = m.staticCall(contributionLedger, "credits");
  const votingRoundImplementation = m.contract("QuadraticVotingRound");
  const votingRoundFactory = m.contract("VotingRoundFactory", [
    votingRoundImplementation,
    roundFactory,
    commonsCredits,
  ]);
  return {
    nodeRegistry,
    projectRegistry,
    roundImplementation,
    roundFactory,
    contributionLedger,
    votingRoundImplementation,
    votingRoundFactory,
  };
});
