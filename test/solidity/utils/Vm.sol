// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title Vm
/// @notice The cheatcodes of Hardhat's Solidity test runner (EDR) that these tests use. EDR serves them at
/// `VM_ADDRESS` with Foundry's signatures; forge-std is not a dependency, so only what is used is declared.
// solhint-disable-next-line interface-starts-with-i
interface Vm {
    /// @notice Sets `block.timestamp`.
    function warp(uint256 newTimestamp) external;

    /// @notice Makes the next call come from `sender`.
    function prank(address sender) external;

    /// @notice Makes every following call come from `sender`, until `stopPrank`.
    function startPrank(address sender) external;

    /// @notice Ends `startPrank`.
    function stopPrank() external;

    /// @notice Expects the next call to revert, with any data.
    function expectRevert() external;

    /// @notice Expects the next call to revert with an error whose selector is `revertData`.
    function expectRevert(bytes4 revertData) external;

    /// @notice Expects the next call to revert with exactly `revertData`.
    function expectRevert(bytes calldata revertData) external;

    /// @notice Discards the current fuzz input unless `condition` holds.
    function assume(bool condition) external pure;

    /// @notice Reads storage slot `slot` of `target`.
    function load(address target, bytes32 slot) external view returns (bytes32 data);

    /// @notice Writes `value` to storage slot `slot` of `target`.
    function store(address target, bytes32 slot, bytes32 value) external;

    /// @notice Signs `digest` with `privateKey` (secp256k1).
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    /// @notice The address of `privateKey`.
    function addr(uint256 privateKey) external pure returns (address keyAddress);

    /// @notice Names `account` in traces.
    function label(address account, string calldata newLabel) external;
}

/// @dev The cheatcode address: `address(uint160(uint256(keccak256("hevm cheat code"))))`.
address constant VM_ADDRESS = address(uint160(uint256(keccak256("hevm cheat code"))));
