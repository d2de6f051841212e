import { type Address, concat, encodeAbiParameters, type Hex, keccak256 } from "viem";
import { describe, expect, it } from "vitest";
import { buildAllowlist } from "./allowlist.ts";

const MEMBERS: Address[] = [
  "0xBcd4042DE499D14e55001CcbB24a551F3b954096",
  "0x71bE63f3384f5fb98995898A86B02Fb2426c5788",
  "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a",
  "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec",
  "0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097",
];
const OUTSIDER: Address = "0xcd3B766CCDd6AE721141F452C550Ca635964ce71";

/** The leaf `EligibilityRules.isMetBy` checks: keccak256(bytes.concat(keccak256(abi.encode(account)))). */
function contractLeaf(account: Address): Hex {
  return keccak256(concat([keccak256(encodeAbiParameters([{ type: "address" }], [account]))]));
}

/** OpenZeppelin's `MerkleProof.processProof`: hash each pair in sorted order, from the leaf up. */
function processProof(proof: readonly Hex[], leaf: Hex): Hex {
  return proof.reduce<Hex>((node, sibling) => {
    const [low, high] = BigInt(node) < BigInt(sibling) ? [node, sibling] : [sibling, node];
    return keccak256(concat([low, high]));
  }, leaf);
}

describe("buildAllowlist", () => {
  it("gives every member a proof that leads from the contract's leaf to the root", () => {
    const allowlist = buildAllowlist(MEMBERS);
    expect(allowlist.root).toMatch(/^0x[0-9a-f]{64}$/);
    for (const member of MEMBERS) {
      const proof = allowlist.proofOf(member);
      expect(proof).toBeDefined();
      expect(processProof(proof ?? [], contractLeaf(member))).toBe(allowlist.root);
    }
  });

  it("finds a member whatever the case of the address, and gives no proof to anyone else", () => {
    const allowlist = buildAllowlist(MEMBERS);
    const lower = MEMBERS[2]?.toLowerCase() as Address;
    expect(processProof(allowlist.proofOf(lower) ?? [], contractLeaf(lower))).toBe(allowlist.root);
    expect(allowlist.proofOf(OUTSIDER)).toBeUndefined();
    // A member's proof does not prove an outsider.
    expect(processProof(allowlist.proofOf(MEMBERS[0] as Address) ?? [], contractLeaf(OUTSIDER))).not.toBe(
      allowlist.root,
    );
  });

  it("commits to the set, not the order it was typed in", () => {
    expect(buildAllowlist([...MEMBERS].reverse()).root).toBe(buildAllowlist(MEMBERS).root);
    expect(buildAllowlist(MEMBERS.slice(1)).root).not.toBe(buildAllowlist(MEMBERS).root);
  });

  it("makes a list of one its own root, with an empty proof", () => {
    const [only] = MEMBERS as [Address];
    const allowlist = buildAllowlist([only]);
    expect(allowlist.root).toBe(contractLeaf(only));
    expect(allowlist.proofOf(only)).toEqual([]);
    expect(() => buildAllowlist([])).toThrow(RangeError);
  });
});
