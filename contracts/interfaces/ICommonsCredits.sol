// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title ICommonsCredits
/// @notice Credits for attested contributions to the commons: a non-transferable, checkpointed token
/// (OpenZeppelin Votes, timestamp clock) that is the weight of quadratic voting. Holders delegate their voting
/// power; no one can transfer or approve credits. Only the contribution ledger mints and burns them.
interface ICommonsCredits is IERC20, IVotes {
    /// @notice Credits cannot move between holders.
    error NonTransferable();
    /// @notice Only the contribution ledger may mint or burn credits.
    error NotMinter(address caller);

    /// @notice Mints `amount` credits to `to`; the ledger only. A holder without a delegate becomes their own.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of `from`'s credits (a revoked contribution); the ledger only.
    function burn(address from, uint256 amount) external;

    /// @notice The contribution ledger, the only account that mints and burns.
    function minter() external view returns (address);
}
