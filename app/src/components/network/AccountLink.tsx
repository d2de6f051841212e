import type { Address } from "viem";
import { useConnection } from "wagmi";
import { Link } from "wouter";
import { shortAddress } from "../../lib/format.ts";

/**
 * An account, linked to its contributor page: shown short, read in full by screen readers (and matched in full by
 * tests), marked "(you)" for the connected account.
 */
export function AccountLink({ address }: { address: Address }) {
  const { address: connected } = useConnection();
  const isYou = connected !== undefined && connected.toLowerCase() === address.toLowerCase();
  return (
    <>
      <Link href={`/network/contributors/${address}`} className="account-link" title={address}>
        <span aria-hidden="true">{shortAddress(address)}</span>
        <span className="visually-hidden">{address}</span>
      </Link>
      {isYou && <span className="you"> (you)</span>}
    </>
  );
}
