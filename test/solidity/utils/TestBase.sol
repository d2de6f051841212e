// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {VM_ADDRESS, Vm} from "./Vm.sol";

/// @title TestBase
/// @notice What Hardhat's Solidity tests and invariant handlers need without forge-std: cheatcodes, `bound`,
/// assertions that say what failed and with which values, and the invariant-testing target lists EDR reads
/// (as Foundry's StdInvariant exposes them).
abstract contract TestBase {
    using Strings for uint256;
    using Strings for address;

    /// @notice An invariant test's selectors of one target contract, as EDR reads them from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @notice An assertion failed; `message` says which and with what values.
    error AssertionFailed(string message);

    /// @notice `bound` was given an empty range.
    error InvalidBound(uint256 min, uint256 max);

    // `vm` is the name every Foundry-style test gives the cheatcodes.
    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(VM_ADDRESS);

    address[] private _targetContracts;
    address[] private _targetSenders;
    FuzzSelector[] private _targetSelectors;

    // ---------------------------------------------------------------------------------------------------
    // Fuzzing
    // ---------------------------------------------------------------------------------------------------

    /// @notice Maps any `x` into `[min, max]`: values already inside are kept, so the fuzzer's interesting
    /// values (0, 1, type(uint256).max...) land on the edges of the range instead of being scattered.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) revert InvalidBound(min, max);
        if (x >= min && x <= max) return x;
        uint256 span = max - min;
        // The full range contains every x, so here `span + 1` cannot overflow.
        uint256 size = span + 1;
        // Small inputs go to the low edge and inputs near 2^256 to the high edge, in order.
        if (x < 4 && x < size) return min + x;
        uint256 fromTop = type(uint256).max - x;
        if (fromTop < 4 && fromTop < size) return max - fromTop;
        return min + (x % size);
    }

    // ---------------------------------------------------------------------------------------------------
    // Assertions
    // ---------------------------------------------------------------------------------------------------

    function fail(string memory message) internal pure {
        revert AssertionFailed(message);
    }

    function assertTrue(bool condition, string memory what) internal pure {
        if (!condition) fail(string.concat(what, ": expected true"));
    }

    function assertFalse(bool condition, string memory what) internal pure {
        if (condition) fail(string.concat(what, ": expected false"));
    }

    function assertEq(uint256 a, uint256 b, string memory what) internal pure {
        if (a != b) fail(_compared(what, a, " == ", b));
    }

    function assertEq(bool a, bool b, string memory what) internal pure {
        if (a != b) fail(string.concat(what, ": ", _bool(a), " != ", _bool(b)));
    }

    function assertEq(address a, address b, string memory what) internal pure {
        if (a != b) fail(string.concat(what, ": ", a.toHexString(), " != ", b.toHexString()));
    }

    function assertEq(bytes32 a, bytes32 b, string memory what) internal pure {
        if (a != b) fail(string.concat(what, ": ", uint256(a).toHexString(32), " != ", uint256(b).toHexString(32)));
    }

    function assertLt(uint256 a, uint256 b, string memory what) internal pure {
        if (a >= b) fail(_compared(what, a, " < ", b));
    }

    function assertLe(uint256 a, uint256 b, string memory what) internal pure {
        if (a > b) fail(_compared(what, a, " <= ", b));
    }

    function assertGt(uint256 a, uint256 b, string memory what) internal pure {
        if (a <= b) fail(_compared(what, a, " > ", b));
    }

    function assertGe(uint256 a, uint256 b, string memory what) internal pure {
        if (a < b) fail(_compared(what, a, " >= ", b));
    }

    // ---------------------------------------------------------------------------------------------------
    // Invariant targets (read by EDR after `setUp`)
    // ---------------------------------------------------------------------------------------------------

    /// @notice The contracts whose functions the invariant fuzzer calls; every deployed contract if empty.
    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    /// @notice The senders of the fuzzer's calls; random addresses if empty.
    function targetSenders() public view returns (address[] memory) {
        return _targetSenders;
    }

    /// @notice The functions of the target contracts the fuzzer calls; all non-view functions if empty.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetSelectors;
    }

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    function targetSender(address sender) internal {
        _targetSenders.push(sender);
    }

    function targetSelector(FuzzSelector memory selector) internal {
        _targetSelectors.push(selector);
    }

    function _compared(
        string memory what,
        uint256 a,
        string memory relation,
        uint256 b
    ) private pure returns (string memory) {
        return string.concat(what, ": expected ", a.toString(), relation, b.toString());
    }

    function _bool(bool value) private pure returns (string memory) {
        return value ? "true" : "false";
    }
}
