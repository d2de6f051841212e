/** A round's final split is read once the round is final, and a round that is not final is not an error. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { hashFn } from "wagmi/query";
import { describe, expect, it, vi } from "vitest";
import { NO_COUNTING_RULES } from "../../../lib/quadratic-funding.ts";
import { RoundStatus } from "../data/contracts.ts";
import type { RoundSummary } from "../data/rounds.ts";
import { OPEN_RULE } from "../lib/eligibility.ts";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());

const { setChain } = await import("../testing/fakeChain.ts");
const { useFinalDistribution } = await import("./useRounds.ts");

const DISTRIBUTION = { numerator: 3n, denominator: 4n, matchCap: 0n, unallocated: 5n };

function round(status: RoundStatus): RoundSummary {
  return {
    address: "0x75537828f2ce51be7289709686A69CbFDbB714F1",
    chainId: 31337,
    nodeId: 1n,
    token: {
      address: "0x0000000000000000000000000000000000000000",
      isNative: true,
      name: "Ether",
      symbol: "ETH",
      decimals: 18,
    },
    applicationsStart: 0n,
    applicationsEnd: 10n,
    donationsStart: 10n,
    donationsEnd: 20n,
    matchCapBps: 0,
    status,
    matchingPool: 100n,
    idealMatchSum: 0n,
    metadataPointer: "",
    approvedProjectIds: [],
    totalDonations: 0n,
    eligibility: OPEN_RULE,
    countingRules: NO_COUNTING_RULES,
    commonsShareBps: 0,
    commonsShare: 0n,
    commonsShareSent: false,
    distributablePool: 100n,
    season: undefined,
  };
}

function renderFor(status: RoundStatus) {
  const calls = setChain({
    view: ({ functionName }) => {
      if (functionName === "matchDistribution") return DISTRIBUTION;
      throw new Error(`unexpected ${functionName}`);
    },
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { queryKeyHashFn: hashFn, retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { calls, ...renderHook(() => useFinalDistribution(round(status)), { wrapper }) };
}

describe("useFinalDistribution", () => {
  it("reads the final split of a finalized round", async () => {
    const { result } = renderFor(RoundStatus.Finalized);

    await waitFor(() => {
      expect(result.current.data).toEqual(DISTRIBUTION);
    });
  });

  it.each([RoundStatus.Active, RoundStatus.SettlingMatchCaps, RoundStatus.Cancelled])(
    "reads nothing and reports no error for a round of status %i",
    async (status) => {
      const { result, calls } = renderFor(status);

      await new Promise((resolve) => setTimeout(resolve, 20));

      expect(result.current.error).toBeNull();
      expect(result.current.data).toBeUndefined();
      expect(calls).toHaveLength(0);
    },
  );
});
