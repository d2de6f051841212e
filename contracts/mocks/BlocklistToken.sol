// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title BlocklistToken
/// @notice An ERC-20 whose issuer can block accounts (like USDC and USDT): a transfer from or to a blocked account
/// reverts. Used to show that one blocked payout address cannot hold up anyone else's payout.
contract BlocklistToken is ERC20 {
    /// @notice Accounts that can neither send nor receive.
    mapping(address account => bool) public isBlocked;

    /// @notice The issuer refused a transfer touching a blocked account.
    error AccountBlocked(address account);

    constructor() ERC20("Blocklist Token", "BLOCK") {}

    /// @notice Mints `amount` to `to`; anyone may mint.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Blocks or unblocks `account`.
    function setBlocked(address account, bool blocked) external {
        isBlocked[account] = blocked;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (isBlocked[from]) revert AccountBlocked(from);
        if (isBlocked[to]) revert AccountBlocked(to);
        super._update(from, to, value);
    }
}
