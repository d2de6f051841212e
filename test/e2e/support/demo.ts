import { readFileSync } from "node:fs";
import path from "node:path";

/** What the seed created, as it wrote it to deployments/localhost.json. */
export interface DemoSummary {
  contracts: { nodeRegistry: string; contributionLedger: string; projectRegistry: string; roundFactory: string };
  token: { address: string; symbol: string; decimals: number };
  rounds: {
    name: string;
    address: string;
    payoutSymbol: string;
    matchingPool: string;
    /** The share of the matching pool routed to the commons (basis points), and the season it joined. */
    commonsShareBps?: number;
    season?: string;
    /** For a round with participation rules: its allowlist and root. */
    eligibility?: { kind: "allowlist"; root: string; allowlist: string[] };
    /** For a round with counting rules, in whole tokens. */
    countingRules?: { minCountedDonation: string; countedContributionCap: string };
    applications: {
      projectId: number;
      project: string;
      status: string;
      contributors?: number;
      donations?: string;
      estimatedMatch?: string;
    }[];
  }[];
  projects: { id?: number; projectId?: number; name: string; metadata: string }[];
  network: NetworkSummary;
  votingRounds: VotingRoundSummary[];
  seasons: SeasonSummary[];
  commonsTreasury: { index: number; address: string };
  nodeAccounts: { nodeId: number; index: number; address: string }[];
}

/** A co-matching season as scripts/seed.ts seeded it (amounts in whole tokens). */
export interface SeasonSummary {
  name: string;
  address: string;
  nodeId: number;
  payoutSymbol: string;
  closesAt: number;
  pool: string;
  funders: { index: number; address: string; amount: string }[];
  draws: { round: string; ideal: string; amount: string }[];
}

/** A quadratic voting round as scripts/seed.ts seeded it. */
export interface VotingRoundSummary {
  name: string;
  address: string;
  nodeId: number;
  payoutSymbol: string;
  votingStart: number;
  votingEnd: number;
  snapshot: number;
  matchingPool: string;
  totalVotes: number;
  applications: {
    projectId: number;
    project: string;
    status: string;
    voters: number;
    votes: number;
    estimatedPayout: string;
  }[];
  ballots: {
    voter: { index: number; address: string };
    relayedBy?: { index: number; address: string };
    projectIds: number[];
    votes: number[];
    cost: string;
    voiceCredits: string;
  }[];
  voiceCredits: { index: number; address: string; voiceCredits: string }[];
}

/** The organized network as scripts/seed-network.ts seeded it. */
export interface NetworkSummary {
  contracts: { nodeRegistry: string; contributionLedger: string; commonsCredits: string };
  periodLength: number;
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
    status: "none" | "pending" | "attested" | "rejected" | "revoked";
    attestations: number;
    credits: string;
    description: string;
    evidence: string;
  }[];
  contributors: {
    index: number;
    address: string;
    balance: string;
    unclaimed: string;
    votes: string;
    delegate: string;
  }[];
}

export function demoSummary(): DemoSummary {
  const file = path.resolve(import.meta.dirname, "..", "..", "..", "deployments", "localhost.json");
  return JSON.parse(readFileSync(file, "utf8")) as DemoSummary;
}

/** A decimal string ("738.209905") as the app shows it with at most `fraction` decimals ("738.2"). */
export function shown(decimal: string, fraction = 2): string {
  const [whole = "0", rest = ""] = decimal.split(".");
  const kept = rest.slice(0, fraction).replace(/0+$/, "");
  const grouped = BigInt(whole).toLocaleString("en-US");
  return kept === "" ? grouped : `${grouped}.${kept}`;
}
