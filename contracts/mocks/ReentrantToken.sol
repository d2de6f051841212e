// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ITokenReceivedHook} from "./ITokenReceivedHook.sol";

/// @title ReentrantToken
/// @notice An ERC-20 that calls its recipients back (as ERC-777 and some bridged tokens do): after each transfer to
/// an account that registered for it, it calls `onTokensReceived` on that account, which can then call the round
/// again in the middle of the round's own call. Used to show that no money path can be re-entered.
contract ReentrantToken is ERC20 {
    /// @notice Accounts called back on every transfer to them.
    mapping(address account => bool) public isHooked;

    constructor() ERC20("Reentrant Token", "REENTER") {}

    /// @notice Mints `amount` to `to`; anyone may mint.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The caller is called back on every transfer to it from now on.
    function registerHook() external {
        isHooked[msg.sender] = true;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from != address(0) && isHooked[to]) ITokenReceivedHook(to).onTokensReceived(from, value);
    }
}
