// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title ITokenReceivedHook
/// @notice What a recipient of a ReentrantToken implements to be called on every transfer to it.
interface ITokenReceivedHook {
    /// @notice Called by the token after `value` moved from `from` to the implementer.
    function onTokensReceived(address from, uint256 value) external;
}
