// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IProjectRound} from "./interfaces/IProjectRound.sol";
import {IQuadraticVotingRound} from "./interfaces/IQuadraticVotingRound.sol";
import {ProjectRound} from "./ProjectRound.sol";
import {QuadraticVotingMath} from "./libraries/QuadraticVotingMath.sol";
import {RoundArguments} from "./libraries/RoundArguments.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time
// forge-lint: disable-start(block-timestamp)

/// @title QuadraticVotingRound
/// @notice A quadratic voting round, deployed by the VotingRoundFactory as a minimal clone whose immutable
/// arguments are the round's parameters.
/// @dev The round keeps each voter's ballot as a hash: a new ballot brings the previous one in calldata, whose
/// votes are taken back before the new ones count. A first ballot over one project then writes three slots
/// (the hash, the project's votes, the total), and closing reads one, whatever the number of projects.
contract QuadraticVotingRound is ProjectRound, EIP712, Nonces, IQuadraticVotingRound {
    /// @dev The EIP-712 type a voter signs. It names the ballot it replaces by its hash: without it, a signed ballot
    /// given out earlier could be submitted over a ballot the voter cast later.
    // solhint-disable-next-line gas-small-strings
    bytes32 private constant BALLOT_TYPEHASH = keccak256(
        "Ballot(address voter,bytes32 previousBallot,uint256[] projectIds,uint256[] votes,uint256 nonce,uint256 deadline)"
    );

    /// @dev The round's status and the total of all votes, in one slot: every ballot reads and writes both.
    struct VotingState {
        RoundStatus status;
        uint128 totalVotes;
    }

    VotingState private _state;
    mapping(uint256 projectId => ProjectVotes) private _projects;
    mapping(address voter => bytes32 ballotHash) private _ballotHashes;

    constructor() EIP712("Hyphae Quadratic Voting Round", "1") {}

    // ---------------------------------------------------------------------------------------------------
    // Ballots
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IQuadraticVotingRound
    function castBallot(Ballot calldata previous, Ballot calldata next, bytes32[] calldata proof) external {
        _castBallot(msg.sender, previous, next, proof);
    }

    /// @inheritdoc IQuadraticVotingRound
    function castSignedBallots(SignedBallot[] calldata ballots) external {
        for (uint256 i = 0; i < ballots.length; ++i) {
            SignedBallot calldata signed = ballots[i];
            if (block.timestamp > signed.deadline) revert SignatureExpired(signed.deadline);
            _useCheckedNonce(signed.voter, signed.nonce);
            // The replaced ballot is signed too, so that a signature given out earlier cannot be submitted over the
            // voter's later choice; `_castBallot` then checks it is the voter's current one.
            bytes32 digest = _signedBallotDigest(
                signed.voter,
                _hashBallot(signed.previous),
                signed.next,
                signed.nonce,
                signed.deadline
            );
            if (!SignatureChecker.isValidSignatureNow(signed.voter, digest, signed.signature)) {
                revert InvalidSignature(signed.voter);
            }
            _castBallot(signed.voter, signed.previous, signed.next, signed.proof);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Closing and payouts
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IProjectRound
    function finalize() external {
        VotingState memory state = _state;
        if (state.status != RoundStatus.Active) revert UnexpectedRoundStatus(state.status);
        (, uint64 votingEnd) = RoundArguments.openWindow();
        if (block.timestamp < votingEnd) revert VotingWindowNotEnded(votingEnd);
        _state.status = RoundStatus.Finalized;
        emit VotingRoundFinalized(_matchingPool, state.totalVotes);
    }

    /// @inheritdoc IProjectRound
    function claimPayout(uint256 projectId) external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        (address payoutAddress, uint256 amount) = _settlePayout(projectId, _state.totalVotes);
        if (!_trySend(RoundArguments.payoutToken(), payoutAddress, amount, gasleft())) {
            revert PayoutFailed(projectId, payoutAddress);
        }
        emit PayoutClaimed(projectId, payoutAddress, 0, amount);
    }

    /// @inheritdoc IProjectRound
    function claimPayouts(uint256[] calldata projectIds) external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        uint256 total = _state.totalVotes;
        address token = RoundArguments.payoutToken();
        uint256 gasLimit = token == address(0) ? BATCH_NATIVE_PAYOUT_GAS : type(uint256).max;
        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 projectId = projectIds[i];
            if (_projects[projectId].paid) continue;
            (address payoutAddress, uint256 amount) = _settlePayout(projectId, total);
            if (_trySend(token, payoutAddress, amount, Math.min(gasLimit, gasleft()))) {
                emit PayoutClaimed(projectId, payoutAddress, 0, amount);
            } else {
                // Undo the settlement so this project can still claim on its own later.
                _projects[projectId].paid = false;
                emit PayoutDeferred(projectId, payoutAddress);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IQuadraticVotingRound
    function parameters() external view returns (VotingRoundParameters memory parameters_) {
        (uint64 applicationsStart, uint64 applicationsEnd) = RoundArguments.applicationWindow();
        (uint64 votingStart, uint64 votingEnd, uint256 snapshot, ) = RoundArguments.openWindowAndCompanion();
        (uint256 powerPerVoiceCredit, uint256 baseVoiceCredits) = RoundArguments.word6();
        (address nodes, uint256 nodeId) = RoundArguments.node();
        parameters_.config = VotingRoundConfig({
            payoutToken: RoundArguments.payoutToken(),
            applicationsStart: applicationsStart,
            applicationsEnd: applicationsEnd,
            votingStart: votingStart,
            votingEnd: votingEnd,
            votingToken: _votingToken(),
            // Each was written from a field of this width (VotingRoundFactory, RoundArguments): none is cut off.
            // forge-lint: disable-start(unsafe-typecast)
            snapshot: uint48(snapshot),
            powerPerVoiceCredit: uint128(powerPerVoiceCredit),
            baseVoiceCredits: uint128(baseVoiceCredits),
            // forge-lint: disable-end(unsafe-typecast)
            eligibility: RoundArguments.eligibilityRule()
        });
        parameters_.projectRegistry = RoundArguments.projectRegistry();
        parameters_.nodeRegistry = nodes;
        parameters_.nodeId = nodeId;
    }

    /// @inheritdoc IQuadraticVotingRound
    function voiceCreditsOf(address voter) external view returns (uint256) {
        return _voiceCreditsOf(voter);
    }

    /// @inheritdoc IQuadraticVotingRound
    function ballotHashOf(address voter) external view returns (bytes32) {
        return _ballotHashes[voter];
    }

    /// @inheritdoc IQuadraticVotingRound
    function hashBallot(Ballot calldata ballot) external pure returns (bytes32) {
        return _hashBallot(ballot);
    }

    /// @inheritdoc IQuadraticVotingRound
    function nonces(address voter) public view override(Nonces, IQuadraticVotingRound) returns (uint256) {
        return super.nonces(voter);
    }

    /// @inheritdoc IQuadraticVotingRound
    function signedBallotDigest(
        address voter,
        bytes32 previousBallot,
        Ballot calldata ballot,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes32) {
        return _signedBallotDigest(voter, previousBallot, ballot, nonce, deadline);
    }

    /// @inheritdoc IQuadraticVotingRound
    function projectVotes(uint256 projectId) external view returns (ProjectVotes memory) {
        return _projects[projectId];
    }

    /// @inheritdoc IQuadraticVotingRound
    function totalVotes() external view returns (uint256) {
        return _state.totalVotes;
    }

    /// @inheritdoc IQuadraticVotingRound
    function estimatedPayout(uint256 projectId) external view returns (uint256) {
        ProjectVotes memory project = _projects[projectId];
        if (project.status != ApplicationStatus.Approved) return 0;
        return QuadraticVotingMath.shareDown(_matchingPool, project.votes, _state.totalVotes);
    }

    // ---------------------------------------------------------------------------------------------------
    // Hooks of ProjectRound
    // ---------------------------------------------------------------------------------------------------

    function _status() internal view override returns (RoundStatus) {
        return _state.status;
    }

    function _setStatus(RoundStatus next) internal override {
        _state.status = next;
    }

    function _applicationStatus(uint256 projectId) internal view override returns (ApplicationStatus) {
        return _projects[projectId].status;
    }

    function _setApplicationStatus(uint256 projectId, ApplicationStatus next) internal override {
        _projects[projectId].status = next;
    }

    /// @dev Without a single vote the rule allocates nothing: the whole pool goes back to its funders.
    function _unallocated() internal view override returns (uint256) {
        return _state.totalVotes == 0 ? _matchingPool : 0;
    }

    // ---------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------

    function _castBallot(
        address voter,
        Ballot calldata previous,
        Ballot calldata next,
        bytes32[] calldata proof
    ) private {
        VotingState memory state = _state;
        if (state.status != RoundStatus.Active) revert UnexpectedRoundStatus(state.status);
        (uint64 opensAt, uint64 closesAt, , uint256 flags) = RoundArguments.openWindowAndCompanion();
        if (block.timestamp < opensAt || block.timestamp >= closesAt) revert OutsideVotingWindow(opensAt, closesAt);
        if (flags & RoundArguments.FLAG_ELIGIBILITY != 0) _requireEligible(voter, proof);
        if (_hashBallot(previous) != _ballotHashes[voter]) revert PreviousBallotMismatch(voter);

        uint256 count = next.projectIds.length;
        if (count != next.votes.length) revert InvalidBatch(count, next.votes.length);
        uint256 budget = _voiceCreditsOf(voter);
        uint256 cost = QuadraticVotingMath.ballotCost(next.votes);
        if (cost > budget) revert BallotOverBudget(voter, cost, budget);

        // A total beyond 128 bits would need some 2^64 voters at the largest budgets: the cast reverts first.
        _state.totalVotes = SafeCast.toUint128(_addVotes(next, _takeBack(previous, state.totalVotes)));
        _ballotHashes[voter] = _hashBallot(next);
        emit BallotCast(voter, next.projectIds, next.votes, cost, budget);
    }

    /// @dev Takes the votes of a voter's previous ballot back from its projects; returns `total` without them.
    /// The ballot is the one the round hashed, so its projects are approved (an approval is final) and its
    /// votes are part of each project's and of the round's totals: nothing here can underflow.
    function _takeBack(Ballot calldata previous, uint256 total) private returns (uint256) {
        for (uint256 i = 0; i < previous.projectIds.length; ++i) {
            ProjectVotes storage project = _projects[previous.projectIds[i]];
            uint256 votes = previous.votes[i];
            unchecked {
                // Below 2^128: the ballot's votes were added by `_addVotes`, under the checked total.
                // forge-lint: disable-next-line(unsafe-typecast)
                project.votes -= uint128(votes);
                --project.voters;
                total -= votes;
            }
        }
        return total;
    }

    /// @dev Adds a new ballot's votes to its projects, after checking that they are approved, listed once each
    /// in increasing order, with at least one vote; returns `total` with them.
    function _addVotes(Ballot calldata next, uint256 total) private returns (uint256) {
        uint256 last;
        for (uint256 i = 0; i < next.projectIds.length; ++i) {
            uint256 projectId = next.projectIds[i];
            if (i != 0 && projectId <= last) revert BallotNotSorted(i);
            last = projectId;
            ProjectVotes storage project = _projects[projectId];
            if (project.status != ApplicationStatus.Approved) {
                revert UnexpectedApplicationStatus(projectId, project.status);
            }
            uint256 votes = next.votes[i];
            if (votes == 0) revert ZeroAmount();
            // Within the voter's budget, so below 2^128; a project's votes are a sum of square roots of
            // budgets, far below 2^128 for any supply ERC20Votes allows (2^208); the total is cast checked.
            // forge-lint: disable-next-line(unsafe-typecast)
            project.votes += uint128(votes);
            ++project.voters;
            total += votes;
        }
        return total;
    }

    /// @dev Marks the project paid and returns where to and what to pay: its share of the pool by votes.
    function _settlePayout(uint256 projectId, uint256 total) private returns (address payoutAddress, uint256 amount) {
        ProjectVotes memory project = _projects[projectId];
        if (project.status != ApplicationStatus.Approved) revert UnexpectedApplicationStatus(projectId, project.status);
        if (project.paid) revert AlreadyPaid(projectId);
        _projects[projectId].paid = true;
        amount = QuadraticVotingMath.shareDown(_matchingPool, project.votes, total);
        payoutAddress = _projectRegistry().payoutAddressOf(projectId);
    }

    function _voiceCreditsOf(address voter) private view returns (uint256) {
        (, , uint256 snapshot, ) = RoundArguments.openWindowAndCompanion();
        (uint256 powerPerVoiceCredit, uint256 baseVoiceCredits) = RoundArguments.word6();
        uint256 power = IVotes(_votingToken()).getPastVotes(voter, snapshot);
        return power / powerPerVoiceCredit + baseVoiceCredits;
    }

    function _votingToken() private view returns (address) {
        return address(uint160(RoundArguments.word3()));
    }

    /// @dev The empty ballot hashes to zero, the value of a voter who has none.
    function _hashBallot(Ballot calldata ballot) private pure returns (bytes32) {
        if (ballot.projectIds.length == 0 && ballot.votes.length == 0) return 0;
        // The encoding of two dynamic arrays: assembly would have to rebuild it in memory for a few gas.
        // forge-lint: disable-next-line(asm-keccak256)
        return keccak256(abi.encode(ballot.projectIds, ballot.votes));
    }

    function _signedBallotDigest(
        address voter,
        bytes32 previousBallot,
        Ballot calldata ballot,
        uint256 nonce,
        uint256 deadline
    ) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        BALLOT_TYPEHASH,
                        voter,
                        previousBallot,
                        keccak256(abi.encodePacked(ballot.projectIds)),
                        keccak256(abi.encodePacked(ballot.votes)),
                        nonce,
                        deadline
                    )
                )
            );
    }
}
