// SPDX-License-Identifier: AGPL-3.0-or-later
// The setup, the suite and the guard that the handler is called belong together.
// solhint-disable one-contract-per-file
// Foundry's test naming (invariant_...) is not mixedCase.
// solhint-disable func-name-mixedcase
// Assertion messages are read by people when a test fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ICoMatchingSeason} from "../../contracts/interfaces/ICoMatchingSeason.sol";
import {INodeRegistry} from "../../contracts/interfaces/INodeRegistry.sol";
import {IProjectRound} from "../../contracts/interfaces/IProjectRound.sol";
import {IQuadraticFundingRound} from "../../contracts/interfaces/IQuadraticFundingRound.sol";
import {EligibilityRules} from "../../contracts/libraries/EligibilityRules.sol";
import {TestToken} from "../../contracts/mocks/TestToken.sol";
import {NodeRegistry} from "../../contracts/network/NodeRegistry.sol";
import {ProjectRegistry} from "../../contracts/ProjectRegistry.sol";
import {QuadraticFundingRound} from "../../contracts/QuadraticFundingRound.sol";
import {RoundFactory} from "../../contracts/RoundFactory.sol";
import {CoMatchingSeasonHandler} from "./handlers/CoMatchingSeasonHandler.sol";
import {TestBase} from "./utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title CoMatchingSeasonInvariantSetup
/// @notice The world of the invariant tests: a season at a translocal node in a 6-decimal token, closing on
/// day 20, and three rounds that joined it (the node's own and one of each of its two child nodes), each with
/// two approved projects and donations open from day 1 to day 15. A handler is the fuzzer's only target.
abstract contract CoMatchingSeasonInvariantSetup is TestBase {
    uint256 internal constant COMMONS = 1;
    uint256 internal constant PROJECTS_PER_ROUND = 2;

    address internal constant STEWARD = address(uint160(uint256(keccak256("hyphae.season.steward"))));
    address internal constant KEEPER = address(uint160(uint256(keccak256("hyphae.season.keeper"))));

    ICoMatchingSeason internal season;
    TestToken internal token;
    CoMatchingSeasonHandler internal handler;

    function setUp() public {
        NodeRegistry nodes = new NodeRegistry(address(this));
        address[] memory stewards = new address[](1);
        stewards[0] = STEWARD;
        nodes.addNode(INodeRegistry.NodeKind.Translocal, 0, "Commons", "ipfs://commons", stewards, 1);
        nodes.addNode(INodeRegistry.NodeKind.Local, COMMONS, "Cascadia", "ipfs://cascadia", stewards, 1);
        nodes.addNode(INodeRegistry.NodeKind.Local, COMMONS, "Colorado Plateau", "ipfs://colorado", stewards, 1);
        ProjectRegistry registry = new ProjectRegistry(nodes);
        RoundFactory factory = new RoundFactory(address(registry), address(new QuadraticFundingRound()), nodes);
        token = new TestToken("Commons Dollar", "CUSD", 6);
        factory.setPayoutTokenAllowed(address(token), true);

        uint64 start = uint64(block.timestamp);
        vm.prank(STEWARD);
        season = ICoMatchingSeason(factory.createSeason(COMMONS, address(token), start + 20 days, "ipfs://season"));

        IQuadraticFundingRound[] memory rounds = new IQuadraticFundingRound[](3);
        uint256[][] memory projectsOf = new uint256[][](3);
        for (uint256 nodeId = 1; nodeId <= 3; ++nodeId) {
            IQuadraticFundingRound round = _linkedRound(factory, nodeId, start);
            rounds[nodeId - 1] = round;
            projectsOf[nodeId - 1] = _approvedProjects(registry, round, nodeId);
        }
        handler = new CoMatchingSeasonHandler(season, token, STEWARD, rounds, projectsOf);
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: _weightedActions()}));
        targetSender(KEEPER);
    }

    function _linkedRound(RoundFactory factory, uint256 nodeId, uint64 start) private returns (IQuadraticFundingRound) {
        IQuadraticFundingRound.RoundConfig memory config = IQuadraticFundingRound.RoundConfig({
            payoutToken: address(token),
            applicationsStart: start,
            applicationsEnd: start + 1 days,
            donationsStart: start + 1 days,
            donationsEnd: start + 15 days,
            matchCapBps: 0
        });
        IQuadraticFundingRound.ParticipationRules memory open = IQuadraticFundingRound.ParticipationRules({
            eligibility: EligibilityRules.Rule(EligibilityRules.Kind.Open, address(0), 0, 0, address(0)),
            minCountedDonation: 0,
            countedContributionCap: 0
        });
        IQuadraticFundingRound.CommonsLinks memory links = IQuadraticFundingRound.CommonsLinks({
            commonsShareBps: 0,
            season: address(season)
        });
        vm.prank(STEWARD);
        return IQuadraticFundingRound(factory.createLinkedRound(nodeId, config, open, links, "ipfs://round"));
    }

    function _approvedProjects(
        ProjectRegistry registry,
        IQuadraticFundingRound round,
        uint256 nodeId
    ) private returns (uint256[] memory projectIds) {
        projectIds = new uint256[](PROJECTS_PER_ROUND);
        for (uint256 i = 0; i < PROJECTS_PER_ROUND; ++i) {
            address owner = address(uint160(uint256(keccak256(abi.encode("hyphae.season.owner", nodeId, i)))));
            address payee = address(uint160(uint256(keccak256(abi.encode("hyphae.season.payee", nodeId, i)))));
            vm.startPrank(owner);
            projectIds[i] = registry.registerProject(nodeId, payee, "ipfs://project");
            round.submitApplication(projectIds[i], "ipfs://application");
            vm.stopPrank();
            vm.prank(STEWARD);
            round.approveApplication(projectIds[i], "");
        }
    }

    /// @dev Donations and funding are what the other actions need to mean something, so they come most often.
    function _weightedActions() private pure returns (bytes4[] memory actions) {
        actions = new bytes4[](14);
        actions[0] = CoMatchingSeasonHandler.donate.selector;
        actions[1] = CoMatchingSeasonHandler.donate.selector;
        actions[2] = CoMatchingSeasonHandler.donate.selector;
        actions[3] = CoMatchingSeasonHandler.donate.selector;
        actions[4] = CoMatchingSeasonHandler.fund.selector;
        actions[5] = CoMatchingSeasonHandler.fund.selector;
        actions[6] = CoMatchingSeasonHandler.warp.selector;
        actions[7] = CoMatchingSeasonHandler.warp.selector;
        actions[8] = CoMatchingSeasonHandler.settle.selector;
        actions[9] = CoMatchingSeasonHandler.finalizeRound.selector;
        actions[10] = CoMatchingSeasonHandler.cancelRound.selector;
        actions[11] = CoMatchingSeasonHandler.recover.selector;
        actions[12] = CoMatchingSeasonHandler.recover.selector;
        actions[13] = CoMatchingSeasonHandler.claimReturn.selector;
    }
}

/// @title CoMatchingSeasonInvariantTest
/// @notice Properties C2–C4 of PROPERTIES.md, and the season's share of R1, R7 and R10, checked after every call
/// of random seasons. C1 (each draw to the wei of the TypeScript reference) is checked by the differential
/// tests of `test/ts/network/CoMatchingSeason.test.ts`; here the handler checks that settling pays each round
/// exactly the draw the season showed a moment before.
/// hardhat-config: invariant.failOnRevert = true
contract CoMatchingSeasonInvariantTest is CoMatchingSeasonInvariantSetup {
    /// @notice R1: the season holds exactly what was funded, less the draws it paid out, plus what came back,
    /// less the returns claimed; and that covers every return still owed.
    function invariant_SeasonHoldsWhatItOwes() external view {
        uint256 drawn = season.isSettled() ? _sumOfDraws() : 0;
        uint256 held = handler.ghostFunded() - drawn + handler.ghostRecovered() - handler.ghostReturnsClaimed();
        assertEq(token.balanceOf(address(season)), held, "balance against funded, drawn, recovered and claimed");
        assertEq(season.pool(), handler.ghostFunded(), "pool against what was funded");
        uint256 owed;
        address[] memory funders = handler.funders();
        for (uint256 i = 0; i < funders.length; ++i) {
            (uint256 funded, uint256 claimed) = season.funderAccount(funders[i]);
            if (funded != 0) owed += Math.mulDiv(funded, season.returned(), season.pool()) - claimed;
        }
        assertGe(token.balanceOf(address(season)), owed, "balance against the returns still owed");
    }

    /// @notice C2: the draws never exceed the pool; once settled, the draws plus what the rule left add up to
    /// the pool exactly, and `returned` is what the rule left plus what the rounds gave back.
    function invariant_PoolIsConserved() external view {
        uint256 draws = _sumOfDraws();
        assertLe(draws, season.pool(), "draws against the pool");
        if (!season.isSettled()) {
            assertEq(season.returned(), 0, "returned before settling");
            return;
        }
        assertEq(season.returned(), season.pool() - draws + handler.ghostRecovered(), "returned against the rest");
    }

    /// @notice C2, C3: each round's matching pool is its draw, paid by the season as its funder; a round
    /// cancelled before settling drew nothing; no round finalized before the season settled, which it did only
    /// from its close.
    function invariant_EachRoundHoldsItsDraw() external view {
        IQuadraticFundingRound[] memory rounds = handler.rounds();
        for (uint256 i = 0; i < rounds.length; ++i) {
            address round = address(rounds[i]);
            uint256 draw = handler.ghostDraw(round);
            assertEq(rounds[i].matchingPool(), draw, "a round's pool against its draw");
            (uint256 funded, ) = rounds[i].funderAccount(address(season));
            assertEq(funded, draw, "the season's funding of a round against its draw");
            if (handler.cancelledBeforeSettling(round)) assertEq(draw, 0, "a draw for a round cancelled before");
            assertLe(handler.ghostRecoveredFrom(round), draw, "recovered from a round against its draw");
            if (rounds[i].status() == IProjectRound.RoundStatus.Finalized) {
                assertTrue(season.isSettled(), "a round finalized before its season settled");
            }
        }
        if (season.isSettled()) {
            assertGe(handler.ghostSettledAt(), season.parameters().closesAt, "settled before the close");
        }
    }

    /// @notice C4: each funder has claimed exactly what the handler saw it receive, and never more than its
    /// pro-rata share of what came back.
    function invariant_ReturnsAreProRataAndPaidOnce() external view {
        address[] memory funders = handler.funders();
        uint256 claimedSum;
        for (uint256 i = 0; i < funders.length; ++i) {
            (uint256 funded, uint256 claimed) = season.funderAccount(funders[i]);
            assertEq(funded, handler.ghostFundedBy(funders[i]), "a funder's funding");
            assertEq(claimed, handler.ghostClaimedBy(funders[i]), "a funder's claims");
            if (funded != 0) {
                assertLe(claimed, Math.mulDiv(funded, season.returned(), season.pool()), "claimed beyond a share");
            }
            claimedSum += claimed;
        }
        assertEq(claimedSum, handler.ghostReturnsClaimed(), "claims against their sum");
        assertLe(claimedSum, season.returned(), "claims beyond what came back");
    }

    /// @notice R10: once settled, the pool and every draw stay as settling decided.
    function invariant_SettledMeansSettled() external view {
        if (!season.isSettled()) return;
        assertEq(season.pool(), handler.ghostSettledPool(), "the pool after settling");
        (address[] memory rounds, , uint256[] memory amounts) = season.draws();
        for (uint256 i = 0; i < rounds.length; ++i) {
            assertEq(amounts[i], handler.ghostDraw(rounds[i]), "a draw after settling");
        }
    }

    function _sumOfDraws() private view returns (uint256 sum) {
        (, , uint256[] memory amounts) = season.draws();
        for (uint256 i = 0; i < amounts.length; ++i) sum += amounts[i];
    }
}

/// @title CoMatchingSeasonHandlerIsCalledTest
/// @notice Guards the suite above against passing vacuously: every run must really call the handler. Kept apart
/// for the reason given at `QuadraticFundingRoundHandlerIsCalledTest`.
/// hardhat-config: invariant.failOnRevert = true
/// hardhat-config: invariant.runs = 16
contract CoMatchingSeasonHandlerIsCalledTest is CoMatchingSeasonInvariantSetup {
    /// @notice After each run: the handler was called.
    function afterInvariant() external view {
        assertGt(handler.calls(), 0, "handler calls in this run");
    }

    /// @notice Holds whenever the handler's counters are consistent.
    function invariant_handlerCountsNoMoreThanItsCalls() external view {
        assertLe(handler.donations() + handler.settlements(), handler.calls(), "actions against calls");
    }
}
