// SPDX-License-Identifier: AGPL-3.0-or-later
// The harness lives beside the tests that use it: the library is `internal`, so it is only reachable through
// a contract that exposes it.
// solhint-disable one-contract-per-file
// Foundry's test naming (test_RevertWhen_..., testFuzz_...) is not mixedCase.
// solhint-disable func-name-mixedcase
// Assertion messages are read by people when a test fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {QuadraticFundingMath} from "../../../contracts/libraries/QuadraticFundingMath.sol";
import {SquareRootGasProbe} from "../../../contracts/mocks/SquareRootGasProbe.sol";
import {TestBase} from "../utils/TestBase.sol";

/// @notice Exposes QuadraticFundingMath's internal functions as external calls, so tests can call them and
/// `expectRevert` can catch their errors.
contract QuadraticFundingMathHarness {
    function normalisationFactor(uint8 decimals) external pure returns (uint256) {
        return QuadraticFundingMath.normalisationFactor(decimals);
    }

    function sqrtDown(uint256 x) external pure returns (uint256) {
        return QuadraticFundingMath.sqrtDown(x);
    }

    function sqrtSumAfter(uint256 sqrtSum, uint256 previous, uint256 next) external pure returns (uint256) {
        return QuadraticFundingMath.sqrtSumAfter(sqrtSum, previous, next);
    }

    function idealMatch(uint256 sqrtSum, uint256 donationsTotal) external pure returns (uint256) {
        return QuadraticFundingMath.idealMatch(sqrtSum, donationsTotal);
    }

    function matchLevel(
        uint256 available,
        uint256 idealSum,
        uint256 factor
    ) external pure returns (uint256 numerator, uint256 denominator) {
        return QuadraticFundingMath.matchLevel(available, idealSum, factor);
    }

    function shareDown(uint256 ideal, uint256 numerator, uint256 denominator) external pure returns (uint256) {
        return QuadraticFundingMath.shareDown(ideal, numerator, denominator);
    }

    function distributedDown(uint256 available, uint256 idealSum, uint256 factor) external pure returns (uint256) {
        return QuadraticFundingMath.distributedDown(available, idealSum, factor);
    }

    function bpsDown(uint256 amount, uint256 bps) external pure returns (uint256) {
        return QuadraticFundingMath.bpsDown(amount, bps);
    }
}

/// @title QuadraticFundingMathTest
/// @notice Properties M1–M5 of PROPERTIES.md: the CLR arithmetic every payout is built from.
contract QuadraticFundingMathTest is TestBase {
    /// @dev The largest root of a uint256: `(2^128 − 1)² < 2^256 ≤ (2^128)²`.
    uint256 private constant MAX_ROOT = type(uint128).max;
    /// @dev The largest normalised total a project can hold (`ProjectTally.donations` is 112 bits).
    uint256 private constant MAX_DONATIONS = type(uint112).max;
    /// @dev A round's pool is at most 2^128 − 1 token units (`MAX_MATCHING_POOL`).
    uint256 private constant MAX_POOL = type(uint128).max;
    /// @dev An ideal is below `S²` with `S < 2^88`.
    uint256 private constant MAX_IDEAL = (1 << 176) - 1;
    uint256 private constant MAX_PROJECTS = 8;

    QuadraticFundingMathHarness internal math;

    function setUp() public {
        math = new QuadraticFundingMathHarness();
    }

    // ---------------------------------------------------------------------------------------------------
    // M1: sqrtDown is the floor square root
    // ---------------------------------------------------------------------------------------------------

    function testFuzz_SqrtDownIsTheFloorSquareRoot(uint256 x) public view {
        uint256 root = math.sqrtDown(x);
        assertLe(root, MAX_ROOT, "the root of a uint256 fits in 128 bits");
        assertLe(root * root, x, "root squared");
        // (root + 1)² overflows exactly when root + 1 == 2^128, and then it exceeds every uint256.
        if (root < MAX_ROOT) assertGt((root + 1) * (root + 1), x, "next root squared");
    }

    function testFuzz_SqrtDownMatchesABinarySearch(uint256 x) public view {
        assertEq(math.sqrtDown(x), _referenceSqrt(x), "sqrtDown against the reference");
    }

    function testFuzz_SqrtDownOfAPerfectSquareAndItsNeighbours(uint128 root) public view {
        uint256 square = uint256(root) * root;
        assertEq(math.sqrtDown(square), root, "root of a perfect square");
        if (root > 0) assertEq(math.sqrtDown(square - 1), uint256(root) - 1, "root just below a square");
        // Above 0, (root + 1)² = root² + 2·root + 1 lies beyond root² + 1.
        if (root > 0 && root < MAX_ROOT) assertEq(math.sqrtDown(square + 1), root, "root just above a square");
    }

    function test_SqrtDownAtTheEdgesOfUint256() public view {
        assertEq(math.sqrtDown(0), 0, "sqrt(0)");
        assertEq(math.sqrtDown(1), 1, "sqrt(1)");
        assertEq(math.sqrtDown(2), 1, "sqrt(2)");
        assertEq(math.sqrtDown(3), 1, "sqrt(3)");
        assertEq(math.sqrtDown(4), 2, "sqrt(4)");
        assertEq(math.sqrtDown(MAX_ROOT * MAX_ROOT), MAX_ROOT, "sqrt((2^128-1)^2)");
        assertEq(math.sqrtDown(MAX_ROOT * MAX_ROOT - 1), MAX_ROOT - 1, "sqrt((2^128-1)^2 - 1)");
        assertEq(math.sqrtDown(type(uint256).max), MAX_ROOT, "sqrt(2^256-1)");
        assertEq(math.sqrtDown(1e36), 1e18, "sqrt(1e36): one whole 18-decimal unit squared");
    }

    /// @notice The gas benchmark's probe measures the library's own square root.
    function testFuzz_SquareRootGasProbeTakesTheLibrarysRoot(uint256 x) public {
        (uint256 root, uint256 gasUsed) = new SquareRootGasProbe().sqrtDownGas(x);
        assertEq(root, math.sqrtDown(x), "root of the probe");
        assertGt(gasUsed, 0, "gas measured");
    }

    // ---------------------------------------------------------------------------------------------------
    // M2: normalisationFactor
    // ---------------------------------------------------------------------------------------------------

    function testFuzz_NormalisationFactorScalesAmountsTo18Decimals(uint8 decimals) public view {
        decimals = uint8(bound(decimals, 0, 18));
        uint256 factor = math.normalisationFactor(decimals);
        assertEq(factor, 10 ** (18 - decimals), "normalisation factor");
        // One whole token is one whole 18-decimal unit once normalised.
        assertEq(10 ** decimals * factor, 1e18, "one whole token, normalised");
    }

    function test_NormalisationFactorOfCommonTokens() public view {
        assertEq(math.normalisationFactor(18), 1, "18 decimals (native coin, DAI)");
        assertEq(math.normalisationFactor(8), 1e10, "8 decimals (WBTC)");
        assertEq(math.normalisationFactor(6), 1e12, "6 decimals (USDC)");
        assertEq(math.normalisationFactor(0), 1e18, "0 decimals");
    }

    function testFuzz_RevertWhen_DecimalsExceed18(uint8 decimals) public {
        decimals = uint8(bound(decimals, 19, type(uint8).max));
        vm.expectRevert(abi.encodeWithSelector(QuadraticFundingMath.UnsupportedDecimals.selector, decimals));
        math.normalisationFactor(decimals);
    }

    // ---------------------------------------------------------------------------------------------------
    // M3: idealMatch and sqrtSumAfter
    // ---------------------------------------------------------------------------------------------------

    function testFuzz_IdealMatchIsTheSquareOfTheRootSumLessTheDonations(
        uint128 sqrtSum,
        uint256 donations
    ) public view {
        uint256 squared = uint256(sqrtSum) * sqrtSum;
        uint256 expected = squared > donations ? squared - donations : 0;
        assertEq(math.idealMatch(sqrtSum, donations), expected, "idealMatch");
    }

    /// @notice A lone contributor's root, rounded down, squares to at most what it gave: no match, never an
    /// underflow.
    function testFuzz_IdealMatchOfALoneContributorIsZero(uint256 total) public view {
        total = bound(total, 0, MAX_DONATIONS);
        assertEq(math.idealMatch(math.sqrtDown(total), total), 0, "ideal of a lone contributor");
    }

    function test_RevertWhen_IdealMatchRootSumSquareOverflows() public {
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        math.idealMatch(MAX_ROOT + 1, 0);
    }

    function testFuzz_SqrtSumAfterReplacesTheContributorsOldRoot(
        uint256 othersSqrtSum,
        uint256 previous,
        uint256 added
    ) public view {
        othersSqrtSum = bound(othersSqrtSum, 0, type(uint88).max);
        previous = bound(previous, 0, MAX_DONATIONS);
        added = bound(added, 0, MAX_DONATIONS - previous);
        uint256 next = previous + added;
        uint256 sqrtSum = othersSqrtSum + _referenceSqrt(previous);

        uint256 updated = math.sqrtSumAfter(sqrtSum, previous, next);
        assertEq(updated, othersSqrtSum + _referenceSqrt(next), "sqrt sum after the contributor gave more");
        assertGe(updated, sqrtSum, "a larger total never lowers the sqrt sum");
    }

    // ---------------------------------------------------------------------------------------------------
    // M4: shares never over-allocate
    // ---------------------------------------------------------------------------------------------------

    /// @notice Whatever the pool, the ideals and the token's decimals, the per-project shares rounded down add
    /// up to at most what the level distributes, which is at most what is available, and the rounding loses
    /// less than one token unit per project.
    function testFuzz_SharesNeverExceedWhatIsDistributed(
        uint256 available,
        uint256[MAX_PROJECTS] memory seeds,
        uint256 projectCount,
        uint8 decimals
    ) public view {
        available = bound(available, 0, MAX_POOL);
        projectCount = bound(projectCount, 1, MAX_PROJECTS);
        uint256 factor = math.normalisationFactor(uint8(bound(decimals, 0, 18)));
        uint256[] memory ideals = new uint256[](projectCount);
        uint256 idealSum;
        for (uint256 i = 0; i < projectCount; ++i) {
            // Spread the ideals over many magnitudes, so that both regimes (ideals fit / pool shared) occur.
            ideals[i] = bound(seeds[i], 0, MAX_IDEAL) >> bound(seeds[i] >> 200, 0, 175);
            idealSum += ideals[i];
        }

        (uint256 numerator, uint256 denominator) = math.matchLevel(available, idealSum, factor);
        uint256 shareSum;
        for (uint256 i = 0; i < projectCount; ++i) {
            uint256 share = math.shareDown(ideals[i], numerator, denominator);
            assertLe(share, available, "one share against what is available");
            shareSum += share;
        }
        uint256 distributed = math.distributedDown(available, idealSum, factor);
        assertLe(shareSum, distributed, "sum of shares against what the level distributes");
        assertLe(distributed, available, "distributed against available");
        assertLt(distributed - shareSum, projectCount, "rounding dust: less than one unit per project");
    }

    /// @notice When the pool covers every ideal, each project gets its ideal, converted to token units.
    function testFuzz_MatchLevelPaysIdealsInFullWhenThePoolCoversThem(
        uint256 ideal,
        uint256 otherIdeals,
        uint256 surplus,
        uint8 decimals
    ) public view {
        uint256 factor = math.normalisationFactor(uint8(bound(decimals, 0, 18)));
        // Small enough for the pool to cover them even with a factor of 1.
        ideal = bound(ideal, 0, MAX_POOL / 2);
        otherIdeals = bound(otherIdeals, 0, MAX_POOL / 2);
        uint256 needed = (ideal + otherIdeals + factor - 1) / factor;
        uint256 available = needed + bound(surplus, 0, MAX_POOL - needed);

        (uint256 numerator, uint256 denominator) = math.matchLevel(available, ideal + otherIdeals, factor);
        assertEq(math.shareDown(ideal, numerator, denominator), ideal / factor, "a covered ideal is paid in full");
        assertEq(
            math.distributedDown(available, ideal + otherIdeals, factor),
            (ideal + otherIdeals) / factor,
            "a covering pool distributes the ideals"
        );
    }

    /// @notice When the ideals exceed the pool, the pool is shared in proportion to them.
    function testFuzz_MatchLevelSharesThePoolWhenIdealsExceedIt(
        uint256 available,
        uint256 ideal,
        uint256 otherIdeals,
        uint8 decimals
    ) public view {
        uint256 factor = math.normalisationFactor(uint8(bound(decimals, 0, 18)));
        ideal = bound(ideal, 0, MAX_IDEAL);
        otherIdeals = bound(otherIdeals, 1, MAX_IDEAL);
        uint256 idealSum = ideal + otherIdeals;
        // Short of covering the ideals by at least one normalised unit.
        uint256 mostThatFallsShort = (idealSum - 1) / factor;
        available = bound(available, 0, mostThatFallsShort < MAX_POOL ? mostThatFallsShort : MAX_POOL);

        (uint256 numerator, uint256 denominator) = math.matchLevel(available, idealSum, factor);
        assertEq(numerator, available, "numerator of a shared pool");
        assertEq(denominator, idealSum, "denominator of a shared pool");
        uint256 share = math.shareDown(ideal, numerator, denominator);
        assertEq(share, Math.mulDiv(ideal, available, idealSum), "a share in proportion to the ideal");
        assertEq(math.distributedDown(available, idealSum, factor), available, "a shared pool is distributed whole");
    }

    // ---------------------------------------------------------------------------------------------------
    // bpsDown
    // ---------------------------------------------------------------------------------------------------

    function testFuzz_BpsDownNeverExceedsTheAmount(uint256 amount, uint256 bps) public view {
        bps = bound(bps, 0, 10_000);
        uint256 part = math.bpsDown(amount, bps);
        assertLe(part, amount, "a share in basis points of an amount");
        if (bps == 10_000) assertEq(part, amount, "10,000 bps is the whole amount");
        if (bps == 0) assertEq(part, 0, "0 bps is nothing");
    }

    function testFuzz_BpsDownRoundsDown(uint256 amount, uint256 bps) public view {
        amount = bound(amount, 0, MAX_POOL);
        bps = bound(bps, 0, 10_000);
        uint256 part = math.bpsDown(amount, bps);
        assertEq(part, (amount * bps) / 10_000, "bpsDown");
        assertLe(part * 10_000, amount * bps, "rounded down");
        assertGt((part + 1) * 10_000, amount * bps, "by less than one unit");
    }

    // ---------------------------------------------------------------------------------------------------
    // M5: summing before the square root
    // ---------------------------------------------------------------------------------------------------

    /// @notice A contributor who gives `a` and then `b` to a project that another contributor supports ends
    /// up with the same `S_p`, and so the same ideal match, as if it had given `a + b` at once: its gifts are
    /// summed before the square root.
    function testFuzz_SplittingAGiftNeverRaisesTheIdealMatch(uint256 other, uint256 a, uint256 b) public view {
        other = bound(other, 1, MAX_DONATIONS / 3);
        a = bound(a, 1, MAX_DONATIONS / 3);
        b = bound(b, 1, MAX_DONATIONS / 3);
        uint256 donations = other + a + b;
        uint256 othersRoot = math.sqrtDown(other);

        // Gift by gift, as the round records it: the contributor's total moves 0 → a → a + b.
        uint256 afterFirst = math.sqrtSumAfter(othersRoot, 0, a);
        uint256 split = math.sqrtSumAfter(afterFirst, a, a + b);
        // All at once.
        uint256 whole = math.sqrtSumAfter(othersRoot, 0, a + b);

        assertEq(split, whole, "sqrt sum: a then b against a + b");
        assertEq(math.idealMatch(split, donations), math.idealMatch(whole, donations), "ideal: a then b vs a + b");
        assertEq(whole, othersRoot + math.sqrtDown(a + b), "the contributor counts with the root of its total");

        // What summing prevents: if each gift had its own root, splitting would raise the match.
        uint256 rootPerGift = othersRoot + math.sqrtDown(a) + math.sqrtDown(b);
        assertLe(
            math.idealMatch(whole, donations),
            math.idealMatch(rootPerGift, donations),
            "the summed ideal against one root per gift"
        );
    }

    // ---------------------------------------------------------------------------------------------------
    // Reference
    // ---------------------------------------------------------------------------------------------------

    /// @dev The floor square root by binary search over `[0, 2^128 − 1]`: slow and obviously right. `mid`
    /// stays below 2^128, so `mid * mid` never overflows.
    function _referenceSqrt(uint256 x) private pure returns (uint256) {
        uint256 low = 0;
        uint256 high = MAX_ROOT;
        while (low < high) {
            uint256 mid = low + (high - low + 1) / 2;
            if (mid * mid <= x) low = mid;
            else high = mid - 1;
        }
        return low;
    }
}
