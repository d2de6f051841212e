// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

// Bubbling up a call's revert data as it came takes assembly.
// solhint-disable no-inline-assembly

/// @title CallForwarder
/// @notice A test account that acts (funds, donates, claims) through `forward`, so that a contract can be the
/// funder, donor or payee whose behaviour a test controls.
abstract contract CallForwarder {
    /// @notice Calls `target` as this contract with the value sent, bubbling up its revert as it came.
    function forward(address target, bytes calldata data) external payable returns (bytes memory) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool success, bytes memory returned) = target.call{value: msg.value}(data);
        if (!success) {
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
        return returned;
    }
}
