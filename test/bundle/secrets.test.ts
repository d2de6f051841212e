/**
 * No secret or key ever reaches the built app. The app is built as `npm run app:build` builds it (Vite, from the
 * generated ABIs and deployments of this checkout), into a temporary directory, with every secret the repository's
 * tools read from the environment set to a value made up for this run; then every emitted file is searched.
 *
 * Only HYPHAE_PUBLIC_* variables are meant to reach the browser (app/vite.config.ts, envPrefix): one is set too, and
 * found, which shows the search reads what the build bundles. Private keys are searched for by value: Hardhat's
 * well-known test keys (the "Local demo accounts" let the local node sign, so the app needs none of them, even in a
 * build that serves a local chain, which is what a checkout with the demo deployment builds), and any 32-byte hex
 * value that is the key of an address the bundle names.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Hex, isHex } from "viem";
import { mnemonicToAccount, privateKeyToAddress } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root, runNode, VITE_CLI } from "../support/processes.ts";

/** The mnemonic of every Hardhat node's test accounts. */
const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";
const HARDHAT_ACCOUNTS = 20;
/** The order of secp256k1: a private key is a number from 1 to n − 1. */
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** Every secret a script, Hardhat or the content store reads from the environment, with a value of this run. */
const SECRETS: Record<string, string> = {
  DEPLOYER_PRIVATE_KEY: `0x${randomBytes(32).toString("hex")}`,
  ETHERSCAN_API_KEY: `etherscan-${randomUUID()}`,
  HYPHAE_IPFS_API_AUTHORIZATION: `Bearer ipfs-${randomUUID()}`,
  HYPHAE_IPFS_API_URL: `https://ipfs-${randomUUID()}.example/api/v0`,
  CUSTOM_RPC_URL: `https://rpc.example/${randomUUID()}`,
  MAINNET_RPC_URL: `https://mainnet.example/v2/${randomUUID()}`,
  SEPOLIA_RPC_URL: `https://sepolia.example/v2/${randomUUID()}`,
  OPTIMISM_RPC_URL: `https://optimism.example/v2/${randomUUID()}`,
  BASE_RPC_URL: `https://base.example/v2/${randomUUID()}`,
  ARBITRUM_RPC_URL: `https://arbitrum.example/v2/${randomUUID()}`,
  DATABASE_URL: `postgres://indexer:${randomUUID()}@db.example/hyphae`,
};
/** A public setting, which the build must bundle: the control that the search sees what is bundled. */
const PUBLIC_SETTING = { HYPHAE_PUBLIC_WALLETCONNECT_PROJECT_ID: `public-${randomUUID()}` };

/** Every file under `directory`, with its path relative to it. */
function emittedFiles(directory: string): { file: string; text: string }[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const full = path.join(entry.parentPath, entry.name);
      return { file: path.relative(directory, full), text: readFileSync(full, "latin1") };
    });
}

/** Hardhat's test accounts' private keys, lower-case. */
function hardhatKeys(): string[] {
  return Array.from({ length: HARDHAT_ACCOUNTS }, (_, addressIndex) => {
    const key = mnemonicToAccount(HARDHAT_MNEMONIC, { addressIndex }).getHdKey().privateKey;
    if (key === null) throw new Error(`no private key for Hardhat account ${addressIndex}`);
    return `0x${Buffer.from(key).toString("hex")}`;
  });
}

/** Every 32-byte hex value written as 0x and exactly 64 digits, lower-case. */
function thirtyTwoByteValues(text: string): Set<Hex> {
  const values = new Set<Hex>();
  for (const match of text.matchAll(/(?<![0-9a-fA-F])0x[0-9a-fA-F]{64}(?![0-9a-fA-F])/g)) {
    const value = match[0].toLowerCase();
    if (isHex(value)) values.add(value);
  }
  return values;
}

/** Every address the text names, lower-case. */
function addressesNamed(text: string): Set<string> {
  return new Set(
    [...text.matchAll(/(?<![0-9a-fA-F])0x[0-9a-fA-F]{40}(?![0-9a-fA-F])/g)].map((m) => m[0].toLowerCase()),
  );
}

describe("the built app", () => {
  let outDir: string;
  let files: { file: string; text: string }[];

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(tmpdir(), "hyphae-bundle-"));
    await runNode([VITE_CLI, "build", "--config", "app/vite.config.ts", "--outDir", outDir, "--logLevel", "warn"], {
      ...SECRETS,
      ...PUBLIC_SETTING,
      // Vitest sets NODE_ENV=test; the bundle searched is the one that ships.
      NODE_ENV: "production",
    });
    files = emittedFiles(outDir);
  }, 240_000);

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it("is there to search: an index.html and its JavaScript", () => {
    expect(files.map(({ file }) => file)).toContain("index.html");
    expect(files.filter(({ file }) => file.endsWith(".js")).length).toBeGreaterThan(1);
  });

  it("is the production build: no development runtime, no path of the machine that built it", () => {
    for (const { file, text } of files) {
      expect(text.includes("react-dom.development"), `${file} holds React's development runtime`).toBe(false);
      expect(text.includes(root), `${file} holds the checkout's path`).toBe(false);
    }
  });

  it("bundles the HYPHAE_PUBLIC_* setting it was given (so the search below sees what is bundled)", () => {
    const holding = files.filter(({ text }) => text.includes(PUBLIC_SETTING.HYPHAE_PUBLIC_WALLETCONNECT_PROJECT_ID));
    expect(holding.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(SECRETS))("holds nothing of %s in any emitted file", (variable) => {
    const secret = SECRETS[variable] ?? "";
    // The distinctive part too (a URL's path, a key without 0x), in case the bundle held it split or reworded.
    const needles = [secret, secret.replace(/^0x/, ""), ...(secret.match(/[0-9a-f-]{36}/g) ?? [])];
    for (const { file, text } of files) {
      for (const needle of needles) expect(text.includes(needle), `${file} holds ${variable}`).toBe(false);
    }
  });

  it("holds none of Hardhat's test account keys, nor their mnemonic", () => {
    const keys = hardhatKeys();
    for (const { file, text } of files) {
      const lower = text.toLowerCase();
      expect(lower.includes(HARDHAT_MNEMONIC), `${file} holds the mnemonic`).toBe(false);
      for (const key of keys) {
        expect(lower.includes(key.slice(2)), `${file} holds the Hardhat test key ${key.slice(0, 10)}…`).toBe(false);
      }
    }
  });

  it("holds no private key of an account it names", () => {
    const named = new Set(files.flatMap(({ text }) => [...addressesNamed(text)]));
    for (const { file, text } of files) {
      for (const value of thirtyTwoByteValues(text)) {
        const scalar = BigInt(value);
        if (scalar === 0n || scalar >= CURVE_ORDER) continue;
        const address = privateKeyToAddress(value).toLowerCase();
        expect(named.has(address), `${file} holds ${value.slice(0, 10)}…, the private key of ${address}`).toBe(false);
      }
    }
  });
});
