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
