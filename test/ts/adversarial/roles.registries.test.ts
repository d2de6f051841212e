/**
 * Issue 7's role × action table for the registries: a project's profile and ownership (ProjectRegistry), and the
 * network's nodes, stewards, treasury and governors (NodeRegistry, with OpenZeppelin's AccessControl functions).
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ethers } from "../helpers/hyphae.js";
import { NodeKind } from "../helpers/network.js";
import { type Cast, PEOPLE, nodesWithTwoGovernors, projectOffered, roleTable } from "../helpers/roles.js";

/** Everything the registry keeps of the project under review. */
async function projectState({ registry, projects }: Cast) {
  const project = await registry.getProject(projects.underReview);
  return {
    owner: project.owner,
    pendingOwner: project.pendingOwner,
    payoutAddress: project.payoutAddress,
    homeNode: project.homeNode,
    metadata: project.metadata,
  };
}

/** The project under review as `projectOffered` leaves it, with `changes`. */
const projectAfter =
  (changes: (scene: Cast) => Partial<Awaited<ReturnType<typeof projectState>>>) => (scene: Cast) => ({
    owner: scene.cast.projectOwner.address,
    pendingOwner: scene.cast.newOwner.address,
    payoutAddress: scene.cast.projectOwner.address,
    homeNode: scene.CASCADIA,
    metadata: "ipfs://project",
    ...changes(scene),
  });

const onlyProjectOwner = {
  contract: (scene: Cast) => scene.registry,
  error: "NotProjectOwner",
  args: (scene: Cast, caller: HardhatEthersSigner) => [scene.projects.underReview, caller.address],
};

const refusedBy = (error: string, args: (scene: Cast, caller: HardhatEthersSigner) => readonly unknown[]) => ({
  contract: (scene: Cast) => scene.nodes,
  error,
  args,
});
const onlyCascadiaStewards = refusedBy("NotNodeSteward", (scene, caller) => [scene.CASCADIA, caller.address]);
const onlyCascadiaStewardsOrGovernors = refusedBy("NotStewardOrGovernor", (scene, caller) => [
  scene.CASCADIA,
  caller.address,
]);
const GOVERNOR_ROLE = ethers.id("GOVERNOR_ROLE");
const DEFAULT_ADMIN_ROLE = ethers.ZeroHash;
const onlyHoldersOf = (role: string) =>
  refusedBy("AccessControlUnauthorizedAccount", (_scene, caller) => [caller.address, role]);

const cascadiaStewardship = async ({ nodes, CASCADIA }: Cast, steward: string) => [
  await nodes.isSteward(CASCADIA, steward),
  (await nodes.node(CASCADIA)).stewardCount,
];
const governorship = async ({ nodes }: Cast, account: string) => [
  await nodes.isGovernor(account),
  await nodes.getRoleMemberCount(GOVERNOR_ROLE),
];

describe("Role table: registries", () => {
  roleTable(
    "ProjectRegistry, the project under review offered to a new owner",
    projectOffered,
    [...PEOPLE, "newOwner"],
    [
      {
        action: "setHomeNode(the project, Colorado Plateau)",
        call: (scene, caller) => scene.registry.connect(caller).setHomeNode(scene.projects.underReview, scene.COLORADO),
        state: projectState,
        allowed: { roles: ["projectOwner"], after: projectAfter((scene) => ({ homeNode: scene.COLORADO })) },
        refusal: onlyProjectOwner,
      },
      {
        action: "updatePayoutAddress(the project, an outsider)",
        call: (scene, caller) =>
          scene.registry.connect(caller).updatePayoutAddress(scene.projects.underReview, scene.cast.anyone),
        state: projectState,
        allowed: {
          roles: ["projectOwner"],
          after: projectAfter((scene) => ({ payoutAddress: scene.cast.anyone.address })),
        },
        refusal: onlyProjectOwner,
      },
      {
        action: "updateMetadata(the project, another document)",
        call: (scene, caller) =>
          scene.registry.connect(caller).updateMetadata(scene.projects.underReview, "ipfs://hijacked"),
        state: projectState,
        allowed: { roles: ["projectOwner"], after: projectAfter(() => ({ metadata: "ipfs://hijacked" })) },
        refusal: onlyProjectOwner,
      },
      {
        action: "transferProjectOwnership(the project, an outsider)",
        call: (scene, caller) =>
          scene.registry.connect(caller).transferProjectOwnership(scene.projects.underReview, scene.cast.anyone),
        state: projectState,
        allowed: {
          roles: ["projectOwner"],
          after: projectAfter((scene) => ({ pendingOwner: scene.cast.anyone.address })),
        },
        refusal: onlyProjectOwner,
      },
      {
        action: "acceptProjectOwnership(the project)",
        call: (scene, caller) => scene.registry.connect(caller).acceptProjectOwnership(scene.projects.underReview),
        state: projectState,
        allowed: {
          roles: ["newOwner"],
          after: projectAfter((scene) => ({ owner: scene.cast.newOwner.address, pendingOwner: ethers.ZeroAddress })),
        },
        refusal: {
          contract: (scene) => scene.registry,
          error: "NotPendingProjectOwner",
          args: (scene, caller) => [scene.projects.underReview, caller.address],
        },
      },
    ],
  );

  roleTable("NodeRegistry, Cascadia with two stewards, the network with two governors", nodesWithTwoGovernors, PEOPLE, [
    {
      action: "addNode(another child of Cascadia, stewarded by the caller)",
      call: (scene, caller) =>
        scene.nodes
          .connect(caller)
          .addNode(NodeKind.Local, scene.CASCADIA, "Lower Fraser", "ipfs://fraser", [caller], 1),
      state: async ({ nodes }) => nodes.nodeCount(),
      allowed: { roles: ["governor"], after: () => 5n },
      refusal: onlyHoldersOf(GOVERNOR_ROLE),
    },
    {
      action: "setNodeDetails(Cascadia, another name and document)",
      call: (scene, caller) =>
        scene.nodes.connect(caller).setNodeDetails(scene.CASCADIA, "Captured", "ipfs://captured"),
      state: async ({ nodes, CASCADIA }) => {
        const node = await nodes.node(CASCADIA);
        return [node.name, node.metadata];
      },
      allowed: { roles: ["steward"], after: () => ["Captured", "ipfs://captured"] },
      refusal: onlyCascadiaStewards,
    },
    {
      action: "addSteward(Cascadia, an outsider)",
      call: (scene, caller) => scene.nodes.connect(caller).addSteward(scene.CASCADIA, scene.cast.anyone),
      state: (scene) => cascadiaStewardship(scene, scene.cast.anyone.address),
      allowed: { roles: ["governor", "steward"], after: () => [true, 3n] },
      refusal: onlyCascadiaStewardsOrGovernors,
    },
    {
      action: "removeSteward(Cascadia, its second steward)",
      call: (scene, caller) =>
        scene.nodes.connect(caller).removeSteward(scene.CASCADIA, scene.accounts.secondCascadiaSteward),
      state: (scene) => cascadiaStewardship(scene, scene.accounts.secondCascadiaSteward.address),
      allowed: { roles: ["governor", "steward"], after: () => [false, 1n] },
      refusal: onlyCascadiaStewardsOrGovernors,
    },
    {
      action: "setAttestationThreshold(Cascadia, 2)",
      call: (scene, caller) => scene.nodes.connect(caller).setAttestationThreshold(scene.CASCADIA, 2),
      state: async ({ nodes, CASCADIA }) => nodes.attestationThreshold(CASCADIA),
      allowed: { roles: ["steward"], after: () => 2n },
      refusal: onlyCascadiaStewards,
    },
    {
      action: "setNodeAccount(Cascadia, an outsider)",
      call: (scene, caller) => scene.nodes.connect(caller).setNodeAccount(scene.CASCADIA, scene.cast.anyone),
      state: async ({ nodes, CASCADIA }) => nodes.nodeAccount(CASCADIA),
      allowed: { roles: ["steward"], after: (scene) => scene.cast.anyone.address },
      refusal: onlyCascadiaStewards,
    },
    {
      action: "setCommonsTreasury(an outsider)",
      call: (scene, caller) => scene.nodes.connect(caller).setCommonsTreasury(scene.cast.anyone),
      state: async ({ nodes }) => nodes.commonsTreasury(),
      allowed: { roles: ["governor"], after: (scene) => scene.cast.anyone.address },
      refusal: refusedBy("NotGovernor", (_scene, caller) => [caller.address]),
    },
    {
      action: "grantRole(GOVERNOR_ROLE, an outsider)",
      call: (scene, caller) => scene.nodes.connect(caller).grantRole(GOVERNOR_ROLE, scene.cast.anyone),
      state: (scene) => governorship(scene, scene.cast.anyone.address),
      allowed: { roles: ["governor"], after: () => [true, 3n] },
      refusal: onlyHoldersOf(GOVERNOR_ROLE),
    },
    {
      action: "revokeRole(GOVERNOR_ROLE, the other governor)",
      call: (scene, caller) => scene.nodes.connect(caller).revokeRole(GOVERNOR_ROLE, scene.coGovernor),
      state: (scene) => governorship(scene, scene.coGovernor.address),
      allowed: { roles: ["governor"], after: () => [false, 1n] },
      refusal: onlyHoldersOf(GOVERNOR_ROLE),
    },
    {
      action: "renounceRole(GOVERNOR_ROLE, the governor's account)",
      call: (scene, caller) => scene.nodes.connect(caller).renounceRole(GOVERNOR_ROLE, scene.cast.governor),
      state: (scene) => governorship(scene, scene.cast.governor.address),
      allowed: { roles: ["governor"], after: () => [false, 1n] },
      refusal: refusedBy("AccessControlBadConfirmation", () => []),
    },
    {
      // The default admin role is nobody's: governors administer their own role, and no other role exists.
      action: "grantRole(DEFAULT_ADMIN_ROLE, the caller)",
      call: (scene, caller) => scene.nodes.connect(caller).grantRole(DEFAULT_ADMIN_ROLE, caller),
      state: async ({ nodes }, caller) => [
        await nodes.hasRole(DEFAULT_ADMIN_ROLE, caller),
        await nodes.getRoleMemberCount(DEFAULT_ADMIN_ROLE),
      ],
      refusal: onlyHoldersOf(DEFAULT_ADMIN_ROLE),
    },
  ]);
});
