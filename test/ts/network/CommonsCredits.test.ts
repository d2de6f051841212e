import { expect } from "chai";
import { networkHelpers } from "../helpers/hyphae.js";
import { CREDITS_PER_HOUR, deployNetwork, LABOUR } from "../helpers/network.js";

describe("CommonsCredits", () => {
  /** The contributor holds 30 credits from 3 attested hours of labour to the Colorado Plateau node. */
  async function withCredits() {
    const network = await deployNetwork();
    const { ledger, accounts, COLORADO } = network;
    await ledger.connect(accounts.contributor).record(COLORADO, LABOUR, 3, "ipfs://a", "ipfs://b");
    await ledger.connect(accounts.coloradoSteward).attest(1);
    await ledger.claimCredits(accounts.contributor);
    return network;
  }

  it("cannot be transferred, sent by allowance or approved", async () => {
    const { credits, accounts } = await networkHelpers.loadFixture(withCredits);
    const { contributor, outsider } = accounts;
    await expect(credits.connect(contributor).transfer(outsider, 1n)).to.be.revertedWithCustomError(
      credits,
      "NonTransferable",
    );
    await expect(credits.connect(contributor).approve(outsider, 1n)).to.be.revertedWithCustomError(
      credits,
      "NonTransferable",
    );
    await expect(credits.connect(outsider).transferFrom(contributor, outsider, 1n)).to.be.revertedWithCustomError(
      credits,
      "ERC20InsufficientAllowance",
    );
    expect(await credits.balanceOf(contributor)).to.equal(3n * CREDITS_PER_HOUR);
  });

  it("is minted and burned by the contribution ledger alone", async () => {
    const { credits, ledger, accounts } = await networkHelpers.loadFixture(withCredits);
    expect(await credits.minter()).to.equal(await ledger.getAddress());
    await expect(credits.connect(accounts.governor).mint(accounts.outsider, 1n))
      .to.be.revertedWithCustomError(credits, "NotMinter")
      .withArgs(accounts.governor.address);
    await expect(credits.connect(accounts.governor).burn(accounts.contributor, 1n))
      .to.be.revertedWithCustomError(credits, "NotMinter")
      .withArgs(accounts.governor.address);
  });

  it("counts votes by timestamp, the holder's own until delegated, and keeps their history", async () => {
    const { credits, accounts } = await networkHelpers.loadFixture(withCredits);
    const { contributor, outsider } = accounts;
    expect(await credits.CLOCK_MODE()).to.equal("mode=timestamp");
    expect(await credits.clock()).to.equal(BigInt(await networkHelpers.time.latest()));
    expect(await credits.getVotes(contributor)).to.equal(3n * CREDITS_PER_HOUR);
    await credits.connect(contributor).delegate(outsider);
    const delegatedAt = BigInt(await networkHelpers.time.latest());
    expect(await credits.getVotes(outsider)).to.equal(3n * CREDITS_PER_HOUR);
    await networkHelpers.time.increase(60);
    expect(await credits.getPastVotes(outsider, delegatedAt)).to.equal(3n * CREDITS_PER_HOUR);
    expect(await credits.getPastVotes(outsider, delegatedAt - 1n)).to.equal(0n);
    expect(await credits.getPastVotes(contributor, delegatedAt - 1n)).to.equal(3n * CREDITS_PER_HOUR);
    expect(await credits.getVotes(contributor)).to.equal(0n);
    expect(await credits.getPastTotalSupply(delegatedAt)).to.equal(3n * CREDITS_PER_HOUR);
  });
});
