import { useSwitchChain } from "wagmi";
import { chains } from "../config/chains.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { describeError } from "../lib/errors.ts";

/** Asks to switch when the wallet is on a chain where this app has no Hyphae deployment. */
export function NetworkBanner() {
  const active = useActiveChain();
  const { mutate: switchChain, isPending, error } = useSwitchChain();
  if (active === undefined || !active.walletOnOtherChain) return null;
  const target = chains[0];
  if (target === undefined) return null;
  return (
    <div className="banner" role="alert">
      <p>
        Your wallet is on a network where Hyphae is not deployed. You are seeing {target.name}; to act here, switch your
        wallet to it.
      </p>
      <button
        type="button"
        className="button-primary"
        disabled={isPending}
        onClick={() => {
          switchChain({ chainId: target.id });
        }}
      >
        Switch to {target.name}
      </button>
      {error && <p className="status status-error">{describeError(error).message}</p>}
    </div>
  );
}
