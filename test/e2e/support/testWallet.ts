/**
 * A browser wallet for the journeys: an EIP-1193 provider announced through EIP-6963, as MetaMask or Rabby
 * would be, that forwards to the local node (which signs for its own accounts). It can pretend to be on another
 * network, and decline the next request, so the app's handling of both can be tested.
 */
export interface TestWalletOptions {
  rpcUrl: string;
  account: string;
  /** The chain the wallet says it is on at first (hex); the real chain once the app asks to switch. */
  initialChainId?: string;
}

/** Runs in the page before the app: defines and announces the provider. */
export function installTestWallet(options: TestWalletOptions): void {
  const realChainId = "0x7a69";
  let chainId = options.initialChainId ?? realChainId;
  let authorized = false;
  const listeners = new Map<string, Set<(value: unknown) => void>>();
  const emit = (event: string, value: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(value);
  };
  const control = { declineNext: false };
  (window as unknown as { hyphaeTestWallet: typeof control }).hyphaeTestWallet = control;
  const needsApproval = new Set(["eth_sendTransaction", "eth_signTypedData_v4", "personal_sign"]);

  const provider = {
    isTestWallet: true,
    async request({ method, params }: { method: string; params?: unknown[] }): Promise<unknown> {
      if (method === "eth_chainId") return chainId;
      // Like a real wallet, it shares the account only once the site has asked for it.
      if (method === "eth_requestAccounts") {
        authorized = true;
        return [options.account];
      }
      if (method === "eth_accounts") return authorized ? [options.account] : [];
      if (method === "wallet_switchEthereumChain") {
        const requested = (params?.[0] as { chainId: string }).chainId;
        if (requested !== realChainId) throw Object.assign(new Error("Unrecognized chain"), { code: 4902 });
        chainId = requested;
        emit("chainChanged", chainId);
        return null;
      }
      if (method === "wallet_requestPermissions" || method === "wallet_revokePermissions") return [];
      if (needsApproval.has(method) && control.declineNext) {
        control.declineNext = false;
        throw Object.assign(new Error("User rejected the request."), { code: 4001 });
      }
      if (needsApproval.has(method) && chainId !== realChainId) {
        throw Object.assign(new Error("The wallet is on another network."), { code: 4901 });
      }
      const response = await fetch(options.rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
      });
      const body = (await response.json()) as {
        result?: unknown;
        error?: { code: number; message: string; data?: unknown };
      };
      if (body.error) throw Object.assign(new Error(body.error.message), body.error);
      return body.result;
    },
    on(event: string, listener: (value: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
    },
    removeListener(event: string, listener: (value: unknown) => void) {
      listeners.get(event)?.delete(listener);
    },
  };
  const info = {
    uuid: "5b0e6b2a-8d7e-4f44-9c55-2d1c4e0f7a11",
    name: "Test Wallet",
    icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 8 8'%3E%3Crect width='8' height='8' fill='%23555'/%3E%3C/svg%3E",
    rdns: "org.hyphae.test-wallet",
  };
  const announce = () => {
    window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
  };
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
}
