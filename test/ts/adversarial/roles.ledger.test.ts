/**
 * Issue 7's role × action table for contribution accounting: who defines kinds and money kinds, who attests,
 * rejects and revokes a node's contributions (ContributionLedger), and who mints and burns commons credits
 * (CommonsCredits, whose only minter is the ledger).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ETH } from "../helpers/hyphae.js";
import { CREDITS_PER_HOUR, ContributionStatus, LABOUR, MONEY } from "../helpers/network.js";
import { PEOPLE, VOTER_CREDITS, contributionsUnderReview, roleTable } from "../helpers/roles.js";

type LedgerScene = Awaited<ReturnType<typeof contributionsUnderReview>>;

/** The credits of the contributor's attested two hours, not claimed yet. */
const UNCLAIMED = 2n * CREDITS_PER_HOUR;

const onlyCascadiaStewards = {
  contract: (scene: LedgerScene) => scene.ledger,
  error: "NotNodeSteward",
  args: (scene: LedgerScene, caller: HardhatEthersSigner) => [scene.CASCADIA, caller.address],
};

const onlyGovernors = {
  contract: (scene: LedgerScene) => scene.ledger,
  error: "NotGovernor",
  args: (_scene: LedgerScene, caller: HardhatEthersSigner) => [caller.address],
};

const onlyTheLedger = {
  contract: (scene: LedgerScene) => scene.credits,
  error: "NotMinter",
  args: (_scene: LedgerScene, caller: HardhatEthersSigner) => [caller.address],
};

/** The pending contribution's status and attestations, and the contributor's unclaimed credits. */
async function reviewState({ ledger, contributions, cast }: LedgerScene) {
  const contribution = await ledger.contribution(contributions.pending);
  return [contribution.status, contribution.attestations, await ledger.unclaimedCredits(cast.contributor)];
}

describe("Role table: contribution accounting", () => {
  roleTable(
    "ContributionLedger, one contribution pending and one attested at Cascadia",
    contributionsUnderReview,
    PEOPLE,
    [
      {
        action: "setKind(labour, a hundredfold weight)",
        call: (scene, caller) =>
          scene.ledger.connect(caller).setKind(LABOUR, "labour", "hours", 100n * CREDITS_PER_HOUR, true),
        state: async ({ ledger }) => (await ledger.kind(LABOUR)).creditsPerUnit,
        allowed: { roles: ["governor"], after: () => 100n * CREDITS_PER_HOUR },
        refusal: onlyGovernors,
      },
      {
        action: "setMoneyKind(the payout token, money)",
        call: (scene, caller) => scene.ledger.connect(caller).setMoneyKind(scene.token, MONEY),
        state: async ({ ledger, token }) => ledger.moneyKind(token),
        allowed: { roles: ["governor"], after: () => BigInt(MONEY) },
        refusal: onlyGovernors,
      },
      {
        action: "attest(the pending contribution)",
        call: (scene, caller) => scene.ledger.connect(caller).attest(scene.contributions.pending),
        state: reviewState,
        // Cascadia needs two attestations: the first leaves the contribution pending.
        allowed: { roles: ["steward"], after: () => [BigInt(ContributionStatus.Pending), 1n, UNCLAIMED] },
        refusal: onlyCascadiaStewards,
      },
      {
        action: "reject(the pending contribution, a reason)",
        call: (scene, caller) => scene.ledger.connect(caller).reject(scene.contributions.pending, "ipfs://why"),
        state: reviewState,
        allowed: { roles: ["steward"], after: () => [BigInt(ContributionStatus.Rejected), 0n, UNCLAIMED] },
        refusal: onlyCascadiaStewards,
      },
      {
        action: "revoke(the attested contribution, a reason)",
        call: (scene, caller) => scene.ledger.connect(caller).revoke(scene.contributions.attested, "ipfs://why"),
        state: async ({ ledger, contributions, cast }) => [
          (await ledger.contribution(contributions.attested)).status,
          await ledger.unclaimedCredits(cast.contributor),
        ],
        allowed: { roles: ["steward"], after: () => [BigInt(ContributionStatus.Revoked), 0n] },
        refusal: onlyCascadiaStewards,
      },
    ],
  );

  roleTable(
    "CommonsCredits, the voter holding its credits",
    contributionsUnderReview,
    [...PEOPLE, "ledger"],
    [
      {
        action: "mint(an outsider, one credit)",
        call: (scene, caller) => scene.credits.connect(caller).mint(scene.cast.anyone, ETH(1)),
        state: async ({ credits, cast }) => [await credits.totalSupply(), await credits.balanceOf(cast.anyone)],
        allowed: { roles: ["ledger"], after: () => [VOTER_CREDITS + ETH(1), ETH(1)] },
        refusal: onlyTheLedger,
      },
      {
        action: "burn(the voter, one credit)",
        call: (scene, caller) => scene.credits.connect(caller).burn(scene.cast.voter, ETH(1)),
        state: async ({ credits, cast }) => [await credits.totalSupply(), await credits.balanceOf(cast.voter)],
        allowed: { roles: ["ledger"], after: () => [VOTER_CREDITS - ETH(1), VOTER_CREDITS - ETH(1)] },
        refusal: onlyTheLedger,
      },
    ],
  );
});
