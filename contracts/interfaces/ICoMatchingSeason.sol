// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title ICoMatchingSeason
/// @notice A co-matching pool for a season of local funding rounds. Funders (the translocal commons, or anyone)
/// fill it; local rounds join it when they are created. Once the season is over, anyone settles it: the pool is
/// split among the rounds quadratically, each round being a recipient and each person who gave in it a
/// contributor with what counted of everything they gave there,
///
///     S_r = Σ_i sqrt(g[i][r])    ideal_r = max(0, S_r² − Σ_i g[i][r])
///     draw_r = pool × ideal_r / Σ_q ideal_q   (or ideal_r itself if Σ ideal ≤ pool), rounded down
///
/// so a node with broad local support draws more than one with a few large donors. Each draw joins its round's
/// matching pool and is distributed by the round's own rule; a round finalizes only after its season settled.
/// What the rule leaves, and what comes back from cancelled rounds or their leftovers, returns to the season's
/// funders pro rata.
///
/// Settling never fails because of one round: a draw the round refuses (its token paused, or blocking the round's
/// address) waits in the season, and anyone can deliver it later with `deliverDraw`. The round finalizes only once
/// its draw is in; if it is cancelled instead, `recover` returns the draw to the funders.
interface ICoMatchingSeason {
    /// @notice `deliverDraw` was called for a round whose draw is not waiting (delivered, or nothing to deliver).
    error NoDrawWaiting(address round);
    /// @notice Only the season itself funds a round while settling (so that one round's failure is caught).
    error NotTheSeason(address caller);
    /// @notice Only the round factory that created the season adds rounds to it.
    error NotFactory(address caller);
    /// @notice The season has settled: no round joins and no funding arrives any more.
    error SeasonAlreadySettled();
    /// @notice The season is not over yet: it settles from `closesAt` on.
    error SeasonNotOver(uint64 closesAt);
    /// @notice The season has not settled yet.
    error SeasonNotSettled();
    /// @notice A season has at most `MAX_ROUNDS` rounds, so settling it stays within a block.
    error TooManyRounds(uint256 limit);
    /// @notice The round is not part of this season.
    error RoundNotInSeason(address round);
    /// @notice An amount of zero was given.
    error ZeroAmount();
    /// @notice The pool would grow beyond what the season can account for.
    error AmountTooLarge(uint256 amount, uint256 limit);
    /// @notice The native coin sent does not equal what the call needs.
    error NativeValueMismatch(uint256 expected, uint256 sent);
    /// @notice The season received a different amount than was sent.
    error TokenTransferMismatch(uint256 expected, uint256 received);
    /// @notice There is nothing for `account` to claim.
    error NothingToClaim(address account);
    /// @notice Sending funds to `recipient` failed.
    error TransferFailed(address recipient, uint256 amount);

    /// @notice `funder` added `amount` to the co-matching pool.
    event SeasonFunded(address indexed funder, uint256 amount, uint256 funderTotal, uint256 poolTotal);
    /// @notice A local round joined the season.
    event RoundJoined(address indexed round, uint256 indexed nodeId);
    /// @notice The season settled: `distributed` of `pool` went to its rounds.
    event SeasonSettled(uint256 pool, uint256 idealSum, uint256 distributed);
    /// @notice A round drew `amount` from the pool, for an ideal of `ideal`, into its matching pool.
    event RoundDrew(address indexed round, uint256 ideal, uint256 amount);
    /// @notice The round refused its draw while the season settled; the draw waits in the season.
    event DrawDeferred(address indexed round, uint256 amount);
    /// @notice A draw that had waited was delivered to its round.
    event DrawDelivered(address indexed round, uint256 amount);
    /// @notice `amount` came back from a round (a cancellation's refund or the round's leftover).
    event FundsRecovered(address indexed round, uint256 amount);
    /// @notice A funder took its share of what came back to the season.
    event ReturnClaimed(address indexed funder, uint256 amount);

    /// @notice The settings of the season.
    /// @param factory The round factory that created it.
    /// @param payoutToken The token of the pool and of every round in it; zero for the native coin.
    /// @param closesAt First second at which the season can be settled; every round's donations end by then.
    /// @param nodeId The node whose stewards opened it; its rounds and its child nodes' rounds may join.
    /// @param normalisationFactor `10 ** (18 − decimals)` of the token.
    /// @param metadata Pointer to the season's document.
    struct SeasonParameters {
        address factory;
        address payoutToken;
        uint64 closesAt;
        uint256 nodeId;
        uint256 normalisationFactor;
        string metadata;
    }

    /// @notice Adds `amount` to the pool from the caller, until the season settles. Native coin: send exactly
    /// `amount`; a token: approve the season first.
    function fund(uint256 amount) external payable;

    /// @notice Adds `round` to the season; only the factory, when it creates a round that joins.
    function joinRound(address round, uint256 nodeId) external;

    /// @notice Splits the pool among the rounds and funds each round's matching pool with its draw; anyone may
    /// call it once, from `closesAt` on.
    function settle() external;

    /// @notice Delivers a draw that waited since settling (`DrawDeferred`) to its round's matching pool. Anyone
    /// may call it, as often as it takes, until the round accepts the draw.
    function deliverDraw(address round) external;

    /// @notice Takes back what a round of the season returns to it as a funder: everything after a
    /// cancellation (a draw still waiting included), or its share of the round's leftover after finalization.
    /// Anyone may call it.
    function recover(address round) external;

    /// @notice Pays the caller, a funder, its pro-rata share of everything that came back to the season so far.
    function claimReturn() external;

    /// @notice The season's settings.
    function parameters() external view returns (SeasonParameters memory);

    /// @notice The rounds of the season, in the order they joined.
    function rounds() external view returns (address[] memory);

    /// @notice Whether the season has settled.
    function isSettled() external view returns (bool);

    /// @notice The co-matching pool, in token units.
    function pool() external view returns (uint256);

    /// @notice Each round's ideal now and the draw it would get if the season settled now; after settling, what
    /// it drew.
    function draws()
        external
        view
        returns (address[] memory roundsOfSeason, uint256[] memory ideals, uint256[] memory amounts);

    /// @notice What `funder` put in the pool and how much of what came back it has claimed.
    function funderAccount(address funder) external view returns (uint256 funded, uint256 claimed);

    /// @notice The part of `round`'s draw that is waiting to be delivered: zero once delivered, and for rounds
    /// that drew nothing. The round cannot finalize while it is not zero.
    function undeliveredDraw(address round) external view returns (uint256);

    /// @notice Everything that came back to the season (what the rule left, refunds, leftovers).
    function returned() external view returns (uint256);
}
