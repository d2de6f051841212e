// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {EligibilityRules} from "./EligibilityRules.sol";

// A clone reads its immutable arguments from its own code with `extcodecopy`, which only assembly can do.
// solhint-disable no-inline-assembly

/// @title RoundArguments
/// @notice The immutable arguments a round clone carries in its code (OpenZeppelin
/// `Clones.cloneWithImmutableArgs`): how the factories lay them out and how the rounds read them back.
/// @dev Quadratic funding and quadratic voting rounds share the layout of words 0–5 and 7–9, so the shared
/// round code reads them the same way. The open window and its companions share word 2 because every
/// donation needs them, and each word costs one EXTCODECOPY of the clone's own code; the flags in its top byte
/// tell the hot path whether it needs to read any further word.
///
///     word 0: payout token
///     word 1: applicationsStart | applicationsEnd << 64
///     word 2: opensAt | closesAt << 64 | (normalisationFactor or snapshot) << 128 | flags << 248
///     word 3: matchCapBps (funding) or the voting token (voting)
///     word 4: project registry
///     word 5: node registry | nodeId << 160
///     word 6: minCountedDonation | countedContributionCap << 128 (funding),
///             powerPerVoiceCredit | baseVoiceCredits << 128 (voting)
///     word 7: eligibility kind | source << 8
///     word 8: eligibility key
///     word 9: eligibility minimum or attester
///
/// Rounds without an eligibility rule or counting rules stop after word 6 (funding: word 5).
library RoundArguments {
    /// @notice The round has an eligibility rule (words 7–9).
    uint256 internal constant FLAG_ELIGIBILITY = 1;
    /// @notice The funding round has counting rules: a minimum donation or a contribution cap (word 6).
    uint256 internal constant FLAG_COUNTING_RULES = 2;
    /// @notice The funding round belongs to a co-matching season (word 3): donations keep its season tally.
    uint256 internal constant FLAG_SEASON = 4;

    /// @dev The arguments start after the 45-byte EIP-1167 proxy code.
    uint256 private constant ARGUMENTS_OFFSET = 0x2d;
    uint256 private constant FLAGS_SHIFT = 248;

    /// @notice The words both kinds of round share, before any word of their own.
    /// @param payoutToken The payout token, zero for the native coin.
    /// @param applicationsStart, applicationsEnd The application window.
    /// @param opensAt, closesAt The donation or voting window.
    /// @param companion The normalisation factor (funding) or the snapshot (voting), below 2^64.
    /// @param projectRegistry The registry of the projects that apply.
    /// @param nodeRegistry, nodeId The network and the node that runs the round.
    struct Common {
        address payoutToken;
        uint64 applicationsStart;
        uint64 applicationsEnd;
        uint64 opensAt;
        uint64 closesAt;
        uint64 companion;
        address projectRegistry;
        address nodeRegistry;
        uint256 nodeId;
    }

    /// @notice The arguments of a round: the shared words, word 3 and word 6 of its kind, and its eligibility
    /// rule. Flags are derived: words 7–9 are written only for a rule other than Open.
    function encode(
        Common memory common,
        uint256 kindWord3,
        uint256 kindWord6,
        uint256 flags,
        EligibilityRules.Rule memory eligibility
    ) internal pure returns (bytes memory arguments) {
        bool ruled = eligibility.kind != EligibilityRules.Kind.Open;
        if (ruled) flags |= FLAG_ELIGIBILITY;
        arguments = abi.encode(
            common.payoutToken,
            uint256(common.applicationsStart) | (uint256(common.applicationsEnd) << 64),
            uint256(common.opensAt) |
                (uint256(common.closesAt) << 64) |
                (uint256(common.companion) << 128) |
                (flags << FLAGS_SHIFT),
            kindWord3,
            common.projectRegistry,
            uint256(uint160(common.nodeRegistry)) | (common.nodeId << 160)
        );
        if (kindWord6 != 0 || ruled) arguments = bytes.concat(arguments, abi.encode(kindWord6));
        if (ruled) {
            uint256 detail =
                eligibility.kind == EligibilityRules.Kind.Attestation
                    ? uint256(uint160(eligibility.attester))
                    : eligibility.minimum;
            arguments = bytes.concat(
                arguments,
                abi.encode(
                    uint256(eligibility.kind) | (uint256(uint160(eligibility.source)) << 8),
                    eligibility.key,
                    detail
                )
            );
        }
    }

    /// @notice The payout token; zero for the native coin.
    function payoutToken() internal view returns (address) {
        return address(uint160(_word(0)));
    }

    // Every cast from here to `disable-end` takes one field out of a packed argument word, which `encode` wrote
    // from a value of that width (the layout above): no cast can cut off a bit that was written.
    // forge-lint: disable-start(unsafe-typecast)

    /// @notice The application window `[opensAt, closesAt)`.
    function applicationWindow() internal view returns (uint64 opensAt, uint64 closesAt) {
        uint256 packed = _word(1);
        return (uint64(packed), uint64(packed >> 64));
    }

    /// @notice The donation or voting window `[opensAt, closesAt)`.
    function openWindow() internal view returns (uint64 opensAt, uint64 closesAt) {
        uint256 packed = _word(2);
        return (uint64(packed), uint64(packed >> 64));
    }

    /// @notice The open window, its companion (the normalisation factor or the snapshot) and the flags, from
    /// the one word the hot path reads.
    function openWindowAndCompanion()
        internal
        view
        returns (uint64 opensAt, uint64 closesAt, uint256 companion, uint256 flags)
    {
        uint256 packed = _word(2);
        return (uint64(packed), uint64(packed >> 64), uint64(packed >> 128), packed >> FLAGS_SHIFT);
    }

    /// @notice Word 3: the match cap in basis points of the pool (funding), or the voting token (voting).
    function word3() internal view returns (uint256) {
        return _word(3);
    }

    /// @notice The project registry.
    function projectRegistry() internal view returns (address) {
        return address(uint160(_word(4)));
    }

    /// @notice The network and the node that runs the round.
    function node() internal view returns (address nodes, uint256 nodeId) {
        uint256 packed = _word(5);
        return (address(uint160(packed)), packed >> 160);
    }

    /// @notice The two 128-bit halves of word 6; zeros when the round has no word 6 (EXTCODECOPY reads zeros
    /// past the end of the code).
    function word6() internal view returns (uint256 low, uint256 high) {
        uint256 packed = _word(6);
        return (uint128(packed), packed >> 128);
    }

    /// @notice Word 6 as it is.
    function word6Packed() internal view returns (uint256) {
        return _word(6);
    }

    /// @notice Whether the round has an eligibility rule other than Open.
    function hasEligibilityRule() internal view returns (bool) {
        return _flags() & FLAG_ELIGIBILITY != 0;
    }

    /// @notice The kind of the round's eligibility rule, for a round that has one.
    function eligibilityKind() internal view returns (EligibilityRules.Kind) {
        return EligibilityRules.Kind(uint8(_word(7)));
    }

    /// @notice The key of the round's eligibility rule (an allowlist's Merkle root, a schema id).
    function eligibilityKey() internal view returns (bytes32) {
        return bytes32(_word(8));
    }

    /// @notice The round's eligibility rule (Open when it has none).
    function eligibilityRule() internal view returns (EligibilityRules.Rule memory rule) {
        if (!hasEligibilityRule()) return rule;
        uint256 packed = _word(7);
        rule.kind = EligibilityRules.Kind(uint8(packed));
        rule.source = address(uint160(packed >> 8));
        rule.key = bytes32(_word(8));
        uint256 detail = _word(9);
        if (rule.kind == EligibilityRules.Kind.Attestation) rule.attester = address(uint160(detail));
        else rule.minimum = detail;
    }

    // forge-lint: disable-end(unsafe-typecast)

    /// @notice Whether the funding round has counting rules.
    function hasCountingRules() internal view returns (bool) {
        return _flags() & FLAG_COUNTING_RULES != 0;
    }

    function _flags() private view returns (uint256) {
        return _word(2) >> FLAGS_SHIFT;
    }

    /// @dev The `index`-th argument word of the running clone.
    function _word(uint256 index) private view returns (uint256 value) {
        assembly ("memory-safe") {
            extcodecopy(address(), 0x00, add(ARGUMENTS_OFFSET, shl(5, index)), 0x20)
            value := mload(0x00)
        }
    }
}
