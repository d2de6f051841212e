// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IProjectRound} from "./interfaces/IProjectRound.sol";
import {ICoMatchingSeason} from "./interfaces/ICoMatchingSeason.sol";
import {IQuadraticFundingRound} from "./interfaces/IQuadraticFundingRound.sol";
import {ProjectRound} from "./ProjectRound.sol";
import {QuadraticFundingMath} from "./libraries/QuadraticFundingMath.sol";
import {RoundArguments} from "./libraries/RoundArguments.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time
// forge-lint: disable-start(block-timestamp)
// The donation path reads and writes its packed storage words and transient counters in small memory-safe
// assembly blocks, which Solidity cannot express as cheaply (SECURITY.md, "Static analysis").
// solhint-disable no-inline-assembly

/// @title QuadraticFundingRound
/// @notice A quadratic funding round, deployed by the RoundFactory as a minimal clone whose immutable
/// arguments are the round's parameters.
/// @dev Every donation keeps `S_p`, `Σc` and the running `Σ ideal` up to date, so finalizing reads two
/// numbers whatever the number of projects, and each project's payout follows from its own tally.
contract QuadraticFundingRound is ProjectRound, IQuadraticFundingRound {
    /// @dev Where a batch of gifts under counting rules notes what counted, for a season round's tally:
    /// `keccak256("hyphae.QuadraticFundingRound.countedThisCall")`.
    bytes32 private constant COUNTED_THIS_CALL_SLOT =
        0xca58709cba0dba6bb806e054e5577d9013fd649e0c6fd07f98bd186d9afac55f;

    /// @dev The round's status and the running `Σ ideal`, in one slot because every donation reads and
    /// writes both. `Σ ideal` fits: an ideal is below `S²`, `S < 2^88`, and there are fewer than `2^32` projects.
    struct RoundState {
        RoundStatus status;
        uint248 idealMatchSum;
    }

    /// @dev Progress of the match cap settlement: `cappedCount`/`cappedIdealSum` define the level of the
    /// current pass; `next*` accumulate the projects capped during it.
    struct MatchCapSettlement {
        uint32 pass;
        uint32 cursor;
        uint32 cappedCount;
        uint32 nextCappedCount;
        uint256 cappedIdealSum;
        uint256 nextCappedIdealSum;
    }

    RoundState private _state;
    mapping(uint256 projectId => ProjectTally) private _tallies;
    mapping(uint256 projectId => mapping(address contributor => uint256 normalisedTotals)) private _contributions;
    mapping(uint256 projectId => uint256 normalised) private _uncountedDonations;
    MatchCapSettlement private _settlement;
    bool private _commonsShareSent;
    /// @dev For a round in a co-matching season: what counts of each contributor's gifts in the whole round
    /// (normalised), and the round's tally over them, which the season reads when it settles.
    mapping(address contributor => uint256 normalised) private _countedInRound;
    SeasonTally private _seasonTally;

    /// @dev `S_r` and `Σ g` of the round as one recipient of its season (normalised; below 2^128 like a
    /// project's tally, as the round's counted gifts are bounded by its donations).
    struct SeasonTally {
        uint128 sqrtSum;
        uint128 counted;
    }

    /// @dev The counting rules of a round, normalised (see `_countingRules`).
    struct CountingRules {
        bool enabled;
        uint256 minimum;
        uint256 cap;
    }

    // ---------------------------------------------------------------------------------------------------
    // Donations
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IQuadraticFundingRound
    function donate(uint256[] calldata projectIds, uint256[] calldata amounts) external payable nonReentrant {
        (uint256 stateWord, uint256 factor, uint256 rules, uint256 flags) = _openForDonations(_noProof());
        uint256 total = _recordDonations(projectIds, amounts, stateWord, factor, rules, flags);
        _collect(RoundArguments.payoutToken(), total);
    }

    /// @inheritdoc IQuadraticFundingRound
    function donateWithProof(
        uint256[] calldata projectIds,
        uint256[] calldata amounts,
        bytes32[] calldata proof
    ) external payable nonReentrant {
        (uint256 stateWord, uint256 factor, uint256 rules, uint256 flags) = _openForDonations(proof);
        uint256 total = _recordDonations(projectIds, amounts, stateWord, factor, rules, flags);
        _collect(RoundArguments.payoutToken(), total);
    }

    /// @inheritdoc IQuadraticFundingRound
    function donateWithPermit(
        uint256[] calldata projectIds,
        uint256[] calldata amounts,
        PermitSignature calldata permit,
        bytes32[] calldata proof
    ) external nonReentrant {
        address token = RoundArguments.payoutToken();
        _usePermit(token, permit);
        (uint256 stateWord, uint256 factor, uint256 rules, uint256 flags) = _openForDonations(proof);
        uint256 total = _recordDonations(projectIds, amounts, stateWord, factor, rules, flags);
        _collect(token, total);
    }

    // ---------------------------------------------------------------------------------------------------
    // Closing
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IProjectRound
    function finalize() external {
        RoundState memory state = _state;
        if (state.status != RoundStatus.Active) revert UnexpectedRoundStatus(state.status);
        (, uint64 donationsEnd) = _donationWindow();
        if (block.timestamp < donationsEnd) revert DonationWindowNotEnded(donationsEnd);
        address season = _season();
        if (season != address(0)) _requireDrawIn(season);

        uint256 pool = _distributablePool();
        uint256 matchCapBps = _matchCapBps();
        // Without a cap, or when even the whole distributed amount fits under it, no project can exceed it:
        // every payout then follows from the pool, `Σ ideal` and the project's own tally.
        if (
            matchCapBps == 0 ||
            QuadraticFundingMath.distributedDown(pool, state.idealMatchSum, _normalisationFactor()) <=
                QuadraticFundingMath.bpsDown(pool, matchCapBps)
        ) {
            _state.status = RoundStatus.Finalized;
            emit RoundFinalized(pool, state.idealMatchSum, _matchDistribution());
            return;
        }
        _state.status = RoundStatus.SettlingMatchCaps;
        emit MatchCapSettlementStarted(_approvedProjectIds.length);
    }

    /// @inheritdoc IQuadraticFundingRound
    function settleMatchCaps(uint256 maxProjects) external returns (bool finalized) {
        _requireStatus(RoundStatus.SettlingMatchCaps);
        if (maxProjects == 0) revert ZeroAmount();
        MatchCapSettlement memory settlement = _settlement;
        uint256 pool = _distributablePool();
        uint256 idealSum = _state.idealMatchSum;
        uint256 matchCap = QuadraticFundingMath.bpsDown(pool, _matchCapBps());
        // The level of this pass: what is left after the capped projects, shared by the others.
        (uint256 numerator, uint256 denominator) = QuadraticFundingMath.matchLevel(
            pool - settlement.cappedCount * matchCap,
            idealSum - settlement.cappedIdealSum,
            _normalisationFactor()
        );
        uint256 projectCount = _approvedProjectIds.length;
        // Any batch size, the largest included: `cursor + maxProjects` could overflow, the room left cannot.
        uint256 end = maxProjects < projectCount - settlement.cursor ? settlement.cursor + maxProjects : projectCount;
        for (uint256 i = settlement.cursor; i < end; ++i) {
            uint256 projectId = _approvedProjectIds[i];
            ProjectTally storage tally = _tallies[projectId];
            if (tally.matchCapped) continue;
            uint256 ideal = _idealOf(projectId, tally.sqrtSum, tally.donations);
            // Capped when its share at this level reaches the cap. The level only rises as projects get
            // capped, so a project capped now stays capped at the final level; one exactly at the cap is paid
            // the cap either way and leaves the level unchanged. A project without an ideal match has no share
            // at any level: it is never capped, even when a dust pool rounds the cap down to zero.
            if (ideal != 0 && QuadraticFundingMath.shareDown(ideal, numerator, denominator) >= matchCap) {
                tally.matchCapped = true;
                ++settlement.nextCappedCount;
                settlement.nextCappedIdealSum += ideal;
                emit MatchCapped(projectId, ideal);
            }
        }
        // `end` is at most the number of approved projects, fewer than 2^32 (see RoundState).
        settlement.cursor = uint32(end); // forge-lint: disable-line(unsafe-typecast)

        if (end == projectCount) {
            if (settlement.nextCappedCount == settlement.cappedCount) {
                _settlement = settlement;
                _state.status = RoundStatus.Finalized;
                emit RoundFinalized(pool, idealSum, _matchDistribution());
                return true;
            }
            // New projects were capped: the level rose, so scan again until a pass caps nobody new.
            settlement.cappedCount = settlement.nextCappedCount;
            settlement.cappedIdealSum = settlement.nextCappedIdealSum;
            settlement.cursor = 0;
            ++settlement.pass;
        }
        _settlement = settlement;
        emit MatchCapSettlementProgressed(settlement.pass, settlement.cursor, settlement.nextCappedCount);
        return false;
    }

    // ---------------------------------------------------------------------------------------------------
    // Payouts and refunds
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IProjectRound
    function claimPayout(uint256 projectId) external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        MatchDistribution memory distribution = _matchDistribution();
        (address payoutAddress, uint256 donations, uint256 matchAmount) = _settlePayout(distribution, projectId);
        if (!_trySend(RoundArguments.payoutToken(), payoutAddress, donations + matchAmount, gasleft())) {
            revert PayoutFailed(projectId, payoutAddress);
        }
        emit PayoutClaimed(projectId, payoutAddress, donations, matchAmount);
    }

    /// @inheritdoc IProjectRound
    function claimPayouts(uint256[] calldata projectIds) external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        MatchDistribution memory distribution = _matchDistribution();
        address token = RoundArguments.payoutToken();
        uint256 gasLimit = token == address(0) ? BATCH_NATIVE_PAYOUT_GAS : type(uint256).max;
        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 projectId = projectIds[i];
            if (_tallies[projectId].paid) continue;
            (address payoutAddress, uint256 donations, uint256 matchAmount) = _settlePayout(distribution, projectId);
            if (_trySend(token, payoutAddress, donations + matchAmount, Math.min(gasLimit, gasleft()))) {
                emit PayoutClaimed(projectId, payoutAddress, donations, matchAmount);
            } else {
                // Undo the settlement so this project can still claim on its own later.
                _tallies[projectId].paid = false;
                emit PayoutDeferred(projectId, payoutAddress);
            }
        }
    }

    /// @inheritdoc IQuadraticFundingRound
    function claimCommonsShare() external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        if (_commonsShareSent) revert NothingToClaim(address(this));
        uint256 amount = _commonsShare();
        if (amount == 0) revert NothingToClaim(address(this));
        (INodeRegistry nodes, ) = _node();
        address treasury = nodes.commonsTreasury();
        if (treasury == address(0)) revert NoCommonsTreasury();
        _commonsShareSent = true;
        _send(treasury, amount);
        emit CommonsShareSent(treasury, amount);
    }

    /// @inheritdoc IQuadraticFundingRound
    function refundDonations(uint256[] calldata projectIds) external nonReentrant {
        _requireStatus(RoundStatus.Cancelled);
        uint256 factor = _normalisationFactor();
        uint256 total;
        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 projectId = projectIds[i];
            uint256 amount = uint128(_contributions[projectId][msg.sender]) / factor;
            if (amount == 0) continue;
            _contributions[projectId][msg.sender] = 0;
            total += amount;
            emit DonationRefunded(projectId, msg.sender, amount);
        }
        if (total == 0) revert NothingToClaim(msg.sender);
        _send(msg.sender, total);
    }

    // ---------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IQuadraticFundingRound
    function parameters() external view returns (RoundParameters memory) {
        (INodeRegistry nodes, uint256 nodeId) = _node();
        (uint64 applicationsStart, uint64 applicationsEnd) = RoundArguments.applicationWindow();
        (uint64 donationsStart, uint64 donationsEnd) = _donationWindow();
        return
            RoundParameters({
                config: RoundConfig({
                    payoutToken: RoundArguments.payoutToken(),
                    applicationsStart: applicationsStart,
                    applicationsEnd: applicationsEnd,
                    donationsStart: donationsStart,
                    donationsEnd: donationsEnd,
                    matchCapBps: uint16(_matchCapBps())
                }),
                projectRegistry: address(_projectRegistry()),
                normalisationFactor: _normalisationFactor(),
                nodeRegistry: address(nodes),
                nodeId: nodeId
            });
    }

    /// @inheritdoc IQuadraticFundingRound
    function projectTally(uint256 projectId) external view returns (ProjectTally memory) {
        return _tallies[projectId];
    }

    /// @inheritdoc IQuadraticFundingRound
    function contributionOf(uint256 projectId, address contributor) external view returns (uint256) {
        return uint128(_contributions[projectId][contributor]) / _normalisationFactor();
    }

    /// @inheritdoc IQuadraticFundingRound
    function countedContributionOf(uint256 projectId, address contributor) external view returns (uint256) {
        uint256 factor = _normalisationFactor();
        (, uint256 counted) = _totals(_contributions[projectId][contributor], _countingRules());
        return counted / factor;
    }

    /// @inheritdoc IQuadraticFundingRound
    function countingRules() external view returns (uint256 minCountedDonation, uint256 countedContributionCap) {
        return RoundArguments.word6();
    }

    /// @inheritdoc IQuadraticFundingRound
    function links() external view returns (CommonsLinks memory) {
        return CommonsLinks({commonsShareBps: uint16(_commonsShareBps()), season: _season()});
    }

    /// @inheritdoc IQuadraticFundingRound
    function commonsShare() external view returns (uint256 amount, bool sent) {
        return (_commonsShare(), _commonsShareSent);
    }

    /// @inheritdoc IQuadraticFundingRound
    function seasonTally() external view returns (uint256 sqrtSum, uint256 counted) {
        SeasonTally memory tally = _seasonTally;
        return (tally.sqrtSum, tally.counted);
    }

    /// @inheritdoc IQuadraticFundingRound
    function countedInRoundOf(address contributor) external view returns (uint256) {
        return _countedInRound[contributor] / _normalisationFactor();
    }

    /// @inheritdoc IQuadraticFundingRound
    function idealMatchSum() external view returns (uint256) {
        return _state.idealMatchSum;
    }

    /// @inheritdoc IQuadraticFundingRound
    function estimatedMatch(uint256 projectId) external view returns (uint256) {
        ProjectTally memory tally = _tallies[projectId];
        if (tally.status != ApplicationStatus.Approved) return 0;
        if (_state.status == RoundStatus.Finalized) return _matchOf(_matchDistribution(), projectId, tally);
        return _estimate(_idealOf(projectId, tally.sqrtSum, tally.donations), _state.idealMatchSum);
    }

    /// @inheritdoc IQuadraticFundingRound
    function previewDonation(
        uint256 projectId,
        address contributor,
        uint256 amount
    ) external view returns (uint256 matchBefore, uint256 matchAfter) {
        ProjectTally memory tally = _tallies[projectId];
        if (tally.status != ApplicationStatus.Approved) return (0, 0);
        uint256 idealSum = _state.idealMatchSum;
        uint256 factor = _normalisationFactor();
        CountingRules memory rules = _countingRules();
        uint256 added = amount * factor;
        uint256 counted = tally.donations - _uncountedDonations[projectId];
        uint256 idealBefore = QuadraticFundingMath.idealMatch(tally.sqrtSum, counted);
        (, uint256 countedBefore) = _totals(_contributions[projectId][contributor], rules);
        uint256 countedAfter = _countedAfter(countedBefore, added, rules);
        uint256 idealAfter = QuadraticFundingMath.idealMatch(
            QuadraticFundingMath.sqrtSumAfter(tally.sqrtSum, countedBefore, countedAfter),
            counted + countedAfter - countedBefore
        );
        matchBefore = _estimate(idealBefore, idealSum);
        matchAfter = _estimate(idealAfter, idealSum + idealAfter - idealBefore);
    }

    /// @inheritdoc IQuadraticFundingRound
    function matchDistribution() external view returns (MatchDistribution memory) {
        _requireStatus(RoundStatus.Finalized);
        return _matchDistribution();
    }

    /// @inheritdoc IQuadraticFundingRound
    function payoutOf(uint256 projectId) external view returns (uint256 donations, uint256 matchAmount) {
        _requireStatus(RoundStatus.Finalized);
        ProjectTally memory tally = _tallies[projectId];
        if (tally.status != ApplicationStatus.Approved) {
            revert UnexpectedApplicationStatus(projectId, tally.status);
        }
        return (tally.donations / _normalisationFactor(), _matchOf(_matchDistribution(), projectId, tally));
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
        return _tallies[projectId].status;
    }

    function _setApplicationStatus(uint256 projectId, ApplicationStatus next) internal override {
        _tallies[projectId].status = next;
    }

    function _unallocated() internal view override returns (uint256) {
        return _matchDistribution().unallocated;
    }

    // ---------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------

    /// @dev An empty calldata proof, for the entry points that take none.
    function _noProof() private pure returns (bytes32[] calldata proof) {
        assembly ("memory-safe") {
            proof.offset := 0
            proof.length := 0
        }
    }

    function _donationWindow() private view returns (uint64 opensAt, uint64 closesAt) {
        return RoundArguments.openWindow();
    }

    function _normalisationFactor() private view returns (uint256 factor) {
        (, , factor, ) = RoundArguments.openWindowAndCompanion();
    }

    /// @dev Word 3 of a funding round: matchCapBps (16 bits) | commonsShareBps << 16 | season << 32.
    function _matchCapBps() private view returns (uint256) {
        return uint16(RoundArguments.word3());
    }

    function _commonsShareBps() private view returns (uint256) {
        return uint16(RoundArguments.word3() >> 16);
    }

    function _season() private view returns (address) {
        return address(uint160(RoundArguments.word3() >> 32));
    }

    /// @dev The commons share: a fixed part of the whole matching pool (the season's draw included), rounded down.
    function _commonsShare() private view returns (uint256) {
        return QuadraticFundingMath.bpsDown(_matchingPool, _commonsShareBps());
    }

    /// @dev What the round's own rule distributes: the matching pool without the commons share.
    function _distributablePool() private view returns (uint256) {
        return _matchingPool - _commonsShare();
    }

    /// @dev The counting rules, normalised, from word 6 of the arguments: a donation below `minimum` counts
    /// nothing toward the match, and no more than `cap` of a contributor's total to a project counts (0: no
    /// cap). `enabled` is false for rounds without them, whose donations count in full.
    function _countingRules(uint256 packed, uint256 factor) private pure returns (CountingRules memory rules) {
        rules.enabled = packed != 0;
        // The low half of word 6 is the minimum, written from a uint128 (RoundArguments).
        // forge-lint: disable-next-line(unsafe-typecast)
        rules.minimum = uint128(packed) * factor;
        rules.cap = (packed >> 128) * factor;
    }

    function _countingRules() private view returns (CountingRules memory) {
        return
            _countingRules(
                RoundArguments.hasCountingRules() ? RoundArguments.word6Packed() : 0,
                _normalisationFactor()
            );
    }

    /// @dev The hot path: the round state is read and written once for the whole batch, and a season round's
    /// tally once per contributor and batch.
    function _recordDonations(
        uint256[] calldata projectIds,
        uint256[] calldata amounts,
        uint256 stateWord,
        uint256 factor,
        uint256 rules,
        uint256 flags
    ) private returns (uint256 total) {
        if (projectIds.length == 0 || projectIds.length != amounts.length) {
            revert InvalidBatch(projectIds.length, amounts.length);
        }
        uint256 idealSum = stateWord >> 8;
        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 amount = amounts[i];
            if (amount == 0) revert ZeroAmount();
            // No gift above 2^112 fits a project's tally; refusing it here also keeps `amount × factor` (a factor
            // below 2^60) from overflowing before the tally's own check.
            if (amount > type(uint112).max) revert AmountTooLarge(amount, type(uint112).max);
            (uint256 idealBefore, uint256 idealAfter) = _recordDonation(projectIds[i], amount, factor, rules);
            // Integer square roots let an ideal shrink by a rounding step: add before subtracting.
            idealSum = idealSum + idealAfter - idealBefore;
            total += amount;
        }
        // Fits in 248 bits: see RoundState. `uint8` keeps the status, the low 8 bits, and drops the old sum.
        // forge-lint: disable-next-line(unsafe-typecast)
        stateWord = uint8(stateWord) | (idealSum << 8);
        assembly ("memory-safe") {
            sstore(_state.slot, stateWord)
        }
        if (flags & RoundArguments.FLAG_SEASON != 0) {
            // Without counting rules, everything given counts; with them, the gifts noted what counted.
            _countInSeason(rules == 0 ? total * factor : _takeCountedThisCall());
        }
    }

    /// @dev A season round finalizes once its season settled and its draw is in its pool: the rule distributes
    /// the pool as it stands at finalization.
    function _requireDrawIn(address season) private view {
        if (!ICoMatchingSeason(season).isSettled()) revert SeasonNotSettled(season);
        uint256 waiting = ICoMatchingSeason(season).undeliveredDraw(address(this));
        if (waiting != 0) revert SeasonDrawNotDelivered(season, waiting);
    }

    /// @dev Adds what counted of the caller's gifts in this call to its total in the round and to the round's
    /// tally as one recipient of its season.
    function _countInSeason(uint256 counted) private {
        if (counted == 0) return;
        uint256 previous = _countedInRound[msg.sender];
        uint256 next = previous + counted;
        _countedInRound[msg.sender] = next;
        SeasonTally memory tally = _seasonTally;
        // Both stay below 2^128: the round's counted gifts are part of its donations (below 2^112 per project,
        // and fewer than 2^16 projects join a round in practice; the checked casts below would revert first).
        _seasonTally = SeasonTally({
            sqrtSum: SafeCast.toUint128(QuadraticFundingMath.sqrtSumAfter(tally.sqrtSum, previous, next)),
            counted: SafeCast.toUint128(tally.counted + counted)
        });
    }

    /// @dev What counted of the gifts of this call in a round with counting rules, noted in transient storage
    /// by each gift (see `_noteCounted`), and cleared.
    function _takeCountedThisCall() private returns (uint256 counted) {
        assembly ("memory-safe") {
            counted := tload(COUNTED_THIS_CALL_SLOT)
            tstore(COUNTED_THIS_CALL_SLOT, 0)
        }
    }

    function _noteCounted(uint256 counted) private {
        assembly ("memory-safe") {
            tstore(COUNTED_THIS_CALL_SLOT, add(tload(COUNTED_THIS_CALL_SLOT), counted))
        }
    }

    /// @dev The round state as one word (status in the low 8 bits, `Σ ideal` above), the normalisation
    /// factor and the counting rules, after checking that donations are open and the caller may donate.
    function _openForDonations(
        bytes32[] calldata proof
    ) private view returns (uint256 stateWord, uint256 factor, uint256 rules, uint256 flags) {
        assembly ("memory-safe") {
            stateWord := sload(_state.slot)
        }
        // The status is the low 8 bits of the word.
        // forge-lint: disable-next-line(unsafe-typecast)
        RoundStatus roundStatus = RoundStatus(uint8(stateWord));
        if (roundStatus != RoundStatus.Active) revert UnexpectedRoundStatus(roundStatus);
        uint64 opensAt;
        uint64 closesAt;
        (opensAt, closesAt, factor, flags) = RoundArguments.openWindowAndCompanion();
        if (block.timestamp < opensAt || block.timestamp >= closesAt) revert OutsideDonationWindow(opensAt, closesAt);
        if (flags != 0) {
            if (flags & RoundArguments.FLAG_ELIGIBILITY != 0) _requireEligible(msg.sender, proof);
            if (flags & RoundArguments.FLAG_COUNTING_RULES != 0) rules = RoundArguments.word6Packed();
        }
    }

    /// @dev Adds one donation to the project's tally and the contributor's total; returns the project's
    /// ideal match before and after. The tally is read and written as one word: this is the hot path, and
    /// the compiler would otherwise read and write the packed slot once per field. `rules` is word 6 of the
    /// arguments (token units), zero for a round without counting rules, whose path stays as short as it was.
    /// Layout of ProjectTally, from the low-order bits: status (8), matchCapped (8), paid (8), contributors (32),
    /// sqrtSum (88), donations (112).
    // Its casts take one field out of that word, or (`uint56`) the fields below sqrtSum: none cuts a value off.
    // forge-lint: disable-next-item(unsafe-typecast)
    function _recordDonation(
        uint256 projectId,
        uint256 amount,
        uint256 factor,
        uint256 rules
    ) private returns (uint256 idealBefore, uint256 idealAfter) {
        ProjectTally storage tally = _tallies[projectId];
        uint256 word;
        assembly ("memory-safe") {
            word := sload(tally.slot)
        }
        if (ApplicationStatus(uint8(word)) != ApplicationStatus.Approved) {
            revert UnexpectedApplicationStatus(projectId, ApplicationStatus(uint8(word)));
        }
        uint256 sqrtSum = uint88(word >> 56);
        uint256 donations = word >> 144;
        uint256 previous = _contributions[projectId][msg.sender];
        uint256 next;
        uint256 uncounted; // the project's donations that do not count toward the match, after this one
        if (rules == 0) {
            idealBefore = QuadraticFundingMath.idealMatch(sqrtSum, donations);
            next = previous + amount * factor;
            _contributions[projectId][msg.sender] = next;
            // Below 2^88: each contributor adds at most sqrt(2^112) = 2^56, and there are fewer than 2^32.
            sqrtSum = QuadraticFundingMath.sqrtSumAfter(sqrtSum, previous, next);
        } else {
            (previous, next, sqrtSum, idealBefore, uncounted) = _recordCountedGift(
                projectId,
                amount * factor,
                _countingRules(rules, factor),
                sqrtSum,
                donations
            );
        }
        donations += next - previous;
        if (donations > type(uint112).max) revert AmountTooLarge(donations, type(uint112).max);
        if (previous == 0) {
            // A new contributor: count it in the 32 bits above the three flags.
            if (uint32(word >> 24) == type(uint32).max) revert AmountTooLarge(1 << 32, type(uint32).max);
            word += 1 << 24;
        }
        word = uint56(word) | (sqrtSum << 56) | (donations << 144);
        assembly ("memory-safe") {
            sstore(tally.slot, word)
        }
        // What does not count is part of the donations.
        unchecked {
            idealAfter = QuadraticFundingMath.idealMatch(sqrtSum, donations - uncounted);
        }
        emit Donated(projectId, msg.sender, amount, next / factor, donations / factor);
    }

    /// @dev The donation path of a round with counting rules: adds `added` (normalised) to the caller's gifts
    /// to the project, of which only what the rules let count enters `S_p`. Returns the caller's total before
    /// and after, `S_p` after, the project's ideal match before, and its donations that do not count after.
    function _recordCountedGift(
        uint256 projectId,
        uint256 added,
        CountingRules memory rules,
        uint256 sqrtSum,
        uint256 donations
    ) private returns (uint256 previous, uint256 next, uint256 sqrtSumAfter, uint256 idealBefore, uint256 uncounted) {
        uncounted = _uncountedDonations[projectId];
        idealBefore = QuadraticFundingMath.idealMatch(sqrtSum, donations - uncounted);
        uint256 countedBefore;
        (previous, countedBefore) = _totals(_contributions[projectId][msg.sender], rules);
        next = previous + added;
        uint256 countedAfter = _countedAfter(countedBefore, added, rules);
        _contributions[projectId][msg.sender] = next | (countedAfter << 128);
        sqrtSumAfter = QuadraticFundingMath.sqrtSumAfter(sqrtSum, countedBefore, countedAfter);
        _noteCounted(countedAfter - countedBefore);
        uint256 notCounted = added - (countedAfter - countedBefore);
        if (notCounted != 0) {
            uncounted += notCounted;
            _uncountedDonations[projectId] = uncounted;
        }
    }

    /// @dev A contributor's total to a project and what of it counts toward the match, from its stored word:
    /// with counting rules, the total is in the low 128 bits and what counts above them; without, both are
    /// the word.
    function _totals(uint256 word, CountingRules memory rules) private pure returns (uint256 total, uint256 counted) {
        if (!rules.enabled) return (word, word);
        // The total is the low 128 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        return (uint128(word), word >> 128);
    }

    /// @dev What counts after a gift of `added` on top of `countedBefore`: nothing of a gift below the
    /// minimum, and never more than the cap in all.
    function _countedAfter(
        uint256 countedBefore,
        uint256 added,
        CountingRules memory rules
    ) private pure returns (uint256 countedAfter) {
        if (added < rules.minimum) return countedBefore;
        countedAfter = countedBefore + added;
        if (rules.cap != 0 && countedAfter > rules.cap) countedAfter = rules.cap;
    }

    /// @dev The project's ideal match: from what counts toward it, which is everything given unless the round
    /// has counting rules.
    function _idealOf(uint256 projectId, uint256 sqrtSum, uint256 donations) private view returns (uint256) {
        uint256 uncounted = RoundArguments.hasCountingRules() ? _uncountedDonations[projectId] : 0;
        return QuadraticFundingMath.idealMatch(sqrtSum, donations - uncounted);
    }

    /// @dev The distribution that fixes every payout, derived from the frozen pool, `Σ ideal` and, for a
    /// capped round, what the settlement capped. Nothing else needs storing at finalization.
    function _matchDistribution() private view returns (MatchDistribution memory distribution) {
        uint256 pool = _distributablePool();
        uint256 idealSum = _state.idealMatchSum;
        uint256 factor = _normalisationFactor();
        uint256 matchCapBps = _matchCapBps();
        uint256 cappedTotal;
        uint256 cappedIdealSum;
        if (matchCapBps != 0) {
            distribution.matchCap = QuadraticFundingMath.bpsDown(pool, matchCapBps);
            MatchCapSettlement memory settlement = _settlement;
            cappedTotal = settlement.cappedCount * distribution.matchCap;
            cappedIdealSum = settlement.cappedIdealSum;
        }
        uint256 available = pool - cappedTotal;
        uint256 uncappedIdealSum = idealSum - cappedIdealSum;
        (distribution.numerator, distribution.denominator) = QuadraticFundingMath.matchLevel(
            available,
            uncappedIdealSum,
            factor
        );
        distribution.unallocated =
            available - QuadraticFundingMath.distributedDown(available, uncappedIdealSum, factor);
    }

    function _matchOf(
        MatchDistribution memory distribution,
        uint256 projectId,
        ProjectTally memory tally
    ) private view returns (uint256) {
        if (tally.matchCapped) return distribution.matchCap;
        uint256 ideal = _idealOf(projectId, tally.sqrtSum, tally.donations);
        return QuadraticFundingMath.shareDown(ideal, distribution.numerator, distribution.denominator);
    }

    /// @dev The match of an ideal at the current level, clamped at the cap (without redistribution).
    function _estimate(uint256 ideal, uint256 idealSum) private view returns (uint256) {
        uint256 pool = _distributablePool();
        (uint256 numerator, uint256 denominator) = QuadraticFundingMath.matchLevel(
            pool,
            idealSum,
            _normalisationFactor()
        );
        uint256 estimate = QuadraticFundingMath.shareDown(ideal, numerator, denominator);
        uint256 matchCapBps = _matchCapBps();
        if (matchCapBps == 0) return estimate;
        return Math.min(estimate, QuadraticFundingMath.bpsDown(pool, matchCapBps));
    }

    /// @dev Marks the project paid and returns where to and what to pay.
    function _settlePayout(
        MatchDistribution memory distribution,
        uint256 projectId
    ) private returns (address payoutAddress, uint256 donations, uint256 matchAmount) {
        ProjectTally memory tally = _tallies[projectId];
        if (tally.status != ApplicationStatus.Approved) revert UnexpectedApplicationStatus(projectId, tally.status);
        if (tally.paid) revert AlreadyPaid(projectId);
        _tallies[projectId].paid = true;
        donations = tally.donations / _normalisationFactor();
        matchAmount = _matchOf(distribution, projectId, tally);
        payoutAddress = _projectRegistry().payoutAddressOf(projectId);
    }
}
