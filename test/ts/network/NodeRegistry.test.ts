import { expect } from "chai";
import { ethers, networkHelpers } from "../helpers/hyphae.js";
import { deployNetwork, NodeKind } from "../helpers/network.js";

describe("NodeRegistry", () => {
  it("adds nodes with their stewards, numbered from 1, each emitting what an indexer needs", async () => {
    const { nodes, accounts } = await networkHelpers.loadFixture(deployNetwork);
    const { governor, outsider } = accounts;
    await expect(nodes.addNode(NodeKind.Local, 1, "Lower Fraser", "ipfs://fraser", [outsider], 1))
      .to.emit(nodes, "NodeAdded")
      .withArgs(4n, NodeKind.Local, 1n, "Lower Fraser", "ipfs://fraser", 1n, governor.address)
      .and.to.emit(nodes, "StewardAdded")
      .withArgs(4n, outsider.address, governor.address);
    expect(await nodes.nodeCount()).to.equal(4n);
    const added = await nodes.node(4n);
    expect([added.kind, added.parentId, added.stewardCount, added.attestationThreshold]).to.deep.equal([
      BigInt(NodeKind.Local),
      1n,
      1n,
      1n,
    ]);
    expect([added.name, added.metadata]).to.deep.equal(["Lower Fraser", "ipfs://fraser"]);
    expect(await nodes.isSteward(4n, outsider.address)).to.equal(true);
    expect(await nodes.isSteward(2n, outsider.address)).to.equal(false);
  });

  describe("rejects a node that is not well formed", () => {
    it("an unknown parent, an empty or long name, or a bad metadata pointer", async () => {
      const { nodes, accounts } = await networkHelpers.loadFixture(deployNetwork);
      const stewards = [accounts.outsider.address];
      await expect(nodes.addNode(NodeKind.Local, 9, "X", "ipfs://x", stewards, 1))
        .to.be.revertedWithCustomError(nodes, "NodeNotFound")
        .withArgs(9n);
      await expect(nodes.addNode(NodeKind.Local, 0, "", "ipfs://x", stewards, 1))
        .to.be.revertedWithCustomError(nodes, "InvalidNodeName")
        .withArgs(0n);
      await expect(nodes.addNode(NodeKind.Local, 0, "n".repeat(65), "ipfs://x", stewards, 1))
        .to.be.revertedWithCustomError(nodes, "InvalidNodeName")
        .withArgs(65n);
      await expect(nodes.addNode(NodeKind.Local, 0, "X", "", stewards, 1)).to.be.revertedWithCustomError(
        nodes,
        "InvalidMetadataPointer",
      );
    });

    it("no steward, a zero or repeated steward, or a threshold outside 1..stewards", async () => {
      const { nodes, accounts } = await networkHelpers.loadFixture(deployNetwork);
      const { outsider, contributor } = accounts;
      await expect(nodes.addNode(NodeKind.Local, 0, "X", "ipfs://x", [], 1)).to.be.revertedWithCustomError(
        nodes,
        "NoStewards",
      );
      await expect(nodes.addNode(NodeKind.Local, 0, "X", "ipfs://x", [ethers.ZeroAddress], 1))
        .to.be.revertedWithCustomError(nodes, "InvalidSteward")
        .withArgs(ethers.ZeroAddress);
      await expect(nodes.addNode(NodeKind.Local, 0, "X", "ipfs://x", [outsider, outsider], 1))
        .to.be.revertedWithCustomError(nodes, "AlreadySteward")
        .withArgs(4n, outsider.address);
      await expect(nodes.addNode(NodeKind.Local, 0, "X", "ipfs://x", [outsider], 0))
        .to.be.revertedWithCustomError(nodes, "InvalidThreshold")
        .withArgs(0n, 1n);
      await expect(nodes.addNode(NodeKind.Local, 0, "X", "ipfs://x", [outsider, contributor], 3))
        .to.be.revertedWithCustomError(nodes, "InvalidThreshold")
        .withArgs(3n, 2n);
    });
  });

  it("lets a node's stewards change its details, its stewards and its threshold", async () => {
    const { nodes, accounts, CASCADIA } = await networkHelpers.loadFixture(deployNetwork);
    const { cascadiaSteward, secondCascadiaSteward, outsider } = accounts;
    const steward = nodes.connect(cascadiaSteward);
    await expect(steward.setNodeDetails(CASCADIA, "Cascadia bioregion", "ipfs://cascadia-2"))
      .to.emit(nodes, "NodeDetailsUpdated")
      .withArgs(CASCADIA, "Cascadia bioregion", "ipfs://cascadia-2", cascadiaSteward.address);
    expect((await nodes.node(CASCADIA)).name).to.equal("Cascadia bioregion");

    await expect(steward.addSteward(CASCADIA, outsider))
      .to.emit(nodes, "StewardAdded")
      .withArgs(CASCADIA, outsider.address, cascadiaSteward.address);
    await expect(steward.addSteward(CASCADIA, outsider))
      .to.be.revertedWithCustomError(nodes, "AlreadySteward")
      .withArgs(CASCADIA, outsider.address);
    await expect(steward.setAttestationThreshold(CASCADIA, 3))
      .to.emit(nodes, "AttestationThresholdSet")
      .withArgs(CASCADIA, 3n, cascadiaSteward.address);
    // Three stewards must attest: none can leave while the threshold needs them all.
    await expect(steward.removeSteward(CASCADIA, outsider))
      .to.be.revertedWithCustomError(nodes, "InvalidThreshold")
      .withArgs(3n, 2n);
    await steward.setAttestationThreshold(CASCADIA, 2);
    await expect(steward.removeSteward(CASCADIA, outsider))
      .to.emit(nodes, "StewardRemoved")
      .withArgs(CASCADIA, outsider.address, cascadiaSteward.address);
    await expect(steward.removeSteward(CASCADIA, outsider))
      .to.be.revertedWithCustomError(nodes, "NotSteward")
      .withArgs(CASCADIA, outsider.address);
    await expect(steward.setAttestationThreshold(CASCADIA, 0))
      .to.be.revertedWithCustomError(nodes, "InvalidThreshold")
      .withArgs(0n, 2n);
    await expect(nodes.connect(secondCascadiaSteward).setAttestationThreshold(CASCADIA, 3))
      .to.be.revertedWithCustomError(nodes, "InvalidThreshold")
      .withArgs(3n, 2n);
  });

  it("lets a governor restore a node's stewards", async () => {
    const { nodes, accounts } = await networkHelpers.loadFixture(deployNetwork);
    const { governor, coloradoSteward, outsider } = accounts;
    await expect(nodes.addSteward(3n, outsider))
      .to.emit(nodes, "StewardAdded")
      .withArgs(3n, outsider.address, governor.address);
    await expect(nodes.removeSteward(3n, coloradoSteward))
      .to.emit(nodes, "StewardRemoved")
      .withArgs(3n, coloradoSteward.address, governor.address);
    expect((await nodes.node(3n)).stewardCount).to.equal(1n);
  });

  it("refuses ids that name no node", async () => {
    const { nodes, accounts } = await networkHelpers.loadFixture(deployNetwork);
    expect(await nodes.attestationThreshold(2n)).to.equal(2n);
    for (const id of [0n, 4n]) {
      await expect(nodes.node(id)).to.be.revertedWithCustomError(nodes, "NodeNotFound").withArgs(id);
      await expect(nodes.attestationThreshold(id)).to.be.revertedWithCustomError(nodes, "NodeNotFound").withArgs(id);
      await expect(nodes.addSteward(id, accounts.outsider)).to.be.revertedWithCustomError(nodes, "NodeNotFound");
      await expect(nodes.setNodeDetails(id, "X", "ipfs://x")).to.be.revertedWithCustomError(nodes, "NodeNotFound");
    }
  });

  it("keeps governors among themselves, and never without one", async () => {
    const { nodes, accounts } = await networkHelpers.loadFixture(deployNetwork);
    const { governor, outsider } = accounts;
    const role = await nodes.GOVERNOR_ROLE();
    expect(await nodes.isGovernor(governor)).to.equal(true);
    await expect(nodes.connect(outsider).grantRole(role, outsider)).to.be.revertedWithCustomError(
      nodes,
      "AccessControlUnauthorizedAccount",
    );
    await expect(nodes.renounceRole(role, governor))
      .to.be.revertedWithCustomError(nodes, "LastGovernor")
      .withArgs(governor.address);
    await expect(nodes.grantRole(role, outsider))
      .to.emit(nodes, "RoleGranted")
      .withArgs(role, outsider.address, governor.address);
    await expect(nodes.connect(outsider).revokeRole(role, governor)).to.emit(nodes, "RoleRevoked");
    expect(await nodes.isGovernor(governor)).to.equal(false);
    await expect(nodes.connect(outsider).renounceRole(role, outsider)).to.be.revertedWithCustomError(
      nodes,
      "LastGovernor",
    );
    // Revoking a role the account does not hold is a no-op, even for the last governor's role.
    await nodes.connect(outsider).revokeRole(role, governor);
  });

  it("cannot be deployed with the zero address as its first governor, which no one could act for", async () => {
    const nodes = await ethers.getContractFactory("NodeRegistry");
    await expect(ethers.deployContract("NodeRegistry", [ethers.ZeroAddress]))
      .to.be.revertedWithCustomError(nodes, "InvalidRoleHolder")
      .withArgs(ethers.id("GOVERNOR_ROLE"), ethers.ZeroAddress);
  });
});
