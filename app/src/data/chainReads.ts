import type { ContractFunctionParameters, PublicClient } from "viem";

/**
 * Many view calls in one `eth_call`: Multicall3 where the chain has it, viem's deployless multicall elsewhere
 * (the local Hardhat node). Every call must succeed: a failing read is an error, not a silent gap. Results come
 * back in order; callers name their types (viem's per-call types do not survive a generic batch).
 */
export async function readAll(
  client: PublicClient,
  contracts: readonly ContractFunctionParameters[],
): Promise<unknown[]> {
  if (contracts.length === 0) return [];
  const deployless = client.chain?.contracts?.multicall3 === undefined;
  const results: readonly unknown[] = await client.multicall({
    contracts,
    allowFailure: false,
    deployless,
    batchSize: 16_384,
  });
  return [...results];
}
