// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IQuadraticFundingRound} from "../interfaces/IQuadraticFundingRound.sol";

/// @title RoundArguments
/// @notice The immutable arguments a round clone carries in its code (OpenZeppelin
/// `Clones.cloneWithImmutableArgs`): how the factory lays them out and how the round reads them back.
/// @dev Six words. The donation window and the normalisation factor share one word because every donation
/// needs all three, and each word costs the donation one EXTCODECOPY of the clone's own code.
///
///     word 0: payout token
///     word 1: applicationsStart | applicationsEnd << 64
///     word 2: donationsStart | donationsEnd << 64 | normalisationFactor << 128
///     word 3: matchCapBps
///     word 4: project registry
///     word 5: node registry | nodeId << 160
library RoundArguments {
    /// @dev The arguments start after the 45-byte EIP-1167 proxy code.
    uint256 private constant ARGUMENTS_OFFSET = 0x2d;

    /// @notice The arguments of a round with `config`, the project `registry`, the normalisation `factor`, and
    /// the node `nodeId` of the network `nodes` that runs it.
    /// @dev Timestamps are 64-bit, the factor is at most 1e18 < 2^64 and node ids fit 64 bits (the registry
    /// numbers them from 1), so the packing is lossless.
    function encode(
        IQuadraticFundingRound.RoundConfig calldata config,
        address registry,
        uint256 factor,
        address nodes,
        uint256 nodeId
    ) internal pure returns (bytes memory) {
        return
            abi.encode(
                config.payoutToken,
                uint256(config.applicationsStart) | (uint256(config.applicationsEnd) << 64),
                uint256(config.donationsStart) | (uint256(config.donationsEnd) << 64) | (factor << 128),
                config.matchCapBps,
                registry,
                uint256(uint160(nodes)) | (nodeId << 160)
            );
    }

    /// @notice The payout token; zero for the native coin.
    function payoutToken() internal view returns (address) {
        return address(uint160(_word(0)));
    }

    /// @notice The application window `[opensAt, closesAt)`.
    function applicationWindow() internal view returns (uint64 opensAt, uint64 closesAt) {
        uint256 packed = _word(1);
        return (uint64(packed), uint64(packed >> 64));
    }

    /// @notice The donation window `[opensAt, closesAt)` and the payout token's normalisation factor.
    function donationWindowAndFactor() internal view returns (uint64 opensAt, uint64 closesAt, uint256 factor) {
        uint256 packed = _word(2);
        return (uint64(packed), uint64(packed >> 64), packed >> 128);
    }

    /// @notice The match cap in basis points of the pool; 0 for none.
    function matchCapBps() internal view returns (uint256) {
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

    /// @dev The `index`-th argument word of the running clone.
    function _word(uint256 index) private view returns (uint256 value) {
        assembly ("memory-safe") {
            extcodecopy(address(), 0x00, add(ARGUMENTS_OFFSET, shl(5, index)), 0x20)
            value := mload(0x00)
        }
    }
}
