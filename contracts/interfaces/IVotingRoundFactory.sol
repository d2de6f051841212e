// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {INodeRegistry} from "./INodeRegistry.sol";
import {IQuadraticVotingRound} from "./IQuadraticVotingRound.sol";
import {IRoundFactory} from "./IRoundFactory.sol";

/// @title IVotingRoundFactory
/// @notice Creates quadratic voting rounds as minimal clones of one implementation, for the nodes of the network
/// (only a node's stewards open its rounds), in the payout tokens the network's governors allow for funding
/// rounds, with the network's commons credits as the voting token unless a round names another.
interface IVotingRoundFactory {
    /// @notice The application window is empty or inverted.
    error InvalidApplicationWindow(uint64 opensAt, uint64 closesAt);
    /// @notice The voting window is empty or inverted.
    error InvalidVotingWindow(uint64 opensAt, uint64 closesAt);
    /// @notice Applications must open no later than voting and close no later than voting closes.
    error WindowsOutOfOrder(uint64 applicationsStart, uint64 applicationsEnd, uint64 votingStart, uint64 votingEnd);
    /// @notice The voting window has already ended.
    error VotingWindowInPast(uint64 votingEnd, uint256 currentTime);
    /// @notice With a timestamp clock, the snapshot must come before voting opens, so every budget is fixed.
    error SnapshotNotBeforeVoting(uint48 snapshot, uint64 votingStart);
    /// @notice The voting token does not report an ERC-6372 clock and past votes (ERC-5805).
    error UnsupportedVotingToken(address token);
    /// @notice One voice credit needs a voting power of at least 1.
    error InvalidVoiceCreditRule();
    /// @notice The eligibility rule is incomplete for its kind, or sets a field its kind does not use.
    error InvalidEligibilityRule();
    /// @notice Base voice credits go to every account that may vote: with no eligibility rule, that is every
    /// address anyone can create, and the votes are as many as the keys someone makes.
    error BaseCreditsNeedEligibilityRule(uint128 baseVoiceCredits);
    /// @notice The network does not accept this payout token.
    error PayoutTokenNotAllowed(address token);
    /// @notice Only a steward of the node may open a round for it.
    error NotNodeSteward(uint256 nodeId, address caller);

    /// @notice A voting round was created; `config` names the voting token actually used.
    event VotingRoundCreated(
        address indexed round,
        uint256 indexed nodeId,
        address indexed payoutToken,
        address creator,
        IQuadraticVotingRound.VotingRoundConfig config,
        string metadata
    );

    /// @notice Creates a quadratic voting round run by node `nodeId`: its stewards review applications and may
    /// cancel it. Only a steward of that node.
    /// @param nodeId The node that runs the round.
    /// @param config The round's windows, tokens, snapshot, voice credit rule and eligibility; checked here,
    /// immutable afterwards.
    /// @param metadata Pointer to the round's document.
    /// @return round The new round.
    function createVotingRound(
        uint256 nodeId,
        IQuadraticVotingRound.VotingRoundConfig calldata config,
        string calldata metadata
    ) external returns (address round);

    /// @notice The implementation every voting round is a clone of.
    function roundImplementation() external view returns (address);

    /// @notice The factory of funding rounds, whose list of payout tokens voting rounds share.
    function fundingRoundFactory() external view returns (IRoundFactory);

    /// @notice The voting token of rounds that name none: the network's commons credits.
    function commonsCredits() external view returns (address);

    /// @notice The network whose nodes run the rounds.
    function nodeRegistry() external view returns (INodeRegistry);

    /// @notice Whether `account` is a voting round this factory created.
    function isRound(address account) external view returns (bool);

    /// @notice The number of voting rounds created.
    function roundCount() external view returns (uint256);

    /// @notice The voting rounds created, from `offset`, at most `limit` of them, oldest first.
    function rounds(uint256 offset, uint256 limit) external view returns (address[] memory);
}
