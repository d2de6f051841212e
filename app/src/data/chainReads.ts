import type { ContractFunctionParameters, PublicClient } from "viem";

/** Calldata per `eth_call` to Multicall3. */
const BATCH_BYTES = 16_384;

/**
 * Many view calls, every one of which must succeed (a failing read is an error, not a silent gap). Results come
 * back in order; callers name their types (viem's per-call types do not survive a generic batch).
 *
 * On a chain with Multicall3 (every public chain) they travel as a few `eth_call`s to it. A chain without it (a
 * local node) gets one `eth_call` per read, which the transport sends together in JSON-RPC batches: viem's
 * deployless multicall would carry the calls as creation code and return the results as deployed code, so a
 * large round (a thousand project tallies, or `approvedProjectIds` itself) would hit the 48 KiB and 24 KiB limits
 * of EIP-3860 and EIP-170.
 */
export async function readAll(
  client: PublicClient,
  contracts: readonly ContractFunctionParameters[],
): Promise<unknown[]> {
  if (contracts.length === 0) return [];
  if (client.chain?.contracts?.multicall3 === undefined) {
    return Promise.all(contracts.map((contract) => client.readContract(contract)));
  }
  const results: readonly unknown[] = await client.multicall({
    contracts,
    allowFailure: false,
    batchSize: BATCH_BYTES,
  });
  return [...results];
}
