// SPDX-License-Identifier: AGPL-3.0-or-later
// Assertion messages are read by people when a check fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {IProjectRound} from "../../../contracts/interfaces/IProjectRound.sol";
import {IQuadraticFundingRound} from "../../../contracts/interfaces/IQuadraticFundingRound.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {TestBase} from "../utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title QuadraticFundingRoundHandler
/// @notice Drives one round through random but valid lives for the invariant tests: funders fill the pool,
/// contributors donate, time passes, the round is finalized (with match cap settlement) or cancelled, and
/// everyone claims. Every action first decides, from the round's state, whether it must succeed or must revert
/// and with which error, and checks it: a wrong outcome makes the handler revert, and the invariant tests run
/// with `failOnRevert`, so no call is wasted on an accidental revert and every surprise fails the run.
/// @dev Ghost variables record what went in and out, for the invariants to compare with the round's state.
// The ghosts mirror the round's accounting one variable per quantity, which is what makes them easy to check.
// solhint-disable-next-line max-states-count
contract QuadraticFundingRoundHandler is TestBase {
    /// @notice The round's numbers when it left the Active status, which must never change afterwards.
    struct ClosedRound {
        bool taken;
        IProjectRound.RoundStatus status;
        uint256 matchingPool;
        uint256 idealMatchSum;
        uint256 balanceOfRound;
    }

    uint256 private constant ACTOR_COUNT = 5;

    IQuadraticFundingRound public immutable ROUND;
    TestToken public immutable TOKEN;
    address public immutable STEWARD;
    uint256 public immutable UNIT;
    uint64 public immutable DONATIONS_START;
    uint64 public immutable DONATIONS_END;
    uint256 public immutable PENDING_PROJECT;

    address[] private _actors;
    uint256[] private _approvedProjects;
    mapping(uint256 projectId => address) public payoutAddressOf;

    // Ghosts: token units, as they went in and out.
    uint256 public ghostPoolFunded;
    uint256 public ghostDonated;
    uint256 public ghostFundingRefunded;
    uint256 public ghostDonationsRefunded;
    uint256 public ghostPaidOut;
    uint256 public ghostLeftoversClaimed;
    mapping(address actor => uint256) public ghostFunded;
    mapping(address actor => bool) public ghostFunderSettled;
    address[] private _funders;
    mapping(uint256 projectId => mapping(address actor => uint256)) public ghostContribution;
    mapping(uint256 projectId => mapping(address actor => uint256)) public ghostRefunded;
    mapping(uint256 projectId => uint256) public ghostProjectDonations;
    mapping(uint256 projectId => uint256) public ghostContributors;
    mapping(uint256 projectId => uint256) public ghostPayoutCount;
    mapping(uint256 projectId => uint256) public ghostPayoutAmount;
    /// @notice The time of the latest accepted donation, and when the round was finalized.
    uint256 public ghostLatestDonationAt;
    uint256 public ghostFinalizedAt;
    ClosedRound private _closed;
    mapping(uint256 projectId => IQuadraticFundingRound.ProjectTally) private _closedTallies;

    // How the calls went, to show that the runs exercise every path.
    uint256 public calls;
    uint256 public acceptedDonations;
    uint256 public finalizations;
    uint256 public cancellations;
    uint256 public payouts;

    constructor(
        IQuadraticFundingRound round,
        TestToken token,
        address steward,
        uint256[] memory approvedProjectIds,
        uint256 pendingProject,
        address[] memory payoutAddresses
    ) {
        ROUND = round;
        TOKEN = token;
        STEWARD = steward;
        UNIT = 10 ** token.decimals();
        IQuadraticFundingRound.RoundParameters memory parameters = round.parameters();
        DONATIONS_START = parameters.config.donationsStart;
        DONATIONS_END = parameters.config.donationsEnd;
        PENDING_PROJECT = pendingProject;
        _approvedProjects = approvedProjectIds;
        for (uint256 i = 0; i < approvedProjectIds.length; ++i) {
            payoutAddressOf[approvedProjectIds[i]] = payoutAddresses[i];
        }
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            address actor = address(uint160(uint256(keccak256(abi.encode("hyphae.invariant.actor", i)))));
            vm.label(actor, string.concat("actor", Strings.toString(i)));
            _actors.push(actor);
        }
    }

    modifier counted() {
        ++calls;
        _;
    }

    // ---------------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------------

    /// @notice A funder adds to the matching pool: accepted until the round closes, refused afterwards.
    function fund(uint256 actorSeed, uint256 amountSeed) external counted {
        address actor = _actor(actorSeed);
        uint256 amount = _amount(_mix(amountSeed, "amount"), 20_000);
        IProjectRound.RoundStatus status = ROUND.status();
        vm.startPrank(actor);
        TOKEN.mint(actor, amount);
        TOKEN.approve(address(ROUND), amount);
        if (status != IProjectRound.RoundStatus.Active) {
            vm.expectRevert(_statusError(status));
            ROUND.fundMatchingPool(amount);
            vm.stopPrank();
            return;
        }
        ROUND.fundMatchingPool(amount);
        vm.stopPrank();
        if (ghostFunded[actor] == 0) _funders.push(actor);
        ghostFunded[actor] += amount;
        ghostPoolFunded += amount;
    }

    /// @notice A contributor donates to one to four approved projects (repeats allowed) in one checkout.
    /// Before the window it usually waits for it to open; sometimes it tries too early, or includes the
    /// pending project, and must be refused.
    function donate(uint256 actorSeed, uint256 projectsSeed, uint256 amountsSeed, uint256 timeSeed) external counted {
        address actor = _actor(actorSeed);
        projectsSeed = _mix(projectsSeed, "projects");
        (uint256[] memory projectIds, uint256[] memory amounts, uint256 total) = _checkout(projectsSeed, amountsSeed);
        timeSeed = _mix(timeSeed, "time");
        if (block.timestamp < DONATIONS_START && timeSeed % 8 != 0) {
            vm.warp(DONATIONS_START + (timeSeed % 1 days));
        }
        bytes memory expectedError = _donationError(projectsSeed);
        vm.startPrank(actor);
        TOKEN.mint(actor, total);
        TOKEN.approve(address(ROUND), total);
        if (expectedError.length != 0) vm.expectRevert(expectedError);
        ROUND.donate(projectIds, amounts);
        vm.stopPrank();
        if (expectedError.length != 0) return;

        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 projectId = projectIds[i];
            if (ghostContribution[projectId][actor] == 0) ++ghostContributors[projectId];
            ghostContribution[projectId][actor] += amounts[i];
            ghostProjectDonations[projectId] += amounts[i];
        }
        ghostDonated += total;
        ghostLatestDonationAt = block.timestamp;
        ++acceptedDonations;
    }

    /// @notice Time passes: up to two days, or (one time in ten each) exactly to the last second of the
    /// donation window or to its end.
    function warp(uint256 seed) external counted {
        seed = _mix(seed, "warp");
        uint256 target = block.timestamp + (seed % 2 days);
        if ((seed >> 128) % 10 == 0) target = uint256(DONATIONS_END) - 1;
        if ((seed >> 128) % 10 == 1) target = DONATIONS_END;
        if (target > block.timestamp) vm.warp(target);
    }

    /// @notice Anyone finalizes: refused before the window ends; one call in six first waits for the end.
    function finalize(uint256 seed) external counted {
        seed = _mix(seed, "finalize");
        IProjectRound.RoundStatus status = ROUND.status();
        if (status == IProjectRound.RoundStatus.Active && block.timestamp < DONATIONS_END) {
            if (seed % 6 != 0) {
                vm.expectRevert(
                    abi.encodeWithSelector(IQuadraticFundingRound.DonationWindowNotEnded.selector, DONATIONS_END)
                );
                ROUND.finalize();
                return;
            }
            vm.warp(uint256(DONATIONS_END) + ((seed >> 8) % 2 days));
        }
        if (status != IProjectRound.RoundStatus.Active) vm.expectRevert(_statusError(status));
        ROUND.finalize();
        _afterClosingStep();
    }

    /// @notice Anyone advances the match cap settlement by a batch of one to five projects.
    function settleMatchCaps(uint256 batchSeed) external counted {
        IProjectRound.RoundStatus status = ROUND.status();
        uint256 batch = bound(batchSeed, 1, 5);
        if (status != IProjectRound.RoundStatus.SettlingMatchCaps) {
            vm.expectRevert(_statusError(status));
            ROUND.settleMatchCaps(batch);
            return;
        }
        bool finalized = ROUND.settleMatchCaps(batch);
        assertEq(
            finalized,
            ROUND.status() == IProjectRound.RoundStatus.Finalized,
            "settleMatchCaps reports finalization"
        );
        _afterClosingStep();
    }

    /// @notice Anyone claims one project's payout: once, only when finalized, only for an approved project.
    function claimPayout(uint256 projectSeed) external counted {
        projectSeed = _mix(projectSeed, "project");
        uint256 projectId = projectSeed % 5 == 4 ? PENDING_PROJECT : _approvedProjects[projectSeed % 4];
        IProjectRound.RoundStatus status = ROUND.status();
        if (status != IProjectRound.RoundStatus.Finalized) {
            vm.expectRevert(_statusError(status));
        } else if (projectId == PENDING_PROJECT) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IProjectRound.UnexpectedApplicationStatus.selector,
                    projectId,
                    IProjectRound.ApplicationStatus.Pending
                )
            );
        } else if (ghostPayoutCount[projectId] != 0) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.AlreadyPaid.selector, projectId));
        } else {
            uint256 expected = _payoutOf(projectId);
            uint256 balanceBefore = TOKEN.balanceOf(payoutAddressOf[projectId]);
            ROUND.claimPayout(projectId);
            _recordPayout(projectId, expected, balanceBefore);
            return;
        }
        ROUND.claimPayout(projectId);
    }

    /// @notice Anyone claims a batch of payouts (repeats allowed): projects already paid are skipped.
    function claimPayouts(uint256 projectsSeed) external counted {
        projectsSeed = _mix(projectsSeed, "projects");
        uint256 count = 1 + (projectsSeed % 6);
        uint256[] memory projectIds = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            projectIds[i] = _approvedProjects[(projectsSeed >> (8 * (i + 1))) % 4];
        }
        IProjectRound.RoundStatus status = ROUND.status();
        if (status != IProjectRound.RoundStatus.Finalized) {
            vm.expectRevert(_statusError(status));
            ROUND.claimPayouts(projectIds);
            return;
        }
        _claimPayoutsChecked(projectIds);
    }

    /// @notice A funder takes back its share of what the rule left unallocated, once.
    function claimLeftover(uint256 actorSeed) external counted {
        address actor = _actor(actorSeed);
        IProjectRound.RoundStatus status = ROUND.status();
        if (status != IProjectRound.RoundStatus.Finalized) {
            vm.expectRevert(_statusError(status));
        } else if (ghostFunded[actor] == 0 || ghostFunderSettled[actor]) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.NothingToClaim.selector, actor));
        } else {
            _claimLeftoverChecked(actor);
            return;
        }
        vm.prank(actor);
        ROUND.claimLeftover();
    }

    /// @notice Rarely (one call in twelve), the steward cancels the round; otherwise a non-steward tries and
    /// is refused.
    function cancel(uint256 seed) external counted {
        seed = _mix(seed, "cancel");
        IProjectRound.RoundStatus status = ROUND.status();
        address caller = seed % 12 == 0 ? STEWARD : _actor(seed >> 8);
        if (caller != STEWARD) {
            vm.expectRevert(
                abi.encodeWithSelector(IProjectRound.NotNodeSteward.selector, ROUND.parameters().nodeId, caller)
            );
        } else if (status != IProjectRound.RoundStatus.Active) {
            vm.expectRevert(_statusError(status));
        }
        vm.prank(caller);
        ROUND.cancel();
        if (caller == STEWARD && status == IProjectRound.RoundStatus.Active) {
            ++cancellations;
            _afterClosingStep();
        }
    }

    /// @notice After a cancellation, a funder takes back exactly what it put in the pool, once.
    function refundFunding(uint256 actorSeed) external counted {
        address actor = _actor(actorSeed);
        IProjectRound.RoundStatus status = ROUND.status();
        if (status != IProjectRound.RoundStatus.Cancelled) {
            vm.expectRevert(_statusError(status));
        } else if (ghostFunded[actor] == 0 || ghostFunderSettled[actor]) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.NothingToClaim.selector, actor));
        } else {
            _refundFundingChecked(actor);
            return;
        }
        vm.prank(actor);
        ROUND.refundFunding();
    }

    /// @notice After a cancellation, a contributor takes back its donations to some projects, once each.
    function refundDonations(uint256 actorSeed, uint256 projectsSeed) external counted {
        address actor = _actor(actorSeed);
        projectsSeed = _mix(projectsSeed, "projects");
        uint256 count = 1 + (projectsSeed % 5);
        uint256[] memory projectIds = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            uint256 pick = (projectsSeed >> (8 * (i + 1))) % 5;
            projectIds[i] = pick == 4 ? PENDING_PROJECT : _approvedProjects[pick];
        }
        IProjectRound.RoundStatus status = ROUND.status();
        if (status != IProjectRound.RoundStatus.Cancelled) {
            vm.expectRevert(_statusError(status));
            vm.prank(actor);
            ROUND.refundDonations(projectIds);
            return;
        }
        _refundDonationsChecked(actor, projectIds);
    }

    /// @notice Once the round is closed, everyone claims everything: then only rounding dust may remain, or
    /// nothing at all after a cancellation.
    function claimEverything() external counted {
        IProjectRound.RoundStatus status = ROUND.status();
        if (status == IProjectRound.RoundStatus.Active) return;
        if (status == IProjectRound.RoundStatus.Cancelled) {
            _refundEveryone();
            assertEq(TOKEN.balanceOf(address(ROUND)), 0, "round balance after every refund");
            return;
        }
        // A settlement pass scans every project, and each pass but the last caps at least one more.
        for (uint256 i = 0; i <= _approvedProjects.length; ++i) {
            if (ROUND.status() != IProjectRound.RoundStatus.SettlingMatchCaps) break;
            ROUND.settleMatchCaps(_approvedProjects.length);
        }
        assertTrue(ROUND.status() == IProjectRound.RoundStatus.Finalized, "settlement ends");
        _afterClosingStep();
        _claimPayoutsChecked(_approvedProjects);
        for (uint256 i = 0; i < _funders.length; ++i) {
            if (!ghostFunderSettled[_funders[i]]) _claimLeftoverChecked(_funders[i]);
        }
        assertLe(TOKEN.balanceOf(address(ROUND)), dustBound(), "dust left after everyone claimed");
    }

    // ---------------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------------

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function funders() external view returns (address[] memory) {
        return _funders;
    }

    function approvedProjects() external view returns (uint256[] memory) {
        return _approvedProjects;
    }

    function closedRound() external view returns (ClosedRound memory) {
        return _closed;
    }

    function closedTally(uint256 projectId) external view returns (IQuadraticFundingRound.ProjectTally memory) {
        return _closedTallies[projectId];
    }

    /// @notice The most rounding may leave in the round once everyone has claimed: under one base unit per
    /// project's match and one per funder's leftover.
    function dustBound() public view returns (uint256) {
        return _approvedProjects.length + _funders.length;
    }

    // ---------------------------------------------------------------------------------------------------
    // Checked claims
    // ---------------------------------------------------------------------------------------------------

    function _claimPayoutsChecked(uint256[] memory projectIds) private {
        uint256[] memory expected = new uint256[](projectIds.length);
        uint256[] memory balancesBefore = new uint256[](projectIds.length);
        bool[] memory due = new bool[](projectIds.length);
        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 projectId = projectIds[i];
            // Due once: not paid before, and not earlier in this batch.
            due[i] = ghostPayoutCount[projectId] == 0;
            for (uint256 j = 0; j < i; ++j) {
                if (projectIds[j] == projectId) due[i] = false;
            }
            if (!due[i]) continue;
            expected[i] = _payoutOf(projectId);
            balancesBefore[i] = TOKEN.balanceOf(payoutAddressOf[projectId]);
        }
        ROUND.claimPayouts(projectIds);
        for (uint256 i = 0; i < projectIds.length; ++i) {
            if (due[i]) _recordPayout(projectIds[i], expected[i], balancesBefore[i]);
        }
    }

    function _recordPayout(uint256 projectId, uint256 expected, uint256 balanceBefore) private {
        assertEq(
            TOKEN.balanceOf(payoutAddressOf[projectId]) - balanceBefore,
            expected,
            "payout received: donations plus match"
        );
        assertTrue(ROUND.projectTally(projectId).paid, "a paid project is marked paid");
        ++ghostPayoutCount[projectId];
        ghostPayoutAmount[projectId] = expected;
        ghostPaidOut += expected;
        ++payouts;
    }

    function _claimLeftoverChecked(address funder) private {
        IQuadraticFundingRound.MatchDistribution memory distribution = ROUND.matchDistribution();
        uint256 expected = Math.mulDiv(ghostFunded[funder], distribution.unallocated, ROUND.matchingPool());
        uint256 balanceBefore = TOKEN.balanceOf(funder);
        vm.prank(funder);
        ROUND.claimLeftover();
        assertEq(TOKEN.balanceOf(funder) - balanceBefore, expected, "leftover: the funder's pro-rata share");
        ghostFunderSettled[funder] = true;
        ghostLeftoversClaimed += expected;
    }

    function _refundFundingChecked(address funder) private {
        uint256 balanceBefore = TOKEN.balanceOf(funder);
        vm.prank(funder);
        ROUND.refundFunding();
        assertEq(TOKEN.balanceOf(funder) - balanceBefore, ghostFunded[funder], "funding refund: all it put in");
        ghostFunderSettled[funder] = true;
        ghostFundingRefunded += ghostFunded[funder];
    }

    function _refundDonationsChecked(address actor, uint256[] memory projectIds) private {
        uint256 expected;
        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 projectId = projectIds[i];
            uint256 remaining = ghostContribution[projectId][actor] - ghostRefunded[projectId][actor];
            // A repeated project is refunded once: the ghost marks it refunded as the round zeroes it.
            ghostRefunded[projectId][actor] += remaining;
            expected += remaining;
        }
        uint256 balanceBefore = TOKEN.balanceOf(actor);
        if (expected == 0) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.NothingToClaim.selector, actor));
        }
        vm.prank(actor);
        ROUND.refundDonations(projectIds);
        assertEq(TOKEN.balanceOf(actor) - balanceBefore, expected, "donation refund: what it gave these projects");
        ghostDonationsRefunded += expected;
    }

    function _refundEveryone() private {
        uint256[] memory everyProject = new uint256[](_approvedProjects.length + 1);
        for (uint256 i = 0; i < _approvedProjects.length; ++i) {
            everyProject[i] = _approvedProjects[i];
        }
        everyProject[_approvedProjects.length] = PENDING_PROJECT;
        for (uint256 i = 0; i < _actors.length; ++i) {
            address actor = _actors[i];
            if (ghostFunded[actor] != 0 && !ghostFunderSettled[actor]) _refundFundingChecked(actor);
            if (_hasDonationsLeft(actor, everyProject)) _refundDonationsChecked(actor, everyProject);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------

    /// @dev Records the round's numbers the first time it is seen closed (finalized or cancelled).
    function _afterClosingStep() private {
        IProjectRound.RoundStatus status = ROUND.status();
        if (_closed.taken) return;
        if (status == IProjectRound.RoundStatus.Active) return;
        if (status == IProjectRound.RoundStatus.SettlingMatchCaps) return;
        if (status == IProjectRound.RoundStatus.Finalized) {
            ghostFinalizedAt = block.timestamp;
            ++finalizations;
        }
        _closed = ClosedRound({
            taken: true,
            status: status,
            matchingPool: ROUND.matchingPool(),
            idealMatchSum: ROUND.idealMatchSum(),
            balanceOfRound: TOKEN.balanceOf(address(ROUND))
        });
        for (uint256 i = 0; i < _approvedProjects.length; ++i) {
            _closedTallies[_approvedProjects[i]] = ROUND.projectTally(_approvedProjects[i]);
        }
        _closedTallies[PENDING_PROJECT] = ROUND.projectTally(PENDING_PROJECT);
    }

    /// @dev The error a donation must revert with now, or nothing if it must be accepted. The round checks
    /// its status first, then the window, then each project.
    function _donationError(uint256 projectsSeed) private view returns (bytes memory) {
        IProjectRound.RoundStatus status = ROUND.status();
        if (status != IProjectRound.RoundStatus.Active) return _statusError(status);
        if (block.timestamp < DONATIONS_START || block.timestamp >= DONATIONS_END) {
            return
                abi.encodeWithSelector(
                    IQuadraticFundingRound.OutsideDonationWindow.selector,
                    DONATIONS_START,
                    DONATIONS_END
                );
        }
        if (_includesPendingProject(projectsSeed)) {
            return
                abi.encodeWithSelector(
                    IProjectRound.UnexpectedApplicationStatus.selector,
                    PENDING_PROJECT,
                    IProjectRound.ApplicationStatus.Pending
                );
        }
        return "";
    }

    /// @dev One to four donations; amounts range from a few base units (to stress rounding) to 2,000 tokens.
    /// One checkout in sixteen ends with the pending project.
    function _checkout(
        uint256 projectsSeed,
        uint256 amountsSeed
    ) private view returns (uint256[] memory projectIds, uint256[] memory amounts, uint256 total) {
        uint256 count = 1 + (projectsSeed % 4);
        projectIds = new uint256[](count);
        amounts = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            projectIds[i] = _approvedProjects[(projectsSeed >> (8 * (i + 1))) % 4];
            amounts[i] = _amount(uint256(keccak256(abi.encode(amountsSeed, i))), 2_000);
            total += amounts[i];
        }
        if (_includesPendingProject(projectsSeed)) projectIds[count - 1] = PENDING_PROJECT;
    }

    function _includesPendingProject(uint256 projectsSeed) private pure returns (bool) {
        return (projectsSeed >> 128) % 16 == 0;
    }

    /// @dev One amount in four is tiny (1 to 1,000 base units); the others reach `wholeTokens`.
    function _amount(uint256 seed, uint256 wholeTokens) private view returns (uint256) {
        if (seed % 4 == 0) return 1 + ((seed >> 8) % 1_000);
        return bound(seed >> 8, 1, wholeTokens * UNIT);
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[_mix(seed, "actor") % ACTOR_COUNT];
    }

    /// @dev Spreads a fuzzed seed evenly: the fuzzer favours values such as 0, 1 and 2^256 − 1, which would
    /// otherwise always pick the same branch of every `seed % n` decision.
    function _mix(uint256 seed, string memory purpose) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(purpose, seed)));
    }

    function _payoutOf(uint256 projectId) private view returns (uint256) {
        (uint256 donations, uint256 matchAmount) = ROUND.payoutOf(projectId);
        return donations + matchAmount;
    }

    function _hasDonationsLeft(address actor, uint256[] memory projectIds) private view returns (bool) {
        for (uint256 i = 0; i < projectIds.length; ++i) {
            if (ghostContribution[projectIds[i]][actor] != ghostRefunded[projectIds[i]][actor]) return true;
        }
        return false;
    }

    function _statusError(IProjectRound.RoundStatus status) private pure returns (bytes memory) {
        return abi.encodeWithSelector(IProjectRound.UnexpectedRoundStatus.selector, status);
    }
}
