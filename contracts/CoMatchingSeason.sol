// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ICoMatchingSeason} from "./interfaces/ICoMatchingSeason.sol";
import {IProjectRound} from "./interfaces/IProjectRound.sol";
import {IQuadraticFundingRound} from "./interfaces/IQuadraticFundingRound.sol";
import {QuadraticFundingMath} from "./libraries/QuadraticFundingMath.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time
// forge-lint: disable-start(block-timestamp)

/// @title CoMatchingSeason
/// @notice A co-matching pool split quadratically among a season of local funding rounds (see
/// ICoMatchingSeason). Created by the RoundFactory, which alone adds rounds, all of them its own clones.
/// @dev Settling reads each round's season tally (`S_r`, `Σ g`), kept up to date by its donations, so it costs
/// one read and one funding call per round. The season is a funder of every round it draws into: what the
/// round returns to its funders (a cancellation's refund, the leftover of its rule) comes back here and is
/// shared among the season's funders with a running total, in any order and at any time.
contract CoMatchingSeason is ICoMatchingSeason, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The most rounds a season takes, so that settling stays well within a block.
    uint256 public constant MAX_ROUNDS = 50;
    /// @notice The largest pool, in token units, as for a round's matching pool.
    uint256 public constant MAX_POOL = type(uint128).max;

    /// @dev What the season keeps of a funder.
    struct FunderAccount {
        uint128 funded;
        uint128 claimed;
    }

    address private immutable FACTORY;
    address private immutable PAYOUT_TOKEN;
    uint256 private immutable NODE_ID;
    uint64 private immutable CLOSES_AT;
    uint256 private immutable NORMALISATION_FACTOR;

    string private _metadata;
    address[] private _rounds;
    mapping(address round => bool) private _inSeason;
    mapping(address round => uint256 amount) private _drawn;
    mapping(address round => uint256 ideal) private _settledIdeals;
    mapping(address round => uint256 amount) private _undelivered;
    mapping(address funder => FunderAccount) private _funders;
    uint256 private _pool;
    uint256 private _returned;
    bool private _settled;

    /// @param payoutToken_ The token of the pool and of its rounds; zero for the native coin.
    /// @param nodeId_ The node whose stewards opened the season.
    /// @param closesAt_ When the season can be settled.
    /// @param normalisationFactor_ `10 ** (18 − decimals)` of the token.
    /// @param metadata_ Pointer to the season's document.
    constructor(
        address payoutToken_,
        uint256 nodeId_,
        uint64 closesAt_,
        uint256 normalisationFactor_,
        string memory metadata_
    ) {
        FACTORY = msg.sender;
        PAYOUT_TOKEN = payoutToken_;
        NODE_ID = nodeId_;
        CLOSES_AT = closesAt_;
        NORMALISATION_FACTOR = normalisationFactor_;
        _metadata = metadata_;
    }

    /// @inheritdoc ICoMatchingSeason
    function fund(uint256 amount) external payable nonReentrant {
        if (_settled) revert SeasonAlreadySettled();
        if (amount == 0) revert ZeroAmount();
        // Saturating, so that an absurd amount is refused with the limit rather than an overflow.
        uint256 poolAfter = Math.saturatingAdd(_pool, amount);
        if (poolAfter > MAX_POOL) revert AmountTooLarge(poolAfter, MAX_POOL);
        _pool = poolAfter;
        FunderAccount storage account = _funders[msg.sender];
        // Bounded by the pool, which is below 2^128 (checked above).
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 funded = account.funded + uint128(amount);
        account.funded = funded;
        emit SeasonFunded(msg.sender, amount, funded, poolAfter);
        _collect(amount);
    }

    /// @inheritdoc ICoMatchingSeason
    function joinRound(address round, uint256 nodeId) external {
        if (msg.sender != FACTORY) revert NotFactory(msg.sender);
        // No round joins a settled season: the factory takes only rounds whose donations end by the season's
        // close and in the future, and the season settles only from its close.
        if (_rounds.length == MAX_ROUNDS) revert TooManyRounds(MAX_ROUNDS);
        _rounds.push(round);
        _inSeason[round] = true;
        emit RoundJoined(round, nodeId);
    }

    /// @inheritdoc ICoMatchingSeason
    function settle() external nonReentrant {
        if (_settled) revert SeasonAlreadySettled();
        if (block.timestamp < CLOSES_AT) revert SeasonNotOver(CLOSES_AT);
        _settled = true;
        (address[] memory roundsOfSeason, uint256[] memory ideals, uint256[] memory amounts) = _draws();
        uint256 seasonPool = _pool;
        uint256 idealSum;
        uint256 distributed;
        for (uint256 i = 0; i < roundsOfSeason.length; ++i) {
            idealSum += ideals[i];
            distributed += amounts[i];
            _settledIdeals[roundsOfSeason[i]] = ideals[i];
            _drawn[roundsOfSeason[i]] = amounts[i];
        }
        // What the rule leaves (rounding, or ideals below the pool) goes back to the funders.
        _returned = seasonPool - distributed;
        emit SeasonSettled(seasonPool, idealSum, distributed);
        for (uint256 i = 0; i < roundsOfSeason.length; ++i) {
            emit RoundDrew(roundsOfSeason[i], ideals[i], amounts[i]);
            if (amounts[i] != 0) _offerDraw(roundsOfSeason[i], amounts[i]);
        }
    }

    /// @notice Funds `round` with `amount` on the season's behalf; only the season calls it, while settling, so
    /// that a round refusing its draw makes only that call fail.
    /// @dev Kept out of ICoMatchingSeason: it is the season's own internal step, external only to be caught.
    function fundRoundWhileSettling(address round, uint256 amount) external {
        if (msg.sender != address(this)) revert NotTheSeason(msg.sender);
        _fundRound(round, amount);
    }

    /// @inheritdoc ICoMatchingSeason
    function deliverDraw(address round) external nonReentrant {
        uint256 amount = _undelivered[round];
        if (amount == 0) revert NoDrawWaiting(round);
        _undelivered[round] = 0;
        emit DrawDelivered(round, amount);
        _fundRound(round, amount);
    }

    /// @inheritdoc ICoMatchingSeason
    function recover(address round) external nonReentrant {
        if (!_inSeason[round]) revert RoundNotInSeason(round);
        if (!_settled) revert SeasonNotSettled();
        IProjectRound.RoundStatus status = IProjectRound(round).status();
        uint256 waiting = _undelivered[round];
        if (waiting != 0 && status == IProjectRound.RoundStatus.Cancelled) {
            // The round never received its draw: it comes back without a call to the round.
            _undelivered[round] = 0;
            _returned += waiting;
            emit FundsRecovered(round, waiting);
            return;
        }
        uint256 balanceBefore = _balance();
        // The round reverts with NothingToClaim if the season took its part back already or drew nothing.
        if (status == IProjectRound.RoundStatus.Cancelled) IProjectRound(round).refundFunding();
        else IProjectRound(round).claimLeftover();
        uint256 amount = _balance() - balanceBefore;
        _returned += amount;
        emit FundsRecovered(round, amount);
    }

    /// @inheritdoc ICoMatchingSeason
    function claimReturn() external nonReentrant {
        FunderAccount storage account = _funders[msg.sender];
        uint256 funded = account.funded;
        // Someone who funded nothing is owed nothing; skipping the division also keeps a season nobody funded
        // (a pool of zero) from failing with a division by zero instead of saying so.
        uint256 owed = funded == 0 ? 0 : Math.mulDiv(funded, _returned, _pool);
        if (owed <= account.claimed) revert NothingToClaim(msg.sender);
        uint256 amount = owed - account.claimed;
        // Bounded by what the funder funded, below 2^128: `_returned` never exceeds `_pool`, as the rule's rest
        // and what each round gives back (at most its draw) add up to no more than the pool.
        // forge-lint: disable-next-line(unsafe-typecast)
        account.claimed = uint128(owed);
        emit ReturnClaimed(msg.sender, amount);
        _send(msg.sender, amount);
    }

    /// @inheritdoc ICoMatchingSeason
    function parameters() external view returns (SeasonParameters memory) {
        return
            SeasonParameters({
                factory: FACTORY,
                payoutToken: PAYOUT_TOKEN,
                closesAt: CLOSES_AT,
                nodeId: NODE_ID,
                normalisationFactor: NORMALISATION_FACTOR,
                metadata: _metadata
            });
    }

    /// @inheritdoc ICoMatchingSeason
    function rounds() external view returns (address[] memory) {
        return _rounds;
    }

    /// @inheritdoc ICoMatchingSeason
    function isSettled() external view returns (bool) {
        return _settled;
    }

    /// @inheritdoc ICoMatchingSeason
    function pool() external view returns (uint256) {
        return _pool;
    }

    /// @inheritdoc ICoMatchingSeason
    function draws() external view returns (address[] memory, uint256[] memory, uint256[] memory) {
        if (!_settled) return _draws();
        uint256 count = _rounds.length;
        uint256[] memory ideals = new uint256[](count);
        uint256[] memory amounts = new uint256[](count);
        for (uint256 i = 0; i < count; ++i) {
            ideals[i] = _settledIdeals[_rounds[i]];
            amounts[i] = _drawn[_rounds[i]];
        }
        return (_rounds, ideals, amounts);
    }

    /// @inheritdoc ICoMatchingSeason
    function funderAccount(address funder) external view returns (uint256 funded, uint256 claimed) {
        FunderAccount memory account = _funders[funder];
        return (account.funded, account.claimed);
    }

    /// @inheritdoc ICoMatchingSeason
    function undeliveredDraw(address round) external view returns (uint256) {
        return _undelivered[round];
    }

    /// @inheritdoc ICoMatchingSeason
    function returned() external view returns (uint256) {
        return _returned;
    }

    /// @dev The quadratic split of the pool among the rounds as they stand: a cancelled round draws nothing.
    function _draws()
        private
        view
        returns (address[] memory roundsOfSeason, uint256[] memory ideals, uint256[] memory amounts)
    {
        roundsOfSeason = _rounds;
        uint256 count = roundsOfSeason.length;
        ideals = new uint256[](count);
        amounts = new uint256[](count);
        uint256 idealSum;
        for (uint256 i = 0; i < count; ++i) {
            IQuadraticFundingRound round = IQuadraticFundingRound(roundsOfSeason[i]);
            if (round.status() == IProjectRound.RoundStatus.Cancelled) continue;
            (uint256 sqrtSum, uint256 counted) = round.seasonTally();
            ideals[i] = QuadraticFundingMath.idealMatch(sqrtSum, counted);
            idealSum += ideals[i];
        }
        (uint256 numerator, uint256 denominator) = QuadraticFundingMath.matchLevel(
            _pool,
            idealSum,
            NORMALISATION_FACTOR
        );
        for (uint256 i = 0; i < count; ++i) {
            amounts[i] = QuadraticFundingMath.shareDown(ideals[i], numerator, denominator);
        }
    }

    /// @dev Offers a round its draw; if the round (or the token) refuses it, the draw waits for `deliverDraw`.
    /// Nothing is lost when the call fails for lack of gas either: the draw waits the same way.
    function _offerDraw(address round, uint256 amount) private {
        try this.fundRoundWhileSettling(round, amount) {
            return;
        } catch {
            _undelivered[round] = amount;
            emit DrawDeferred(round, amount);
        }
    }

    /// @dev The season funds the round's matching pool like any funder, so the round returns to it what it
    /// returns to funders.
    function _fundRound(address round, uint256 amount) private {
        if (PAYOUT_TOKEN == address(0)) {
            IProjectRound(round).fundMatchingPool{value: amount}(amount);
        } else {
            IERC20(PAYOUT_TOKEN).forceApprove(round, amount);
            IProjectRound(round).fundMatchingPool(amount);
        }
    }

    function _collect(uint256 amount) private {
        if (PAYOUT_TOKEN == address(0)) {
            if (msg.value != amount) revert NativeValueMismatch(amount, msg.value);
            return;
        }
        if (msg.value != 0) revert NativeValueMismatch(0, msg.value);
        uint256 balanceBefore = IERC20(PAYOUT_TOKEN).balanceOf(address(this));
        IERC20(PAYOUT_TOKEN).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(PAYOUT_TOKEN).balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert TokenTransferMismatch(amount, received);
    }

    function _send(address recipient, uint256 amount) private {
        if (PAYOUT_TOKEN == address(0)) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool sent, ) = recipient.call{value: amount}("");
            if (!sent) revert TransferFailed(recipient, amount);
            return;
        }
        IERC20(PAYOUT_TOKEN).safeTransfer(recipient, amount);
    }

    function _balance() private view returns (uint256) {
        return PAYOUT_TOKEN == address(0) ? address(this).balance : IERC20(PAYOUT_TOKEN).balanceOf(address(this));
    }

    /// @dev Native-coin refunds and leftovers arrive from the season's rounds, and from nowhere else: coin sent
    /// by anyone else could never be accounted for.
    receive() external payable {
        if (!_inSeason[msg.sender]) revert RoundNotInSeason(msg.sender);
    }
}
