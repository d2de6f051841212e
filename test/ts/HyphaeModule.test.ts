import { expect } from "chai";
import { network } from "hardhat";
import Hyphae from "../../ignition/modules/Hyphae.js";

describe("ignition/modules/Hyphae", () => {
  /** Deploys the module on a fresh network and returns its contracts, typed. */
  async function deploy(governor?: string) {
    const connection = await network.create();
    const deployed = await connection.ignition.deploy(
      Hyphae,
      governor === undefined ? {} : { parameters: { Hyphae: { governor } } },
    );
    const { ethers } = connection;
    const nodeRegistry = await ethers.getContractAt("NodeRegistry", await deployed.nodeRegistry.getAddress());
    const ledger = await ethers.getContractAt("ContributionLedger", await deployed.contributionLedger.getAddress());
    const credits = await ethers.getContractAt("CommonsCredits", await ledger.credits());
    const votingFactory = await ethers.getContractAt(
      "VotingRoundFactory",
      await deployed.votingRoundFactory.getAddress(),
    );
    const [deployer, multisig] = await ethers.getSigners();
    if (deployer === undefined || multisig === undefined) throw new Error("the network needs two accounts");
    return { deployed, nodeRegistry, ledger, credits, votingFactory, deployer, multisig };
  }

  it("deploys the node registry governed by the deployer, and a ledger that mints the credits", async () => {
    const { nodeRegistry, ledger, credits, deployer } = await deploy();
    expect(await nodeRegistry.isGovernor(deployer.address)).to.equal(true);
    expect(await ledger.nodeRegistry()).to.equal(await nodeRegistry.getAddress());
    expect(await credits.minter()).to.equal(await ledger.getAddress());
  });

  it("deploys a voting round factory whose rounds vote with the commons credits and share the payout tokens", async () => {
    const { deployed, credits, votingFactory } = await deploy();
    expect(await votingFactory.commonsCredits()).to.equal(await credits.getAddress());
    expect(await votingFactory.fundingRoundFactory()).to.equal(await deployed.roundFactory.getAddress());
    expect(await votingFactory.roundImplementation()).to.equal(await deployed.votingRoundImplementation.getAddress());
  });

  it("hands governance to the account the `governor` parameter names (a multisig on a real network)", async () => {
    const accounts = await deploy();
    const { nodeRegistry, deployer } = await deploy(accounts.multisig.address);
    expect(await nodeRegistry.isGovernor(accounts.multisig.address)).to.equal(true);
    expect(await nodeRegistry.isGovernor(deployer.address)).to.equal(false);
  });
});
