import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, getAddress, type Hex, isAddressEqual } from "viem";

/**
 * An allowlist as a round commits to it: OpenZeppelin's StandardMerkleTree over `["address"]` leaves, whose leaf
 * is `keccak256(bytes.concat(keccak256(abi.encode(account))))` — what `EligibilityRules.isMetBy` verifies. The
 * round stores the root; its metadata document keeps the list, from which any donor rebuilds the tree and their
 * proof. Leaves are sorted by the library, so the root does not depend on the order of the list.
 */
export interface Allowlist {
  root: Hex;
  /** The proof of `account`'s place on the list, or undefined if it is not on it. */
  proofOf: (account: Address) => Hex[] | undefined;
}

export function buildAllowlist(addresses: readonly Address[]): Allowlist {
  if (addresses.length === 0) throw new RangeError("an allowlist needs at least one address");
  const tree = StandardMerkleTree.of(
    addresses.map((address) => [getAddress(address)]),
    ["address"],
  );
  return {
    root: tree.root as Hex,
    proofOf: (account) => {
      for (const [index, [address]] of tree.entries()) {
        if (isAddressEqual(address as Address, account)) return tree.getProof(index) as Hex[];
      }
      return undefined;
    },
  };
}
