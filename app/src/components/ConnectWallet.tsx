import { useEffect, useId, useRef, useState } from "react";
import type { Address } from "viem";
import { useConnect, useConnection, useConnectors, useDisconnect } from "wagmi";
import { useQuery } from "@tanstack/react-query";
import { localDemoAccountList, rememberLocalDemoAccount } from "../config/localDemoAccounts.ts";
import { offerWalletConnect } from "../config/wagmi.ts";
import { describeError } from "../lib/errors.ts";
import { shortAddress } from "../lib/format.ts";

const LOCAL_DEMO_ID = "localDemoAccounts";

/** Connect, switch demo account, disconnect. */
export function ConnectWallet() {
  const { address, connector, isConnected } = useConnection();
  const { mutate: disconnect } = useDisconnect();
  const [open, setOpen] = useState(false);

  if (isConnected && address !== undefined) {
    return (
      <div className="wallet">
        {connector?.id === LOCAL_DEMO_ID ? (
          <LocalAccountPicker current={address} />
        ) : (
          <span className="wallet-address" title={address}>
            {shortAddress(address)}
          </span>
        )}
        <button
          type="button"
          className="button-quiet"
          onClick={() => {
            disconnect();
          }}
        >
          Disconnect
        </button>
      </div>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button-primary"
        onClick={() => {
          setOpen(true);
        }}
      >
        Connect wallet
      </button>
      {open && (
        <ConnectDialog
          onClose={() => {
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

function ConnectDialog({ onClose }: { onClose: () => void }) {
  const { mutate: connect, isPending, error } = useConnect();
  const connectors = useConnectors();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    dialog.current?.showModal();
    offerWalletConnect();
  }, []);
  const wallets = connectors.filter((connector) => connector.id !== LOCAL_DEMO_ID);
  const localDemo = connectors.find((connector) => connector.id === LOCAL_DEMO_ID);
  // `injected()` stands for a browser wallet that did not announce itself (EIP-6963); hide it when one did.
  const announced = wallets.filter((connector) => connector.id !== "injected");
  const shown = announced.length > 0 ? announced : wallets;
  const described = error ? describeError(error) : undefined;
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Connect a wallet</h2>
      <ul className="connector-list">
        {shown.map((connector) => (
          <li key={connector.uid}>
            <button
              type="button"
              disabled={isPending}
              onClick={() => {
                connect({ connector }, { onSuccess: onClose });
              }}
            >
              {connector.icon && <img src={connector.icon} alt="" width={24} height={24} />}
              {connector.id === "injected" ? "Browser wallet" : connector.name}
            </button>
          </li>
        ))}
        {localDemo && (
          <li>
            <button
              type="button"
              disabled={isPending}
              onClick={() => {
                connect({ connector: localDemo }, { onSuccess: onClose });
              }}
            >
              Local demo accounts
            </button>
            <p className="hint">
              The local chain's test accounts, signed for by the local node: act as funder, project or contributor
              without a wallet extension. Local chain only; never use them on a real network.
            </p>
          </li>
        )}
      </ul>
      {described && !described.rejected && (
        <p className="status status-error" role="alert">
          {described.message}
        </p>
      )}
      {described?.rejected && <p className="status status-neutral">{described.message}</p>}
      <form method="dialog">
        <button type="submit" className="button-quiet">
          Cancel
        </button>
      </form>
    </dialog>
  );
}

function LocalAccountPicker({ current }: { current: Address }) {
  const { connector } = useConnection();
  const selectId = useId();
  const { data: accounts } = useQuery({ queryKey: ["localDemoAccounts"], queryFn: localDemoAccountList });
  return (
    <span className="local-accounts">
      <label htmlFor={selectId}>Local demo account</label>
      <select
        id={selectId}
        value={current}
        onChange={(event) => {
          const account = event.target.value as Address;
          rememberLocalDemoAccount(account);
          const select = (connector as unknown as { selectAccount?: (account: Address) => Promise<void> })
            .selectAccount;
          void select?.(account);
        }}
      >
        {(accounts ?? [current]).map((account, index) => (
          <option key={account} value={account}>
            #{index} {shortAddress(account)}
          </option>
        ))}
      </select>
    </span>
  );
}
