/** A round's final split is read once the round is final, and a round that is not final is not an error. */
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { hashFn } from "wagmi/query";
import { describe, expect, it, vi } from "vitest";
import { RoundStatus } from "../data/contracts.ts";
import type { RoundSummary } from "../data/rounds.ts";
import { roundSummaryWith } from "../testing/roundSummary.ts";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());

const { setChain } = await import("../testing/fakeChain.ts");
const { useFinalDistribution } = await import("./useRounds.ts");

const DISTRIBUTION = { numerator: 3n, denominator: 4n, matchCap: 0n, unallocated: 5n };

function round(status: RoundStatus): RoundSummary {
  return roundSummaryWith({ address: "0x75537828f2ce51be7289709686A69CbFDbB714F1", status, matchingPool: 100n });
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
