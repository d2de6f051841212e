// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title QuadraticFundingMath
/// @notice The CLR (quadratic funding) rule of Hyphae, as pure functions.
/// @dev Amounts that enter a square root are normalised to 18 decimals first, so a 6-decimal token is
/// matched with the same precision as an 18-decimal one. Every division rounds down (the names say so);
/// what rounding leaves over stays with the round and is accounted for by the caller.
library QuadraticFundingMath {
    /// @notice The decimals every amount is normalised to before it enters a square root.
    uint8 internal constant NORMALISED_DECIMALS = 18;

    /// @notice The denominator of shares given in basis points.
    uint256 internal constant BASIS_POINTS = 10_000;

    /// @notice A token has more decimals than the normalised precision, so normalising would lose value.
    error UnsupportedDecimals(uint8 decimals);

    /// @notice The factor that turns an amount of a token with `decimals` decimals into 18-decimal units.
    function normalisationFactor(uint8 decimals) internal pure returns (uint256) {
        if (decimals > NORMALISED_DECIMALS) revert UnsupportedDecimals(decimals);
        return 10 ** (NORMALISED_DECIMALS - decimals);
    }

    /// @notice The integer square root of `x`, rounded down, in constant gas.
    function sqrtDown(uint256 x) internal pure returns (uint256) {
        return Math.sqrt(x);
    }

    /// @notice The square-root sum of a project after one contributor's total moves from `previous` to `next`.
    /// @dev `next >= previous`, and `sqrtSum` already contains `sqrtDown(previous)`, so nothing underflows.
    function sqrtSumAfter(uint256 sqrtSum, uint256 previous, uint256 next) internal pure returns (uint256) {
        return sqrtSum + sqrtDown(next) - sqrtDown(previous);
    }

    /// @notice A project's ideal (unscaled) match: `max(0, S² − Σc)`.
    /// @dev With square roots rounded down, `S²` can fall just below `Σc` (a lone contributor): clamp at zero.
    function idealMatch(uint256 sqrtSum, uint256 donationsTotal) internal pure returns (uint256) {
        uint256 squared = sqrtSum * sqrtSum;
        unchecked {
            // The subtraction runs only when `squared > donationsTotal`.
            return squared > donationsTotal ? squared - donationsTotal : 0;
        }
    }

    /// @notice The fraction `numerator / denominator` that turns a normalised ideal match into a payout in
    /// token units, when `available` token units are shared among ideals summing to `idealSum`.
    /// @dev If the ideals fit in what is available, each project gets its ideal (converted back to token
    /// units); otherwise the available amount is shared in proportion to the ideals.
    /// `available * factor` cannot overflow: callers bound `available` to 128 bits and `factor` is at most 1e18.
    function matchLevel(
        uint256 available,
        uint256 idealSum,
        uint256 factor
    ) internal pure returns (uint256 numerator, uint256 denominator) {
        if (idealSum <= available * factor) return (1, factor);
        return (available, idealSum);
    }

    /// @notice `ideal * numerator / denominator`, rounded down, without intermediate overflow.
    function shareDown(uint256 ideal, uint256 numerator, uint256 denominator) internal pure returns (uint256) {
        return Math.mulDiv(ideal, numerator, denominator);
    }

    /// @notice What a level distributes in token units to ideals summing to `idealSum` before per-project
    /// rounding: `min(available, idealSum / factor)`, rounded down.
    function distributedDown(uint256 available, uint256 idealSum, uint256 factor) internal pure returns (uint256) {
        return Math.min(available, idealSum / factor);
    }

    /// @notice `amount * bps / 10_000`, rounded down.
    function bpsDown(uint256 amount, uint256 bps) internal pure returns (uint256) {
        return Math.mulDiv(amount, bps, BASIS_POINTS);
    }
}
