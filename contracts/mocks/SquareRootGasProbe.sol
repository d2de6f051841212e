// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {QuadraticFundingMath} from "../libraries/QuadraticFundingMath.sol";

/// @title SquareRootGasProbe
/// @notice Measures the gas of QuadraticFundingMath.sqrtDown around the internal call alone, for the gas
/// benchmark: every donation and settlement takes square roots, so their cost must not depend on the amount.
contract SquareRootGasProbe {
    /// @notice `sqrtDown(x)` and the gas the internal call took.
    function sqrtDownGas(uint256 x) external view returns (uint256 root, uint256 gasUsed) {
        uint256 before = gasleft();
        root = QuadraticFundingMath.sqrtDown(x);
        gasUsed = before - gasleft();
    }
}
