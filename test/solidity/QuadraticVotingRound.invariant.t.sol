// SPDX-License-Identifier: AGPL-3.0-or-later
// The setup, the suite and the guard that the handler is called belong together.
// solhint-disable one-contract-per-file
// Foundry's test naming (invariant_...) is not mixedCase.
// solhint-disable func-name-mixedcase
// Assertion messages are read by people when a test fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

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
import {QuadraticVotingRoundHandler} from "./handlers/QuadraticVotingRoundHandler.sol";
import {TestBase} from "./utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title QuadraticVotingRoundInvariantSetup
/// @notice The world of the invariant tests: a voting round in a 6-decimal token on voice credits from a
/// timestamp-clocked votes token, with four approved projects and one pending, five voters holding from 1 to
/// 3,600 credits at the snapshot (plus a base of 2), and one account the eligibility rule refuses. The
/// applications window is still open when the fuzzer starts, so ballots are tried before, in and after the
/// voting window.
abstract contract QuadraticVotingRoundInvariantSetup is TestBase {
    uint256 internal constant APPROVED_COUNT = 4;
    uint256 internal constant ELIGIBLE_VOTERS = 5;
    uint256 internal constant BASE_VOICE_CREDITS = 2;
    uint256 internal constant NODE_ID = 1;

    address internal constant STEWARD = address(uint160(uint256(keccak256("hyphae.voting.steward"))));
    address internal constant KEEPER = address(uint160(uint256(keccak256("hyphae.voting.keeper"))));

    IQuadraticVotingRound internal round;
    TestToken internal token;
    QuadraticVotingRoundHandler internal handler;
    /// @dev The voters the handler was given, for the invariants to go through.
    QuadraticVotingRoundHandler.Voter[] internal voters;

    function setUp() public {
        NodeRegistry nodes = new NodeRegistry(address(this));
        address[] memory stewards = new address[](1);
        stewards[0] = STEWARD;
        nodes.addNode(INodeRegistry.NodeKind.Translocal, 0, "Commons", "ipfs://commons", stewards, 1);
        ProjectRegistry registry = new ProjectRegistry(nodes);
        RoundFactory fundingFactory = new RoundFactory(address(registry), address(new QuadraticFundingRound()), nodes);
        token = new TestToken("Commons Dollar", "CUSD", 6);
        fundingFactory.setPayoutTokenAllowed(address(token), true);
        TestVotesToken credits = new TestVotesToken(true);
        VotingRoundFactory factory = new VotingRoundFactory(
            address(new QuadraticVotingRound()),
            IRoundFactory(address(fundingFactory)),
            address(credits)
        );

        _addVoters(credits);

        uint64 start = uint64(block.timestamp);
        vm.prank(STEWARD);
        round = IQuadraticVotingRound(factory.createVotingRound(NODE_ID, _config(start, address(credits)), "ipfs://r"));
        vm.warp(start + 1);
        (uint256[] memory approved, address[] memory payoutAddresses, uint256 pending) = _applyAndReview(registry);
        vm.warp(start + 60);

        handler = new QuadraticVotingRoundHandler(round, token, STEWARD, voters, approved, pending, payoutAddresses);
        targetContract(address(handler));
        targetSelector(FuzzSelector({addr: address(handler), selectors: _weightedActions()}));
        targetSender(KEEPER);
    }

    /// @dev Five voters holding from 1 to 3,600 voice credits at the snapshot, and one holding none.
    function _addVoters(TestVotesToken credits) private {
        for (uint256 i = 0; i <= ELIGIBLE_VOTERS; ++i) {
            uint256 privateKey = uint256(keccak256(abi.encode("hyphae.voting.voter", i)));
            address account = vm.addr(privateKey);
            vm.label(account, string.concat("voter", Strings.toString(i)));
            // The last voter holds no credits: the rule refuses it.
            uint256 held = i < ELIGIBLE_VOTERS ? 1 + ((i * 719) % 3_600) : 0;
            if (held != 0) {
                credits.mint(account, held * 1e18);
                vm.prank(account);
                credits.delegate(account);
            }
            voters.push(
                QuadraticVotingRoundHandler.Voter({
                    account: account,
                    privateKey: privateKey,
                    budget: held + BASE_VOICE_CREDITS,
                    eligible: held != 0
                })
            );
        }
    }

    /// @dev Five projects apply; the first four are approved, the last stays pending.
    function _applyAndReview(
        ProjectRegistry registry
    ) private returns (uint256[] memory approved, address[] memory payoutAddresses, uint256 pending) {
        approved = new uint256[](APPROVED_COUNT);
        payoutAddresses = new address[](APPROVED_COUNT);
        for (uint256 i = 0; i <= APPROVED_COUNT; ++i) {
            address owner = address(uint160(uint256(keccak256(abi.encode("hyphae.voting.owner", i)))));
            address payee = address(uint160(uint256(keccak256(abi.encode("hyphae.voting.payee", i)))));
            vm.startPrank(owner);
            uint256 projectId = registry.registerProject(NODE_ID, payee, "ipfs://project");
            round.submitApplication(projectId, "ipfs://application");
            vm.stopPrank();
            // The last project's application stays pending.
            if (i == APPROVED_COUNT) {
                pending = projectId;
                break;
            }
            vm.prank(STEWARD);
            round.approveApplication(projectId, "");
            approved[i] = projectId;
            payoutAddresses[i] = payee;
        }
    }

    function _config(
        uint64 start,
        address credits
    ) private view returns (IQuadraticVotingRound.VotingRoundConfig memory) {
        return
            IQuadraticVotingRound.VotingRoundConfig({
                payoutToken: address(token),
                applicationsStart: start + 1,
                applicationsEnd: start + 100,
                votingStart: start + 100,
                votingEnd: start + 1_000,
                votingToken: address(0),
                snapshot: uint48(start + 99),
                powerPerVoiceCredit: 1e18,
                baseVoiceCredits: uint128(BASE_VOICE_CREDITS),
                // Base credits need a rule for who may vote: holding commons credits.
                eligibility: EligibilityRules.Rule(EligibilityRules.Kind.TokenBalance, credits, 0, 1, address(0))
            });
    }

    /// @dev Ballots are what the other actions need to mean something, so they come most often.
    function _weightedActions() private pure returns (bytes4[] memory actions) {
        actions = new bytes4[](16);
        actions[0] = QuadraticVotingRoundHandler.castBallot.selector;
        actions[1] = QuadraticVotingRoundHandler.castBallot.selector;
        actions[2] = QuadraticVotingRoundHandler.castBallot.selector;
        actions[3] = QuadraticVotingRoundHandler.castSignedBallot.selector;
        actions[4] = QuadraticVotingRoundHandler.castSignedBallot.selector;
        actions[5] = QuadraticVotingRoundHandler.refundFunding.selector;
        actions[6] = QuadraticVotingRoundHandler.withdrawBallot.selector;
        actions[7] = QuadraticVotingRoundHandler.fund.selector;
        actions[8] = QuadraticVotingRoundHandler.fund.selector;
        actions[9] = QuadraticVotingRoundHandler.warp.selector;
        actions[10] = QuadraticVotingRoundHandler.warp.selector;
        actions[11] = QuadraticVotingRoundHandler.finalize.selector;
        actions[12] = QuadraticVotingRoundHandler.cancel.selector;
        actions[13] = QuadraticVotingRoundHandler.claimPayout.selector;
        actions[14] = QuadraticVotingRoundHandler.claimPayouts.selector;
        actions[15] = QuadraticVotingRoundHandler.claimLeftover.selector;
    }
}

/// @title QuadraticVotingRoundInvariantTest
/// @notice Properties V1–V5 of PROPERTIES.md, and the round's share of R1, R5, R7, R9, R10 and R11, checked after
/// every call of random voting rounds. The handler checks each call's own outcome (the right error, the right
/// amount received); the invariants check the round's state as a whole.
/// hardhat-config: invariant.failOnRevert = true
contract QuadraticVotingRoundInvariantTest is QuadraticVotingRoundInvariantSetup {
    /// @notice V1: every standing ballot costs at most its voter's budget, and the round keeps its hash.
    function invariant_NoVoterSpendsBeyondItsBudget() external view {
        for (uint256 v = 0; v < voters.length; ++v) {
            IQuadraticVotingRound.Ballot memory ballot = handler.standingBallot(voters[v].account);
            uint256 cost;
            for (uint256 i = 0; i < ballot.votes.length; ++i) cost += ballot.votes[i] * ballot.votes[i];
            assertLe(cost, voters[v].budget, "a standing ballot against its voter's budget");
            if (!voters[v].eligible) assertEq(ballot.votes.length, 0, "a ballot from an account the rule refuses");
            assertEq(round.ballotHashOf(voters[v].account), round.hashBallot(ballot), "the kept ballot hash");
            if (block.timestamp > round.parameters().config.snapshot) {
                assertEq(round.voiceCreditsOf(voters[v].account), voters[v].budget, "voice credits at the snapshot");
            }
        }
    }

    /// @notice V2, V4: each project's votes and voters, and the round's total, equal a recomputation from the
    /// standing ballots, where each project appears at most once.
    function invariant_TalliesAreExact() external view {
        uint256[] memory approved = handler.approvedProjects();
        uint256 total;
        for (uint256 p = 0; p < approved.length; ++p) {
            uint256 votes;
            uint256 voterCount;
            for (uint256 v = 0; v < voters.length; ++v) {
                IQuadraticVotingRound.Ballot memory ballot = handler.standingBallot(voters[v].account);
                for (uint256 i = 0; i < ballot.projectIds.length; ++i) {
                    if (i != 0) assertGt(ballot.projectIds[i], ballot.projectIds[i - 1], "ballot order");
                    if (ballot.projectIds[i] != approved[p]) continue;
                    votes += ballot.votes[i];
                    ++voterCount;
                }
            }
            IQuadraticVotingRound.ProjectVotes memory tally = round.projectVotes(approved[p]);
            assertEq(tally.votes, votes, "a project's votes against the standing ballots");
            assertEq(tally.voters, voterCount, "a project's voters against the standing ballots");
            total += votes;
        }
        assertEq(round.totalVotes(), total, "the total against the standing ballots");
        assertEq(round.projectVotes(_pending()).votes, 0, "votes for a pending project");
    }

    /// @notice R1: the round holds exactly what was funded less what it paid, and that covers every unpaid
    /// payout and unclaimed leftover.
    function invariant_BalanceCoversWhatTheRoundOwes() external view {
        uint256 balance = token.balanceOf(address(round));
        uint256 paidOut = handler.ghostPaidOut() + handler.ghostLeftoversClaimed() + handler.ghostRefunded();
        assertEq(balance, handler.ghostPoolFunded() - paidOut, "balance against what came in less what went out");
        IProjectRound.RoundStatus status = round.status();
        if (status == IProjectRound.RoundStatus.Active) {
            assertEq(round.matchingPool(), handler.ghostPoolFunded(), "matching pool against what was funded");
        }
        uint256 owed;
        address[] memory funders = handler.funders();
        if (status == IProjectRound.RoundStatus.Finalized) {
            uint256[] memory approved = handler.approvedProjects();
            for (uint256 i = 0; i < approved.length; ++i) {
                if (!round.projectVotes(approved[i]).paid) owed += round.estimatedPayout(approved[i]);
            }
            for (uint256 i = 0; i < funders.length; ++i) {
                if (round.totalVotes() == 0 && !handler.ghostFunderSettled(funders[i])) {
                    owed += handler.ghostFunded(funders[i]);
                }
            }
        } else if (status == IProjectRound.RoundStatus.Cancelled) {
            for (uint256 i = 0; i < funders.length; ++i) {
                if (!handler.ghostFunderSettled(funders[i])) owed += handler.ghostFunded(funders[i]);
            }
        }
        assertGe(balance, owed, "balance against what is still owed");
    }

    /// @notice V3, R5, R7: each project is paid `pool × votes / total` rounded down, at most once; the payouts
    /// never exceed the pool, and once all are paid what stays is under one base unit per project.
    function invariant_PayoutsFollowTheVotesOnce() external view {
        uint256[] memory approved = handler.approvedProjects();
        uint256 pool = round.matchingPool();
        uint256 total = round.totalVotes();
        uint256 paid;
        bool everyonePaid = true;
        for (uint256 i = 0; i < approved.length; ++i) {
            uint256 count = handler.ghostPayoutCount(approved[i]);
            assertLe(count, 1, "a project paid more than once");
            assertEq(round.projectVotes(approved[i]).paid, count == 1, "the paid flag against the payouts made");
            if (count == 0) {
                everyonePaid = false;
                continue;
            }
            uint256 expected = total == 0 ? 0 : (pool * round.projectVotes(approved[i]).votes) / total;
            assertEq(handler.ghostPayoutAmount(approved[i]), expected, "a payout against pool x votes / total");
            paid += expected;
        }
        assertLe(handler.ghostPaidOut(), pool, "payouts beyond the pool");
        assertEq(handler.ghostPaidOut(), paid, "payouts against their sum");
        if (everyonePaid && total != 0) {
            assertLt(pool - paid, approved.length, "dust of at most one base unit per project");
        }
    }

    /// @notice R9: every accepted ballot came inside the voting window, and finalization only from its end.
    function invariant_NoInstantIsBothOpenAndEnded() external view {
        IQuadraticVotingRound.VotingRoundConfig memory config = round.parameters().config;
        if (handler.acceptedBallots() != 0) {
            assertGe(handler.ghostEarliestBallotAt(), config.votingStart, "earliest ballot against the opening");
            assertLt(handler.ghostLatestBallotAt(), config.votingEnd, "latest ballot against the close");
        }
        if (handler.finalizations() != 0) {
            assertGe(handler.ghostFinalizedAt(), config.votingEnd, "finalization against the close");
        }
    }

    /// @notice R10: once finalized or cancelled, the status, the pool and every tally stay as they were.
    function invariant_FinalMeansFinal() external view {
        QuadraticVotingRoundHandler.ClosedRound memory closed = handler.closedRound();
        if (!closed.taken) {
            assertEq(uint8(round.status()), uint8(IProjectRound.RoundStatus.Active), "closed without the handler");
            return;
        }
        assertEq(uint8(round.status()), uint8(closed.status), "the status after closing");
        assertEq(round.matchingPool(), closed.matchingPool, "the pool after closing");
        assertEq(round.totalVotes(), closed.totalVotes, "the total after closing");
        uint256[] memory approved = handler.approvedProjects();
        for (uint256 i = 0; i < approved.length; ++i) {
            assertEq(round.projectVotes(approved[i]).votes, handler.closedVotes(approved[i]), "votes after closing");
        }
    }

    /// @notice R11: after a cancellation nothing is paid to projects, and each funder gets back what it put in.
    function invariant_CancellationReturnsEverything() external view {
        if (round.status() != IProjectRound.RoundStatus.Cancelled) return;
        assertEq(handler.ghostPaidOut(), 0, "payouts from a cancelled round");
        address[] memory funders = handler.funders();
        uint256 refundable;
        for (uint256 i = 0; i < funders.length; ++i) {
            (uint256 funded, bool settled) = round.funderAccount(funders[i]);
            assertEq(funded, handler.ghostFunded(funders[i]), "a funder's account");
            assertEq(settled, handler.ghostFunderSettled(funders[i]), "a funder's settlement");
            if (!settled) refundable += funded;
        }
        assertEq(token.balanceOf(address(round)), refundable, "the balance against the refunds still owed");
    }

    function _pending() private view returns (uint256) {
        return handler.PENDING_PROJECT();
    }
}

/// @title QuadraticVotingRoundHandlerIsCalledTest
/// @notice Guards the suite above against passing vacuously: every run must really call the handler. Kept apart
/// for the reason given at `QuadraticFundingRoundHandlerIsCalledTest`.
/// hardhat-config: invariant.failOnRevert = true
/// hardhat-config: invariant.runs = 16
contract QuadraticVotingRoundHandlerIsCalledTest is QuadraticVotingRoundInvariantSetup {
    /// @notice After each run: the handler was called.
    function afterInvariant() external view {
        assertGt(handler.calls(), 0, "handler calls in this run");
    }

    /// @notice Holds whenever the handler's counters are consistent.
    function invariant_handlerCountsNoMoreBallotsThanCalls() external view {
        assertLe(handler.acceptedBallots() + handler.refusedBallots(), handler.calls(), "ballots against calls");
    }
}
