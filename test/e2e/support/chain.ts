import { inject } from "vitest";

/** A JSON-RPC call to the journeys' local chain. */
export async function rpc<T = unknown>(method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(inject("rpcUrl"), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** The chain as the seed left it, restored after each journey so journeys do not see each other's effects. */
export async function snapshot(): Promise<string> {
  return rpc<string>("evm_snapshot");
}

export async function revertTo(id: string): Promise<void> {
  const reverted = await rpc<boolean>("evm_revert", [id]);
  if (!reverted) throw new Error(`could not revert to snapshot ${id}`);
}

/** Moves the chain's clock forward and mines a block at the new time. */
export async function increaseTime(seconds: number): Promise<void> {
  await rpc("evm_increaseTime", [seconds]);
  await rpc("evm_mine");
}

/** The local node's accounts, in order (the seed gives each a role: see deployments/localhost.json). */
export async function accounts(): Promise<string[]> {
  return rpc<string[]>("eth_accounts");
}
