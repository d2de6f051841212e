// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IProjectRound} from "./IProjectRound.sol";
import {EligibilityRules} from "../libraries/EligibilityRules.sol";

/// @title IQuadraticVotingRound
/// @notice A quadratic voting round: holders of the round's voting token (the network's commons credits unless
/// the round names another OpenZeppelin Votes token) spend voice credits on approved projects, `v` votes on a
/// project costing `v²` voice credits, and once the voting window has ended the matching pool is split in
/// proportion to the votes each project received:
///
///     budget_i = votingPower_i(snapshot) / powerPerVoiceCredit + baseVoiceCredits
///     Σ_p votes[i][p]² ≤ budget_i         payout_p = pool × votes_p / Σ_q votes_q   (rounded down)
///
/// Voting power is the token's delegated votes at the snapshot (ERC-5805 `getPastVotes`), so delegation is
/// respected and power acquired after the snapshot does not count. A ballot spreads votes over many projects
/// and replaces the voter's previous ballot entirely: only the last one counts. Voters who never held the
/// chain's coin sign their ballot (EIP-712, or ERC-1271 for contract accounts) and anyone submits it.
interface IQuadraticVotingRound is IProjectRound {
    /// @notice The settings a voting round is created with; immutable for its whole life.
    /// @param payoutToken The ERC-20 token of the pool and payouts; zero for the chain's native coin.
    /// @param applicationsStart First second at which projects can apply.
    /// @param applicationsEnd First second at which they no longer can.
    /// @param votingStart First second at which ballots are accepted.
    /// @param votingEnd First second at which the round has ended and can be finalized.
    /// @param votingToken The ERC-5805 token whose past votes are the voice credits; zero for the network's
    /// commons credits.
    /// @param snapshot The timepoint, in the voting token's clock, at which voting power is read.
    /// @param powerPerVoiceCredit How much voting power makes one voice credit (1e18 for 18-decimal credits).
    /// @param baseVoiceCredits Voice credits every eligible voter has on top of its voting power.
    /// @param eligibility Who may vote.
    struct VotingRoundConfig {
        address payoutToken;
        uint64 applicationsStart;
        uint64 applicationsEnd;
        uint64 votingStart;
        uint64 votingEnd;
        address votingToken;
        uint48 snapshot;
        uint128 powerPerVoiceCredit;
        uint128 baseVoiceCredits;
        EligibilityRules.Rule eligibility;
    }

    /// @notice Votes per project; `projectIds` strictly increasing, every entry at least one vote.
    struct Ballot {
        uint256[] projectIds;
        uint256[] votes;
    }

    /// @notice A ballot signed by its voter, for anyone to submit.
    /// @param voter Whose ballot it is.
    /// @param previous The voter's current ballot (empty if none), which this one replaces. Its hash is signed: a
    /// signed ballot replaces only the ballot the voter had when signing, so once the voter votes again (directly or
    /// by another signature), an older signed ballot can no longer be submitted over the newer choice.
    /// @param next The signed ballot.
    /// @param proof What the round's eligibility rule needs of the voter, if anything.
    /// @param nonce The voter's next nonce.
    /// @param deadline The last second at which the signature may be used.
    /// @param signature The voter's EIP-712 signature of the hash of `previous`, `next`, `nonce` and `deadline` (or
    /// ERC-1271 data).
    struct SignedBallot {
        address voter;
        Ballot previous;
        Ballot next;
        bytes32[] proof;
        uint256 nonce;
        uint256 deadline;
        bytes signature;
    }

    /// @notice What the round keeps for a project.
    /// @param status The application's state.
    /// @param paid Whether the project's payout has been made.
    /// @param voters How many ballots give it votes.
    /// @param votes The votes it received.
    struct ProjectVotes {
        ApplicationStatus status;
        bool paid;
        uint32 voters;
        uint128 votes;
    }

    /// @notice The round's parameters: its configuration (with the voting token resolved) and the facts the
    /// factory established for it.
    struct VotingRoundParameters {
        VotingRoundConfig config;
        address projectRegistry;
        address nodeRegistry;
        uint256 nodeId;
    }

    /// @notice Ballots are not accepted at this time.
    error OutsideVotingWindow(uint64 opensAt, uint64 closesAt);
    /// @notice The voting window has not ended yet.
    error VotingWindowNotEnded(uint64 endsAt);
    /// @notice The ballot's project ids are not strictly increasing at `index` (a project twice would cost less
    /// than its votes together).
    error BallotNotSorted(uint256 index);
    /// @notice The ballot costs more voice credits than the voter has.
    error BallotOverBudget(address voter, uint256 cost, uint256 budget);
    /// @notice The previous ballot given is not the voter's current ballot.
    error PreviousBallotMismatch(address voter);
    /// @notice The signed ballot's deadline has passed.
    error SignatureExpired(uint256 deadline);
    /// @notice The signature is not the voter's.
    error InvalidSignature(address voter);

    /// @notice `voter` cast `ballot`, replacing any earlier one; `cost` voice credits of `budget` are spent.
    event BallotCast(address indexed voter, uint256[] projectIds, uint256[] votes, uint256 cost, uint256 budget);
    /// @notice The round is final: the pool is split in proportion to `totalVotes`.
    event VotingRoundFinalized(uint256 matchingPool, uint256 totalVotes);

    /// @notice Casts the caller's ballot during the voting window, replacing its current one.
    /// @param previous The caller's current ballot (empty if it has none): the round keeps only its hash, and
    /// takes its votes back before counting the new one.
    /// @param next The new ballot; empty withdraws every vote.
    /// @param proof What the round's eligibility rule needs (a Merkle proof, an attestation id), else empty.
    function castBallot(Ballot calldata previous, Ballot calldata next, bytes32[] calldata proof) external;

    /// @notice Casts signed ballots on their voters' behalf; anyone may submit them. Each signature is used
    /// once (nonces) and before its deadline; one invalid ballot reverts the whole batch.
    function castSignedBallots(SignedBallot[] calldata ballots) external;

    /// @notice The round's parameters.
    function parameters() external view returns (VotingRoundParameters memory);

    /// @notice The voice credits `voter` has to spend: its voting power at the snapshot over the power per
    /// voice credit, plus the base credits. Meaningful once the snapshot is in the past.
    function voiceCreditsOf(address voter) external view returns (uint256);

    /// @notice The hash of `voter`'s current ballot; zero if it has none.
    function ballotHashOf(address voter) external view returns (bytes32);

    /// @notice The hash a ballot is kept as.
    function hashBallot(Ballot calldata ballot) external pure returns (bytes32);

    /// @notice The next nonce of `voter`'s signed ballots.
    function nonces(address voter) external view returns (uint256);

    /// @notice The EIP-712 digest a voter signs to replace the ballot hashed `previousBallot` (zero for none; see
    /// `hashBallot`) with `ballot`, with `nonce` and `deadline`.
    function signedBallotDigest(
        address voter,
        bytes32 previousBallot,
        Ballot calldata ballot,
        uint256 nonce,
        uint256 deadline
    ) external view returns (bytes32);

    /// @notice What the round keeps for a project.
    function projectVotes(uint256 projectId) external view returns (ProjectVotes memory);

    /// @notice Σ_p votes_p over all projects.
    function totalVotes() external view returns (uint256);

    /// @notice The project's payout if the round were finalized now; after finalization, its payout.
    function estimatedPayout(uint256 projectId) external view returns (uint256);
}
