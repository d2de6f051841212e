import { useId } from "react";
import { useConnection, useSwitchChain } from "wagmi";
import { chains } from "../config/chains.ts";
import { chooseChain, useActiveChain } from "../hooks/useActiveChain.ts";
import { describeError } from "../lib/errors.ts";

/**
 * Which chain the app shows: its name when the build has one chain, a choice among the build's chains otherwise.
 * With a wallet connected the choice asks the wallet to switch, since the wallet's chain is the one acted on.
 */
export function ChainPicker() {
  const active = useActiveChain();
  const { isConnected } = useConnection();
  const { mutate: switchChain, isPending, error } = useSwitchChain();
  const id = useId();
  if (active === undefined) return null;
  if (chains.length < 2) return <span className="chain-name">{active.chain.name}</span>;
  return (
    <span className="chain-picker">
      <label htmlFor={id} className="visually-hidden">
        Chain
      </label>
      <select
        id={id}
        value={active.chain.id}
        disabled={isPending}
        onChange={(event) => {
          const chainId = Number(event.target.value);
          chooseChain(chainId);
          if (isConnected) switchChain({ chainId });
        }}
      >
        {chains.map((chain) => (
          <option key={chain.id} value={chain.id}>
            {chain.name}
          </option>
        ))}
      </select>
      {error && (
        <span role="alert" className="status status-error">
          {describeError(error).message}
        </span>
      )}
    </span>
  );
}
