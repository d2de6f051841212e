// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title RebasingToken
/// @notice An ERC-20 whose balances all grow or shrink at once (like stETH or an elastic-supply token): it stores
/// shares, and a balance is `shares × index / 1e18`. Used to show what a round holding such a token would owe that
/// it no longer has, which is why payout tokens are vetted by the network's governors.
contract RebasingToken is ERC20 {
    uint256 private constant ONE = 1e18;
    /// @notice Balance per share, scaled by 1e18.
    uint256 public index = ONE;

    constructor() ERC20("Rebasing Token", "REBASE") {}

    /// @notice Mints `amount` (in balance units) to `to`; anyone may mint.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Scales every balance by `newIndex / 1e18` from now on (above 1e18 a gain, below a loss).
    function rebase(uint256 newIndex) external {
        index = newIndex;
    }

    /// @inheritdoc ERC20
    function balanceOf(address account) public view override returns (uint256) {
        return (super.balanceOf(account) * index) / ONE;
    }

    /// @dev Amounts move as shares: `value` balance units are `value × 1e18 / index` shares.
    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, (value * ONE) / index);
    }
}
