// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {INodeRegistry} from "./INodeRegistry.sol";
import {IQuadraticFundingRound} from "./IQuadraticFundingRound.sol";

/// @title IRoundFactory
/// @notice Creates quadratic funding rounds as minimal clones of one implementation, after checking their
/// configuration, for the nodes of the network (only a node's stewards open its rounds), and keeps the list of
/// payout tokens the network's governors accept.
interface IRoundFactory {
    /// @notice The application window is empty or inverted.
    error InvalidApplicationWindow(uint64 opensAt, uint64 closesAt);
    /// @notice The donation window is empty or inverted.
    error InvalidDonationWindow(uint64 opensAt, uint64 closesAt);
    /// @notice Applications must open no later than donations and close no later than donations close.
    error WindowsOutOfOrder(
        uint64 applicationsStart,
        uint64 applicationsEnd,
        uint64 donationsStart,
        uint64 donationsEnd
    );
    /// @notice The donation window has already ended.
    error DonationWindowInPast(uint64 donationsEnd, uint256 currentTime);
    /// @notice A match cap must be 0 (none) or between `MIN_MATCH_CAP_BPS` and 10,000 basis points.
    error MatchCapOutOfRange(uint16 matchCapBps);
    /// @notice The network does not accept this payout token (it may take fees or rebase).
    error PayoutTokenNotAllowed(address token);
    /// @notice The payout token does not report its decimals, or has more than 18.
    error UnsupportedPayoutToken(address token);
    /// @notice Only a contract can be allowed as a payout token: an account without code moves nothing.
    error PayoutTokenWithoutCode(address token);
    /// @notice Only a steward of the node may open a round for it.
    error NotNodeSteward(uint256 nodeId, address caller);
    /// @notice Only a governor of the network may do this.
    error NotGovernor(address caller);
    /// @notice The eligibility rule is incomplete for its kind, or sets a field its kind does not use.
    error InvalidEligibilityRule();
    /// @notice A cap on what counts toward the match, when set, must be at least the smallest donation that
    /// counts: below it, nothing could ever count.
    error CountedCapBelowMinimum(uint256 countedContributionCap, uint256 minCountedDonation);
    /// @notice A commons share is at most `MAX_COMMONS_SHARE_BPS` of the matching pool.
    error CommonsShareOutOfRange(uint16 commonsShareBps);
    /// @notice This factory did not create the season.
    error UnknownSeason(address season);
    /// @notice A round joins a season only in the season's token, ending its donations by the season's close,
    /// at the season's node or one of its child nodes.
    error SeasonMismatch(address season);
    /// @notice A season must close in the future.
    error SeasonCloseInPast(uint64 closesAt);

    /// @notice A round was created.
    event RoundCreated(
        address indexed round,
        uint256 indexed nodeId,
        address indexed payoutToken,
        address creator,
        IQuadraticFundingRound.RoundConfig config,
        string metadata
    );
    /// @notice The round was created with participation rules other than the defaults (open, everything counts).
    event RoundRulesSet(address indexed round, IQuadraticFundingRound.ParticipationRules rules);
    /// @notice The round was created linked to the commons: a commons share, a co-matching season, or both.
    event RoundLinked(address indexed round, uint16 commonsShareBps, address indexed season);
    /// @notice A co-matching season was opened at node `nodeId`.
    event SeasonCreated(
        address indexed season,
        uint256 indexed nodeId,
        address indexed payoutToken,
        address creator,
        uint64 closesAt,
        string metadata
    );
    /// @notice The network changed whether `token` may be a payout token.
    event PayoutTokenAllowanceSet(address indexed token, bool allowed);

    /// @notice Creates a round run by node `nodeId`: its stewards review applications and may cancel it. Only a
    /// steward of that node.
    /// @param nodeId The node that runs the round.
    /// @param config The round's windows, payout token and match cap; checked here, immutable afterwards.
    /// @param metadata Pointer to the round's document (name, description, eligibility...).
    /// @return round The new round.
    function createRound(
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config,
        string calldata metadata
    ) external returns (address round);

    /// @notice Like `createRound`, with participation rules: who may donate (an eligibility rule), the smallest
    /// donation that counts toward the match, and a cap on what of a contributor's gifts to a project counts
    /// (none, or at least that smallest donation).
    function createRoundWithRules(
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config,
        IQuadraticFundingRound.ParticipationRules calldata rules,
        string calldata metadata
    ) external returns (address round);

    /// @notice Like `createRoundWithRules`, with links to the translocal commons: a share of the matching pool
    /// routed to the commons treasury, and a co-matching season to join.
    function createLinkedRound(
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config,
        IQuadraticFundingRound.ParticipationRules calldata rules,
        IQuadraticFundingRound.CommonsLinks calldata links,
        string calldata metadata
    ) external returns (address round);

    /// @notice Opens a co-matching season at node `nodeId` (typically the translocal commons) in `payoutToken`,
    /// settling from `closesAt`; rounds of that node and of its child nodes may join it. Only a steward of the node.
    function createSeason(
        uint256 nodeId,
        address payoutToken,
        uint64 closesAt,
        string calldata metadata
    ) external returns (address season);

    /// @notice Whether this factory created `season`.
    function isSeason(address season) external view returns (bool);

    /// @notice The seasons created, oldest first, from `offset`, at most `limit`.
    function seasons(uint256 offset, uint256 limit) external view returns (address[] memory);

    /// @notice Allows or disallows an ERC-20 payout token. Only a governor of the network.
    /// The native coin is always allowed (the zero address is refused); an account without code cannot be allowed.
    function setPayoutTokenAllowed(address token, bool allowed) external;

    /// @notice Whether `token` may be the payout token of new rounds.
    function isPayoutTokenAllowed(address token) external view returns (bool);

    /// @notice The implementation every round is a clone of.
    function roundImplementation() external view returns (address);

    /// @notice The project registry of the network's rounds.
    function projectRegistry() external view returns (address);

    /// @notice The network whose nodes run the rounds.
    function nodeRegistry() external view returns (INodeRegistry);

    /// @notice Whether `account` is a round this factory created (and so follows its rules).
    function isRound(address account) external view returns (bool);

    /// @notice The number of rounds created.
    function roundCount() external view returns (uint256);

    /// @notice The rounds created, from `offset`, at most `limit` of them, oldest first.
    function rounds(uint256 offset, uint256 limit) external view returns (address[] memory);
}
