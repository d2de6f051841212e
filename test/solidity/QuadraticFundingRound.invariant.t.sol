// SPDX-License-Identifier: AGPL-3.0-or-later
// The setup, the shared specification and the suites that run it (uncapped, capped, and the guard that the
// handler is called) belong together.
// solhint-disable one-contract-per-file
// Foundry's test naming (invariant_...) is not mixedCase.
// solhint-disable func-name-mixedcase
// Assertion messages are read by people when a test fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {INodeRegistry} from "../../contracts/interfaces/INodeRegistry.sol";
import {IProjectRound} from "../../contracts/interfaces/IProjectRound.sol";
import {IQuadraticFundingRound} from "../../contracts/interfaces/IQuadraticFundingRound.sol";
import {NodeRegistry} from "../../contracts/network/NodeRegistry.sol";
import {ProjectRegistry} from "../../contracts/ProjectRegistry.sol";
import {QuadraticFundingRound} from "../../contracts/QuadraticFundingRound.sol";
import {RoundFactory} from "../../contracts/RoundFactory.sol";
import {QuadraticFundingMath} from "../../contracts/libraries/QuadraticFundingMath.sol";
import {TestToken} from "../../contracts/mocks/TestToken.sol";
import {QuadraticFundingRoundHandler} from "./handlers/QuadraticFundingRoundHandler.sol";
import {TestBase} from "./utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title QuadraticFundingRoundInvariantSetup
/// @notice The world of the invariant tests: five projects are registered and apply to a round in a 6-decimal
/// (or 18-decimal) token, four are approved and one stays pending, and a handler with five actors is the fuzzer's
/// only target.
abstract contract QuadraticFundingRoundInvariantSetup is TestBase {
    uint256 internal constant PROJECT_COUNT = 5;
    uint256 internal constant NODE_ID = 1;

    address internal constant STEWARD = address(uint160(uint256(keccak256("hyphae.invariant.steward"))));
    address internal constant KEEPER = address(uint160(uint256(keccak256("hyphae.invariant.keeper"))));

    ProjectRegistry internal registry;
    RoundFactory internal factory;
    TestToken internal token;
    IQuadraticFundingRound internal round;
    QuadraticFundingRoundHandler internal handler;
    uint256[] internal projectIds;
    uint256 internal factor;

    /// @dev The round's match cap in basis points; 0 for none.
    function _matchCapBps() internal pure virtual returns (uint16);

    /// @dev The payout token's decimals: 6 (like USDC) unless a suite says otherwise.
    function _tokenDecimals() internal pure virtual returns (uint8) {
        return 6;
    }

    function setUp() public {
        NodeRegistry nodes = new NodeRegistry(address(this));
        nodes.addNode(INodeRegistry.NodeKind.Local, 0, "Cascadia", "ipfs://cascadia", _stewards(), 1);
        registry = new ProjectRegistry(nodes);
        QuadraticFundingRound implementation = new QuadraticFundingRound();
        factory = new RoundFactory(address(registry), address(implementation), nodes);
        token = new TestToken("Commons Dollar", "CUSD", _tokenDecimals());
        factory.setPayoutTokenAllowed(address(token), true);
        vm.prank(STEWARD);
        round = IQuadraticFundingRound(factory.createRound(NODE_ID, _config(), "ipfs://round"));
        factor = round.parameters().normalisationFactor;

        address[] memory payoutAddresses = new address[](PROJECT_COUNT - 1);
        uint256[] memory approved = new uint256[](PROJECT_COUNT - 1);
        for (uint256 i = 0; i < PROJECT_COUNT; ++i) {
            address owner = address(uint160(uint256(keccak256(abi.encode("hyphae.invariant.owner", i)))));
            address payoutAddress = address(uint160(uint256(keccak256(abi.encode("hyphae.invariant.payee", i)))));
            vm.startPrank(owner);
            uint256 projectId = registry.registerProject(NODE_ID, payoutAddress, "ipfs://project");
            round.submitApplication(projectId, "ipfs://application");
            vm.stopPrank();
            projectIds.push(projectId);
            if (i == PROJECT_COUNT - 1) break;
            // The last project's application stays pending.
            vm.prank(STEWARD);
            round.approveApplication(projectId, "");
            approved[i] = projectId;
            payoutAddresses[i] = payoutAddress;
        }

        handler = new QuadraticFundingRoundHandler(
            round,
            token,
            STEWARD,
            approved,
            projectIds[PROJECT_COUNT - 1],
            payoutAddresses
        );
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: _weightedActions()}));
        targetSender(KEEPER);
    }

    /// @notice Confirms that each run really called the handler (an invariant cannot: it is also checked
    /// before the first call).
    // ---------------------------------------------------------------------------------------------------
    // Setup helpers
    // ---------------------------------------------------------------------------------------------------

    function _config() private view returns (IQuadraticFundingRound.RoundConfig memory) {
        uint64 start = uint64(block.timestamp);
        return
            IQuadraticFundingRound.RoundConfig({
                payoutToken: address(token),
                applicationsStart: start,
                applicationsEnd: start + 1 days,
                donationsStart: start + 1 days,
                donationsEnd: start + 15 days,
                matchCapBps: _matchCapBps()
            });
    }

    function _stewards() private pure returns (address[] memory stewards) {
        stewards = new address[](1);
        stewards[0] = STEWARD;
    }

    /// @dev Listing an action several times makes the fuzzer pick it more often: donations and funding are
    /// what the other actions need to mean something.
    function _weightedActions() private pure returns (bytes4[] memory actions) {
        actions = new bytes4[](16);
        actions[0] = QuadraticFundingRoundHandler.donate.selector;
        actions[1] = QuadraticFundingRoundHandler.donate.selector;
        actions[2] = QuadraticFundingRoundHandler.donate.selector;
        actions[3] = QuadraticFundingRoundHandler.donate.selector;
        actions[4] = QuadraticFundingRoundHandler.fund.selector;
        actions[5] = QuadraticFundingRoundHandler.fund.selector;
        actions[6] = QuadraticFundingRoundHandler.warp.selector;
        actions[7] = QuadraticFundingRoundHandler.finalize.selector;
        actions[8] = QuadraticFundingRoundHandler.settleMatchCaps.selector;
        actions[9] = QuadraticFundingRoundHandler.claimPayout.selector;
        actions[10] = QuadraticFundingRoundHandler.claimPayouts.selector;
        actions[11] = QuadraticFundingRoundHandler.claimLeftover.selector;
        actions[12] = QuadraticFundingRoundHandler.cancel.selector;
        actions[13] = QuadraticFundingRoundHandler.refundFunding.selector;
        actions[14] = QuadraticFundingRoundHandler.refundDonations.selector;
        actions[15] = QuadraticFundingRoundHandler.claimEverything.selector;
    }
}

/// @title QuadraticFundingRoundInvariants
/// @notice Properties R1, R2, R5, R6, R7, R9, R10 and R11 of PROPERTIES.md, checked after every call of random
/// round lives: actors fund and donate, and the round is finalized (with or without a binding match cap) or
/// cancelled, then claimed. The handler checks each call's own outcome (the right error, the right amount
/// received); the invariants below check the round's state as a whole.
/// @dev The concrete suites run with `failOnRevert`: the handler reverts only when the round surprises it, so
/// a revert is a failure.
abstract contract QuadraticFundingRoundInvariants is QuadraticFundingRoundInvariantSetup {
    // ---------------------------------------------------------------------------------------------------
    // R1: solvency
    // ---------------------------------------------------------------------------------------------------

    /// @notice Before finalization the round holds exactly the pool and the donations, less what was
    /// refunded after a cancellation; once finalized, at least every unpaid payout and unclaimed leftover.
    function invariant_BalanceCoversWhatTheRoundOwes() external view {
        uint256 balance = token.balanceOf(address(round));
        if (round.status() == IProjectRound.RoundStatus.Finalized) {
            assertGe(balance, _stillOwedAfterFinalization(), "balance against unpaid payouts and leftovers");
            return;
        }
        uint256 refunded = handler.ghostFundingRefunded() + handler.ghostDonationsRefunded();
        assertEq(
            balance,
            handler.ghostPoolFunded() + handler.ghostDonated() - refunded,
            "balance against pool plus donations less refunds"
        );
        if (round.status() != IProjectRound.RoundStatus.Cancelled) {
            assertEq(round.matchingPool(), handler.ghostPoolFunded(), "matching pool against what was funded");
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // R5, R15: no over-payment
    // ---------------------------------------------------------------------------------------------------

    /// @notice The matches add up to at most the pool; no match exceeds the cap, and a capped project gets the
    /// cap exactly; the estimate shown after finalization is the match.
    function invariant_MatchesNeverExceedThePool() external view {
        if (round.status() != IProjectRound.RoundStatus.Finalized) return;
        uint256 pool = round.matchingPool();
        IQuadraticFundingRound.MatchDistribution memory distribution = round.matchDistribution();
        uint256[] memory approved = handler.approvedProjects();
        uint256 matchSum;
        for (uint256 i = 0; i < approved.length; ++i) {
            (, uint256 matchAmount) = round.payoutOf(approved[i]);
            matchSum += matchAmount;
            assertEq(round.estimatedMatch(approved[i]), matchAmount, "estimated match after finalization");
            if (_matchCapBps() == 0) continue;
            assertLe(matchAmount, distribution.matchCap, "a match against the cap");
            if (round.projectTally(approved[i]).matchCapped) {
                assertEq(matchAmount, distribution.matchCap, "a capped project's match");
            }
        }
        assertLe(matchSum, pool, "sum of matches against the pool");
        assertLe(matchSum + distribution.unallocated, pool, "matches plus unallocated against the pool");
        assertEq(distribution.matchCap, QuadraticFundingMath.bpsDown(pool, _matchCapBps()), "the match cap");
    }

    /// @notice What the rule pays out and leaves unallocated never exceeds what came in, and what left the
    /// round never exceeds what came in.
    function invariant_PayoutsAndLeftoversNeverExceedWhatCameIn() external view {
        uint256 cameIn = handler.ghostPoolFunded() + handler.ghostDonated();
        uint256 wentOut =
            handler.ghostPaidOut() +
                handler.ghostLeftoversClaimed() +
                handler.ghostFundingRefunded() +
                handler.ghostDonationsRefunded();
        assertLe(wentOut, cameIn, "tokens out against tokens in");
        if (round.status() != IProjectRound.RoundStatus.Finalized) return;
        uint256[] memory approved = handler.approvedProjects();
        uint256 payoutSum;
        for (uint256 i = 0; i < approved.length; ++i) {
            (uint256 donations, uint256 matchAmount) = round.payoutOf(approved[i]);
            payoutSum += donations + matchAmount;
        }
        assertLe(
            payoutSum + round.matchDistribution().unallocated,
            round.matchingPool() + handler.ghostDonated(),
            "payouts plus unallocated against pool plus donations"
        );
    }

    // ---------------------------------------------------------------------------------------------------
    // R6: bounded dust
    // ---------------------------------------------------------------------------------------------------

    /// @notice Once everyone still owed something has claimed, at most one base unit per approved project and
    /// one per funder stays in the round. (The handler's `claimEverything` also checks it by claiming.)
    function invariant_DustLeftAfterEveryClaimIsTiny() external view {
        if (round.status() != IProjectRound.RoundStatus.Finalized) return;
        uint256 balance = token.balanceOf(address(round));
        uint256 owed = _stillOwedAfterFinalization();
        assertGe(balance, owed, "balance against what is still owed");
        assertLe(balance - owed, handler.dustBound(), "dust once everyone has claimed");
    }

    // ---------------------------------------------------------------------------------------------------
    // R7: paid once
    // ---------------------------------------------------------------------------------------------------

    /// @notice A project is paid at most once: its payout address, which only the round pays, holds exactly
    /// one payout once the project is marked paid, and nothing before.
    function invariant_NoProjectIsPaidTwice() external view {
        uint256[] memory approved = handler.approvedProjects();
        for (uint256 i = 0; i < approved.length; ++i) {
            uint256 projectId = approved[i];
            uint256 payoutCount = handler.ghostPayoutCount(projectId);
            assertLe(payoutCount, 1, "payouts of one project");
            assertEq(round.projectTally(projectId).paid, payoutCount == 1, "paid flag against payouts made");
            assertEq(
                token.balanceOf(handler.payoutAddressOf(projectId)),
                handler.ghostPayoutAmount(projectId),
                "payout address balance against the one payout"
            );
        }
        assertFalse(round.projectTally(projectIds[PROJECT_COUNT - 1]).paid, "the pending project is never paid");
    }

    // ---------------------------------------------------------------------------------------------------
    // R2: running sums are exact
    // ---------------------------------------------------------------------------------------------------

    /// @notice Every project's running tally equals a full recomputation from each contributor's total
    /// (summed before the square root, normalised to 18 decimals), and `Σ ideal` equals the sum of the
    /// approved projects' ideals.
    function invariant_TalliesEqualARecomputationFromEveryContribution() external view {
        address[] memory actors = handler.actors();
        uint256 idealSum;
        for (uint256 p = 0; p < PROJECT_COUNT; ++p) {
            uint256 projectId = projectIds[p];
            uint256 sqrtSum;
            for (uint256 a = 0; a < actors.length; ++a) {
                uint256 total = handler.ghostContribution(projectId, actors[a]);
                sqrtSum += Math.sqrt(total * factor);
                assertEq(
                    round.contributionOf(projectId, actors[a]),
                    total - handler.ghostRefunded(projectId, actors[a]),
                    "a contributor's total to a project, less refunds"
                );
            }
            IQuadraticFundingRound.ProjectTally memory tally = round.projectTally(projectId);
            assertEq(tally.sqrtSum, sqrtSum, "sqrtSum against the recomputed sum of roots");
            assertEq(tally.donations, handler.ghostProjectDonations(projectId) * factor, "normalised donations");
            assertEq(tally.contributors, handler.ghostContributors(projectId), "contributor count");
            if (tally.status == IProjectRound.ApplicationStatus.Approved) {
                idealSum += QuadraticFundingMath.idealMatch(sqrtSum, tally.donations);
            }
        }
        assertEq(round.idealMatchSum(), idealSum, "idealMatchSum against the recomputed sum of ideals");
        assertEq(
            uint256(round.projectTally(projectIds[PROJECT_COUNT - 1]).status),
            uint256(IProjectRound.ApplicationStatus.Pending),
            "the pending project stays pending"
        );
    }

    // ---------------------------------------------------------------------------------------------------
    // R10, R11: final means final
    // ---------------------------------------------------------------------------------------------------

    /// @notice Once finalized or cancelled, the round's status, pool, `Σ ideal` and tallies never change again
    /// (claims only set the paid flags); a cancelled round only pays refunds.
    function invariant_NothingChangesAfterTheRoundCloses() external view {
        QuadraticFundingRoundHandler.ClosedRound memory closed = handler.closedRound();
        if (!closed.taken) return;
        assertEq(uint256(round.status()), uint256(closed.status), "status after closing");
        assertEq(round.matchingPool(), closed.matchingPool, "matching pool after closing");
        assertEq(round.idealMatchSum(), closed.idealMatchSum, "idealMatchSum after closing");
        for (uint256 p = 0; p < PROJECT_COUNT; ++p) {
            IQuadraticFundingRound.ProjectTally memory tally = round.projectTally(projectIds[p]);
            IQuadraticFundingRound.ProjectTally memory atClose = handler.closedTally(projectIds[p]);
            assertEq(uint256(tally.status), uint256(atClose.status), "application status after closing");
            assertEq(tally.matchCapped, atClose.matchCapped, "match cap flag after closing");
            assertEq(tally.contributors, atClose.contributors, "contributors after closing");
            assertEq(tally.sqrtSum, atClose.sqrtSum, "sqrtSum after closing");
            assertEq(tally.donations, atClose.donations, "donations after closing");
        }
        uint256 balance = token.balanceOf(address(round));
        uint256 paidSinceClosing =
            handler.ghostPaidOut() +
                handler.ghostLeftoversClaimed() +
                handler.ghostFundingRefunded() +
                handler.ghostDonationsRefunded();
        assertEq(balance + paidSinceClosing, closed.balanceOfRound, "balance: only claims leave after closing");
    }

    // ---------------------------------------------------------------------------------------------------
    // R9: no instant is both open and ended
    // ---------------------------------------------------------------------------------------------------

    /// @notice A round is settling or finalized only from the end of the donation window on, and every
    /// accepted donation came inside the window, before finalization.
    function invariant_NoInstantIsBothOpenAndEnded() external view {
        IQuadraticFundingRound.RoundConfig memory config = round.parameters().config;
        IProjectRound.RoundStatus status = round.status();
        if (status == IProjectRound.RoundStatus.SettlingMatchCaps || status == IProjectRound.RoundStatus.Finalized) {
            assertGe(block.timestamp, config.donationsEnd, "now, in a finalizing or finalized round");
        }
        if (handler.acceptedDonations() != 0) {
            uint256 latestDonation = handler.ghostLatestDonationAt();
            assertGe(latestDonation, config.donationsStart, "latest donation against the window's start");
            assertLt(latestDonation, config.donationsEnd, "latest donation against the window's end");
        }
        if (handler.finalizations() != 0) {
            assertGe(handler.ghostFinalizedAt(), config.donationsEnd, "finalization against the window's end");
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------

    /// @dev Everything the finalized round still owes: unpaid payouts and unclaimed leftovers.
    function _stillOwedAfterFinalization() internal view returns (uint256 owed) {
        uint256[] memory approved = handler.approvedProjects();
        for (uint256 i = 0; i < approved.length; ++i) {
            if (round.projectTally(approved[i]).paid) continue;
            (uint256 donations, uint256 matchAmount) = round.payoutOf(approved[i]);
            owed += donations + matchAmount;
        }
        address[] memory funders = handler.funders();
        uint256 unallocated = round.matchDistribution().unallocated;
        uint256 pool = round.matchingPool();
        for (uint256 i = 0; i < funders.length; ++i) {
            (uint256 funded, bool settled) = round.funderAccount(funders[i]);
            if (!settled) owed += Math.mulDiv(funded, unallocated, pool);
        }
    }
}

/// @title QuadraticFundingRoundInvariantTest
/// @notice The invariants in a round without a match cap.
/// hardhat-config: invariant.failOnRevert = true
/// hardhat-config: invariant.depth = 128
contract QuadraticFundingRoundInvariantTest is QuadraticFundingRoundInvariants {
    function _matchCapBps() internal pure override returns (uint16) {
        return 0;
    }
}

/// @title QuadraticFundingRoundCappedInvariantTest
/// @notice The invariants in a round whose match cap (20 % of the pool, with four approved projects) binds
/// in most lives, so that finalization goes through the match cap settlement.
/// hardhat-config: invariant.failOnRevert = true
/// hardhat-config: invariant.depth = 128
contract QuadraticFundingRoundCappedInvariantTest is QuadraticFundingRoundInvariants {
    function _matchCapBps() internal pure override returns (uint16) {
        return 2_000;
    }
}

/// @title QuadraticFundingRound18DecimalsInvariantTest
/// @notice The invariants in a capped round paying in an 18-decimal token, where amounts are not scaled up to be
/// normalised and rounding falls on different digits.
/// hardhat-config: invariant.failOnRevert = true
contract QuadraticFundingRound18DecimalsInvariantTest is QuadraticFundingRoundInvariants {
    function _matchCapBps() internal pure override returns (uint16) {
        return 2_000;
    }

    function _tokenDecimals() internal pure override returns (uint8) {
        return 18;
    }
}

/// @title QuadraticFundingRoundHandlerIsCalledTest
/// @notice Guards the suites above against passing vacuously: every run must really call the handler (a
/// wrong target list, or a handler whose calls all revert, would leave every invariant trivially true).
/// @dev Kept apart on purpose. An invariant cannot check this (invariants are also checked before the first
/// call), and `afterInvariant` can, but one that fails on an empty call sequence makes the shrinker reduce
/// every failure of its suite to that empty sequence, hiding the real failure and its counterexample.
/// hardhat-config: invariant.failOnRevert = true
/// hardhat-config: invariant.runs = 16
contract QuadraticFundingRoundHandlerIsCalledTest is QuadraticFundingRoundInvariantSetup {
    function _matchCapBps() internal pure override returns (uint16) {
        return 2_000;
    }

    /// @notice After each run: the handler was called.
    function afterInvariant() external view {
        assertGt(handler.calls(), 0, "handler calls in this run");
    }

    /// @notice Holds whenever the handler's counters are consistent: no call is counted without its effect.
    function invariant_handlerIsCalled() external view {
        assertLe(handler.acceptedDonations(), handler.calls(), "accepted donations against handler calls");
        assertLe(handler.payouts(), handler.calls() * 4, "payouts against handler calls");
    }
}
