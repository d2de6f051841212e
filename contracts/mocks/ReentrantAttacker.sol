// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {CallForwarder} from "./CallForwarder.sol";
import {ITokenReceivedHook} from "./ITokenReceivedHook.sol";

/// @title ReentrantAttacker
/// @notice A donor, funder or payout address that tries to call back into a contract while being paid: armed with a
/// call, it makes it once, from a ReentrantToken's hook, and records whether it got through. It acts (donates, funds, claims) through `forward`.
contract ReentrantAttacker is CallForwarder, ITokenReceivedHook {
    address private _target;
    bytes private _data;
    bool private _armed;

    /// @notice How many payments reached this contract while it was armed.
    uint256 public reentryAttempts;
    /// @notice Whether the last attempt got through.
    bool public lastReentrySucceeded;
    /// @notice What the last attempt returned, or reverted with.
    bytes public lastReentryResult;

    /// @notice On the next payment to this contract, calls `target` with `data` first.
    function arm(address target, bytes calldata data) external {
        _target = target;
        _data = data;
        _armed = true;
    }

    /// @inheritdoc ITokenReceivedHook
    function onTokensReceived(address, uint256) external {
        _reenter();
    }

    function _reenter() private {
        if (_armed) {
            _armed = false;
            ++reentryAttempts;
            // solhint-disable-next-line avoid-low-level-calls
            (bool success, bytes memory result) = _target.call(_data);
            lastReentrySucceeded = success;
            lastReentryResult = result;
        }
    }
}
