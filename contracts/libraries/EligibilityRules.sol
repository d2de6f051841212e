// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

import {IAttestationService} from "../interfaces/IAttestationService.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time
// forge-lint: disable-start(block-timestamp)

/// @title EligibilityRules
/// @notice Who may donate or vote in a round: everyone; holders of at least `minimum` of a token or NFT (for
/// commons credits, a credits threshold); members of an allowlist committed to as a Merkle root; or recipients
/// of a standing attestation of a schema by a named attester on an EAS-compatible service.
/// @dev Allowlist leaves are those of OpenZeppelin's StandardMerkleTree over `["address"]`:
/// `keccak256(bytes.concat(keccak256(abi.encode(account))))`, so a list built with the npm package
/// openzeppelin/merkle-tree verifies as is.
library EligibilityRules {
    /// @notice The kinds of rule.
    enum Kind {
        Open,
        TokenBalance,
        Allowlist,
        Attestation
    }

    /// @notice A round's rule. Fields a kind does not use must be zero.
    /// @param kind Which rule.
    /// @param source The token (TokenBalance) or the attestation service (Attestation).
    /// @param key The Merkle root (Allowlist) or the schema id (Attestation).
    /// @param minimum The smallest balance that qualifies (TokenBalance), at least 1.
    /// @param attester Whose attestations count (Attestation).
    struct Rule {
        Kind kind;
        address source;
        bytes32 key;
        uint256 minimum;
        address attester;
    }

    /// @notice `account` does not meet the round's rule (or gave no valid proof that it does).
    error NotEligible(address account, Kind kind);

    /// @notice Whether `rule` is complete for its kind and sets nothing its kind does not use.
    function isWellFormed(Rule memory rule) internal view returns (bool) {
        if (rule.kind == Kind.Open) {
            return rule.source == address(0) && rule.key == 0 && rule.minimum == 0 && rule.attester == address(0);
        }
        if (rule.kind == Kind.TokenBalance) {
            return rule.source.code.length != 0 && rule.key == 0 && rule.minimum != 0 && rule.attester == address(0);
        }
        if (rule.kind == Kind.Allowlist) {
            return rule.source == address(0) && rule.key != 0 && rule.minimum == 0 && rule.attester == address(0);
        }
        return rule.source.code.length != 0 && rule.key != 0 && rule.minimum == 0 && rule.attester != address(0);
    }

    /// @notice Whether `proof` shows `account` on the allowlist whose Merkle root is `root`.
    function isListed(bytes32 root, address account, bytes32[] calldata proof) internal pure returns (bool) {
        // Kept in Solidity: OpenZeppelin's StandardMerkleTree leaf as its docs write it, in a file without assembly.
        // forge-lint: disable-next-line(asm-keccak256)
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account))));
        return MerkleProof.verifyCalldata(proof, root, leaf);
    }

    /// @notice Whether `account` holds at least `minimum` of `token` (ERC-20 or ERC-721 `balanceOf`).
    /// @dev A low-level call, so that a token that reverts or returns nothing makes the holder ineligible
    /// rather than the round unusable with an unclear error.
    function holds(address token, address account, uint256 minimum) internal view returns (bool) {
        (bool success, bytes memory returned) = token.staticcall(abi.encodeCall(IERC20.balanceOf, (account)));
        return success && returned.length >= 32 && abi.decode(returned, (uint256)) >= minimum;
    }

    /// @notice Whether `uid` is a standing attestation of `rule`'s schema by its attester about `account`; a
    /// service that reverts attests nothing.
    function isAttested(Rule memory rule, address account, bytes32 uid) internal view returns (bool) {
        try IAttestationService(rule.source).getAttestation(uid) returns (
            IAttestationService.Attestation memory attestation
        ) {
            return
                attestation.uid == uid &&
                attestation.schema == rule.key &&
                attestation.attester == rule.attester &&
                attestation.recipient == account &&
                attestation.revocationTime == 0 &&
                (attestation.expirationTime == 0 || attestation.expirationTime > block.timestamp);
        } catch {
            return false;
        }
    }
}
