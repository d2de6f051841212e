import { expect } from "chai";
import type { IQuadraticFundingRound } from "../../types/ethers-contracts/index.js";
import { DAY, NODE_ID, createRound, defaultWindows, deployHyphae, ethers, networkHelpers } from "./helpers/hyphae.js";

describe("RoundFactory", () => {
  async function config(overrides: Partial<IQuadraticFundingRound.RoundConfigStruct> = {}) {
    const { token } = await networkHelpers.loadFixture(deployHyphae);
    return { payoutToken: await token.getAddress(), matchCapBps: 0, ...(await defaultWindows()), ...overrides };
  }

  it("creates a round as a minimal clone carrying its configuration", async () => {
    const hyphae = await networkHelpers.loadFixture(deployHyphae);
    const { factory, registry, roundImplementation, nodes, accounts } = hyphae;
    const cfg = await config({ matchCapBps: 2_500 });
    const steward = factory.connect(accounts.steward);
    const address = await steward.createRound.staticCall(NODE_ID, cfg, "ipfs://round");
    await expect(steward.createRound(NODE_ID, cfg, "ipfs://round"))
      .to.emit(factory, "RoundCreated")
      .withArgs(
        address,
        NODE_ID,
        cfg.payoutToken,
        accounts.steward.address,
        [cfg.payoutToken, cfg.applicationsStart, cfg.applicationsEnd, cfg.donationsStart, cfg.donationsEnd, 2_500],
        "ipfs://round",
      );

    // EIP-1167 proxy code pointing at the implementation, followed by the immutable arguments.
    const code = await ethers.provider.getCode(address);
    const implementation = (await roundImplementation.getAddress()).slice(2).toLowerCase();
    expect(code.slice(0, 22)).to.equal("0x363d3d373d3d3d363d73");
    expect(code.slice(22, 62)).to.equal(implementation);

    const round = await ethers.getContractAt("QuadraticFundingRound", address);
    const params = await round.parameters();
    expect(params.config.payoutToken).to.equal(cfg.payoutToken);
    expect(params.config.applicationsStart).to.equal(cfg.applicationsStart);
    expect(params.config.applicationsEnd).to.equal(cfg.applicationsEnd);
    expect(params.config.donationsStart).to.equal(cfg.donationsStart);
    expect(params.config.donationsEnd).to.equal(cfg.donationsEnd);
    expect(params.config.matchCapBps).to.equal(2_500n);
    expect(params.projectRegistry).to.equal(await registry.getAddress());
    expect(params.normalisationFactor).to.equal(10n ** 12n); // a 6-decimal token
    expect(params.nodeRegistry).to.equal(await nodes.getAddress());
    expect(params.nodeId).to.equal(NODE_ID);
    expect(await round.isSteward(accounts.steward.address)).to.equal(true);
    expect(await round.isSteward(accounts.governor.address)).to.equal(false);
    expect(await round.metadata()).to.equal("ipfs://round");
    expect(await factory.roundCount()).to.equal(1n);
    expect(await factory.rounds(0n, 10n)).to.deep.equal([address]);
    expect(await factory.isRound(address)).to.equal(true);
    expect(await factory.isRound(await roundImplementation.getAddress())).to.equal(false);
  });

  it("lets only a node's stewards open its rounds, and its stewards of the moment run them", async () => {
    const hyphae = await networkHelpers.loadFixture(deployHyphae);
    const { factory, nodes, accounts } = hyphae;
    const cfg = await config();
    for (const outsider of [accounts.governor, accounts.alice]) {
      await expect(factory.connect(outsider).createRound(NODE_ID, cfg, "ipfs://round"))
        .to.be.revertedWithCustomError(factory, "NotNodeSteward")
        .withArgs(NODE_ID, outsider.address);
    }
    await expect(factory.connect(accounts.steward).createRound(2n, cfg, "ipfs://round"))
      .to.be.revertedWithCustomError(factory, "NotNodeSteward")
      .withArgs(2n, accounts.steward.address);
    expect(await factory.roundCount()).to.equal(0n);

    // A steward who joins the node runs its existing rounds; one who leaves no longer does.
    const { round } = await createRound(hyphae);
    await nodes.connect(accounts.steward).addSteward(NODE_ID, accounts.alice);
    expect(await round.isSteward(accounts.alice.address)).to.equal(true);
    await nodes.connect(accounts.alice).removeSteward(NODE_ID, accounts.steward);
    expect(await round.isSteward(accounts.steward.address)).to.equal(false);
    await expect(round.connect(accounts.steward).cancel())
      .to.be.revertedWithCustomError(round, "NotNodeSteward")
      .withArgs(NODE_ID, accounts.steward.address);
    await expect(round.connect(accounts.alice).cancel())
      .to.emit(round, "RoundCancelled")
      .withArgs(accounts.alice.address);
  });

  it("pages through the rounds it created", async () => {
    const hyphae = await networkHelpers.loadFixture(deployHyphae);
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await (await createRound(hyphae)).round.getAddress());
    expect(await hyphae.factory.rounds(0n, 2n)).to.deep.equal(created.slice(0, 2));
    expect(await hyphae.factory.rounds(1n, 10n)).to.deep.equal(created.slice(1));
    expect(await hyphae.factory.rounds(3n, 10n)).to.deep.equal([]);
    expect(await hyphae.factory.rounds(7n, ethers.MaxUint256)).to.deep.equal([]);
  });

  it("normalises native-coin rounds with a factor of one", async () => {
    const hyphae = await networkHelpers.loadFixture(deployHyphae);
    const { round } = await createRound(hyphae, { payoutToken: ethers.ZeroAddress });
    expect((await round.parameters()).normalisationFactor).to.equal(1n);
  });

  describe("rejects invalid configurations with an error naming the problem", () => {
    it("an empty or inverted application window", async () => {
      const { factory, accounts } = await networkHelpers.loadFixture(deployHyphae);
      const base = await config();
      const bad = { ...base, applicationsEnd: base.applicationsStart };
      await expect(factory.connect(accounts.steward).createRound(NODE_ID, bad, "ipfs://r"))
        .to.be.revertedWithCustomError(factory, "InvalidApplicationWindow")
        .withArgs(bad.applicationsStart, bad.applicationsEnd);
    });

    it("an empty or inverted donation window", async () => {
      const { factory, accounts } = await networkHelpers.loadFixture(deployHyphae);
      const base = await config();
      const bad = { ...base, donationsStart: base.donationsEnd };
      await expect(factory.connect(accounts.steward).createRound(NODE_ID, bad, "ipfs://r"))
        .to.be.revertedWithCustomError(factory, "InvalidDonationWindow")
        .withArgs(bad.donationsEnd, bad.donationsEnd);
    });

    it("applications opening after donations, or closing after them", async () => {
      const { factory, accounts } = await networkHelpers.loadFixture(deployHyphae);
      const base = await config();
      const late = { ...base, applicationsStart: BigInt(base.donationsStart) + 1n, applicationsEnd: base.donationsEnd };
      await expect(
        factory.connect(accounts.steward).createRound(NODE_ID, late, "ipfs://r"),
      ).to.be.revertedWithCustomError(factory, "WindowsOutOfOrder");
      const overlong = { ...base, applicationsEnd: BigInt(base.donationsEnd) + 1n };
      await expect(factory.connect(accounts.steward).createRound(NODE_ID, overlong, "ipfs://r"))
        .to.be.revertedWithCustomError(factory, "WindowsOutOfOrder")
        .withArgs(overlong.applicationsStart, overlong.applicationsEnd, overlong.donationsStart, overlong.donationsEnd);
    });

    it("a donation window that has already ended", async () => {
      const { factory, accounts } = await networkHelpers.loadFixture(deployHyphae);
      const now = BigInt(await networkHelpers.time.latest());
      const past = await config({
        applicationsStart: now - 3n * DAY,
        applicationsEnd: now - 2n * DAY,
        donationsStart: now - 2n * DAY,
        donationsEnd: now + 10n,
      });
      await networkHelpers.time.setNextBlockTimestamp(now + 10n);
      await expect(factory.connect(accounts.steward).createRound(NODE_ID, past, "ipfs://r"))
        .to.be.revertedWithCustomError(factory, "DonationWindowInPast")
        .withArgs(now + 10n, now + 10n);
    });

    it("a match cap between 0 and 1 % or above 100 %", async () => {
      const { factory, accounts } = await networkHelpers.loadFixture(deployHyphae);
      for (const matchCapBps of [1, 99, 10_001]) {
        await expect(factory.connect(accounts.steward).createRound(NODE_ID, await config({ matchCapBps }), "ipfs://r"))
          .to.be.revertedWithCustomError(factory, "MatchCapOutOfRange")
          .withArgs(matchCapBps);
      }
      for (const matchCapBps of [0, 100, 10_000]) {
        await factory.connect(accounts.steward).createRound(NODE_ID, await config({ matchCapBps }), "ipfs://r");
      }
    });

    it("a payout token the network has not allowed, or one without usable decimals", async () => {
      const base = await config();
      const { factory, registry, accounts } = await networkHelpers.loadFixture(deployHyphae);
      const feeToken = await ethers.deployContract("FeeOnTransferToken");
      await expect(
        factory
          .connect(accounts.steward)
          .createRound(NODE_ID, { ...base, payoutToken: await feeToken.getAddress() }, "ipfs://r"),
      )
        .to.be.revertedWithCustomError(factory, "PayoutTokenNotAllowed")
        .withArgs(await feeToken.getAddress());

      const manyDecimals = await ethers.deployContract("TestToken", ["Wide", "W", 24]);
      await factory.setPayoutTokenAllowed(manyDecimals, true);
      await expect(
        factory
          .connect(accounts.steward)
          .createRound(NODE_ID, { ...base, payoutToken: await manyDecimals.getAddress() }, "ipfs://r"),
      )
        .to.be.revertedWithCustomError(factory, "UnsupportedPayoutToken")
        .withArgs(await manyDecimals.getAddress());

      // A contract without decimals(): the project registry.
      await factory.setPayoutTokenAllowed(registry, true);
      await expect(
        factory
          .connect(accounts.steward)
          .createRound(NODE_ID, { ...base, payoutToken: await registry.getAddress() }, "ipfs://r"),
      )
        .to.be.revertedWithCustomError(factory, "UnsupportedPayoutToken")
        .withArgs(await registry.getAddress());
    });

    it("an invalid metadata pointer", async () => {
      const { factory, roundImplementation, accounts } = await networkHelpers.loadFixture(deployHyphae);
      const cfg = await config();
      await expect(factory.connect(accounts.steward).createRound(NODE_ID, cfg, ""))
        .to.be.revertedWithCustomError(roundImplementation, "InvalidMetadataPointer")
        .withArgs(0n);
      expect(await factory.roundCount()).to.equal(0n);
    });
  });

  describe("payout token list", () => {
    it("is kept by the governor alone, and always allows the native coin", async () => {
      const { factory, token, accounts } = await networkHelpers.loadFixture(deployHyphae);
      expect(await factory.isPayoutTokenAllowed(ethers.ZeroAddress)).to.equal(true);
      expect(await factory.isPayoutTokenAllowed(token)).to.equal(true);
      await expect(factory.connect(accounts.governor).setPayoutTokenAllowed(token, false))
        .to.emit(factory, "PayoutTokenAllowanceSet")
        .withArgs(await token.getAddress(), false);
      expect(await factory.isPayoutTokenAllowed(token)).to.equal(false);
      await expect(factory.connect(accounts.alice).setPayoutTokenAllowed(token, true))
        .to.be.revertedWithCustomError(factory, "NotGovernor")
        .withArgs(accounts.alice.address);
      await expect(factory.setPayoutTokenAllowed(ethers.ZeroAddress, false))
        .to.be.revertedWithCustomError(factory, "PayoutTokenNotAllowed")
        .withArgs(ethers.ZeroAddress);
    });

    it("names the registries and implementation rounds are made from", async () => {
      const { factory, registry, roundImplementation, nodes } = await networkHelpers.loadFixture(deployHyphae);
      expect(await factory.projectRegistry()).to.equal(await registry.getAddress());
      expect(await factory.nodeRegistry()).to.equal(await nodes.getAddress());
      expect(await factory.roundImplementation()).to.equal(await roundImplementation.getAddress());
    });
  });

  it("never lets the implementation itself be initialized", async () => {
    const { roundImplementation, accounts } = await networkHelpers.loadFixture(deployHyphae);
    await expect(roundImplementation.connect(accounts.alice).initialize("ipfs://x")).to.be.revertedWithCustomError(
      roundImplementation,
      "InvalidInitialization",
    );
  });

  it("initializes a round only once", async () => {
    const hyphae = await networkHelpers.loadFixture(deployHyphae);
    const { round } = await createRound(hyphae);
    await expect(round.initialize("ipfs://x")).to.be.revertedWithCustomError(round, "InvalidInitialization");
  });
});
