import { createConnector } from "wagmi";
import {
  type Address,
  type Chain,
  type EIP1193RequestFn,
  getAddress,
  numberToHex,
  SwitchChainError,
  UserRejectedRequestError,
} from "viem";
import { devChain } from "./chains.ts";

const SELECTED_ACCOUNT_KEY = "hyphae.localDemoAccount";

interface JsonRpcResponse {
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

/** A JSON-RPC error of the node, with its code and data so viem can decode reverts. */
class NodeRpcError extends Error {
  readonly code: number;
  readonly data: unknown;
  constructor(error: { code: number; message: string; data?: unknown }) {
    super(error.message);
    this.code = error.code;
    this.data = error.data;
  }
}

/** The chain of the local node; the connector exists only in a build that has one. */
function localChainOfBuild(): Chain {
  if (devChain === undefined) throw new Error("this build has no local chain");
  return devChain;
}

async function nodeRequest(method: string, params: unknown): Promise<unknown> {
  const rpcUrl = localChainOfBuild().rpcUrls.default.http[0];
  if (rpcUrl === undefined) throw new Error("the local chain has no RPC URL");
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
  });
  const body = (await response.json()) as JsonRpcResponse;
  if (body.error) throw new NodeRpcError(body.error);
  return body.result;
}

/** The accounts the local Hardhat node holds and signs for (its public, well-known test accounts). */
export async function localDemoAccountList(): Promise<Address[]> {
  const accounts = (await nodeRequest("eth_accounts", [])) as string[];
  return accounts.map((account) => getAddress(account));
}

function storedSelection(): Address | undefined {
  const stored = globalThis.localStorage.getItem(SELECTED_ACCOUNT_KEY);
  return stored === null ? undefined : getAddress(stored);
}

localDemoAccounts.type = "localDemoAccounts" as const;

/**
 * "Local demo accounts": a wallet backed by the accounts of the local Hardhat node, so a newcomer can act as
 * funder, project and contributor without a browser extension. The node signs for its own unlocked accounts,
 * so no private key is in the app. Offered on the local chain only; `selectLocalDemoAccount` switches between
 * the accounts.
 */
export function localDemoAccounts() {
  const localChain = localChainOfBuild();
  let selected: Address | undefined;
  let connected = false;

  return createConnector<{ request: EIP1193RequestFn }>((config) => {
    const request = (async ({ method, params }: { method: string; params?: unknown }) => {
      switch (method) {
        case "eth_accounts":
        case "eth_requestAccounts":
          return connected && selected ? [selected] : [];
        case "eth_chainId":
          return numberToHex(localChain.id);
        case "wallet_switchEthereumChain": {
          const [{ chainId }] = params as [{ chainId: string }];
          if (Number(chainId) !== localChain.id) {
            throw new SwitchChainError(new Error("local demo accounts exist on the local chain only"));
          }
          return null;
        }
        default:
          return nodeRequest(method, params);
      }
    }) as EIP1193RequestFn;

    return {
      id: "localDemoAccounts",
      name: "Local demo accounts",
      type: localDemoAccounts.type,

      async connect(parameters) {
        const accounts = await localDemoAccountList();
        const stored = storedSelection();
        selected = stored && accounts.includes(stored) ? stored : accounts[0];
        if (selected === undefined) throw new UserRejectedRequestError(new Error("the local node has no accounts"));
        connected = true;
        if (parameters?.chainId !== undefined && parameters.chainId !== localChain.id) {
          throw new SwitchChainError(new Error("local demo accounts exist on the local chain only"));
        }
        const result = parameters?.withCapabilities
          ? { accounts: [{ address: selected, capabilities: {} }], chainId: localChain.id }
          : { accounts: [selected], chainId: localChain.id };
        return result as never;
      },
      disconnect() {
        connected = false;
        return Promise.resolve();
      },
      getAccounts() {
        return Promise.resolve(connected && selected ? [selected] : []);
      },
      getChainId() {
        return Promise.resolve(localChain.id);
      },
      getProvider() {
        return Promise.resolve({ request });
      },
      async isAuthorized() {
        // Reconnect after a reload when an account was chosen before and the node still has it.
        const stored = storedSelection();
        if (stored === undefined) return false;
        try {
          const accounts = await localDemoAccountList();
          if (!accounts.includes(stored)) return false;
          selected = stored;
          connected = true;
          return true;
        } catch {
          return false;
        }
      },
      switchChain({ chainId }) {
        if (chainId !== localChain.id) {
          return Promise.reject(new SwitchChainError(new Error("local demo accounts exist on the local chain only")));
        }
        return Promise.resolve(localChain);
      },
      onAccountsChanged(accounts) {
        const [first] = accounts;
        if (first === undefined) this.onDisconnect();
        else config.emitter.emit("change", { accounts: [getAddress(first)] });
      },
      onChainChanged() {
        // Always the local chain.
      },
      onDisconnect() {
        connected = false;
        globalThis.localStorage.removeItem(SELECTED_ACCOUNT_KEY);
        config.emitter.emit("disconnect");
      },
      selectAccount(account: Address) {
        selected = getAddress(account);
        globalThis.localStorage.setItem(SELECTED_ACCOUNT_KEY, selected);
        config.emitter.emit("change", { accounts: [selected] });
        return Promise.resolve();
      },
    };
  });
}

/** Remembers `account` as the local demo account to use (the connector reads it when it connects). */
export function rememberLocalDemoAccount(account: Address): void {
  globalThis.localStorage.setItem(SELECTED_ACCOUNT_KEY, getAddress(account));
}
