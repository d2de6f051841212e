// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title QuadraticVotingMath
/// @notice The arithmetic of quadratic voting: `v` votes on a project cost `v²` voice credits, and the pool
/// is split in proportion to votes, rounding down.
library QuadraticVotingMath {
    /// @notice `Σ votes[i]²`, the voice credits a ballot costs, saturating at `type(uint256).max`: a ballot
    /// that costs that much is over any budget, whatever its votes.
    function ballotCost(uint256[] calldata votes) internal pure returns (uint256 cost) {
        for (uint256 i = 0; i < votes.length; ++i) {
            uint256 entry = votes[i];
            if (entry > type(uint128).max) return type(uint256).max;
            // Below 2^256: the entry is below 2^128.
            (bool fits, uint256 sum) = Math.tryAdd(cost, entry * entry);
            if (!fits) return type(uint256).max;
            cost = sum;
        }
    }

    /// @notice `pool × votes / total`, rounded down; zero when there are no votes at all.
    function shareDown(uint256 pool, uint256 votes, uint256 total) internal pure returns (uint256) {
        if (total == 0) return 0;
        return Math.mulDiv(pool, votes, total);
    }
}
