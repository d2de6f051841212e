import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ethers, networkHelpers } from "../helpers/hyphae.js";
import {
  ContributionStatus,
  CREDITS_PER_HOUR,
  deployNetwork,
  LABOUR,
  MONEY,
  type Network,
  attested,
  withPendingContribution,
} from "../helpers/network.js";

const DAY = 86_400n;

describe("ContributionLedger", () => {
  it("records a contribution as pending, with everything an indexer needs in the event", async () => {
    const { ledger, accounts, CASCADIA } = await networkHelpers.loadFixture(deployNetwork);
    const { contributor } = accounts;
    await expect(ledger.connect(contributor).record(CASCADIA, LABOUR, 12, "ipfs://work", "ipfs://photos"))
      .to.emit(ledger, "ContributionRecorded")
      .withArgs(1n, contributor.address, CASCADIA, LABOUR, 12n, "ipfs://work", "ipfs://photos");
    const recorded = await ledger.contribution(1);
    expect(recorded.contributor).to.equal(contributor.address);
    expect(recorded.status).to.equal(BigInt(ContributionStatus.Pending));
    expect([recorded.nodeId, recorded.kind, recorded.quantity, recorded.credits]).to.deep.equal([
      CASCADIA,
      1n,
      12n,
      0n,
    ]);
    expect(recorded.recordedAt).to.equal(BigInt(await networkHelpers.time.latest()));
    expect(await ledger.contributionCount()).to.equal(1n);
  });

  it("refuses a contribution to no node, of an unknown or protocol-counted kind, of no quantity, or without pointers", async () => {
    const { ledger, nodes, accounts, CASCADIA } = await networkHelpers.loadFixture(deployNetwork);
    const as = ledger.connect(accounts.contributor);
    await expect(as.record(9, LABOUR, 1, "ipfs://a", "ipfs://b")).to.be.revertedWithCustomError(nodes, "NodeNotFound");
    await expect(as.record(CASCADIA, 7, 1, "ipfs://a", "ipfs://b"))
      .to.be.revertedWithCustomError(ledger, "KindNotFound")
      .withArgs(7n);
    await expect(as.record(CASCADIA, MONEY, 1, "ipfs://a", "ipfs://b"))
      .to.be.revertedWithCustomError(ledger, "KindNotSelfReported")
      .withArgs(BigInt(MONEY));
    await expect(as.record(CASCADIA, LABOUR, 0, "ipfs://a", "ipfs://b"))
      .to.be.revertedWithCustomError(ledger, "InvalidQuantity")
      .withArgs(0n);
    await expect(as.record(CASCADIA, LABOUR, 2n ** 96n, "ipfs://a", "ipfs://b"))
      .to.be.revertedWithCustomError(ledger, "InvalidQuantity")
      .withArgs(2n ** 96n);
    await expect(as.record(CASCADIA, LABOUR, 1, "", "ipfs://b")).to.be.revertedWithCustomError(
      ledger,
      "InvalidMetadataPointer",
    );
    await expect(as.record(CASCADIA, LABOUR, 1, "ipfs://a", "")).to.be.revertedWithCustomError(
      ledger,
      "InvalidMetadataPointer",
    );
    expect(await ledger.contributionCount()).to.equal(0n);
  });

  it("credits a contribution once a threshold of the node's stewards attest it, at the kind's weight", async () => {
    const network = await networkHelpers.loadFixture(withPendingContribution);
    const { ledger, credits, accounts, CASCADIA } = network;
    const { cascadiaSteward, secondCascadiaSteward, contributor } = accounts;
    await expect(ledger.connect(cascadiaSteward).attest(1))
      .to.emit(ledger, "ContributionAttested")
      .withArgs(1n, cascadiaSteward.address, 1n);
    expect((await ledger.contribution(1)).status).to.equal(BigInt(ContributionStatus.Pending));
    await expect(ledger.connect(cascadiaSteward).attest(1))
      .to.be.revertedWithCustomError(ledger, "AlreadyAttested")
      .withArgs(1n, cascadiaSteward.address);

    const expected = 12n * CREDITS_PER_HOUR;
    await expect(ledger.connect(secondCascadiaSteward).attest(1))
      .to.emit(ledger, "ContributionCredited")
      .withArgs(1n, contributor.address, expected);
    const credited = await ledger.contribution(1);
    expect(credited.status).to.equal(BigInt(ContributionStatus.Attested));
    expect(credited.credits).to.equal(expected);
    expect(credited.attestedAt).to.equal(BigInt(await networkHelpers.time.latest()));
    // Credited, waiting to be claimed: the steward does not pay for the contributor's vote checkpoints.
    expect(await ledger.unclaimedCredits(contributor)).to.equal(expected);
    expect(await credits.balanceOf(contributor)).to.equal(0n);

    const period = await ledger.periodOf(await networkHelpers.time.latest());
    expect(await ledger.nodeTotal(CASCADIA, LABOUR)).to.deep.equal([12n, expected]);
    expect(await ledger.contributorTotal(contributor, LABOUR)).to.deep.equal([12n, expected]);
    expect(await ledger.nodeCreditsInPeriod(CASCADIA, period)).to.equal(expected);
    expect(await ledger.contributorCreditsInPeriod(contributor, period)).to.equal(expected);
    await expect(ledger.connect(cascadiaSteward).attest(1))
      .to.be.revertedWithCustomError(ledger, "UnexpectedContributionStatus")
      .withArgs(1n, ContributionStatus.Attested);
  });

  it("mints credited work to the contributor when anyone claims it, and makes it their votes at once", async () => {
    const network = await networkHelpers.loadFixture(withPendingContribution);
    const { ledger, credits, accounts } = network;
    const { contributor, outsider } = accounts;
    await expect(ledger.connect(outsider).claimCredits(contributor))
      .to.be.revertedWithCustomError(ledger, "NothingToClaim")
      .withArgs(contributor.address);
    await attested(network);
    const expected = 12n * CREDITS_PER_HOUR;
    await expect(ledger.connect(outsider).claimCredits(contributor))
      .to.emit(ledger, "CreditsClaimed")
      .withArgs(contributor.address, expected)
      .and.to.emit(credits, "DelegateChanged")
      .withArgs(contributor.address, ethers.ZeroAddress, contributor.address);
    expect(await credits.balanceOf(contributor)).to.equal(expected);
    expect(await credits.balanceOf(outsider)).to.equal(0n);
    expect(await credits.getVotes(contributor)).to.equal(expected);
    expect(await ledger.unclaimedCredits(contributor)).to.equal(0n);
    await expect(ledger.connect(contributor).claimCredits(contributor)).to.be.revertedWithCustomError(
      ledger,
      "NothingToClaim",
    );
  });

  it("keeps a holder's chosen delegate when more credits are claimed", async () => {
    const network = await networkHelpers.loadFixture(withPendingContribution);
    const { ledger, credits, accounts, CASCADIA } = network;
    const { contributor, outsider } = accounts;
    await attested(network);
    await ledger.claimCredits(contributor);
    await credits.connect(contributor).delegate(outsider);
    await ledger.connect(contributor).record(CASCADIA, LABOUR, 1, "ipfs://more", "ipfs://more-photos");
    await ledger.connect(accounts.cascadiaSteward).attest(2);
    await ledger.connect(accounts.secondCascadiaSteward).attest(2);
    await ledger.claimCredits(contributor);
    expect(await credits.delegates(contributor)).to.equal(outsider.address);
    expect(await credits.getVotes(outsider)).to.equal(13n * CREDITS_PER_HOUR);
    expect(await credits.getVotes(contributor)).to.equal(0n);
  });

  it("keeps the weight an attestation used, so a revocation takes back exactly what was credited", async () => {
    const network = await networkHelpers.loadFixture(withPendingContribution);
    const { ledger, credits, accounts, CASCADIA } = network;
    await attested(network);
    await ledger.setKind(LABOUR, "labour", "hours", 1n, true);
    const credited = 12n * CREDITS_PER_HOUR;
    await expect(ledger.connect(accounts.cascadiaSteward).revoke(1, "ipfs://dispute-outcome"))
      .to.emit(ledger, "ContributionRevoked")
      .withArgs(1n, accounts.cascadiaSteward.address, credited, "ipfs://dispute-outcome");
    expect(await ledger.unclaimedCredits(accounts.contributor)).to.equal(0n);
    expect(await credits.totalSupply()).to.equal(0n);
    expect(await ledger.nodeTotal(CASCADIA, LABOUR)).to.deep.equal([0n, 0n]);
    expect(await ledger.contributorTotal(accounts.contributor, LABOUR)).to.deep.equal([0n, 0n]);
    const period = await ledger.periodOf((await ledger.contribution(1)).attestedAt);
    expect(await ledger.nodeCreditsInPeriod(CASCADIA, period)).to.equal(0n);
    expect((await ledger.contribution(1)).status).to.equal(BigInt(ContributionStatus.Revoked));
  });

  it("takes revoked credits from unclaimed ones first and burns only the rest, votes included", async () => {
    const network = await networkHelpers.loadFixture(withPendingContribution);
    const { ledger, credits, accounts, COLORADO } = network;
    const { contributor, coloradoSteward } = accounts;
    await attested(network);
    await ledger.claimCredits(contributor);
    // 2 more hours at Colorado, credited but not claimed.
    await ledger.connect(contributor).record(COLORADO, LABOUR, 2, "ipfs://more", "ipfs://more-photos");
    await ledger.connect(coloradoSteward).attest(2);
    expect(await ledger.unclaimedCredits(contributor)).to.equal(2n * CREDITS_PER_HOUR);

    // Revoking the 12 claimed hours takes the 2 unclaimed hours' credits first and burns 10 hours' worth.
    await ledger.connect(accounts.cascadiaSteward).revoke(1, "ipfs://dispute-outcome");
    expect(await ledger.unclaimedCredits(contributor)).to.equal(0n);
    expect(await credits.balanceOf(contributor)).to.equal(2n * CREDITS_PER_HOUR);
    expect(await credits.getVotes(contributor)).to.equal(2n * CREDITS_PER_HOUR);
    expect(await credits.totalSupply()).to.equal(2n * CREDITS_PER_HOUR);
  });

  it("lets anyone dispute within the window, and closes disputes and revocations after it", async () => {
    const network = await networkHelpers.loadFixture(withPendingContribution);
    const { ledger, accounts } = network;
    await attested(network);
    await expect(ledger.connect(accounts.outsider).dispute(1, "ipfs://not-done"))
      .to.emit(ledger, "ContributionDisputed")
      .withArgs(1n, accounts.outsider.address, "ipfs://not-done");
    await expect(ledger.connect(accounts.outsider).dispute(1, "")).to.be.revertedWithCustomError(
      ledger,
      "MissingReason",
    );
    const closesAt = (await ledger.contribution(1)).attestedAt + 14n * DAY;
    await networkHelpers.time.setNextBlockTimestamp(closesAt);
    await expect(ledger.connect(accounts.outsider).dispute(1, "ipfs://late"))
      .to.be.revertedWithCustomError(ledger, "DisputeWindowClosed")
      .withArgs(1n, closesAt);
    await expect(ledger.connect(accounts.cascadiaSteward).revoke(1, "ipfs://late")).to.be.revertedWithCustomError(
      ledger,
      "DisputeWindowClosed",
    );
  });

  it("rejects a pending contribution only with a reason, and then it can be neither attested nor revoked", async () => {
    const { ledger, accounts } = await networkHelpers.loadFixture(withPendingContribution);
    const steward = ledger.connect(accounts.cascadiaSteward);
    await expect(steward.reject(1, "")).to.be.revertedWithCustomError(ledger, "MissingReason");
    await expect(steward.reject(1, "ipfs://why"))
      .to.emit(ledger, "ContributionRejected")
      .withArgs(1n, accounts.cascadiaSteward.address, "ipfs://why");
    await expect(steward.attest(1))
      .to.be.revertedWithCustomError(ledger, "UnexpectedContributionStatus")
      .withArgs(1n, ContributionStatus.Rejected);
    await expect(steward.revoke(1, "ipfs://x")).to.be.revertedWithCustomError(ledger, "UnexpectedContributionStatus");
    await expect(ledger.dispute(1, "ipfs://x")).to.be.revertedWithCustomError(ledger, "UnexpectedContributionStatus");
  });

  it("never lets a steward attest their own contribution", async () => {
    const { ledger, accounts, COLORADO } = await networkHelpers.loadFixture(deployNetwork);
    const steward = ledger.connect(accounts.coloradoSteward);
    await steward.record(COLORADO, LABOUR, 3, "ipfs://a", "ipfs://b");
    await expect(steward.attest(1)).to.be.revertedWithCustomError(ledger, "SelfAttestation").withArgs(1n);
  });

  it("refuses ids that name no contribution or kind", async () => {
    const { ledger } = await networkHelpers.loadFixture(deployNetwork);
    for (const id of [0n, 1n]) {
      await expect(ledger.contribution(id)).to.be.revertedWithCustomError(ledger, "ContributionNotFound").withArgs(id);
      await expect(ledger.attest(id)).to.be.revertedWithCustomError(ledger, "ContributionNotFound");
    }
    await expect(ledger.kind(9)).to.be.revertedWithCustomError(ledger, "KindNotFound").withArgs(9n);
    expect((await ledger.kind(LABOUR)).unit).to.equal("hours");
  });

  it("lets governors alone define kinds, with a name and a unit", async () => {
    const { ledger, accounts } = await networkHelpers.loadFixture(deployNetwork);
    await expect(ledger.setKind(3, "knowledge", "documents", 5n, true))
      .to.emit(ledger, "KindSet")
      .withArgs(3n, "knowledge", "documents", 5n, true);
    await expect(ledger.connect(accounts.cascadiaSteward).setKind(3, "x", "y", 1n, true))
      .to.be.revertedWithCustomError(ledger, "NotGovernor")
      .withArgs(accounts.cascadiaSteward.address);
    for (const [name, unit] of [
      ["", "hours"],
      ["labour", ""],
      ["n".repeat(33), "hours"],
      ["labour", "u".repeat(33)],
    ]) {
      await expect(ledger.setKind(4, name ?? "", unit ?? "", 1n, true)).to.be.revertedWithCustomError(
        ledger,
        "InvalidKindName",
      );
    }
    expect(await ledger.nodeRegistry()).to.equal(
      await (await networkHelpers.loadFixture(deployNetwork)).nodes.getAddress(),
    );
    expect(await ledger.DISPUTE_WINDOW()).to.equal(14n * DAY);
  });

  describe("roles across the network: who may do what (role × action → allowed or the error it gets)", () => {
    type Role = "governor" | "nodeSteward" | "otherNodeSteward" | "contributor" | "outsider";
    const signerOf = (network: Network, role: Role): HardhatEthersSigner =>
      ({
        governor: network.accounts.governor,
        nodeSteward: network.accounts.cascadiaSteward,
        otherNodeSteward: network.accounts.coloradoSteward,
        contributor: network.accounts.contributor,
        outsider: network.accounts.outsider,
      })[role];
    // Each action runs against a fresh network with a pending (or, for revoke, attested) contribution to Cascadia.
    const actions: Record<
      string,
      {
        run: (network: Network, as: HardhatEthersSigner) => Promise<unknown>;
        allowed: Partial<Record<Role, true>>;
        error: string;
        contract: "nodes" | "ledger" | "factory";
        attestedFirst?: boolean;
      }
    > = {
      addNode: {
        run: (n, as) => n.nodes.connect(as).addNode(0, 0, "X", "ipfs://x", [as.address], 1),
        allowed: { governor: true },
        error: "AccessControlUnauthorizedAccount",
        contract: "nodes",
      },
      setNodeDetails: {
        run: (n, as) => n.nodes.connect(as).setNodeDetails(n.CASCADIA, "X", "ipfs://x"),
        allowed: { nodeSteward: true },
        error: "NotNodeSteward",
        contract: "nodes",
      },
      addSteward: {
        run: (n, as) => n.nodes.connect(as).addSteward(n.CASCADIA, ethers.Wallet.createRandom().address),
        allowed: { governor: true, nodeSteward: true },
        error: "NotStewardOrGovernor",
        contract: "nodes",
      },
      removeSteward: {
        run: async (n, as) => {
          await n.nodes.addSteward(
            n.CASCADIA,
            n.accounts.outsider.address === as.address ? n.accounts.commonsSteward : n.accounts.outsider,
          );
          const leaving = n.accounts.outsider.address === as.address ? n.accounts.commonsSteward : n.accounts.outsider;
          return n.nodes.connect(as).removeSteward(n.CASCADIA, leaving);
        },
        allowed: { governor: true, nodeSteward: true },
        error: "NotStewardOrGovernor",
        contract: "nodes",
      },
      setAttestationThreshold: {
        run: (n, as) => n.nodes.connect(as).setAttestationThreshold(n.CASCADIA, 1),
        allowed: { nodeSteward: true },
        error: "NotNodeSteward",
        contract: "nodes",
      },
      setKind: {
        run: (n, as) => n.ledger.connect(as).setKind(5, "care", "hours", 1n, true),
        allowed: { governor: true },
        error: "NotGovernor",
        contract: "ledger",
      },
      setMoneyKind: {
        run: (n, as) => n.ledger.connect(as).setMoneyKind(n.ledger, MONEY),
        allowed: { governor: true },
        error: "NotGovernor",
        contract: "ledger",
      },
      createRound: {
        run: async (n, as) => {
          const now = BigInt(await networkHelpers.time.latest());
          const config = {
            payoutToken: ethers.ZeroAddress,
            applicationsStart: now + 10n,
            applicationsEnd: now + DAY,
            donationsStart: now + DAY,
            donationsEnd: now + 2n * DAY,
            matchCapBps: 0,
          };
          return n.factory.connect(as).createRound(n.CASCADIA, config, "ipfs://round");
        },
        allowed: { nodeSteward: true },
        error: "NotNodeSteward",
        contract: "factory",
      },
      setPayoutTokenAllowed: {
        run: (n, as) => n.factory.connect(as).setPayoutTokenAllowed(n.ledger, true),
        allowed: { governor: true },
        error: "NotGovernor",
        contract: "factory",
      },
      attest: {
        run: (n, as) => n.ledger.connect(as).attest(1),
        allowed: { nodeSteward: true },
        error: "NotNodeSteward",
        contract: "ledger",
      },
      reject: {
        run: (n, as) => n.ledger.connect(as).reject(1, "ipfs://why"),
        allowed: { nodeSteward: true },
        error: "NotNodeSteward",
        contract: "ledger",
      },
      revoke: {
        run: (n, as) => n.ledger.connect(as).revoke(1, "ipfs://why"),
        allowed: { nodeSteward: true },
        error: "NotNodeSteward",
        contract: "ledger",
        attestedFirst: true,
      },
      claimCredits: {
        run: (n, as) => n.ledger.connect(as).claimCredits(n.accounts.contributor),
        allowed: { governor: true, nodeSteward: true, otherNodeSteward: true, contributor: true, outsider: true },
        error: "NothingToClaim",
        contract: "ledger",
        attestedFirst: true,
      },
    };
    const roles: Role[] = ["governor", "nodeSteward", "otherNodeSteward", "contributor", "outsider"];
    for (const [name, action] of Object.entries(actions)) {
      for (const role of roles) {
        const allowed = action.allowed[role] === true;
        it(`${name} by ${role}: ${allowed ? "allowed" : `denied with ${action.error}`}`, async () => {
          const network = await networkHelpers.loadFixture(withPendingContribution);
          if (action.attestedFirst) await attested(network);
          const attempt = action.run(network, signerOf(network, role));
          if (allowed) await expect(attempt).not.to.revert(ethers);
          else await expect(attempt).to.be.revertedWithCustomError(network[action.contract], action.error);
        });
      }
    }
  });
});
