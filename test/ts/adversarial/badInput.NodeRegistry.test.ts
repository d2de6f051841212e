/**
 * Bad input to every state-changing entry point of NodeRegistry (its own and the governor role's, inherited from
 * AccessControl) that the registry's own tests do not already cover (ENTRY_POINTS.md lists those): each is refused
 * with its exact error, and the nodes, stewards, accounts, treasury and governors are left as they were.
 */
import { ethers } from "../helpers/hyphae.js";
import { deployNetwork, type Network } from "../helpers/network.js";
import { type BadInput, itRefusesEach } from "../helpers/refusal.js";

const UNKNOWN_NODE = 4n;

async function registryState({ nodes, accounts, CASCADIA }: Network) {
  const role = await nodes.GOVERNOR_ROLE();
  return {
    nodeCount: await nodes.nodeCount(),
    cascadia: await nodes.node(CASCADIA),
    stewards: await Promise.all(
      [accounts.cascadiaSteward, accounts.outsider].map((account) => nodes.isSteward(CASCADIA, account)),
    ),
    zeroIsSteward: await nodes.isSteward(CASCADIA, ethers.ZeroAddress),
    account: await nodes.nodeAccount(CASCADIA),
    treasury: await nodes.commonsTreasury(),
    governors: await nodes.getRoleMemberCount(role),
    governor: await nodes.isGovernor(accounts.governor),
    zeroIsGovernor: await nodes.isGovernor(ethers.ZeroAddress),
  };
}

const badInputs: BadInput<Network>[] = [
  {
    entryPoint: "setNodeDetails",
    input: "an empty name",
    attempt: ({ nodes, accounts, CASCADIA }) =>
      nodes.connect(accounts.cascadiaSteward).setNodeDetails(CASCADIA, "", "ipfs://x"),
    declaredBy: ({ nodes }) => nodes,
    error: "InvalidNodeName",
    args: () => [0n],
  },
  {
    entryPoint: "setNodeDetails",
    input: "a name of 65 bytes",
    attempt: ({ nodes, accounts, CASCADIA }) =>
      nodes.connect(accounts.cascadiaSteward).setNodeDetails(CASCADIA, "n".repeat(65), "ipfs://x"),
    declaredBy: ({ nodes }) => nodes,
    error: "InvalidNodeName",
    args: () => [65n],
  },
  {
    entryPoint: "setNodeDetails",
    input: "an empty metadata pointer",
    attempt: ({ nodes, accounts, CASCADIA }) =>
      nodes.connect(accounts.cascadiaSteward).setNodeDetails(CASCADIA, "Cascadia", ""),
    declaredBy: ({ nodes }) => nodes,
    error: "InvalidMetadataPointer",
    args: () => [0n],
  },
  {
    entryPoint: "setNodeDetails",
    input: "a metadata pointer of 257 bytes",
    attempt: ({ nodes, accounts, CASCADIA }) =>
      nodes.connect(accounts.cascadiaSteward).setNodeDetails(CASCADIA, "Cascadia", "x".repeat(257)),
    declaredBy: ({ nodes }) => nodes,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "addSteward",
    input: "the zero address",
    attempt: ({ nodes, accounts, CASCADIA }) =>
      nodes.connect(accounts.cascadiaSteward).addSteward(CASCADIA, ethers.ZeroAddress),
    declaredBy: ({ nodes }) => nodes,
    error: "InvalidSteward",
    args: () => [ethers.ZeroAddress],
  },
  {
    entryPoint: "removeSteward",
    input: "node 0",
    attempt: ({ nodes, accounts }) => nodes.connect(accounts.governor).removeSteward(0n, accounts.cascadiaSteward),
    declaredBy: ({ nodes }) => nodes,
    error: "NodeNotFound",
    args: () => [0n],
  },
  {
    entryPoint: "removeSteward",
    input: "a node id never added",
    attempt: ({ nodes, accounts }) =>
      nodes.connect(accounts.governor).removeSteward(UNKNOWN_NODE, accounts.cascadiaSteward),
    declaredBy: ({ nodes }) => nodes,
    error: "NodeNotFound",
    args: () => [UNKNOWN_NODE],
  },
  {
    entryPoint: "removeSteward",
    input: "the zero address",
    attempt: ({ nodes, accounts, CASCADIA }) =>
      nodes.connect(accounts.cascadiaSteward).removeSteward(CASCADIA, ethers.ZeroAddress),
    declaredBy: ({ nodes }) => nodes,
    error: "NotSteward",
    args: ({ CASCADIA }) => [CASCADIA, ethers.ZeroAddress],
  },
  {
    entryPoint: "setAttestationThreshold",
    input: "a node id never added",
    attempt: ({ nodes, accounts }) => nodes.connect(accounts.cascadiaSteward).setAttestationThreshold(UNKNOWN_NODE, 1),
    declaredBy: ({ nodes }) => nodes,
    error: "NodeNotFound",
    args: () => [UNKNOWN_NODE],
  },
  {
    entryPoint: "setNodeAccount",
    input: "node 0",
    attempt: ({ nodes, accounts }) => nodes.connect(accounts.cascadiaSteward).setNodeAccount(0n, accounts.outsider),
    declaredBy: ({ nodes }) => nodes,
    error: "NodeNotFound",
    args: () => [0n],
  },
  {
    entryPoint: "setNodeAccount",
    input: "a node id never added",
    attempt: ({ nodes, accounts }) =>
      nodes.connect(accounts.cascadiaSteward).setNodeAccount(UNKNOWN_NODE, accounts.outsider),
    declaredBy: ({ nodes }) => nodes,
    error: "NodeNotFound",
    args: () => [UNKNOWN_NODE],
  },
  {
    entryPoint: "grantRole",
    // Nobody holds DEFAULT_ADMIN_ROLE, the admin of every role but the governors': such roles can never be granted.
    input: "a role other than GOVERNOR_ROLE",
    attempt: ({ nodes, accounts }) =>
      nodes.connect(accounts.governor).grantRole(ethers.id("STEWARD"), accounts.outsider),
    declaredBy: ({ nodes }) => nodes,
    error: "AccessControlUnauthorizedAccount",
    args: ({ accounts }) => [accounts.governor.address, ethers.ZeroHash],
  },
  {
    entryPoint: "grantRole",
    // As a governor nobody can act for, it would count toward LastGovernor and let the last real governor leave.
    input: "the zero address as a new governor",
    attempt: async ({ nodes, accounts }) =>
      nodes.connect(accounts.governor).grantRole(await nodes.GOVERNOR_ROLE(), ethers.ZeroAddress),
    declaredBy: ({ nodes }) => nodes,
    error: "InvalidRoleHolder",
    args: async ({ nodes }) => [await nodes.GOVERNOR_ROLE(), ethers.ZeroAddress],
  },
  {
    entryPoint: "revokeRole",
    input: "the last governor",
    attempt: async ({ nodes, accounts }) =>
      nodes.connect(accounts.governor).revokeRole(await nodes.GOVERNOR_ROLE(), accounts.governor),
    declaredBy: ({ nodes }) => nodes,
    error: "LastGovernor",
    args: ({ accounts }) => [accounts.governor.address],
  },
  {
    entryPoint: "renounceRole",
    input: "an account other than the caller",
    attempt: async ({ nodes, accounts }) =>
      nodes.connect(accounts.governor).renounceRole(await nodes.GOVERNOR_ROLE(), accounts.outsider),
    declaredBy: ({ nodes }) => nodes,
    error: "AccessControlBadConfirmation",
    args: () => [],
  },
];

describe("Bad input: NodeRegistry", () => {
  itRefusesEach(deployNetwork, registryState, badInputs);
});
