/**
 * Seeds the organized network of the demo (issue 4): the translocal commons and three local nodes with their
 * stewards, the kinds of contribution and their weights, and four months of contributions: attested and
 * credited (some credits claimed, some waiting), pending ones for the stewards' queues, one rejected with a
 * reason, and one revoked after a dispute.
 *
 * scripts/seed.ts calls `seedNetwork` before it creates any round: the chain's clock moves four 30-day periods
 * forward here, so that contributions are spread over past periods, and rounds are then timed from the new "now".
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { HardhatEthersSigner as Signer } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

const DEMO_METADATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "demo", "metadata");
/** The ledger's period length (`ContributionLedger.periodOf`): 30 days. */
const PERIOD = 30n * 86_400n;
/** A base unit of the 6-decimal Commons Dollar is worth 10^12 credits (18 decimals): 1 credit per CUSD. */
const CREDITS_PER_CUSD_BASE_UNIT = 10n ** 12n;
const CREDIT = 10n ** 18n;

const NodeKind = { Local: 0, Translocal: 1 } as const;
const KIND = { labour: 1, goods: 2, knowledge: 3, care: 4, money: 5 } as const;
const STATUS_NAMES = ["none", "pending", "attested", "rejected", "revoked"] as const;

export interface NetworkSeedInput {
  ethers: NetworkConnection["ethers"];
  networkHelpers: NetworkConnection["networkHelpers"];
  /** Hardhat's 20 test accounts, in order: the demo gives each a role (see scripts/seed.ts). */
  signers: readonly Signer[];
  /** Publishes demo/metadata/<relativePath> to the content store and returns its `ipfs://` pointer. */
  publish: (relativePath: string) => Promise<string>;
  addresses: { nodeRegistry: string; contributionLedger: string };
}

/** What the seed created, for deployments/localhost.json (tests read it) and the console. */
export interface NetworkSeedSummary {
  contracts: { nodeRegistry: string; contributionLedger: string; commonsCredits: string };
  periodLength: number;
  /** The periods the contributions were attested in, oldest first, and the period "now" (after the seed). */
  periods: { attested: number[]; current: number };
  nodes: {
    id: number;
    name: string;
    kind: "local" | "translocal";
    parentId: number;
    stewards: { index: number; address: string }[];
    attestationThreshold: number;
    metadata: string;
  }[];
  kinds: { id: number; name: string; unit: string; creditsPerUnit: string; selfReported: boolean }[];
  contributions: {
    id: number;
    slug: string;
    title: string;
    contributor: { index: number; address: string };
    nodeId: number;
    kind: number;
    quantity: number;
    status: (typeof STATUS_NAMES)[number];
    attestations: number;
    /** Credits (whole) earned; 0 unless attested. */
    credits: string;
    description: string;
    evidence: string;
  }[];
  /** Per contributor: credits minted (held), waiting to be claimed, and their delegate, after the seed. */
  contributors: {
    index: number;
    address: string;
    balance: string;
    unclaimed: string;
    votes: string;
    delegate: string;
  }[];
}

interface NodePlan {
  name: string;
  kind: (typeof NodeKind)[keyof typeof NodeKind];
  parentId: number;
  document: string;
  stewards: number[];
  threshold: number;
}

/** Node ids follow this order (the registry counts from 1); the lead's round seeding relies on it. */
const NODES: readonly NodePlan[] = [
  {
    name: "Hyphae Translocal Commons",
    kind: NodeKind.Translocal,
    parentId: 0,
    document: "nodes/hyphae-translocal-commons.json",
    stewards: [0, 1],
    threshold: 1,
  },
  {
    name: "Cascadia",
    kind: NodeKind.Local,
    parentId: 1,
    document: "nodes/cascadia.json",
    stewards: [1, 2, 3],
    threshold: 2,
  },
  {
    name: "Nairobi Makers",
    kind: NodeKind.Local,
    parentId: 1,
    document: "nodes/nairobi-makers.json",
    stewards: [1, 3],
    threshold: 1,
  },
  {
    name: "Barcelona Fab City",
    kind: NodeKind.Local,
    parentId: 1,
    document: "nodes/barcelona-fab-city.json",
    stewards: [1],
    threshold: 1,
  },
];

const KINDS = [
  { id: KIND.labour, name: "labour", unit: "hours", creditsPerUnit: 10n * CREDIT, selfReported: true },
  { id: KIND.goods, name: "in-kind goods", unit: "items", creditsPerUnit: 5n * CREDIT, selfReported: true },
  {
    id: KIND.knowledge,
    name: "knowledge & design",
    unit: "documents",
    creditsPerUnit: 20n * CREDIT,
    selfReported: true,
  },
  { id: KIND.care, name: "care work", unit: "hours", creditsPerUnit: 10n * CREDIT, selfReported: true },
  // Counted from rounds, never recorded by hand: per base unit of CUSD (6 decimals), so 1 credit per CUSD.
  { id: KIND.money, name: "money", unit: "CUSD", creditsPerUnit: CREDITS_PER_CUSD_BASE_UNIT, selfReported: false },
] as const;

/**
 * A contribution of the demo: who gave what to which node, and what became of it. `attestedBy` lists the
 * stewards (account indices) who attest it; it is credited once they reach the node's threshold.
 */
interface ContributionPlan {
  slug: string;
  contributor: number;
  nodeId: number;
  kind: number;
  quantity: number;
  attestedBy: number[];
  rejectedBy?: { steward: number; reason: string };
  revoked?: { disputedBy: number; disputeReason: string; steward: number; reason: string };
}

/** One 30-day period of the demo: its contributions, then the contributors who claim their credits. */
interface PeriodPlan {
  contributions: ContributionPlan[];
  claims: number[];
}

/** Four past periods, oldest first; the pending contributions are recorded after them, in the current period. */
const PAST_PERIODS: readonly PeriodPlan[] = [
  {
    contributions: [
      {
        slug: "cascadia-seed-cleaning",
        contributor: 10,
        nodeId: 2,
        kind: KIND.labour,
        quantity: 12,
        attestedBy: [1, 2],
      },
      {
        slug: "translocal-seed-saving-handbook",
        contributor: 4,
        nodeId: 1,
        kind: KIND.knowledge,
        quantity: 1,
        attestedBy: [0],
      },
      {
        slug: "nairobi-soldering-stations",
        contributor: 12,
        nodeId: 3,
        kind: KIND.goods,
        quantity: 8,
        attestedBy: [3],
      },
      {
        slug: "barcelona-open-day-childcare",
        contributor: 14,
        nodeId: 4,
        kind: KIND.care,
        quantity: 6,
        attestedBy: [1],
      },
    ],
    claims: [],
  },
  {
    contributions: [
      {
        slug: "cascadia-tool-repair-nights",
        contributor: 11,
        nodeId: 2,
        kind: KIND.labour,
        quantity: 20,
        attestedBy: [2, 3],
      },
      {
        slug: "nairobi-solar-drier-guide",
        contributor: 13,
        nodeId: 3,
        kind: KIND.knowledge,
        quantity: 2,
        attestedBy: [1],
      },
      { slug: "barcelona-community-cnc", contributor: 15, nodeId: 4, kind: KIND.labour, quantity: 16, attestedBy: [1] },
      {
        slug: "cascadia-elder-care-rota",
        contributor: 10,
        nodeId: 2,
        kind: KIND.care,
        quantity: 10,
        attestedBy: [1, 3],
      },
      {
        slug: "translocal-interpreting-headsets",
        contributor: 17,
        nodeId: 1,
        kind: KIND.goods,
        quantity: 3,
        attestedBy: [1],
      },
    ],
    claims: [10, 4],
  },
  {
    contributions: [
      { slug: "nairobi-workbenches", contributor: 16, nodeId: 3, kind: KIND.labour, quantity: 24, attestedBy: [3] },
      {
        slug: "cascadia-grow-kit-protocol",
        contributor: 6,
        nodeId: 2,
        kind: KIND.knowledge,
        quantity: 1,
        attestedBy: [1, 2],
      },
      { slug: "barcelona-bike-repair", contributor: 12, nodeId: 4, kind: KIND.labour, quantity: 8, attestedBy: [1] },
      { slug: "cascadia-seed-jars", contributor: 11, nodeId: 2, kind: KIND.goods, quantity: 40, attestedBy: [1, 3] },
      {
        slug: "barcelona-cnc-hours",
        contributor: 15,
        nodeId: 4,
        kind: KIND.labour,
        quantity: 30,
        attestedBy: [1],
        revoked: {
          disputedBy: 14,
          disputeReason: "reviews/contributions/barcelona-cnc-hours-disputed.json",
          steward: 1,
          reason: "reviews/contributions/barcelona-cnc-hours-revoked.json",
        },
      },
    ],
    claims: [11, 16],
  },
  {
    contributions: [
      { slug: "nairobi-care-circle", contributor: 13, nodeId: 3, kind: KIND.care, quantity: 12, attestedBy: [1] },
      {
        slug: "translocal-micro-factory-designs",
        contributor: 9,
        nodeId: 1,
        kind: KIND.knowledge,
        quantity: 3,
        attestedBy: [0],
      },
      {
        slug: "cascadia-riparian-planting",
        contributor: 14,
        nodeId: 2,
        kind: KIND.labour,
        quantity: 6,
        attestedBy: [1, 3],
      },
      { slug: "cascadia-tool-donation", contributor: 5, nodeId: 2, kind: KIND.goods, quantity: 15, attestedBy: [2, 3] },
      {
        slug: "barcelona-festival-hours",
        contributor: 17,
        nodeId: 4,
        kind: KIND.labour,
        quantity: 40,
        attestedBy: [],
        rejectedBy: { steward: 1, reason: "reviews/contributions/barcelona-festival-hours-rejected.json" },
      },
      // Credited after #10's claim of the period before: credits waiting beside credits held.
      { slug: "cascadia-seed-sorting", contributor: 10, nodeId: 2, kind: KIND.labour, quantity: 5, attestedBy: [2, 3] },
    ],
    claims: [],
  },
];

/** Recorded "now" and left for the stewards' queues (the first already has one of Cascadia's two attestations). */
const PENDING: readonly ContributionPlan[] = [
  {
    slug: "cascadia-watershed-work-party",
    contributor: 12,
    nodeId: 2,
    kind: KIND.labour,
    quantity: 6,
    attestedBy: [2],
  },
  { slug: "cascadia-rain-barrels", contributor: 16, nodeId: 2, kind: KIND.goods, quantity: 10, attestedBy: [] },
  { slug: "nairobi-sensor-curriculum", contributor: 14, nodeId: 3, kind: KIND.knowledge, quantity: 1, attestedBy: [] },
  { slug: "barcelona-adobe-mix-notes", contributor: 8, nodeId: 4, kind: KIND.knowledge, quantity: 1, attestedBy: [] },
];

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`the local chain is missing item ${index} (it needs 20 accounts)`);
  return item;
}

async function mined(tx: Promise<{ wait(): Promise<unknown> }>): Promise<void> {
  await (await tx).wait();
}

/** Seeds the network; the registry and ledger must be freshly deployed (no node, no kind, no contribution). */
export async function seedNetwork(input: NetworkSeedInput): Promise<NetworkSeedSummary> {
  const { ethers, networkHelpers, signers, publish, addresses } = input;
  const signer = (index: number) => at(signers, index);
  const governor = signer(0);
  const registry = await ethers.getContractAt("NodeRegistry", addresses.nodeRegistry);
  const ledger = await ethers.getContractAt("ContributionLedger", addresses.contributionLedger);
  if ((await registry.nodeCount()) !== 0n || (await ledger.contributionCount()) !== 0n) {
    throw new Error("the network is already seeded: restart `npm start` for a fresh chain");
  }
  if (!(await registry.isGovernor(governor.address))) throw new Error("account #0 is not a governor of the network");
  const credits = await ethers.getContractAt("CommonsCredits", await ledger.credits());

  const nodes: NetworkSeedSummary["nodes"] = [];
  for (const plan of NODES) {
    const metadata = await publish(plan.document);
    const stewards = plan.stewards.map((index) => signer(index).address);
    await mined(
      registry.connect(governor).addNode(plan.kind, plan.parentId, plan.name, metadata, stewards, plan.threshold),
    );
    const id = Number(await registry.nodeCount());
    if (id !== nodes.length + 1) throw new Error(`node ${plan.name} got id ${id}, not ${nodes.length + 1}`);
    nodes.push({
      id,
      name: plan.name,
      kind: plan.kind === NodeKind.Local ? "local" : "translocal",
      parentId: plan.parentId,
      stewards: plan.stewards.map((index) => ({ index, address: signer(index).address })),
      attestationThreshold: plan.threshold,
      metadata,
    });
  }

  for (const kind of KINDS) {
    await mined(
      ledger.connect(governor).setKind(kind.id, kind.name, kind.unit, kind.creditsPerUnit, kind.selfReported),
    );
  }

  const recorded: { plan: ContributionPlan; id: bigint; title: string; description: string; evidence: string }[] = [];

  async function record(plan: ContributionPlan): Promise<bigint> {
    const node = at(NODES, plan.nodeId - 1);
    for (const steward of [...plan.attestedBy, plan.rejectedBy?.steward, plan.revoked?.steward]) {
      if (steward === undefined) continue;
      if (!node.stewards.includes(steward)) throw new Error(`${plan.slug}: #${steward} does not steward ${node.name}`);
      if (steward === plan.contributor) throw new Error(`${plan.slug}: a steward cannot attest their own`);
    }
    const description = await publish(`contributions/${plan.slug}/description.json`);
    const evidence = await publish(`contributions/${plan.slug}/evidence.json`);
    const contributor = signer(plan.contributor);
    await mined(ledger.connect(contributor).record(plan.nodeId, plan.kind, plan.quantity, description, evidence));
    const id = await ledger.contributionCount();
    const title = titleOf(plan.slug);
    recorded.push({ plan, id, title, description, evidence });
    for (const steward of plan.attestedBy) await mined(ledger.connect(signer(steward)).attest(id));
    if (plan.rejectedBy) {
      const reason = await publish(plan.rejectedBy.reason);
      await mined(ledger.connect(signer(plan.rejectedBy.steward)).reject(id, reason));
    }
    if (plan.revoked) {
      const disputeReason = await publish(plan.revoked.disputeReason);
      await mined(ledger.connect(signer(plan.revoked.disputedBy)).dispute(id, disputeReason));
      const reason = await publish(plan.revoked.reason);
      await mined(ledger.connect(signer(plan.revoked.steward)).revoke(id, reason));
    }
    return id;
  }

  // Four periods of contributions, each 30 days after the last: the chain's clock ends four periods ahead of
  // where it started, and every attested contribution lies in a past period.
  const attestedPeriods: number[] = [];
  for (const period of PAST_PERIODS) {
    attestedPeriods.push(Number(await ledger.periodOf(await networkHelpers.time.latest())));
    for (const plan of period.contributions) await record(plan);
    for (const contributor of period.claims) {
      await mined(ledger.connect(signer(contributor)).claimCredits(signer(contributor).address));
    }
    await networkHelpers.time.increase(PERIOD);
  }
  for (const plan of PENDING) await record(plan);
  const currentPeriod = Number(await ledger.periodOf(await networkHelpers.time.latest()));

  const contributions: NetworkSeedSummary["contributions"] = [];
  for (const { plan, id, title, description, evidence } of recorded) {
    const stored = await ledger.contribution(id);
    contributions.push({
      id: Number(id),
      slug: plan.slug,
      title,
      contributor: { index: plan.contributor, address: signer(plan.contributor).address },
      nodeId: plan.nodeId,
      kind: plan.kind,
      quantity: plan.quantity,
      status: STATUS_NAMES[Number(stored.status)] ?? "none",
      attestations: Number(stored.attestations),
      credits: ethers.formatUnits(stored.credits, 18),
      description,
      evidence,
    });
  }
  const contributorIndices = [...new Set(recorded.map(({ plan }) => plan.contributor))].sort((a, b) => a - b);
  const contributors: NetworkSeedSummary["contributors"] = [];
  for (const index of contributorIndices) {
    const address = signer(index).address;
    contributors.push({
      index,
      address,
      balance: ethers.formatUnits(await credits.balanceOf(address), 18),
      unclaimed: ethers.formatUnits(await ledger.unclaimedCredits(address), 18),
      votes: ethers.formatUnits(await credits.getVotes(address), 18),
      delegate: await credits.delegates(address),
    });
  }

  return {
    contracts: {
      nodeRegistry: addresses.nodeRegistry,
      contributionLedger: addresses.contributionLedger,
      commonsCredits: await credits.getAddress(),
    },
    periodLength: Number(PERIOD),
    periods: { attested: attestedPeriods, current: currentPeriod },
    nodes,
    kinds: KINDS.map((kind) => ({
      id: kind.id,
      name: kind.name,
      unit: kind.unit,
      creditsPerUnit: kind.creditsPerUnit.toString(),
      selfReported: kind.selfReported,
    })),
    contributions,
    contributors,
  };
}

/** The title of a contribution's description document in demo/metadata/contributions/<slug>/. */
function titleOf(slug: string): string {
  const file = path.join(DEMO_METADATA, "contributions", slug, "description.json");
  const document: unknown = JSON.parse(readFileSync(file, "utf8"));
  if (typeof document === "object" && document !== null && "title" in document && typeof document.title === "string") {
    return document.title;
  }
  throw new Error(`${path.relative(DEMO_METADATA, file)} has no title`);
}

/** The lines the seed prints about the network. */
export function describeNetwork(summary: NetworkSeedSummary): string {
  const nodeName = (id: number) => summary.nodes.find((node) => node.id === id)?.name ?? `node ${id}`;
  const count = (status: string) => summary.contributions.filter((item) => item.status === status).length;
  const lines = [
    "Network",
    `  ${"NodeRegistry".padEnd(22)}${summary.contracts.nodeRegistry}`,
    `  ${"ContributionLedger".padEnd(22)}${summary.contracts.contributionLedger}`,
    `  ${"CommonsCredits".padEnd(22)}${summary.contracts.commonsCredits}`,
    ...summary.nodes.map(
      (node) =>
        `  node ${node.id} ${node.name} (${node.kind}${node.parentId === 0 ? "" : `, in ${nodeName(node.parentId)}`}): ` +
        `stewards ${node.stewards.map((steward) => `#${steward.index}`).join(", ")}, ` +
        `${node.attestationThreshold} attestation${node.attestationThreshold === 1 ? "" : "s"} needed`,
    ),
    `  kinds: ${summary.kinds.map((kind) => `${kind.id} ${kind.name} (${kind.unit})`).join(", ")}`,
    `  ${summary.contributions.length} contributions over periods ${summary.periods.attested.join(", ")} ` +
      `(now ${summary.periods.current}): ${count("attested")} attested, ${count("pending")} pending, ` +
      `${count("rejected")} rejected, ${count("revoked")} revoked after a dispute`,
    ...summary.contributions
      .filter((item) => item.status === "pending")
      .map(
        (item) =>
          `    pending #${item.id} at ${nodeName(item.nodeId)}: ${item.title} (#${item.contributor.index}, ` +
          `${item.attestations} attestation${item.attestations === 1 ? "" : "s"} so far)`,
      ),
    `  credits: ${summary.contributors
      .filter((item) => item.balance !== "0.0" || item.unclaimed !== "0.0")
      .map((item) => `#${item.index} holds ${trim(item.balance)}, ${trim(item.unclaimed)} waiting`)
      .join("; ")}`,
  ];
  return lines.join("\n");
}

function trim(decimal: string): string {
  return decimal.replace(/\.0$/, "");
}
