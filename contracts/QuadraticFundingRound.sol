// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IQuadraticFundingRound} from "./interfaces/IQuadraticFundingRound.sol";
import {IProjectRegistry} from "./interfaces/IProjectRegistry.sol";
import {MetadataPointer} from "./libraries/MetadataPointer.sol";
import {QuadraticFundingMath} from "./libraries/QuadraticFundingMath.sol";
import {RoundArguments} from "./libraries/RoundArguments.sol";

/// @title QuadraticFundingRound
/// @notice A quadratic funding round, deployed by the RoundFactory as a minimal clone whose immutable
/// arguments are the round's parameters.
/// @dev Every donation keeps `S_p`, `Σc` and the running `Σ ideal` up to date, so finalizing reads two
/// numbers whatever the number of projects, and each project's payout follows from its own tally.
contract QuadraticFundingRound is IQuadraticFundingRound, Initializable, ReentrancyGuardTransient, Multicall {
    using SafeERC20 for IERC20;

    /// @notice The largest matching pool, in token units: keeps `pool × normalisationFactor` within 256 bits.
    uint256 public constant MAX_MATCHING_POOL = type(uint128).max;

    /// @notice The gas forwarded to a native-coin payout address in a batched payout, so that one address
    /// that burns gas cannot make the whole batch fail.
    uint256 public constant BATCH_NATIVE_PAYOUT_GAS = 100_000;

    /// @dev The round's status and the running `Σ ideal`, in one slot because every donation reads and
    /// writes both. `Σ ideal` fits: an ideal is below `S²`, `S < 2^88`, and there are fewer than `2^32` projects.
    struct RoundState {
        RoundStatus status;
        uint248 idealMatchSum;
    }

    /// @dev A funder's contribution to the matching pool (token units, bounded by `MAX_MATCHING_POOL`).
    struct FunderAccount {
        uint248 funded;
        bool settled;
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
    uint256 private _matchingPool;
    mapping(uint256 projectId => ProjectTally) private _tallies;
    mapping(uint256 projectId => mapping(address contributor => uint256 normalisedTotal)) private _contributions;
    mapping(address funder => FunderAccount) private _funders;
    mapping(uint256 projectId => string pointer) private _applicationMetadata;
    uint256[] private _approvedProjectIds;
    string private _metadata;
    MatchCapSettlement private _settlement;

    /// @dev Subsidiarity: the node's stewards run its rounds, checked live so a steward who leaves the node
    /// leaves its rounds too.
    modifier onlyNodeSteward() {
        (INodeRegistry nodes, uint256 nodeId) = _node();
        if (!nodes.isSteward(nodeId, msg.sender)) revert NotNodeSteward(nodeId, msg.sender);
        _;
    }

    /// @dev The implementation itself is never a round: only its clones are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IQuadraticFundingRound
    function initialize(string calldata metadata_) external initializer {
        MetadataPointer.validate(metadata_);
        _metadata = metadata_;
        emit RoundInitialized(metadata_);
    }

    // ---------------------------------------------------------------------------------------------------
    // Applications
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IQuadraticFundingRound
    function submitApplication(uint256 projectId, string calldata metadata_) external {
        _requireStatus(RoundStatus.Active);
        (uint64 opensAt, uint64 closesAt) = _applicationWindow();
        if (block.timestamp < opensAt || block.timestamp >= closesAt)
            revert OutsideApplicationWindow(opensAt, closesAt);
        address owner = _projectRegistry().ownerOf(projectId);
        if (msg.sender != owner) revert NotProjectOwner(projectId, msg.sender);
        MetadataPointer.validate(metadata_);

        ProjectTally storage tally = _tallies[projectId];
        ApplicationStatus current = tally.status;
        if (current == ApplicationStatus.Approved) revert UnexpectedApplicationStatus(projectId, current);
        _applicationMetadata[projectId] = metadata_;
        if (current == ApplicationStatus.Pending) {
            emit ApplicationUpdated(projectId, msg.sender, metadata_);
        } else {
            tally.status = ApplicationStatus.Pending;
            emit ApplicationSubmitted(projectId, msg.sender, metadata_);
        }
    }

    /// @inheritdoc IQuadraticFundingRound
    function approveApplication(uint256 projectId, string calldata reason) external onlyNodeSteward {
        ProjectTally storage tally = _pendingForReview(projectId);
        if (bytes(reason).length > MetadataPointer.MAX_LENGTH) {
            revert MetadataPointer.InvalidMetadataPointer(bytes(reason).length);
        }
        tally.status = ApplicationStatus.Approved;
        _approvedProjectIds.push(projectId);
        emit ApplicationReviewed(projectId, msg.sender, ApplicationStatus.Approved, reason);
    }

    /// @inheritdoc IQuadraticFundingRound
    function rejectApplication(uint256 projectId, string calldata reason) external onlyNodeSteward {
        ProjectTally storage tally = _pendingForReview(projectId);
        if (bytes(reason).length == 0) revert MissingReason();
        MetadataPointer.validate(reason);
        tally.status = ApplicationStatus.Rejected;
        emit ApplicationReviewed(projectId, msg.sender, ApplicationStatus.Rejected, reason);
    }

    // ---------------------------------------------------------------------------------------------------
    // Matching pool and donations
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IQuadraticFundingRound
    function fundMatchingPool(uint256 amount) external payable nonReentrant {
        _recordFunding(amount);
        _collectChecked(_payoutToken(), amount);
    }

    /// @inheritdoc IQuadraticFundingRound
    function fundMatchingPoolWithPermit(uint256 amount, PermitSignature calldata permit) external nonReentrant {
        address token = _payoutToken();
        _usePermit(token, permit);
        _recordFunding(amount);
        _collectChecked(token, amount);
    }

    /// @inheritdoc IQuadraticFundingRound
    function donate(uint256[] calldata projectIds, uint256[] calldata amounts) external payable nonReentrant {
        uint256 total = _recordDonations(projectIds, amounts);
        _collect(_payoutToken(), total);
    }

    /// @inheritdoc IQuadraticFundingRound
    function donateWithPermit(
        uint256[] calldata projectIds,
        uint256[] calldata amounts,
        PermitSignature calldata permit
    ) external nonReentrant {
        address token = _payoutToken();
        _usePermit(token, permit);
        uint256 total = _recordDonations(projectIds, amounts);
        _collect(token, total);
    }

    // ---------------------------------------------------------------------------------------------------
    // Closing
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IQuadraticFundingRound
    function cancel() external onlyNodeSteward {
        _requireStatus(RoundStatus.Active);
        _state.status = RoundStatus.Cancelled;
        emit RoundCancelled(msg.sender);
    }

    /// @inheritdoc IQuadraticFundingRound
    function finalize() external {
        RoundState memory state = _state;
        if (state.status != RoundStatus.Active) revert UnexpectedRoundStatus(state.status);
        (, uint64 donationsEnd) = _donationWindow();
        if (block.timestamp < donationsEnd) revert DonationWindowNotEnded(donationsEnd);

        uint256 pool = _matchingPool;
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
        uint256 pool = _matchingPool;
        uint256 idealSum = _state.idealMatchSum;
        uint256 matchCap = QuadraticFundingMath.bpsDown(pool, _matchCapBps());

        // The level of this pass: what is left after the capped projects, shared by the others.
        (uint256 numerator, uint256 denominator) = QuadraticFundingMath.matchLevel(
            pool - settlement.cappedCount * matchCap,
            idealSum - settlement.cappedIdealSum,
            _normalisationFactor()
        );
        uint256 projectCount = _approvedProjectIds.length;
        uint256 end = Math.min(projectCount, settlement.cursor + maxProjects);
        for (uint256 i = settlement.cursor; i < end; ++i) {
            uint256 projectId = _approvedProjectIds[i];
            ProjectTally storage tally = _tallies[projectId];
            if (tally.matchCapped) continue;
            uint256 ideal = QuadraticFundingMath.idealMatch(tally.sqrtSum, tally.donations);
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
        settlement.cursor = uint32(end);

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

    /// @inheritdoc IQuadraticFundingRound
    function claimPayout(uint256 projectId) external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        MatchDistribution memory distribution = _matchDistribution();
        (address payoutAddress, uint256 donations, uint256 matchAmount) = _settlePayout(distribution, projectId);
        if (!_trySend(_payoutToken(), payoutAddress, donations + matchAmount, gasleft())) {
            revert PayoutFailed(projectId, payoutAddress);
        }
        emit PayoutClaimed(projectId, payoutAddress, donations, matchAmount);
    }

    /// @inheritdoc IQuadraticFundingRound
    function claimPayouts(uint256[] calldata projectIds) external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        MatchDistribution memory distribution = _matchDistribution();
        address token = _payoutToken();
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
    function claimLeftover() external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        uint256 funded = _settleFunder(msg.sender);
        uint256 amount = Math.mulDiv(funded, _matchDistribution().unallocated, _matchingPool);
        _send(msg.sender, amount);
        emit LeftoverClaimed(msg.sender, amount);
    }

    /// @inheritdoc IQuadraticFundingRound
    function refundFunding() external nonReentrant {
        _requireStatus(RoundStatus.Cancelled);
        uint256 amount = _settleFunder(msg.sender);
        _send(msg.sender, amount);
        emit FundingRefunded(msg.sender, amount);
    }

    /// @inheritdoc IQuadraticFundingRound
    function refundDonations(uint256[] calldata projectIds) external nonReentrant {
        _requireStatus(RoundStatus.Cancelled);
        uint256 factor = _normalisationFactor();
        uint256 total;
        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 projectId = projectIds[i];
            uint256 amount = _contributions[projectId][msg.sender] / factor;
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
        (uint64 applicationsStart, uint64 applicationsEnd) = _applicationWindow();
        (uint64 donationsStart, uint64 donationsEnd) = _donationWindow();
        return
            RoundParameters({
                config: RoundConfig({
                    payoutToken: _payoutToken(),
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
    function status() external view returns (RoundStatus) {
        return _state.status;
    }

    /// @inheritdoc IQuadraticFundingRound
    function metadata() external view returns (string memory) {
        return _metadata;
    }

    /// @inheritdoc IQuadraticFundingRound
    function isSteward(address account) external view returns (bool) {
        (INodeRegistry nodes, uint256 nodeId) = _node();
        return nodes.isSteward(nodeId, account);
    }

    /// @inheritdoc IQuadraticFundingRound
    function matchingPool() external view returns (uint256) {
        return _matchingPool;
    }

    /// @inheritdoc IQuadraticFundingRound
    function funderAccount(address funder) external view returns (uint256 funded, bool settled) {
        FunderAccount memory account = _funders[funder];
        return (account.funded, account.settled);
    }

    /// @inheritdoc IQuadraticFundingRound
    function projectTally(uint256 projectId) external view returns (ProjectTally memory) {
        return _tallies[projectId];
    }

    /// @inheritdoc IQuadraticFundingRound
    function applicationMetadata(uint256 projectId) external view returns (string memory) {
        return _applicationMetadata[projectId];
    }

    /// @inheritdoc IQuadraticFundingRound
    function approvedProjectIds() external view returns (uint256[] memory) {
        return _approvedProjectIds;
    }

    /// @inheritdoc IQuadraticFundingRound
    function contributionOf(uint256 projectId, address contributor) external view returns (uint256) {
        return _contributions[projectId][contributor] / _normalisationFactor();
    }

    /// @inheritdoc IQuadraticFundingRound
    function idealMatchSum() external view returns (uint256) {
        return _state.idealMatchSum;
    }

    /// @inheritdoc IQuadraticFundingRound
    function estimatedMatch(uint256 projectId) external view returns (uint256) {
        ProjectTally memory tally = _tallies[projectId];
        if (tally.status != ApplicationStatus.Approved) return 0;
        if (_state.status == RoundStatus.Finalized) return _matchOf(_matchDistribution(), tally);
        uint256 ideal = QuadraticFundingMath.idealMatch(tally.sqrtSum, tally.donations);
        return _estimate(ideal, _state.idealMatchSum);
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
        uint256 idealBefore = QuadraticFundingMath.idealMatch(tally.sqrtSum, tally.donations);
        uint256 previous = _contributions[projectId][contributor];
        uint256 next = previous + amount * _normalisationFactor();
        uint256 idealAfter = QuadraticFundingMath.idealMatch(
            QuadraticFundingMath.sqrtSumAfter(tally.sqrtSum, previous, next),
            tally.donations + next - previous
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
        return (tally.donations / _normalisationFactor(), _matchOf(_matchDistribution(), tally));
    }

    // ---------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------

    function _payoutToken() private view returns (address) {
        return RoundArguments.payoutToken();
    }

    function _applicationWindow() private view returns (uint64 opensAt, uint64 closesAt) {
        return RoundArguments.applicationWindow();
    }

    function _donationWindow() private view returns (uint64 opensAt, uint64 closesAt) {
        (opensAt, closesAt, ) = RoundArguments.donationWindowAndFactor();
    }

    function _normalisationFactor() private view returns (uint256 factor) {
        (, , factor) = RoundArguments.donationWindowAndFactor();
    }

    function _matchCapBps() private view returns (uint256) {
        return RoundArguments.matchCapBps();
    }

    function _projectRegistry() private view returns (IProjectRegistry) {
        return IProjectRegistry(RoundArguments.projectRegistry());
    }

    function _node() private view returns (INodeRegistry nodes, uint256 nodeId) {
        address registry;
        (registry, nodeId) = RoundArguments.node();
        nodes = INodeRegistry(registry);
    }

    function _requireStatus(RoundStatus expected) private view {
        RoundStatus current = _state.status;
        if (current != expected) revert UnexpectedRoundStatus(current);
    }

    function _pendingForReview(uint256 projectId) private view returns (ProjectTally storage tally) {
        _requireStatus(RoundStatus.Active);
        (, uint64 donationsEnd) = _donationWindow();
        // Reviews stay possible until donations end, so a late application can still be approved.
        if (block.timestamp >= donationsEnd) revert ReviewClosed(donationsEnd);
        tally = _tallies[projectId];
        if (tally.status != ApplicationStatus.Pending) revert UnexpectedApplicationStatus(projectId, tally.status);
    }

    function _recordFunding(uint256 amount) private {
        _requireStatus(RoundStatus.Active);
        if (amount == 0) revert ZeroAmount();
        uint256 pool = _matchingPool + amount;
        if (pool > MAX_MATCHING_POOL) revert AmountTooLarge(pool, MAX_MATCHING_POOL);
        _matchingPool = pool;
        FunderAccount storage account = _funders[msg.sender];
        // Bounded by the pool, which is below 2^128.
        uint248 funderTotal = account.funded + uint248(amount);
        account.funded = funderTotal;
        emit MatchingPoolFunded(msg.sender, amount, funderTotal, pool);
    }

    /// @dev The hot path: the round state is read and written once for the whole batch.
    function _recordDonations(
        uint256[] calldata projectIds,
        uint256[] calldata amounts
    ) private returns (uint256 total) {
        uint256 count = projectIds.length;
        if (count == 0 || count != amounts.length) revert InvalidBatch(count, amounts.length);
        (uint256 stateWord, uint256 factor) = _stateWordForDonations();
        uint256 idealSum = stateWord >> 8;
        for (uint256 i = 0; i < count; ++i) {
            uint256 amount = amounts[i];
            (uint256 idealBefore, uint256 idealAfter) = _recordDonation(projectIds[i], amount, factor);
            // Integer square roots let an ideal shrink by a rounding step: add before subtracting.
            idealSum = idealSum + idealAfter - idealBefore;
            total += amount;
        }
        // Fits in 248 bits: see RoundState.
        stateWord = uint8(stateWord) | (idealSum << 8);
        assembly ("memory-safe") {
            sstore(_state.slot, stateWord)
        }
    }

    /// @dev The round state as one word (status in the low 8 bits, `Σ ideal` above) and the normalisation
    /// factor, after checking that donations are open.
    function _stateWordForDonations() private view returns (uint256 stateWord, uint256 factor) {
        assembly ("memory-safe") {
            stateWord := sload(_state.slot)
        }
        RoundStatus roundStatus = RoundStatus(uint8(stateWord));
        if (roundStatus != RoundStatus.Active) revert UnexpectedRoundStatus(roundStatus);
        uint64 opensAt;
        uint64 closesAt;
        (opensAt, closesAt, factor) = RoundArguments.donationWindowAndFactor();
        if (block.timestamp < opensAt || block.timestamp >= closesAt) revert OutsideDonationWindow(opensAt, closesAt);
    }

    /// @dev Adds one donation to the project's tally and the contributor's total; returns the project's
    /// ideal match before and after. The tally is read and written as one word: this is the hot path, and
    /// the compiler would otherwise read and write the packed slot once per field.
    function _recordDonation(
        uint256 projectId,
        uint256 amount,
        uint256 factor
    ) private returns (uint256 idealBefore, uint256 idealAfter) {
        if (amount == 0) revert ZeroAmount();
        ProjectTally storage tally = _tallies[projectId];
        uint256 word;
        assembly ("memory-safe") {
            word := sload(tally.slot)
        }
        // Layout of ProjectTally, from the low-order bits: status (8), matchCapped (8), paid (8),
        // contributors (32), sqrtSum (88), donations (112).
        ApplicationStatus applicationStatus = ApplicationStatus(uint8(word));
        if (applicationStatus != ApplicationStatus.Approved)
            revert UnexpectedApplicationStatus(projectId, applicationStatus);
        uint256 sqrtSum = uint88(word >> 56);
        uint256 donations = word >> 144;
        idealBefore = QuadraticFundingMath.idealMatch(sqrtSum, donations);

        uint256 previous = _contributions[projectId][msg.sender];
        uint256 next = previous + amount * factor;
        _contributions[projectId][msg.sender] = next;
        donations += next - previous;
        if (donations > type(uint112).max) revert AmountTooLarge(donations, type(uint112).max);
        // Below 2^88: each contributor adds at most sqrt(2^112) = 2^56, and there are fewer than 2^32.
        sqrtSum = QuadraticFundingMath.sqrtSumAfter(sqrtSum, previous, next);
        if (previous == 0) {
            // A new contributor: count it in the 32 bits above the three flags.
            if (uint32(word >> 24) == type(uint32).max) revert AmountTooLarge(1 << 32, type(uint32).max);
            word += 1 << 24;
        }
        word = uint56(word) | (sqrtSum << 56) | (donations << 144);
        assembly ("memory-safe") {
            sstore(tally.slot, word)
        }
        idealAfter = QuadraticFundingMath.idealMatch(sqrtSum, donations);
        emit Donated(projectId, msg.sender, amount, next / factor, donations / factor);
    }

    /// @dev Takes `amount` from the caller; native value must match exactly. Fee-on-transfer and rebasing
    /// tokens are kept out by the factory's payout token list; donations, the hot path, trust that list.
    function _collect(address token, uint256 amount) private {
        if (token == address(0)) {
            if (msg.value != amount) revert NativeValueMismatch(amount, msg.value);
            return;
        }
        if (msg.value != 0) revert NativeValueMismatch(0, msg.value);
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @dev Funding is rare and large, so it also checks what arrived: a token that starts taking fees after
    /// it was allowed is stopped at the pool before the round could promise more than it holds.
    function _collectChecked(address token, uint256 amount) private {
        if (token == address(0)) {
            _collect(token, amount);
            return;
        }
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        _collect(token, amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert TokenTransferMismatch(amount, received);
    }

    function _usePermit(address token, PermitSignature calldata permit) private {
        // A permit seen in the mempool can be submitted by someone else first; then the allowance exists
        // already and the donation goes on. If it does not, the transfer below fails with a clear error.
        try
            IERC20Permit(token).permit(
                msg.sender,
                address(this),
                permit.value,
                permit.deadline,
                permit.v,
                permit.r,
                permit.s
            )
        {} catch {} // solhint-disable-line no-empty-blocks
    }

    /// @dev The distribution that fixes every payout, derived from the frozen pool, `Σ ideal` and, for a
    /// capped round, what the settlement capped. Nothing else needs storing at finalization.
    function _matchDistribution() private view returns (MatchDistribution memory distribution) {
        uint256 pool = _matchingPool;
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

    function _matchOf(MatchDistribution memory distribution, ProjectTally memory tally) private pure returns (uint256) {
        if (tally.matchCapped) return distribution.matchCap;
        uint256 ideal = QuadraticFundingMath.idealMatch(tally.sqrtSum, tally.donations);
        return QuadraticFundingMath.shareDown(ideal, distribution.numerator, distribution.denominator);
    }

    /// @dev The match of an ideal at the current level, clamped at the cap (without redistribution).
    function _estimate(uint256 ideal, uint256 idealSum) private view returns (uint256) {
        uint256 pool = _matchingPool;
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
        matchAmount = _matchOf(distribution, tally);
        payoutAddress = _projectRegistry().payoutAddressOf(projectId);
    }

    function _settleFunder(address funder) private returns (uint256 funded) {
        FunderAccount storage account = _funders[funder];
        funded = account.funded;
        if (funded == 0 || account.settled) revert NothingToClaim(funder);
        account.settled = true;
    }

    function _send(address recipient, uint256 amount) private {
        if (!_trySend(_payoutToken(), recipient, amount, gasleft())) {
            revert TransferFailed(recipient, amount);
        }
    }

    function _trySend(address token, address recipient, uint256 amount, uint256 gasLimit) private returns (bool) {
        if (amount == 0) return true;
        if (token == address(0)) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool sent, ) = recipient.call{value: amount, gas: gasLimit}("");
            return sent;
        }
        return IERC20(token).trySafeTransfer(recipient, amount);
    }
}
