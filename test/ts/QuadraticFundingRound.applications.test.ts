import { expect } from "chai";
import {
  ApplicationStatus,
  createRound,
  deployHyphae,
  networkHelpers,
  registerProject,
  warpTo,
  NODE_ID,
} from "./helpers/hyphae.js";

describe("QuadraticFundingRound: applications", () => {
  async function roundWithProject() {
    const hyphae = await deployHyphae();
    const created = await createRound(hyphae);
    const projectId = await registerProject(hyphae, hyphae.accounts.projectOwner);
    return { hyphae, ...created, projectId };
  }

  async function openApplications() {
    const fixture = await roundWithProject();
    await warpTo(fixture.config.applicationsStart);
    return fixture;
  }

  it("accepts an application from the project's owner during the window", async () => {
    const { hyphae, round, projectId } = await networkHelpers.loadFixture(openApplications);
    const owner = hyphae.accounts.projectOwner;
    await expect(round.connect(owner).submitApplication(projectId, "ipfs://app-v1"))
      .to.emit(round, "ApplicationSubmitted")
      .withArgs(projectId, owner.address, "ipfs://app-v1");
    expect((await round.projectTally(projectId)).status).to.equal(ApplicationStatus.Pending);
    expect(await round.applicationMetadata(projectId)).to.equal("ipfs://app-v1");
  });

  it("rejects applications before the window opens and from its closing second on", async () => {
    const { hyphae, round, config, projectId } = await networkHelpers.loadFixture(roundWithProject);
    const owner = round.connect(hyphae.accounts.projectOwner);
    await expect(owner.submitApplication(projectId, "ipfs://a"))
      .to.be.revertedWithCustomError(round, "OutsideApplicationWindow")
      .withArgs(config.applicationsStart, config.applicationsEnd);
    await networkHelpers.time.setNextBlockTimestamp(config.applicationsEnd);
    await expect(owner.submitApplication(projectId, "ipfs://a")).to.be.revertedWithCustomError(
      round,
      "OutsideApplicationWindow",
    );
  });

  it("accepts an application in the last second of the window", async () => {
    const { hyphae, round, config, projectId } = await networkHelpers.loadFixture(roundWithProject);
    await networkHelpers.time.setNextBlockTimestamp(config.applicationsEnd - 1n);
    await round.connect(hyphae.accounts.projectOwner).submitApplication(projectId, "ipfs://a");
    expect((await round.projectTally(projectId)).status).to.equal(ApplicationStatus.Pending);
  });

  it("rejects applications from anyone but the owner, and for unknown projects", async () => {
    const { hyphae, round, registry, projectId } = await networkHelpers.loadFixture(openApplications).then((f) => ({
      ...f,
      registry: f.hyphae.registry,
    }));
    const { alice } = hyphae.accounts;
    await expect(round.connect(alice).submitApplication(projectId, "ipfs://a"))
      .to.be.revertedWithCustomError(round, "NotProjectOwner")
      .withArgs(projectId, alice.address);
    await expect(round.connect(alice).submitApplication(99n, "ipfs://a"))
      .to.be.revertedWithCustomError(registry, "ProjectNotFound")
      .withArgs(99n);
  });

  it("rejects an empty application pointer", async () => {
    const { hyphae, round, projectId } = await networkHelpers.loadFixture(openApplications);
    await expect(round.connect(hyphae.accounts.projectOwner).submitApplication(projectId, ""))
      .to.be.revertedWithCustomError(round, "InvalidMetadataPointer")
      .withArgs(0n);
  });

  it("lets a pending application be updated", async () => {
    const { hyphae, round, projectId } = await networkHelpers.loadFixture(openApplications);
    const owner = hyphae.accounts.projectOwner;
    await round.connect(owner).submitApplication(projectId, "ipfs://app-v1");
    await expect(round.connect(owner).submitApplication(projectId, "ipfs://app-v2"))
      .to.emit(round, "ApplicationUpdated")
      .withArgs(projectId, owner.address, "ipfs://app-v2");
    expect(await round.applicationMetadata(projectId)).to.equal("ipfs://app-v2");
    expect((await round.projectTally(projectId)).status).to.equal(ApplicationStatus.Pending);
  });

  it("lets stewards approve a pending application, which is then final", async () => {
    const { hyphae, round, projectId } = await networkHelpers.loadFixture(openApplications);
    const { projectOwner, steward } = hyphae.accounts;
    await round.connect(projectOwner).submitApplication(projectId, "ipfs://app");
    await expect(round.connect(steward).approveApplication(projectId, "ipfs://welcome"))
      .to.emit(round, "ApplicationReviewed")
      .withArgs(projectId, steward.address, ApplicationStatus.Approved, "ipfs://welcome");
    expect((await round.projectTally(projectId)).status).to.equal(ApplicationStatus.Approved);
    expect(await round.approvedProjectIds()).to.deep.equal([projectId]);

    await expect(round.connect(projectOwner).submitApplication(projectId, "ipfs://again"))
      .to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus")
      .withArgs(projectId, ApplicationStatus.Approved);
    await expect(round.connect(steward).rejectApplication(projectId, "ipfs://changed-my-mind"))
      .to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus")
      .withArgs(projectId, ApplicationStatus.Approved);
    await expect(round.connect(steward).approveApplication(projectId, ""))
      .to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus")
      .withArgs(projectId, ApplicationStatus.Approved);
  });

  it("lets stewards reject with a reason, after which the project may apply again", async () => {
    const { hyphae, round, projectId } = await networkHelpers.loadFixture(openApplications);
    const { projectOwner, steward } = hyphae.accounts;
    await round.connect(projectOwner).submitApplication(projectId, "ipfs://app");
    await expect(round.connect(steward).rejectApplication(projectId, "")).to.be.revertedWithCustomError(
      round,
      "MissingReason",
    );
    await expect(round.connect(steward).rejectApplication(projectId, "ipfs://not-local"))
      .to.emit(round, "ApplicationReviewed")
      .withArgs(projectId, steward.address, ApplicationStatus.Rejected, "ipfs://not-local");
    expect((await round.projectTally(projectId)).status).to.equal(ApplicationStatus.Rejected);

    await expect(round.connect(projectOwner).submitApplication(projectId, "ipfs://app-v2"))
      .to.emit(round, "ApplicationSubmitted")
      .withArgs(projectId, projectOwner.address, "ipfs://app-v2");
    expect((await round.projectTally(projectId)).status).to.equal(ApplicationStatus.Pending);
  });

  it("rejects reviews of applications that are not pending, by non-stewards, and with oversized reasons", async () => {
    const { hyphae, round, projectId } = await networkHelpers.loadFixture(openApplications);
    const { projectOwner, steward, alice } = hyphae.accounts;
    await expect(round.connect(steward).approveApplication(projectId, ""))
      .to.be.revertedWithCustomError(round, "UnexpectedApplicationStatus")
      .withArgs(projectId, ApplicationStatus.None);
    await round.connect(projectOwner).submitApplication(projectId, "ipfs://app");
    await expect(round.connect(alice).approveApplication(projectId, ""))
      .to.be.revertedWithCustomError(round, "NotNodeSteward")
      .withArgs(NODE_ID, alice.address);
    await expect(round.connect(alice).rejectApplication(projectId, "ipfs://no"))
      .to.be.revertedWithCustomError(round, "NotNodeSteward")
      .withArgs(NODE_ID, alice.address);
    await expect(round.connect(steward).approveApplication(projectId, "x".repeat(257)))
      .to.be.revertedWithCustomError(round, "InvalidMetadataPointer")
      .withArgs(257n);
    await expect(round.connect(steward).rejectApplication(projectId, "x".repeat(257)))
      .to.be.revertedWithCustomError(round, "InvalidMetadataPointer")
      .withArgs(257n);
    expect((await round.projectTally(projectId)).status).to.equal(ApplicationStatus.Pending);
  });

  it("allows reviews until the donation window ends, and not after", async () => {
    const { hyphae, round, config, projectId } = await networkHelpers.loadFixture(openApplications);
    const { projectOwner, steward } = hyphae.accounts;
    const second = await registerProject(hyphae, projectOwner);
    await round.connect(projectOwner).submitApplication(projectId, "ipfs://app");
    await round.connect(projectOwner).submitApplication(second, "ipfs://app");
    await warpTo(config.donationsEnd - 10n);
    await round.connect(steward).approveApplication(projectId, "");
    await warpTo(config.donationsEnd);
    await expect(round.connect(steward).approveApplication(second, ""))
      .to.be.revertedWithCustomError(round, "ReviewClosed")
      .withArgs(config.donationsEnd);
  });

  it("closes applications and reviews once the round is cancelled", async () => {
    const { hyphae, round, projectId } = await networkHelpers.loadFixture(openApplications);
    const { projectOwner, steward } = hyphae.accounts;
    await round.connect(projectOwner).submitApplication(projectId, "ipfs://app");
    await round.connect(steward).cancel();
    await expect(round.connect(projectOwner).submitApplication(projectId, "ipfs://app2"))
      .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
      .withArgs(3);
    await expect(round.connect(steward).approveApplication(projectId, ""))
      .to.be.revertedWithCustomError(round, "UnexpectedRoundStatus")
      .withArgs(3);
  });
});
