/**
 * Issue 7's role × action table for the factories and the co-matching season: who opens rounds and seasons for
 * a node, who keeps the payout token list, who adds rounds to a season and who gets a season's returns.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { DAY, ethers, networkHelpers } from "../helpers/hyphae.js";
import {
  POOL,
  PEOPLE,
  cascadiaRoundConfig,
  cascadiaVotingRoundConfig,
  nativeSeasonWithRound,
  OPEN_RULES,
  roleTable,
  seasonOpen,
  seasonSettled,
} from "../helpers/roles.js";

type SeasonScene = Awaited<ReturnType<typeof seasonOpen>>;

const onlyCascadiaStewards = (
  contract: (scene: SeasonScene) => SeasonScene["factory"] | SeasonScene["votingFactory"],
) => ({
  contract,
  error: "NotNodeSteward",
  args: (scene: SeasonScene, caller: HardhatEthersSigner) => [scene.CASCADIA, caller.address],
});

const roundCount = async ({ factory }: SeasonScene) => [await factory.roundCount()];

describe("Role table: factories and co-matching seasons", () => {
  roleTable("RoundFactory, beside an open season of Cascadia", seasonOpen, PEOPLE, [
    {
      action: "createRound(Cascadia, …)",
      call: async (scene, caller) =>
        scene.factory.connect(caller).createRound(scene.CASCADIA, await cascadiaRoundConfig(scene), "ipfs://round"),
      state: roundCount,
      allowed: { roles: ["steward"], after: () => [1n] },
      refusal: onlyCascadiaStewards((scene) => scene.factory),
    },
    {
      action: "createRoundWithRules(Cascadia, …)",
      call: async (scene, caller) =>
        scene.factory
          .connect(caller)
          .createRoundWithRules(scene.CASCADIA, await cascadiaRoundConfig(scene), OPEN_RULES, "ipfs://round"),
      state: roundCount,
      allowed: { roles: ["steward"], after: () => [1n] },
      refusal: onlyCascadiaStewards((scene) => scene.factory),
    },
    {
      action: "createLinkedRound(Cascadia, …, a commons share and Cascadia's season)",
      call: async (scene, caller) => {
        const links = { commonsShareBps: 500, season: await scene.season.getAddress() };
        const config = await cascadiaRoundConfig(scene);
        return scene.factory
          .connect(caller)
          .createLinkedRound(scene.CASCADIA, config, OPEN_RULES, links, "ipfs://round");
      },
      state: async (scene) => [await scene.factory.roundCount(), (await scene.season.rounds()).length],
      allowed: { roles: ["steward"], after: () => [1n, 1] },
      refusal: onlyCascadiaStewards((scene) => scene.factory),
    },
    {
      action: "createSeason(Cascadia, …)",
      call: async (scene, caller) => {
        const closesAt = BigInt(await networkHelpers.time.latest()) + 10n * DAY;
        return scene.factory.connect(caller).createSeason(scene.CASCADIA, scene.token, closesAt, "ipfs://season");
      },
      state: async ({ factory }) => (await factory.seasons(0n, 10n)).length,
      allowed: { roles: ["steward"], after: () => 2 },
      refusal: onlyCascadiaStewards((scene) => scene.factory),
    },
    {
      action: "setPayoutTokenAllowed(a token not on the list, true)",
      call: (scene, caller) => scene.factory.connect(caller).setPayoutTokenAllowed(scene.unlistedToken, true),
      state: async ({ factory, unlistedToken }) => factory.isPayoutTokenAllowed(unlistedToken),
      allowed: { roles: ["governor"], after: () => true },
      refusal: {
        contract: (scene) => scene.factory,
        error: "NotGovernor",
        args: (_scene, caller) => [caller.address],
      },
    },
  ]);

  roleTable("VotingRoundFactory", seasonOpen, PEOPLE, [
    {
      action: "createVotingRound(Cascadia, …)",
      call: async (scene, caller) =>
        scene.votingFactory
          .connect(caller)
          .createVotingRound(scene.CASCADIA, await cascadiaVotingRoundConfig(scene), "ipfs://qv"),
      state: async ({ votingFactory }) => votingFactory.roundCount(),
      allowed: { roles: ["steward"], after: () => 1n },
      refusal: onlyCascadiaStewards((scene) => scene.votingFactory),
    },
  ]);

  // The factory joins a round to a season as a steward creates it (createLinkedRound, above), after checking
  // that the round fits; here the factory is impersonated so that every role makes the very same call.
  roleTable(
    "an open CoMatchingSeason of Cascadia",
    seasonOpen,
    [...PEOPLE, "factory"],
    [
      {
        action: "joinRound(any address, Cascadia)",
        call: (scene, caller) => scene.season.connect(caller).joinRound(scene.cast.anyone, scene.CASCADIA),
        state: async ({ season }) => season.rounds(),
        allowed: { roles: ["factory"], after: (scene) => [scene.cast.anyone.address] },
        refusal: {
          contract: (scene) => scene.season,
          error: "NotFactory",
          args: (_scene, caller) => [caller.address],
        },
      },
    ],
  );

  roleTable("a CoMatchingSeason settled without rounds, its whole pool returned", seasonSettled, PEOPLE, [
    {
      action: "claimReturn()",
      call: (scene, caller) => scene.season.connect(caller).claimReturn(),
      state: async ({ season, token, cast }) => [
        [...(await season.funderAccount(cast.funder))],
        await token.balanceOf(season),
      ],
      allowed: { roles: ["funder"], after: () => [[POOL, POOL], 0n] },
      refusal: {
        contract: (scene) => scene.season,
        error: "NothingToClaim",
        args: (_scene, caller) => [caller.address],
      },
    },
  ]);

  roleTable(
    "a native-coin CoMatchingSeason of Cascadia with one round",
    nativeSeasonWithRound,
    [...PEOPLE, "seasonRound"],
    [
      {
        // Its rounds send coin back to it (refunds and leftovers, through `recover`); coin from anyone else could
        // never be accounted for.
        action: "send it coin",
        call: (scene, caller) => caller.sendTransaction({ to: scene.season, value: 1n }),
        state: async ({ season }) => ethers.provider.getBalance(season),
        allowed: { roles: ["seasonRound"], after: () => 1n },
        refusal: {
          contract: (scene) => scene.season,
          error: "RoundNotInSeason",
          args: (_scene, caller) => [caller.address],
        },
      },
    ],
  );
});
