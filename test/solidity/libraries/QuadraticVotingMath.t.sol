// SPDX-License-Identifier: AGPL-3.0-or-later
// The harness lives beside the tests that use it: the library is `internal`, so it is only reachable through
// a contract that exposes it.
// solhint-disable one-contract-per-file
// Foundry's test naming (testFuzz_...) is not mixedCase.
// solhint-disable func-name-mixedcase
// Assertion messages are read by people when a test fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {QuadraticVotingMath} from "../../../contracts/libraries/QuadraticVotingMath.sol";
import {TestBase} from "../utils/TestBase.sol";

/// @notice Exposes QuadraticVotingMath's internal functions as external calls.
contract QuadraticVotingMathHarness {
    function ballotCost(uint256[] calldata votes) external pure returns (uint256) {
        return QuadraticVotingMath.ballotCost(votes);
    }

    function shareDown(uint256 pool, uint256 votes, uint256 total) external pure returns (uint256) {
        return QuadraticVotingMath.shareDown(pool, votes, total);
    }
}

/// @title QuadraticVotingMathTest
/// @notice The cost of a ballot and the split of the pool, against plain arithmetic.
contract QuadraticVotingMathTest is TestBase {
    QuadraticVotingMathHarness internal math;

    function setUp() public {
        math = new QuadraticVotingMathHarness();
    }

    /// @notice A ballot costs the sum of the squares of its votes.
    function testFuzz_BallotCostIsTheSumOfSquares(uint64 a, uint64 b, uint64 c) public view {
        uint256[] memory votes = new uint256[](3);
        (votes[0], votes[1], votes[2]) = (a, b, c);
        uint256 expected = uint256(a) * a + uint256(b) * b + uint256(c) * c;
        assertEq(math.ballotCost(votes), expected, "cost of a ballot");
    }

    /// @notice A ballot whose cost does not fit 256 bits costs the maximum: over every budget, never a revert.
    function testFuzz_BallotCostSaturatesInsteadOfOverflowing(uint256 huge, uint256 other) public view {
        huge = bound(huge, uint256(type(uint128).max) + 1, type(uint256).max);
        uint256[] memory votes = new uint256[](2);
        (votes[0], votes[1]) = (other, huge);
        assertEq(math.ballotCost(votes), type(uint256).max, "one vote count beyond 2^128");
        uint256[] memory near = new uint256[](2);
        (near[0], near[1]) = (type(uint128).max, type(uint128).max);
        assertEq(math.ballotCost(near), type(uint256).max, "two squares whose sum overflows");
    }

    /// @notice The shares of all projects never add up to more than the pool, and lose less than one base unit
    /// each.
    function testFuzz_SharesNeverExceedThePool(uint128 pool, uint64 x, uint64 y, uint64 z) public view {
        uint256 total = uint256(x) + y + z;
        uint256 paid = math.shareDown(pool, x, total) + math.shareDown(pool, y, total) + math.shareDown(pool, z, total);
        if (total == 0) {
            assertEq(paid, 0, "no votes, no payouts");
            return;
        }
        assertLe(paid, pool, "shares beyond the pool");
        assertLt(pool - paid, 3, "dust of at most one base unit per project");
    }
}
