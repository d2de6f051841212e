// SPDX-License-Identifier: AGPL-3.0-or-later
// Assertion messages are read by people when a check fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

import {IProjectRound} from "../../../contracts/interfaces/IProjectRound.sol";
import {IQuadraticVotingRound} from "../../../contracts/interfaces/IQuadraticVotingRound.sol";
import {EligibilityRules} from "../../../contracts/libraries/EligibilityRules.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {TestBase} from "../utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title QuadraticVotingRoundHandler
/// @notice Drives one voting round through random lives for the invariant tests: funders fill the pool, voters
/// cast, replace and withdraw ballots directly or through a relayer with signatures (some over budget, out of
/// order, for a pending project, with a stale previous ballot, replayed or expired, or from an account the rule
/// refuses), time passes, a steward may cancel, anyone finalizes, and everyone claims. Every action first works
/// out, from the round's state, whether it must succeed or revert and with which error, and checks it: a wrong
/// outcome makes the handler revert, and the suite runs with `failOnRevert`, so every surprise fails the run.
/// @dev Ghosts record each voter's standing ballot and what went in and out, for the invariants to compare with
/// the round's state.
// The ghosts mirror the round's accounting one variable per quantity, which is what makes them easy to check.
// solhint-disable-next-line max-states-count
contract QuadraticVotingRoundHandler is TestBase {
    /// @notice The round's numbers when it left the Active status, which must never change afterwards.
    struct ClosedRound {
        bool taken;
        IProjectRound.RoundStatus status;
        uint256 matchingPool;
        uint256 totalVotes;
    }

    /// @notice A voter as the test set it up: its signing key and the voice credits it holds at the snapshot.
    struct Voter {
        address account;
        bool eligible;
        uint256 privateKey;
        uint256 budget;
    }

    uint256 private constant FUNDER_COUNT = 3;

    IQuadraticVotingRound public immutable ROUND;
    TestToken public immutable TOKEN;
    address public immutable STEWARD;
    uint256 public immutable NODE_ID;
    uint64 public immutable VOTING_START;
    uint64 public immutable VOTING_END;
    uint256 public immutable PENDING_PROJECT;

    Voter[] private _voters;
    address[] private _funders;
    uint256[] private _approvedProjects;
    mapping(uint256 projectId => address) public payoutAddressOf;

    // Ghosts: each voter's standing ballot.
    mapping(address voter => uint256[]) private _ghostIds;
    mapping(address voter => uint256[]) private _ghostVotes;
    // Ghosts: token units, as they went in and out.
    uint256 public ghostPoolFunded;
    uint256 public ghostPaidOut;
    uint256 public ghostLeftoversClaimed;
    uint256 public ghostRefunded;
    mapping(address funder => uint256) public ghostFunded;
    mapping(address funder => bool) public ghostFunderSettled;
    mapping(uint256 projectId => uint256) public ghostPayoutCount;
    mapping(uint256 projectId => uint256) public ghostPayoutAmount;
    /// @notice The times of the earliest and latest accepted ballots, and when the round was finalized.
    uint256 public ghostEarliestBallotAt;
    uint256 public ghostLatestBallotAt;
    uint256 public ghostFinalizedAt;
    ClosedRound private _closed;
    /// @notice Each approved project's votes when the round closed.
    mapping(uint256 projectId => uint256) public closedVotes;

    // How the calls went, to show that the runs exercise every path.
    uint256 public calls;
    uint256 public acceptedBallots;
    uint256 public acceptedSignedBallots;
    uint256 public refusedBallots;
    uint256 public finalizations;
    uint256 public cancellations;
    uint256 public payouts;

    /// @param voters The voters, eligible or not, with their keys and budgets at the snapshot.
    /// @param approvedProjectIds The approved projects, in increasing order; `pendingProject` is above them all.
    constructor(
        IQuadraticVotingRound round,
        TestToken token,
        address steward,
        Voter[] memory voters,
        uint256[] memory approvedProjectIds,
        uint256 pendingProject,
        address[] memory payoutAddresses
    ) {
        ROUND = round;
        TOKEN = token;
        STEWARD = steward;
        IQuadraticVotingRound.VotingRoundParameters memory parameters = round.parameters();
        NODE_ID = parameters.nodeId;
        VOTING_START = parameters.config.votingStart;
        VOTING_END = parameters.config.votingEnd;
        PENDING_PROJECT = pendingProject;
        for (uint256 i = 0; i < voters.length; ++i) _voters.push(voters[i]);
        _approvedProjects = approvedProjectIds;
        for (uint256 i = 0; i < approvedProjectIds.length; ++i) {
            payoutAddressOf[approvedProjectIds[i]] = payoutAddresses[i];
        }
        for (uint256 i = 0; i < FUNDER_COUNT; ++i) {
            address funder = address(uint160(uint256(keccak256(abi.encode("hyphae.voting.funder", i)))));
            vm.label(funder, string.concat("funder", Strings.toString(i)));
            _funders.push(funder);
        }
    }

    modifier counted() {
        ++calls;
        _;
    }

    // ---------------------------------------------------------------------------------------------------
    // Actions
    // ---------------------------------------------------------------------------------------------------

    /// @notice A funder adds to the pool: accepted until the round closes, refused afterwards.
    function fund(uint256 funderSeed, uint256 amountSeed) external counted {
        address funder = _funders[funderSeed % FUNDER_COUNT];
        uint256 amount = 1 + (_mix(amountSeed, "amount") % 20_000e6);
        IProjectRound.RoundStatus status = ROUND.status();
        vm.startPrank(funder);
        TOKEN.mint(funder, amount);
        TOKEN.approve(address(ROUND), amount);
        if (status != IProjectRound.RoundStatus.Active) vm.expectRevert(_statusError(status));
        ROUND.fundMatchingPool(amount);
        vm.stopPrank();
        if (status != IProjectRound.RoundStatus.Active) return;
        ghostFunded[funder] += amount;
        ghostPoolFunded += amount;
    }

    /// @notice A voter casts a random ballot directly: it replaces its standing one, or is refused with the
    /// first error the round checks for, and changes nothing.
    function castBallot(uint256 voterSeed, uint256 ballotSeed) external counted {
        Voter memory voter = _voters[voterSeed % _voters.length];
        ballotSeed = _mix(ballotSeed, "ballot");
        IQuadraticVotingRound.Ballot memory previous = _previousFor(voter.account, ballotSeed);
        IQuadraticVotingRound.Ballot memory next = _randomBallot(voter.budget, ballotSeed);
        bytes memory expected = _expectedBallotError(voter, previous, next);
        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(voter.account);
        ROUND.castBallot(previous, next, new bytes32[](0));
        _afterBallot(voter.account, next, expected.length == 0);
    }

    /// @notice A voter withdraws its ballot by casting an empty one.
    function withdrawBallot(uint256 voterSeed) external counted {
        Voter memory voter = _voters[voterSeed % _voters.length];
        IQuadraticVotingRound.Ballot memory previous = _standing(voter.account);
        IQuadraticVotingRound.Ballot memory empty;
        empty.projectIds = new uint256[](0);
        empty.votes = new uint256[](0);
        bytes memory expected = _expectedBallotError(voter, previous, empty);
        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(voter.account);
        ROUND.castBallot(previous, empty, new bytes32[](0));
        _afterBallot(voter.account, empty, expected.length == 0);
    }

    /// @notice A relayer submits a voter's signed ballot: once, before its deadline, over the ballot it names;
    /// submitted again, it is refused.
    function castSignedBallot(uint256 voterSeed, uint256 ballotSeed, uint256 relayerSeed) external counted {
        Voter memory voter = _voters[voterSeed % _voters.length];
        ballotSeed = _mix(ballotSeed, "signed");
        IQuadraticVotingRound.SignedBallot memory signed;
        signed.voter = voter.account;
        signed.previous = _standing(voter.account);
        signed.next = _randomBallot(voter.budget, ballotSeed);
        signed.proof = new bytes32[](0);
        signed.nonce = ROUND.nonces(voter.account);
        // One signature in eight was given out with a deadline that has passed.
        bool expired = (ballotSeed >> 200) % 8 == 0 && block.timestamp > 0;
        signed.deadline = expired ? block.timestamp - 1 : block.timestamp + 1 days;
        signed.signature = _sign(voter.privateKey, signed);

        bytes memory expected =
            expired
                ? abi.encodeWithSelector(IQuadraticVotingRound.SignatureExpired.selector, signed.deadline)
                : _expectedBallotError(voter, signed.previous, signed.next);
        _submitSigned(signed, relayerSeed, expected);
        _afterBallot(voter.account, signed.next, expected.length == 0);
        if (expected.length != 0) return;
        ++acceptedSignedBallots;
        // Anyone who saw it submits it again, at once or later: the nonce is spent, so it is refused.
        if ((ballotSeed >> 208) % 2 == 0) vm.warp(block.timestamp + ((ballotSeed >> 216) % 300));
        _submitSigned(
            signed,
            relayerSeed >> 8,
            block.timestamp > signed.deadline
                ? abi.encodeWithSelector(IQuadraticVotingRound.SignatureExpired.selector, signed.deadline)
                : abi.encodeWithSelector(Nonces.InvalidAccountNonce.selector, signed.voter, signed.nonce + 1)
        );
    }

    /// @notice Time passes; sometimes to the last second of the voting window or the first after it.
    function warp(uint256 seed) external counted {
        seed = _mix(seed, "warp");
        uint256 target = block.timestamp + (seed % 240);
        uint256 edge = (seed >> 128) % 12;
        if (edge == 0) target = uint256(VOTING_START) - 1;
        if (edge == 1) target = VOTING_START;
        if (edge == 2) target = uint256(VOTING_END) - 1;
        if (edge == 3) target = VOTING_END;
        if (target > block.timestamp) vm.warp(target);
    }

    /// @notice Anyone finalizes: refused before the voting window ends; one call in six first waits for the end.
    function finalize(uint256 seed) external counted {
        seed = _mix(seed, "finalize");
        IProjectRound.RoundStatus status = ROUND.status();
        if (status == IProjectRound.RoundStatus.Active && block.timestamp < VOTING_END && seed % 6 == 0) {
            vm.warp(VOTING_END);
        }
        if (status != IProjectRound.RoundStatus.Active) {
            vm.expectRevert(_statusError(status));
        } else if (block.timestamp < VOTING_END) {
            vm.expectRevert(abi.encodeWithSelector(IQuadraticVotingRound.VotingWindowNotEnded.selector, VOTING_END));
        }
        ROUND.finalize();
        if (status == IProjectRound.RoundStatus.Active && block.timestamp >= VOTING_END) {
            ++finalizations;
            ghostFinalizedAt = block.timestamp;
            _takeClosedRound();
        }
    }

    /// @notice A steward cancels (rarely); anyone else who tries is refused.
    function cancel(uint256 seed) external counted {
        seed = _mix(seed, "cancel");
        IProjectRound.RoundStatus status = ROUND.status();
        address caller = seed % 12 == 0 ? STEWARD : _anyone(seed >> 8);
        if (caller != STEWARD) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.NotNodeSteward.selector, NODE_ID, caller));
        } else if (status != IProjectRound.RoundStatus.Active) {
            vm.expectRevert(_statusError(status));
        }
        vm.prank(caller);
        ROUND.cancel();
        if (caller == STEWARD && status == IProjectRound.RoundStatus.Active) {
            ++cancellations;
            _takeClosedRound();
        }
    }

    /// @notice Anyone claims a project's payout: `pool × votes / total`, once, to its payout address.
    function claimPayout(uint256 projectSeed, uint256 callerSeed) external counted {
        uint256 projectId = _projectOrPending(projectSeed);
        bytes memory expected = _expectedPayoutError(projectId);
        uint256 amount = expected.length == 0 ? ROUND.estimatedPayout(projectId) : 0;
        address payee = payoutAddressOf[projectId];
        uint256 before = payee == address(0) ? 0 : TOKEN.balanceOf(payee);
        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(_anyone(callerSeed));
        ROUND.claimPayout(projectId);
        if (expected.length != 0) return;
        _recordPayout(projectId, amount);
        assertEq(TOKEN.balanceOf(payee), before + amount, "a payout received");
    }

    /// @notice Anyone pays every approved project in one call; those paid already are skipped.
    function claimPayouts(uint256 callerSeed) external counted {
        IProjectRound.RoundStatus status = ROUND.status();
        uint256[] memory amounts = new uint256[](_approvedProjects.length);
        for (uint256 i = 0; i < _approvedProjects.length; ++i) {
            if (!ROUND.projectVotes(_approvedProjects[i]).paid)
                amounts[i] = ROUND.estimatedPayout(_approvedProjects[i]);
        }
        if (status != IProjectRound.RoundStatus.Finalized) vm.expectRevert(_statusError(status));
        vm.prank(_anyone(callerSeed));
        ROUND.claimPayouts(_approvedProjects);
        if (status != IProjectRound.RoundStatus.Finalized) return;
        for (uint256 i = 0; i < _approvedProjects.length; ++i) {
            if (ghostPayoutCount[_approvedProjects[i]] == 0) _recordPayout(_approvedProjects[i], amounts[i]);
        }
    }

    /// @notice A funder, or a steward or voter who funded nothing, claims a leftover: the whole pool goes back
    /// pro rata when nobody voted, nothing otherwise; only funders, once.
    function claimLeftover(uint256 callerSeed) external counted {
        address caller = _funderOrNot(callerSeed);
        IProjectRound.RoundStatus status = ROUND.status();
        uint256 amount;
        uint256 before = TOKEN.balanceOf(caller);
        if (status != IProjectRound.RoundStatus.Finalized) {
            vm.expectRevert(_statusError(status));
        } else if (ghostFunded[caller] == 0 || ghostFunderSettled[caller]) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.NothingToClaim.selector, caller));
        } else if (ROUND.totalVotes() == 0) {
            amount = ghostFunded[caller];
        }
        vm.prank(caller);
        ROUND.claimLeftover();
        if (status != IProjectRound.RoundStatus.Finalized || ghostFunded[caller] == 0 || ghostFunderSettled[caller]) {
            return;
        }
        ghostFunderSettled[caller] = true;
        ghostLeftoversClaimed += amount;
        assertEq(TOKEN.balanceOf(caller), before + amount, "a leftover received");
    }

    /// @notice After a cancellation, a funder takes back exactly what it put in, once; no one else takes
    /// anything.
    function refundFunding(uint256 callerSeed) external counted {
        address caller = _funderOrNot(callerSeed);
        IProjectRound.RoundStatus status = ROUND.status();
        bool refunds =
            status == IProjectRound.RoundStatus.Cancelled && ghostFunded[caller] != 0 && !ghostFunderSettled[caller];
        uint256 before = TOKEN.balanceOf(caller);
        if (status != IProjectRound.RoundStatus.Cancelled) {
            vm.expectRevert(_statusError(status));
        } else if (!refunds) {
            vm.expectRevert(abi.encodeWithSelector(IProjectRound.NothingToClaim.selector, caller));
        }
        vm.prank(caller);
        ROUND.refundFunding();
        if (!refunds) return;
        ghostFunderSettled[caller] = true;
        ghostRefunded += ghostFunded[caller];
        assertEq(TOKEN.balanceOf(caller), before + ghostFunded[caller], "a refund received");
    }

    // ---------------------------------------------------------------------------------------------------
    // Views for the invariants
    // ---------------------------------------------------------------------------------------------------

    function funders() external view returns (address[] memory) {
        return _funders;
    }

    function approvedProjects() external view returns (uint256[] memory) {
        return _approvedProjects;
    }

    /// @notice The ballot `voter` stands on, as the test recorded it.
    function standingBallot(address voter) external view returns (IQuadraticVotingRound.Ballot memory) {
        return _standing(voter);
    }

    function closedRound() external view returns (ClosedRound memory) {
        return _closed;
    }

    // ---------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------

    /// @dev A ballot over a random subset of the projects, the pending one included, with votes up to a little
    /// over what the budget allows. One in sixteen has a zero vote, one in sixteen lists two projects out of
    /// order.
    function _randomBallot(
        uint256 budget,
        uint256 seed
    ) private view returns (IQuadraticVotingRound.Ballot memory ballot) {
        uint256 projectCount = _approvedProjects.length + 1;
        uint256 mask = seed % (1 << projectCount);
        uint256 count;
        for (uint256 p = 0; p < projectCount; ++p) if (mask & (1 << p) != 0) ++count;
        ballot.projectIds = new uint256[](count);
        ballot.votes = new uint256[](count);
        uint256 limit = _sqrt(budget) + 2;
        uint256 k;
        for (uint256 p = 0; p < projectCount; ++p) {
            if (mask & (1 << p) == 0) continue;
            ballot.projectIds[k] = p < _approvedProjects.length ? _approvedProjects[p] : PENDING_PROJECT;
            ballot.votes[k] = 1 + (uint256(keccak256(abi.encode(seed, p))) % limit);
            ++k;
        }
        uint256 quirk = (seed >> 64) % 16;
        if (quirk == 0 && count != 0) ballot.votes[count - 1] = 0;
        if (quirk == 1 && count >= 2) {
            (ballot.projectIds[0], ballot.projectIds[1]) = (ballot.projectIds[1], ballot.projectIds[0]);
            (ballot.votes[0], ballot.votes[1]) = (ballot.votes[1], ballot.votes[0]);
        }
    }

    /// @dev The voter's standing ballot, or (one time in ten, when it has one) a stale one: empty.
    function _previousFor(
        address voter,
        uint256 seed
    ) private view returns (IQuadraticVotingRound.Ballot memory previous) {
        previous = _standing(voter);
        if ((seed >> 96) % 10 == 0 && previous.projectIds.length != 0) {
            previous.projectIds = new uint256[](0);
            previous.votes = new uint256[](0);
        }
    }

    function _standing(address voter) private view returns (IQuadraticVotingRound.Ballot memory) {
        return IQuadraticVotingRound.Ballot(_ghostIds[voter], _ghostVotes[voter]);
    }

    /// @dev The round's checks, in the round's order: status, window, eligibility, the previous ballot, the
    /// lengths, the budget, then each entry's order, application and vote.
    function _expectedBallotError(
        Voter memory voter,
        IQuadraticVotingRound.Ballot memory previous,
        IQuadraticVotingRound.Ballot memory next
    ) private view returns (bytes memory) {
        IProjectRound.RoundStatus status = ROUND.status();
        if (status != IProjectRound.RoundStatus.Active) return _statusError(status);
        if (block.timestamp < VOTING_START || block.timestamp >= VOTING_END) {
            return abi.encodeWithSelector(IQuadraticVotingRound.OutsideVotingWindow.selector, VOTING_START, VOTING_END);
        }
        if (!voter.eligible) {
            return
                abi.encodeWithSelector(
                    EligibilityRules.NotEligible.selector,
                    voter.account,
                    EligibilityRules.Kind.TokenBalance
                );
        }
        if (_hash(previous) != _hash(_standing(voter.account))) {
            return abi.encodeWithSelector(IQuadraticVotingRound.PreviousBallotMismatch.selector, voter.account);
        }
        uint256 cost;
        for (uint256 i = 0; i < next.votes.length; ++i) cost += next.votes[i] * next.votes[i];
        if (cost > voter.budget) {
            return
                abi.encodeWithSelector(
                    IQuadraticVotingRound.BallotOverBudget.selector,
                    voter.account,
                    cost,
                    voter.budget
                );
        }
        for (uint256 i = 0; i < next.projectIds.length; ++i) {
            if (i != 0 && next.projectIds[i] <= next.projectIds[i - 1]) {
                return abi.encodeWithSelector(IQuadraticVotingRound.BallotNotSorted.selector, i);
            }
            if (next.projectIds[i] == PENDING_PROJECT) {
                return
                    abi.encodeWithSelector(
                        IProjectRound.UnexpectedApplicationStatus.selector,
                        PENDING_PROJECT,
                        IProjectRound.ApplicationStatus.Pending
                    );
            }
            if (next.votes[i] == 0) return abi.encodeWithSelector(IProjectRound.ZeroAmount.selector);
        }
        return "";
    }

    function _afterBallot(address voter, IQuadraticVotingRound.Ballot memory next, bool accepted) private {
        if (!accepted) {
            ++refusedBallots;
            return;
        }
        ++acceptedBallots;
        _ghostIds[voter] = next.projectIds;
        _ghostVotes[voter] = next.votes;
        if (ghostEarliestBallotAt == 0) ghostEarliestBallotAt = block.timestamp;
        ghostLatestBallotAt = block.timestamp;
    }

    function _submitSigned(
        IQuadraticVotingRound.SignedBallot memory signed,
        uint256 relayerSeed,
        bytes memory expected
    ) private {
        IQuadraticVotingRound.SignedBallot[] memory batch = new IQuadraticVotingRound.SignedBallot[](1);
        batch[0] = signed;
        if (expected.length != 0) vm.expectRevert(expected);
        vm.prank(_anyone(relayerSeed));
        ROUND.castSignedBallots(batch);
    }

    function _sign(
        uint256 privateKey,
        IQuadraticVotingRound.SignedBallot memory signed
    ) private view returns (bytes memory) {
        bytes32 digest = ROUND.signedBallotDigest(
            signed.voter,
            _hash(signed.previous),
            signed.next,
            signed.nonce,
            signed.deadline
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(privateKey, digest);
        return abi.encodePacked(r, s, v);
    }

    function _expectedPayoutError(uint256 projectId) private view returns (bytes memory) {
        IProjectRound.RoundStatus status = ROUND.status();
        if (status != IProjectRound.RoundStatus.Finalized) return _statusError(status);
        if (projectId == PENDING_PROJECT) {
            return
                abi.encodeWithSelector(
                    IProjectRound.UnexpectedApplicationStatus.selector,
                    projectId,
                    IProjectRound.ApplicationStatus.Pending
                );
        }
        if (ghostPayoutCount[projectId] != 0)
            return abi.encodeWithSelector(IProjectRound.AlreadyPaid.selector, projectId);
        return "";
    }

    function _recordPayout(uint256 projectId, uint256 amount) private {
        ++ghostPayoutCount[projectId];
        ghostPayoutAmount[projectId] = amount;
        ghostPaidOut += amount;
        ++payouts;
    }

    function _takeClosedRound() private {
        _closed = ClosedRound({
            taken: true,
            status: ROUND.status(),
            matchingPool: ROUND.matchingPool(),
            totalVotes: ROUND.totalVotes()
        });
        for (uint256 i = 0; i < _approvedProjects.length; ++i) {
            closedVotes[_approvedProjects[i]] = ROUND.projectVotes(_approvedProjects[i]).votes;
        }
    }

    function _projectOrPending(uint256 seed) private view returns (uint256) {
        uint256 index = seed % (_approvedProjects.length + 1);
        return index < _approvedProjects.length ? _approvedProjects[index] : PENDING_PROJECT;
    }

    /// @dev A funder, a voter or the steward: the callers of claims, who must get only what is theirs.
    function _funderOrNot(uint256 seed) private view returns (address) {
        uint256 pick = seed % (FUNDER_COUNT + 2);
        if (pick < FUNDER_COUNT) return _funders[pick];
        return pick == FUNDER_COUNT ? STEWARD : _voters[(seed >> 8) % _voters.length].account;
    }

    /// @dev Anyone: a voter or a funder.
    function _anyone(uint256 seed) private view returns (address) {
        uint256 pick = seed % (_voters.length + FUNDER_COUNT);
        return pick < _voters.length ? _voters[pick].account : _funders[pick - _voters.length];
    }

    /// @dev The round's hash of a ballot: zero for the empty ballot.
    function _hash(IQuadraticVotingRound.Ballot memory ballot) private pure returns (bytes32) {
        if (ballot.projectIds.length == 0 && ballot.votes.length == 0) return 0;
        return keccak256(abi.encode(ballot.projectIds, ballot.votes));
    }

    function _statusError(IProjectRound.RoundStatus status) private pure returns (bytes memory) {
        return abi.encodeWithSelector(IProjectRound.UnexpectedRoundStatus.selector, status);
    }

    function _mix(uint256 seed, string memory what) private pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, what)));
    }

    function _sqrt(uint256 x) private pure returns (uint256 r) {
        while ((r + 1) * (r + 1) <= x) ++r;
    }
}
