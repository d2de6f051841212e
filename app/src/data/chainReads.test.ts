import type { PublicClient } from "viem";
import { describe, expect, it, vi } from "vitest";
import { quadraticFundingRoundAbi } from "../generated/abis.ts";
import { readAll } from "./chainReads.ts";

const round = "0x00000000000000000000000000000000000000aa";
const calls = [1n, 2n, 3n].map(
  (projectId) =>
    ({ address: round, abi: quadraticFundingRoundAbi, functionName: "estimatedMatch", args: [projectId] }) as const,
);

function client(chain: unknown) {
  const readContract = vi.fn((call: { args: readonly [bigint] }) => Promise.resolve(call.args[0] * 10n));
  const multicall = vi.fn((request: { contracts: { args: readonly [bigint] }[] }) =>
    Promise.resolve(request.contracts.map((call) => call.args[0] * 100n)),
  );
  return { client: { chain, readContract, multicall } as unknown as PublicClient, readContract, multicall };
}

describe("readAll", () => {
  it("asks nothing of the chain for no reads", async () => {
    const { client: empty, readContract, multicall } = client(undefined);
    expect(await readAll(empty, [])).toEqual([]);
    expect(readContract).not.toHaveBeenCalled();
    expect(multicall).not.toHaveBeenCalled();
  });

  it("reads through Multicall3 where the chain has it, every call required to succeed", async () => {
    const { client: l2, multicall, readContract } = client({ contracts: { multicall3: { address: "0xca11" } } });
    expect(await readAll(l2, calls)).toEqual([100n, 200n, 300n]);
    expect(multicall).toHaveBeenCalledWith(expect.objectContaining({ allowFailure: false }));
    expect(readContract).not.toHaveBeenCalled();
  });

  it("reads call by call, in order, on a chain without Multicall3 (no deployless creation-code limits)", async () => {
    const { client: local, multicall, readContract } = client({ id: 31337 });
    expect(await readAll(local, calls)).toEqual([10n, 20n, 30n]);
    expect(readContract).toHaveBeenCalledTimes(3);
    expect(multicall).not.toHaveBeenCalled();
  });
});
