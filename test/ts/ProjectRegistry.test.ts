import { expect } from "chai";
import { NODE_ID, deployHyphae, ethers, networkHelpers } from "./helpers/hyphae.js";

describe("ProjectRegistry", () => {
  async function registryWithProject() {
    const hyphae = await deployHyphae();
    const { projectOwner } = hyphae.accounts;
    await hyphae.registry.connect(projectOwner).registerProject(NODE_ID, projectOwner.address, "ipfs://profile-v1");
    return hyphae;
  }

  it("registers a project owned by the caller, with ids counting up from 1", async () => {
    const { registry, accounts } = await networkHelpers.loadFixture(deployHyphae);
    const { projectOwner, otherOwner, alice } = accounts;
    await expect(registry.connect(projectOwner).registerProject(NODE_ID, alice.address, "ipfs://a"))
      .to.emit(registry, "ProjectRegistered")
      .withArgs(1n, projectOwner.address, NODE_ID, alice.address, "ipfs://a");
    await registry.connect(otherOwner).registerProject(NODE_ID, otherOwner.address, "ipfs://b");
    expect(await registry.projectCount()).to.equal(2n);
    const project = await registry.getProject(1n);
    expect(project.owner).to.equal(projectOwner.address);
    expect(project.homeNode).to.equal(NODE_ID);
    expect(project.payoutAddress).to.equal(alice.address);
    expect(project.pendingOwner).to.equal(ethers.ZeroAddress);
    expect(project.metadata).to.equal("ipfs://a");
    expect(await registry.ownerOf(2n)).to.equal(otherOwner.address);
    expect(await registry.payoutAddressOf(1n)).to.equal(alice.address);
  });

  it("rejects a home node that does not exist, a zero payout address and an empty or oversized metadata pointer", async () => {
    const { registry, accounts } = await networkHelpers.loadFixture(deployHyphae);
    const owner = registry.connect(accounts.projectOwner);
    for (const homeNode of [0n, 2n]) {
      await expect(owner.registerProject(homeNode, accounts.alice.address, "ipfs://a"))
        .to.be.revertedWithCustomError(registry, "HomeNodeNotFound")
        .withArgs(homeNode);
    }
    await expect(owner.registerProject(NODE_ID, ethers.ZeroAddress, "ipfs://a")).to.be.revertedWithCustomError(
      registry,
      "InvalidPayoutAddress",
    );
    await expect(owner.registerProject(NODE_ID, accounts.alice.address, ""))
      .to.be.revertedWithCustomError(registry, "InvalidMetadataPointer")
      .withArgs(0n);
    await expect(owner.registerProject(NODE_ID, accounts.alice.address, "x".repeat(257)))
      .to.be.revertedWithCustomError(registry, "InvalidMetadataPointer")
      .withArgs(257n);
    expect(await registry.projectCount()).to.equal(0n);
  });

  it("lets only the owner move the project to another existing home node", async () => {
    const { registry, nodes, accounts } = await networkHelpers.loadFixture(registryWithProject);
    const { projectOwner, governor, bob } = accounts;
    await nodes.connect(governor).addNode(0, 0, "Nairobi Makers", "ipfs://nairobi", [bob], 1);
    await expect(registry.connect(bob).setHomeNode(1n, 2n))
      .to.be.revertedWithCustomError(registry, "NotProjectOwner")
      .withArgs(1n, bob.address);
    await expect(registry.connect(projectOwner).setHomeNode(1n, 3n))
      .to.be.revertedWithCustomError(registry, "HomeNodeNotFound")
      .withArgs(3n);
    await expect(registry.connect(projectOwner).setHomeNode(1n, 2n))
      .to.emit(registry, "HomeNodeChanged")
      .withArgs(1n, 2n);
    expect((await registry.getProject(1n)).homeNode).to.equal(2n);
    expect(await registry.nodeRegistry()).to.equal(await nodes.getAddress());
  });

  it("lets only the owner change the payout address and the metadata", async () => {
    const { registry, accounts } = await networkHelpers.loadFixture(registryWithProject);
    const { projectOwner, bob } = accounts;
    await expect(registry.connect(projectOwner).updatePayoutAddress(1n, bob.address))
      .to.emit(registry, "PayoutAddressUpdated")
      .withArgs(1n, bob.address);
    await expect(registry.connect(projectOwner).updateMetadata(1n, "ipfs://profile-v2"))
      .to.emit(registry, "ProjectMetadataUpdated")
      .withArgs(1n, "ipfs://profile-v2");
    expect(await registry.payoutAddressOf(1n)).to.equal(bob.address);
    expect((await registry.getProject(1n)).metadata).to.equal("ipfs://profile-v2");

    await expect(registry.connect(bob).updatePayoutAddress(1n, bob.address))
      .to.be.revertedWithCustomError(registry, "NotProjectOwner")
      .withArgs(1n, bob.address);
    await expect(registry.connect(bob).updateMetadata(1n, "ipfs://hijack"))
      .to.be.revertedWithCustomError(registry, "NotProjectOwner")
      .withArgs(1n, bob.address);
    await expect(
      registry.connect(projectOwner).updatePayoutAddress(1n, ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(registry, "InvalidPayoutAddress");
    await expect(registry.connect(projectOwner).updateMetadata(1n, ""))
      .to.be.revertedWithCustomError(registry, "InvalidMetadataPointer")
      .withArgs(0n);
  });

  it("hands a project to a new owner in two steps", async () => {
    const { registry, accounts } = await networkHelpers.loadFixture(registryWithProject);
    const { projectOwner, otherOwner, bob } = accounts;
    await expect(registry.connect(projectOwner).transferProjectOwnership(1n, otherOwner.address))
      .to.emit(registry, "ProjectOwnershipTransferStarted")
      .withArgs(1n, projectOwner.address, otherOwner.address);
    // Until accepted, the old owner still owns it.
    expect(await registry.ownerOf(1n)).to.equal(projectOwner.address);
    expect((await registry.getProject(1n)).pendingOwner).to.equal(otherOwner.address);
    await expect(registry.connect(bob).acceptProjectOwnership(1n))
      .to.be.revertedWithCustomError(registry, "NotPendingProjectOwner")
      .withArgs(1n, bob.address);
    await expect(registry.connect(otherOwner).acceptProjectOwnership(1n))
      .to.emit(registry, "ProjectOwnershipTransferred")
      .withArgs(1n, projectOwner.address, otherOwner.address);
    expect(await registry.ownerOf(1n)).to.equal(otherOwner.address);
    expect((await registry.getProject(1n)).pendingOwner).to.equal(ethers.ZeroAddress);
    await expect(registry.connect(projectOwner).updateMetadata(1n, "ipfs://x")).to.be.revertedWithCustomError(
      registry,
      "NotProjectOwner",
    );
  });

  it("lets the owner withdraw an offer by offering the project to nobody", async () => {
    const { registry, accounts } = await networkHelpers.loadFixture(registryWithProject);
    const { projectOwner, otherOwner } = accounts;
    await registry.connect(projectOwner).transferProjectOwnership(1n, otherOwner.address);
    await registry.connect(projectOwner).transferProjectOwnership(1n, ethers.ZeroAddress);
    await expect(registry.connect(otherOwner).acceptProjectOwnership(1n)).to.be.revertedWithCustomError(
      registry,
      "NotPendingProjectOwner",
    );
    expect(await registry.ownerOf(1n)).to.equal(projectOwner.address);
  });

  it("reverts with ProjectNotFound for ids that were never registered", async () => {
    const { registry, accounts } = await networkHelpers.loadFixture(registryWithProject);
    for (const id of [0n, 2n]) {
      await expect(registry.getProject(id)).to.be.revertedWithCustomError(registry, "ProjectNotFound").withArgs(id);
      await expect(registry.ownerOf(id)).to.be.revertedWithCustomError(registry, "ProjectNotFound").withArgs(id);
      await expect(registry.payoutAddressOf(id)).to.be.revertedWithCustomError(registry, "ProjectNotFound");
      await expect(
        registry.connect(accounts.projectOwner).updateMetadata(id, "ipfs://x"),
      ).to.be.revertedWithCustomError(registry, "ProjectNotFound");
      await expect(registry.connect(accounts.projectOwner).acceptProjectOwnership(id)).to.be.revertedWithCustomError(
        registry,
        "ProjectNotFound",
      );
    }
  });
});
