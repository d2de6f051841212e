// SPDX-License-Identifier: AGPL-3.0-or-later
// Assertion messages are read by people when a check fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ICoMatchingSeason} from "../../../contracts/interfaces/ICoMatchingSeason.sol";
import {IProjectRound} from "../../../contracts/interfaces/IProjectRound.sol";
import {IQuadraticFundingRound} from "../../../contracts/interfaces/IQuadraticFundingRound.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {TestBase} from "../utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title CoMatchingSeasonHandler
/// @notice Drives a co-matching season and its rounds through random lives for the invariant tests: funders fill
/// the season's pool, contributors donate in its rounds, time passes, a steward may cancel a round, anyone
/// settles the season, finalizes rounds, recovers what rounds give back, and funders claim their returns. Every
/// action first works out, from the contracts' state, whether it must succeed or revert and with which error,
/// and checks it: a wrong outcome makes the handler revert, and the suite runs with `failOnRevert`.
/// @dev The season is each round's only funder, so a round's matching pool is its draw.
// The ghosts mirror the season's accounting one variable per quantity, which is what makes them easy to check.
// solhint-disable-next-line max-states-count
contract CoMatchingSeasonHandler is TestBase {
    uint256 private constant FUNDER_COUNT = 3;
    uint256 private constant DONOR_COUNT = 4;

    ICoMatchingSeason public immutable SEASON;
    TestToken public immutable TOKEN;
    address public immutable STEWARD;
    uint64 public immutable CLOSES_AT;
    uint64 public immutable DONATIONS_END;

    IQuadraticFundingRound[] private _rounds;
    mapping(address round => uint256[]) private _projectsOf;
    address[] private _funders;
    address[] private _donors;

    // Ghosts: token units, as they went in and out of the season.
    uint256 public ghostFunded;
    uint256 public ghostRecovered;
    uint256 public ghostReturnsClaimed;
    mapping(address funder => uint256) public ghostFundedBy;
    mapping(address funder => uint256) public ghostClaimedBy;
    mapping(address round => uint256) public ghostRecoveredFrom;
    /// @notice What settling decided, kept to check that it never changes.
    uint256 public ghostSettledPool;
    uint256 public ghostSettledAt;
    mapping(address round => uint256) public ghostDraw;
    /// @notice Whether a round was cancelled before the season settled (it must then draw nothing).
    mapping(address round => bool) public cancelledBeforeSettling;

    // How the calls went, to show that the runs exercise every path.
    uint256 public calls;
    uint256 public donations;
    uint256 public settlements;
    uint256 public finalizations;
    uint256 public cancellations;
    uint256 public recoveries;
    uint256 public returnClaims;

    /// @param rounds_ The season's rounds, each with its approved projects in `projectsOf`.
    constructor(
        ICoMatchingSeason season,
        TestToken token,
        address steward,
        IQuadraticFundingRound[] memory rounds_,
        uint256[][] memory projectsOf
    ) {
        SEASON = season;
        TOKEN = token;
        STEWARD = steward;
        CLOSES_AT = season.parameters().closesAt;
        DONATIONS_END = rounds_[0].parameters().config.donationsEnd;
        for (uint256 i = 0; i < rounds_.length; ++i) {
            _rounds.push(rounds_[i]);
            _projectsOf[address(rounds_[i])] = projectsOf[i];
        }
        for (uint256 i = 0; i < FUNDER_COUNT; ++i) {
            _funders.push(address(uint160(uint256(keccak256(abi.encode("hyphae.season.funder", i))))));
        }
        for (uint256 i = 0; i < DONOR_COUNT; ++i) {
            _donors.push(address(uint160(uint256(keccak256(abi.encode("hyphae.season.donor", i))))));
        }
    }

    modifier counted() {
        ++calls;
        _;
    }

    // ---------------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------------

    /// @notice A funder adds to the season's pool: accepted until it settles.
    function fund(uint256 funderSeed, uint256 amountSeed) external counted {
        address funder = _funders[funderSeed % FUNDER_COUNT];
        uint256 amount = 1 + (_mix(amountSeed, "fund") % 5_000e6);
        bool settled = SEASON.isSettled();
        vm.startPrank(funder);
        TOKEN.mint(funder, amount);
        TOKEN.approve(address(SEASON), amount);
        if (settled) vm.expectRevert(ICoMatchingSeason.SeasonAlreadySettled.selector);
        SEASON.fund(amount);
        vm.stopPrank();
        if (settled) return;
        ghostFunded += amount;
        ghostFundedBy[funder] += amount;
    }

    /// @notice A contributor gives to one project of one round, in its window; refused outside it.
    function donate(uint256 donorSeed, uint256 roundSeed, uint256 projectSeed, uint256 amountSeed) external counted {
        address donor = _donors[donorSeed % DONOR_COUNT];
        IQuadraticFundingRound round = _round(roundSeed);
        uint256[] storage projects = _projectsOf[address(round)];
        uint256[] memory projectIds = new uint256[](1);
        uint256[] memory amounts = new uint256[](1);
        projectIds[0] = projects[projectSeed % projects.length];
        // From a cent to 1,000 CUSD, mostly small: the shape of real rounds.
        amounts[0] = 1e4 + (_mix(amountSeed, "gift") % (amountSeed % 4 == 0 ? 1_000e6 : 20e6));
        IProjectRound.RoundStatus status = round.status();
        IQuadraticFundingRound.RoundConfig memory config = round.parameters().config;
        bool open = block.timestamp >= config.donationsStart && block.timestamp < config.donationsEnd;
        vm.startPrank(donor);
        TOKEN.mint(donor, amounts[0]);
        TOKEN.approve(address(round), amounts[0]);
        if (status != IProjectRound.RoundStatus.Active) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.UnexpectedRoundStatus.selector, status));
        } else if (!open) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IQuadraticFundingRound.OutsideDonationWindow.selector,
                    config.donationsStart,
                    config.donationsEnd
                )
            );
        }
        round.donate(projectIds, amounts);
        vm.stopPrank();
        if (status == IProjectRound.RoundStatus.Active && open) ++donations;
    }

    /// @notice Time passes; sometimes to the end of the donations or the season's close, or just before.
    function warp(uint256 seed) external counted {
        seed = _mix(seed, "warp");
        uint256 target = block.timestamp + (seed % 3 days);
        uint256 edge = (seed >> 128) % 10;
        if (edge == 0) target = DONATIONS_END;
        if (edge == 1) target = uint256(CLOSES_AT) - 1;
        if (edge == 2) target = CLOSES_AT;
        if (target > block.timestamp) vm.warp(target);
    }

    /// @notice A steward cancels a round (one call in six): before the season settles it draws nothing, after
    /// it its draw can be recovered.
    function cancelRound(uint256 roundSeed, uint256 seed) external counted {
        if (_mix(seed, "cancel") % 6 != 0) return;
        IQuadraticFundingRound round = _round(roundSeed);
        IProjectRound.RoundStatus status = round.status();
        if (status != IProjectRound.RoundStatus.Active) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.UnexpectedRoundStatus.selector, status));
        }
        vm.prank(STEWARD);
        round.cancel();
        if (status != IProjectRound.RoundStatus.Active) return;
        ++cancellations;
        if (!SEASON.isSettled()) cancelledBeforeSettling[address(round)] = true;
    }

    /// @notice Anyone settles, once, from the close: each round's pool grows by exactly its draw, and what the
    /// rule does not distribute comes back to the funders.
    function settle(uint256 seed) external counted {
        if (!SEASON.isSettled() && block.timestamp < CLOSES_AT && _mix(seed, "settle") % 4 == 0) vm.warp(CLOSES_AT);
        bool settled = SEASON.isSettled();
        (, , uint256[] memory preview) = SEASON.draws();
        uint256[] memory poolsBefore = new uint256[](_rounds.length);
        for (uint256 i = 0; i < _rounds.length; ++i) poolsBefore[i] = _rounds[i].matchingPool();
        if (settled) {
            vm.expectRevert(ICoMatchingSeason.SeasonAlreadySettled.selector);
        } else if (block.timestamp < CLOSES_AT) {
            vm.expectRevert(abi.encodeWithSelector(ICoMatchingSeason.SeasonNotOver.selector, CLOSES_AT));
        }
        SEASON.settle();
        if (settled || block.timestamp < CLOSES_AT) return;
        ++settlements;
        ghostSettledAt = block.timestamp;
        ghostSettledPool = SEASON.pool();
        (, , uint256[] memory drawn) = SEASON.draws();
        uint256 distributed;
        for (uint256 i = 0; i < _rounds.length; ++i) {
            assertEq(drawn[i], preview[i], "a draw against the preview just before settling");
            assertEq(_rounds[i].matchingPool(), poolsBefore[i] + drawn[i], "a round's pool against its draw");
            ghostDraw[address(_rounds[i])] = drawn[i];
            distributed += drawn[i];
        }
        assertEq(SEASON.returned(), ghostSettledPool - distributed, "what the rule left, returned");
    }

    /// @notice Anyone finalizes a round: only after its donations end and its season settled.
    function finalizeRound(uint256 roundSeed) external counted {
        IQuadraticFundingRound round = _round(roundSeed);
        IProjectRound.RoundStatus status = round.status();
        if (status != IProjectRound.RoundStatus.Active) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.UnexpectedRoundStatus.selector, status));
        } else if (block.timestamp < DONATIONS_END) {
            vm.expectRevert(
                abi.encodeWithSelector(IQuadraticFundingRound.DonationWindowNotEnded.selector, DONATIONS_END)
            );
        } else if (!SEASON.isSettled()) {
            vm.expectRevert(abi.encodeWithSelector(IQuadraticFundingRound.SeasonNotSettled.selector, address(SEASON)));
        }
        round.finalize();
        if (status == IProjectRound.RoundStatus.Active && round.status() != IProjectRound.RoundStatus.Active) {
            ++finalizations;
        }
    }

    /// @notice Anyone takes back for the season what a round returns to it: its whole draw after a
    /// cancellation, its share of the leftover after finalization; once, and only after settling.
    function recover(uint256 roundSeed) external counted {
        IQuadraticFundingRound round = _round(roundSeed);
        IProjectRound.RoundStatus status = round.status();
        (uint256 funded, bool alreadySettled) = round.funderAccount(address(SEASON));
        uint256 expected;
        bool succeeds;
        uint256 returnedBefore = SEASON.returned();
        if (!SEASON.isSettled()) {
            vm.expectRevert(ICoMatchingSeason.SeasonNotSettled.selector);
        } else if (
            status == IProjectRound.RoundStatus.Active || status == IProjectRound.RoundStatus.SettlingMatchCaps
        ) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.UnexpectedRoundStatus.selector, status));
        } else if (funded == 0 || alreadySettled) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.NothingToClaim.selector, address(SEASON)));
        } else {
            succeeds = true;
            expected =
                status == IProjectRound.RoundStatus.Cancelled
                    ? funded
                    : Math.mulDiv(funded, round.matchDistribution().unallocated, round.matchingPool());
        }
        SEASON.recover(address(round));
        if (!succeeds) return;
        ++recoveries;
        assertEq(SEASON.returned(), returnedBefore + expected, "returned grows by what the round gave back");
        ghostRecovered += expected;
        ghostRecoveredFrom[address(round)] += expected;
    }

    /// @notice A funder, or a donor who funded nothing, claims its return: its pro-rata share of everything
    /// that came back so far, less what it claimed.
    function claimReturn(uint256 callerSeed) external counted {
        uint256 pick = callerSeed % (FUNDER_COUNT + 1);
        address caller = pick < FUNDER_COUNT ? _funders[pick] : _donors[(callerSeed >> 8) % DONOR_COUNT];
        uint256 funded = ghostFundedBy[caller];
        uint256 owed = funded == 0 ? 0 : Math.mulDiv(funded, SEASON.returned(), SEASON.pool());
        uint256 amount = owed > ghostClaimedBy[caller] ? owed - ghostClaimedBy[caller] : 0;
        uint256 before = TOKEN.balanceOf(caller);
        if (amount == 0) {
            vm.expectRevert(abi.encodeWithSelector(ICoMatchingSeason.NothingToClaim.selector, caller));
        }
        vm.prank(caller);
        SEASON.claimReturn();
        if (amount == 0) return;
        ++returnClaims;
        assertEq(TOKEN.balanceOf(caller), before + amount, "a return received");
        ghostClaimedBy[caller] += amount;
        ghostReturnsClaimed += amount;
    }

    // ---------------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------------

    function rounds() external view returns (IQuadraticFundingRound[] memory) {
        return _rounds;
    }

    function funders() external view returns (address[] memory) {
        return _funders;
    }

    // ---------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------

    function _round(uint256 seed) private view returns (IQuadraticFundingRound) {
        return _rounds[seed % _rounds.length];
    }

    function _mix(uint256 seed, string memory what) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, what)));
    }
}
