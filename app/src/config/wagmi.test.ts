import { hardhat } from "viem/chains";
import { describe, expect, it, vi } from "vitest";
import { type CreateConnectorFn, createConfig, createConnector, http } from "wagmi";
import { lastConnectedThroughWalletConnect, offerConnector } from "./wagmi.ts";

/** A connector that records its setup: what wagmi runs first, and where WalletConnect loads its provider. */
function recordingConnector() {
  const setup = vi.fn(() => Promise.resolve());
  const connectorFn = createConnector((config) => ({
    id: "recording",
    name: "Recording wallet",
    type: "recording",
    setup,
    connect: () => Promise.reject(new Error("not in this test")),
    disconnect: () => Promise.resolve(),
    getAccounts: () => Promise.resolve([]),
    getChainId: () => Promise.resolve(hardhat.id),
    getProvider: () => Promise.resolve(undefined),
    isAuthorized: () => Promise.resolve(false),
    onAccountsChanged: () => undefined,
    onChainChanged: () => undefined,
    onDisconnect: () => {
      config.emitter.emit("disconnect");
    },
  }));
  return { connectorFn, setup };
}

function configWithoutConnectors() {
  const none: CreateConnectorFn[] = [];
  return createConfig({
    chains: [hardhat],
    connectors: none,
    multiInjectedProviderDiscovery: false,
    storage: null,
    transports: { [hardhat.id]: http() },
  });
}

describe("a connector offered when the reader is about to connect", () => {
  it("is set up and listed only once offered, and once however often it is offered", () => {
    const config = configWithoutConnectors();
    const { connectorFn, setup } = recordingConnector();
    expect(setup).not.toHaveBeenCalled();
    expect(config.connectors).toHaveLength(0);

    offerConnector(config, "recording", connectorFn);
    offerConnector(config, "recording", connectorFn);

    expect(setup).toHaveBeenCalledTimes(1);
    expect(config.connectors.map((connector) => connector.id)).toEqual(["recording"]);
  });
});

describe("reconnecting through WalletConnect as the app starts", () => {
  const storageWith = (recent: string | null) => ({
    getItem: (key: string) => (key === "wagmi.recentConnectorId" ? recent : null),
  });

  it("is needed when the reader's last wallet was WalletConnect", () => {
    expect(lastConnectedThroughWalletConnect(storageWith(JSON.stringify("walletConnect")))).toBe(true);
  });

  it("is not needed after another wallet, or none", () => {
    expect(lastConnectedThroughWalletConnect(storageWith(JSON.stringify("injected")))).toBe(false);
    expect(lastConnectedThroughWalletConnect(storageWith(null))).toBe(false);
  });
});
