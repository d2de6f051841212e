import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Four kinds of tests: the app's components, hooks and pure modules in jsdom (fast); the indexer's totals against
// the contracts' views (test/indexer/global-setup.ts starts a chain and the indexer); the built app, searched for
// secrets (test/bundle); and the browser journeys, which drive Debian's Chromium against a local chain and the
// built app that test/e2e/global-setup.ts starts.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: "app",
          include: ["app/src/**/*.test.{ts,tsx}"],
          environment: "jsdom",
        },
      },
      {
        test: {
          // The indexer (Ponder) against a Hardhat node and a seeded deployment that its global setup starts.
          name: "indexer",
          include: ["test/indexer/**/*.test.ts", "indexer/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/indexer/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The built app, searched for secrets: one Vite build into a temporary directory (about a minute).
          name: "bundle",
          include: ["test/bundle/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.ts"],
          environment: "node",
          globalSetup: ["test/e2e/global-setup.ts"],
          // One chain and one app for all journeys: files run one after another, each test from a snapshot.
          fileParallelism: false,
          testTimeout: 90_000,
          // The page reads the chain and verifies documents before it shows them: give it time.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
