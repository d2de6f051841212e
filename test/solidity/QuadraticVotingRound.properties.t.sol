// SPDX-License-Identifier: AGPL-3.0-or-later
// Foundry's test naming (testFuzz_...) is not mixedCase.
// solhint-disable func-name-mixedcase
// Assertion messages are read by people when a test fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {INodeRegistry} from "../../contracts/interfaces/INodeRegistry.sol";
import {IProjectRound} from "../../contracts/interfaces/IProjectRound.sol";
import {IQuadraticVotingRound} from "../../contracts/interfaces/IQuadraticVotingRound.sol";
import {IRoundFactory} from "../../contracts/interfaces/IRoundFactory.sol";
import {EligibilityRules} from "../../contracts/libraries/EligibilityRules.sol";
import {TestToken} from "../../contracts/mocks/TestToken.sol";
import {TestVotesToken} from "../../contracts/mocks/TestVotesToken.sol";
import {NodeRegistry} from "../../contracts/network/NodeRegistry.sol";
import {ProjectRegistry} from "../../contracts/ProjectRegistry.sol";
import {QuadraticFundingRound} from "../../contracts/QuadraticFundingRound.sol";
import {QuadraticVotingRound} from "../../contracts/QuadraticVotingRound.sol";
import {RoundFactory} from "../../contracts/RoundFactory.sol";
import {VotingRoundFactory} from "../../contracts/VotingRoundFactory.sol";
import {TestBase} from "./utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title QuadraticVotingRoundPropertiesTest
/// @notice Properties V1–V4 of PROPERTIES.md, checked after every ballot of random voting rounds: random voters
/// cast, replace and withdraw random ballots, some over budget, and anyone finalizes and claims in random order.
contract QuadraticVotingRoundPropertiesTest is TestBase {
    uint256 internal constant PROJECTS = 5;
    uint256 internal constant VOTERS = 6;
    uint256 internal constant ACTIONS = 40;
    uint256 internal constant POOL = 1_000_003e6;

    IQuadraticVotingRound internal round;
    TestToken internal payoutToken;
    uint256[] internal projectIds;
    address[] internal voters;
    uint256[] internal budgets;

    /// @dev The test's own record of each voter's current ballot.
    mapping(address voter => uint256[] projectIds) internal ghostIds;
    mapping(address voter => uint256[] votes) internal ghostVotes;

    function setUp() public {
        NodeRegistry nodes = new NodeRegistry(address(this));
        address[] memory stewards = new address[](1);
        stewards[0] = address(this);
        nodes.addNode(INodeRegistry.NodeKind.Translocal, 0, "Commons", "ipfs://commons", stewards, 1);
        ProjectRegistry registry = new ProjectRegistry(nodes);
        RoundFactory fundingFactory = new RoundFactory(address(registry), address(new QuadraticFundingRound()), nodes);
        payoutToken = new TestToken("Commons Dollar", "CUSD", 6);
        fundingFactory.setPayoutTokenAllowed(address(payoutToken), true);
        TestVotesToken credits = new TestVotesToken(true);
        VotingRoundFactory factory = new VotingRoundFactory(
            address(new QuadraticVotingRound()),
            IRoundFactory(address(fundingFactory)),
            address(credits)
        );
        for (uint256 i = 0; i < VOTERS; ++i) {
            address voter = address(uint160(uint256(keccak256(abi.encode("voter", i)))));
            voters.push(voter);
            // Budgets from 1 to 3,600 voice credits, some plus a base of 2.
            credits.mint(voter, (1 + ((i * 719) % 3_600)) * 1e18);
            vm.prank(voter);
            credits.delegate(voter);
        }
        uint64 start = uint64(block.timestamp);
        IQuadraticVotingRound.VotingRoundConfig memory config = IQuadraticVotingRound.VotingRoundConfig({
            payoutToken: address(payoutToken),
            applicationsStart: start + 1,
            applicationsEnd: start + 100,
            votingStart: start + 100,
            votingEnd: start + 1_000,
            votingToken: address(0),
            snapshot: uint48(start + 99),
            powerPerVoiceCredit: 1e18,
            baseVoiceCredits: 2,
            // Base credits need a rule for who may vote: here, holding commons credits (every voter does).
            eligibility: EligibilityRules.Rule(EligibilityRules.Kind.TokenBalance, address(credits), 0, 1, address(0))
        });
        round = IQuadraticVotingRound(factory.createVotingRound(1, config, "ipfs://round"));
        vm.warp(start + 1);
        for (uint256 i = 0; i < PROJECTS; ++i) {
            uint256 id = registry.registerProject(1, address(uint160(0xBEEF0 + i)), "ipfs://project");
            round.submitApplication(id, "ipfs://application");
            round.approveApplication(id, "");
            projectIds.push(id);
        }
        payoutToken.mint(address(this), POOL);
        payoutToken.approve(address(round), POOL);
        round.fundMatchingPool(POOL);
        vm.warp(start + 100);
        for (uint256 i = 0; i < VOTERS; ++i) budgets.push(round.voiceCreditsOf(voters[i]));
    }

    /// @notice V1–V4 over a random life of the round.
    function testFuzz_RandomBallotsKeepTheTallyExactAndWithinBudget(uint256 seed) public {
        for (uint256 step = 0; step < ACTIONS; ++step) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            uint256 voterIndex = seed % VOTERS;
            _castRandomBallot(voters[voterIndex], budgets[voterIndex], seed >> 8);
            _checkTallyIsExact();
        }
        vm.warp(block.timestamp + 1_000);
        round.finalize();
        _checkPayoutsSplitThePool(seed);
    }

    /// @dev A random ballot over a random subset of projects; the larger votes may go over budget, which must
    /// be refused and change nothing (V1).
    function _castRandomBallot(address voter, uint256 budget, uint256 seed) internal {
        uint256 mask = seed % (1 << PROJECTS);
        uint256 count;
        for (uint256 p = 0; p < PROJECTS; ++p) if (mask & (1 << p) != 0) ++count;
        IQuadraticVotingRound.Ballot memory next;
        next.projectIds = new uint256[](count);
        next.votes = new uint256[](count);
        uint256 cost;
        uint256 k;
        uint256 limit = _sqrt(budget) + 2;
        for (uint256 p = 0; p < PROJECTS; ++p) {
            if (mask & (1 << p) == 0) continue;
            uint256 votes = 1 + (uint256(keccak256(abi.encode(seed, p))) % limit);
            next.projectIds[k] = projectIds[p];
            next.votes[k] = votes;
            cost += votes * votes;
            ++k;
        }
        IQuadraticVotingRound.Ballot memory previous = IQuadraticVotingRound.Ballot(ghostIds[voter], ghostVotes[voter]);
        uint256 totalBefore = round.totalVotes();
        if (cost > budget) {
            vm.expectRevert(
                abi.encodeWithSelector(IQuadraticVotingRound.BallotOverBudget.selector, voter, cost, budget)
            );
            vm.prank(voter);
            round.castBallot(previous, next, new bytes32[](0));
            assertEq(round.totalVotes(), totalBefore, "a refused ballot changed the total");
            return;
        }
        vm.prank(voter);
        round.castBallot(previous, next, new bytes32[](0));
        ghostIds[voter] = next.projectIds;
        ghostVotes[voter] = next.votes;
    }

    /// @dev V1: every standing ballot is within its voter's budget. V2: each project's votes and voters, and
    /// the round's total, equal a recomputation from the standing ballots.
    function _checkTallyIsExact() internal view {
        uint256[] memory votesOf = new uint256[](PROJECTS);
        uint256[] memory votersOf = new uint256[](PROJECTS);
        uint256 total;
        for (uint256 v = 0; v < VOTERS; ++v) {
            uint256[] storage ids = ghostIds[voters[v]];
            uint256[] storage votes = ghostVotes[voters[v]];
            uint256 cost;
            for (uint256 i = 0; i < ids.length; ++i) {
                uint256 p = ids[i] - projectIds[0];
                votesOf[p] += votes[i];
                ++votersOf[p];
                total += votes[i];
                cost += votes[i] * votes[i];
            }
            assertLe(cost, budgets[v], "a standing ballot over its voter's budget");
            assertEq(
                round.ballotHashOf(voters[v]),
                ids.length == 0 ? bytes32(0) : keccak256(abi.encode(ids, votes)),
                "the kept ballot hash"
            );
        }
        for (uint256 p = 0; p < PROJECTS; ++p) {
            IQuadraticVotingRound.ProjectVotes memory project = round.projectVotes(projectIds[p]);
            assertEq(project.votes, votesOf[p], "a project's votes against the standing ballots");
            assertEq(project.voters, votersOf[p], "a project's voters against the standing ballots");
        }
        assertEq(round.totalVotes(), total, "the total against the standing ballots");
    }

    /// @dev V3: each project is paid `pool × votes / total` rounded down, once, in any order; what stays is
    /// under one base unit per project, or the whole pool goes back to the funder when nobody voted.
    function _checkPayoutsSplitThePool(uint256 seed) internal {
        uint256 total = round.totalVotes();
        uint256 paid;
        for (uint256 i = 0; i < PROJECTS; ++i) {
            // A random claim order: start anywhere, go round.
            uint256 projectId = projectIds[(seed + i) % PROJECTS];
            uint256 expected = total == 0 ? 0 : (POOL * round.projectVotes(projectId).votes) / total;
            assertEq(round.estimatedPayout(projectId), expected, "a project's payout");
            round.claimPayout(projectId);
            paid += expected;
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.AlreadyPaid.selector, projectId));
            round.claimPayout(projectId);
        }
        assertLe(paid, POOL, "payouts beyond the pool");
        uint256 left = IERC20(address(payoutToken)).balanceOf(address(round));
        assertEq(left, POOL - paid, "the round's balance after the payouts");
        if (total == 0) {
            round.claimLeftover();
            assertEq(IERC20(address(payoutToken)).balanceOf(address(round)), 0, "an unvoted pool goes back");
        } else {
            assertLt(left, PROJECTS, "dust of at most one base unit per project");
        }
    }

    function _sqrt(uint256 x) private pure returns (uint256 r) {
        while ((r + 1) * (r + 1) <= x) ++r;
    }
}
