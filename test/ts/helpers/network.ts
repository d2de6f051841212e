import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ethers } from "./hyphae.js";

export const NodeKind = { Local: 0, Translocal: 1 } as const;
export const ContributionStatus = { None: 0, Pending: 1, Attested: 2, Rejected: 3, Revoked: 4 } as const;
export const LABOUR = 1;
export const MONEY = 2;
export const CREDITS_PER_HOUR = 10n * 10n ** 18n;

/**
 * A small network: the translocal commons (node 1), the Cascadia node (2) with two stewards who must both
 * attest, and the Colorado Plateau node (3) with one steward; labour (self-reported, 10 credits an hour) and
 * money (counted from rounds) as kinds; the project registry and round factory of the network.
 */
export async function deployNetwork() {
  const signers = await ethers.getSigners();
  const at = (index: number): HardhatEthersSigner => {
    const signer = signers[index];
    if (!signer) throw new Error(`the Hardhat network has no account ${index}`);
    return signer;
  };
  const [governor, cascadiaSteward, secondCascadiaSteward, coloradoSteward, contributor, outsider, commonsSteward] = [
    at(0),
    at(1),
    at(2),
    at(3),
    at(4),
    at(5),
    at(6),
  ];
  const nodes = await ethers.deployContract("NodeRegistry", [governor]);
  const registry = await ethers.deployContract("ProjectRegistry", [nodes]);
  const roundImplementation = await ethers.deployContract("QuadraticFundingRound");
  const factory = await ethers.deployContract("RoundFactory", [registry, roundImplementation, nodes]);
  const ledger = await ethers.deployContract("ContributionLedger", [nodes, factory]);
  const credits = await ethers.getContractAt("CommonsCredits", await ledger.credits());
  await nodes.addNode(NodeKind.Translocal, 0, "Translocal commons", "ipfs://commons", [commonsSteward], 1);
  await nodes.addNode(NodeKind.Local, 1, "Cascadia", "ipfs://cascadia", [cascadiaSteward, secondCascadiaSteward], 2);
  await nodes.addNode(NodeKind.Local, 1, "Colorado Plateau", "ipfs://colorado", [coloradoSteward], 1);
  await ledger.setKind(LABOUR, "labour", "hours", CREDITS_PER_HOUR, true);
  await ledger.setKind(MONEY, "money", "CUSD", 10n ** 18n, false);
  return {
    nodes,
    registry,
    factory,
    ledger,
    credits,
    accounts: {
      governor,
      cascadiaSteward,
      secondCascadiaSteward,
      coloradoSteward,
      contributor,
      outsider,
      commonsSteward,
    },
    CASCADIA: 2n,
    COLORADO: 3n,
  };
}

export type Network = Awaited<ReturnType<typeof deployNetwork>>;

/** The network with one pending contribution: 12 hours of labour to Cascadia (two attestations needed). */
export async function withPendingContribution() {
  const network = await deployNetwork();
  const { ledger, accounts, CASCADIA } = network;
  await ledger.connect(accounts.contributor).record(CASCADIA, LABOUR, 12, "ipfs://work", "ipfs://photos");
  return network;
}

/** Both Cascadia stewards attest contribution 1, which credits it. */
export async function attested(network: Network) {
  const { ledger, accounts } = network;
  await ledger.connect(accounts.cascadiaSteward).attest(1);
  await ledger.connect(accounts.secondCascadiaSteward).attest(1);
}

/** A season of the translocal commons (node 1) in a 6-decimal token the governors allowed, closing at `closesAt`. */
export async function openSeason(network: Network, closesAt: bigint) {
  const { factory, accounts } = network;
  const token = await ethers.deployContract("TestToken", ["Commons Dollar", "CUSD", 6]);
  await factory.connect(accounts.governor).setPayoutTokenAllowed(token, true);
  const commons = factory.connect(accounts.commonsSteward);
  const address = await commons.createSeason.staticCall(1n, token, closesAt, "ipfs://season");
  await commons.createSeason(1n, token, closesAt, "ipfs://season");
  return { token, season: await ethers.getContractAt("CoMatchingSeason", address) };
}
