// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IQuadraticFundingRound} from "./IQuadraticFundingRound.sol";

/// @title IRoundFactory
/// @notice Creates quadratic funding rounds as minimal clones of one implementation, after checking their
/// configuration, and keeps the list of payout tokens the network accepts.
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

    /// @notice A round was created.
    event RoundCreated(
        address indexed round,
        address indexed creator,
        address indexed payoutToken,
        IQuadraticFundingRound.RoundConfig config,
        string metadata
    );
    /// @notice The network changed whether `token` may be a payout token.
    event PayoutTokenAllowanceSet(address indexed token, bool allowed);

    /// @notice Creates a round with `operators` as its stewards. Anyone may create a round.
    /// @param config The round's windows, payout token and match cap; checked here, immutable afterwards.
    /// @param operators The round's stewards; at least one, none zero.
    /// @param metadata Pointer to the round's document (name, description, eligibility...).
    /// @return round The new round.
    function createRound(
        IQuadraticFundingRound.RoundConfig calldata config,
        address[] calldata operators,
        string calldata metadata
    ) external returns (address round);

    /// @notice Allows or disallows an ERC-20 payout token. Only the owner (the network's governors).
    /// The native coin is always allowed.
    function setPayoutTokenAllowed(address token, bool allowed) external;

    /// @notice Whether `token` may be the payout token of new rounds.
    function isPayoutTokenAllowed(address token) external view returns (bool);

    /// @notice The implementation every round is a clone of.
    function roundImplementation() external view returns (address);

    /// @notice The project registry of the network's rounds.
    function projectRegistry() external view returns (address);

    /// @notice The number of rounds created.
    function roundCount() external view returns (uint256);

    /// @notice The rounds created, from `offset`, at most `limit` of them, oldest first.
    function rounds(uint256 offset, uint256 limit) external view returns (address[] memory);
}
