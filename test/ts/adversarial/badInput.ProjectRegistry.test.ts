/**
 * Bad input to every state-changing entry point of ProjectRegistry that the registry's own tests do not already
 * cover (ENTRY_POINTS.md lists those): each is refused with its exact error, and the project is left as it was.
 */
import { NODE_ID, deployHyphae, type Hyphae } from "../helpers/hyphae.js";
import { type BadInput, itRefusesEach } from "../helpers/refusal.js";

const PROJECT = 1n;
const NEVER_REGISTERED = 2n;

/** Project 1, owned by `projectOwner`, offered to nobody. */
async function registeredProject() {
  const hyphae = await deployHyphae();
  const { projectOwner } = hyphae.accounts;
  await hyphae.registry.connect(projectOwner).registerProject(NODE_ID, projectOwner.address, "ipfs://profile");
  return hyphae;
}

async function registryState({ registry }: Hyphae) {
  return { count: await registry.projectCount(), project: await registry.getProject(PROJECT) };
}

const badInputs: BadInput<Hyphae>[] = [
  {
    entryPoint: "setHomeNode",
    input: "project id 0",
    attempt: ({ registry, accounts }) => registry.connect(accounts.projectOwner).setHomeNode(0n, NODE_ID),
    declaredBy: ({ registry }) => registry,
    error: "ProjectNotFound",
    args: () => [0n],
  },
  {
    entryPoint: "setHomeNode",
    input: "a project id never registered",
    attempt: ({ registry, accounts }) => registry.connect(accounts.projectOwner).setHomeNode(NEVER_REGISTERED, NODE_ID),
    declaredBy: ({ registry }) => registry,
    error: "ProjectNotFound",
    args: () => [NEVER_REGISTERED],
  },
  {
    entryPoint: "setHomeNode",
    input: "home node 0",
    attempt: ({ registry, accounts }) => registry.connect(accounts.projectOwner).setHomeNode(PROJECT, 0n),
    declaredBy: ({ registry }) => registry,
    error: "HomeNodeNotFound",
    args: () => [0n],
  },
  {
    entryPoint: "updatePayoutAddress",
    input: "a project id never registered",
    attempt: ({ registry, accounts }) =>
      registry.connect(accounts.projectOwner).updatePayoutAddress(NEVER_REGISTERED, accounts.alice.address),
    declaredBy: ({ registry }) => registry,
    error: "ProjectNotFound",
    args: () => [NEVER_REGISTERED],
  },
  {
    entryPoint: "updateMetadata",
    input: "a pointer of 257 bytes",
    attempt: ({ registry, accounts }) =>
      registry.connect(accounts.projectOwner).updateMetadata(PROJECT, "x".repeat(257)),
    declaredBy: ({ registry }) => registry,
    error: "InvalidMetadataPointer",
    args: () => [257n],
  },
  {
    entryPoint: "transferProjectOwnership",
    input: "a project id never registered",
    attempt: ({ registry, accounts }) =>
      registry.connect(accounts.projectOwner).transferProjectOwnership(NEVER_REGISTERED, accounts.bob.address),
    declaredBy: ({ registry }) => registry,
    error: "ProjectNotFound",
    args: () => [NEVER_REGISTERED],
  },
  {
    entryPoint: "transferProjectOwnership",
    input: "a caller who is not the owner",
    attempt: ({ registry, accounts }) =>
      registry.connect(accounts.bob).transferProjectOwnership(PROJECT, accounts.bob.address),
    declaredBy: ({ registry }) => registry,
    error: "NotProjectOwner",
    args: ({ accounts }) => [PROJECT, accounts.bob.address],
  },
];

describe("Bad input: ProjectRegistry", () => {
  itRefusesEach(registeredProject, registryState, badInputs);
});
