// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IProjectRegistry} from "./interfaces/IProjectRegistry.sol";
import {IProjectRound} from "./interfaces/IProjectRound.sol";
import {EligibilityRules} from "./libraries/EligibilityRules.sol";
import {MetadataPointer} from "./libraries/MetadataPointer.sol";
import {RoundArguments} from "./libraries/RoundArguments.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time
// forge-lint: disable-start(block-timestamp)

/// @title ProjectRound
/// @notice What every round shares, whatever its rule: applications and their review by the node's stewards,
/// the matching pool and its funders, cancellation, leftovers, and getting paid. A round is a minimal clone
/// whose immutable arguments (RoundArguments) are its parameters.
/// @dev The rule (quadratic funding, quadratic voting) keeps the round's status and each project's application
/// status in its own packed slots, next to the figures its hot path reads with them, behind four hooks.
abstract contract ProjectRound is IProjectRound, Initializable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice The largest matching pool, in token units: keeps `pool × normalisationFactor` within 256 bits.
    uint256 public constant MAX_MATCHING_POOL = type(uint128).max;

    /// @notice The gas forwarded to a native-coin payout address in a batched payout, so that one address
    /// that burns gas cannot make the whole batch fail.
    uint256 public constant BATCH_NATIVE_PAYOUT_GAS = 100_000;

    /// @dev A funder's contribution to the matching pool (token units, bounded by `MAX_MATCHING_POOL`).
    struct FunderAccount {
        uint248 funded;
        bool settled;
    }

    uint256 internal _matchingPool;
    mapping(address funder => FunderAccount) private _funders;
    mapping(uint256 projectId => string pointer) private _applicationMetadata;
    uint256[] internal _approvedProjectIds;
    string private _metadata;

    /// @dev Subsidiarity: the node's stewards run its rounds, checked live so a steward who leaves the node
    /// leaves its rounds too.
    modifier onlyNodeSteward() {
        _requireNodeSteward();
        _;
    }

    /// @dev The implementation itself is never a round: only its clones are initialized.
    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc IProjectRound
    function initialize(string calldata metadata_) external initializer {
        MetadataPointer.validate(metadata_);
        _metadata = metadata_;
        emit RoundInitialized(metadata_);
    }

    // ---------------------------------------------------------------------------------------------------
    // Applications
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IProjectRound
    function submitApplication(uint256 projectId, string calldata metadata_) external {
        _requireStatus(RoundStatus.Active);
        (uint64 opensAt, uint64 closesAt) = RoundArguments.applicationWindow();
        if (block.timestamp < opensAt || block.timestamp >= closesAt)
            revert OutsideApplicationWindow(opensAt, closesAt);
        address owner = _projectRegistry().ownerOf(projectId);
        if (msg.sender != owner) revert NotProjectOwner(projectId, msg.sender);
        MetadataPointer.validate(metadata_);

        ApplicationStatus current = _applicationStatus(projectId);
        if (current == ApplicationStatus.Approved) revert UnexpectedApplicationStatus(projectId, current);
        _applicationMetadata[projectId] = metadata_;
        if (current == ApplicationStatus.Pending) {
            emit ApplicationUpdated(projectId, msg.sender, metadata_);
        } else {
            _setApplicationStatus(projectId, ApplicationStatus.Pending);
            emit ApplicationSubmitted(projectId, msg.sender, metadata_);
        }
    }

    /// @inheritdoc IProjectRound
    function approveApplication(uint256 projectId, string calldata reason) external onlyNodeSteward {
        _requirePendingForReview(projectId);
        if (bytes(reason).length > MetadataPointer.MAX_LENGTH) {
            revert MetadataPointer.InvalidMetadataPointer(bytes(reason).length);
        }
        _setApplicationStatus(projectId, ApplicationStatus.Approved);
        _approvedProjectIds.push(projectId);
        emit ApplicationReviewed(projectId, msg.sender, ApplicationStatus.Approved, reason);
    }

    /// @inheritdoc IProjectRound
    function rejectApplication(uint256 projectId, string calldata reason) external onlyNodeSteward {
        _requirePendingForReview(projectId);
        if (bytes(reason).length == 0) revert MissingReason();
        MetadataPointer.validate(reason);
        _setApplicationStatus(projectId, ApplicationStatus.Rejected);
        emit ApplicationReviewed(projectId, msg.sender, ApplicationStatus.Rejected, reason);
    }

    // ---------------------------------------------------------------------------------------------------
    // Matching pool, cancellation, leftovers
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IProjectRound
    function fundMatchingPool(uint256 amount) external payable nonReentrant {
        _recordFunding(amount);
        _collect(RoundArguments.payoutToken(), amount);
    }

    /// @inheritdoc IProjectRound
    function fundMatchingPoolWithPermit(uint256 amount, PermitSignature calldata permit) external nonReentrant {
        address token = RoundArguments.payoutToken();
        _usePermit(token, permit);
        _recordFunding(amount);
        _collect(token, amount);
    }

    /// @inheritdoc IProjectRound
    function cancel() external onlyNodeSteward {
        _requireStatus(RoundStatus.Active);
        _setStatus(RoundStatus.Cancelled);
        emit RoundCancelled(msg.sender);
    }

    /// @inheritdoc IProjectRound
    function claimLeftover() external nonReentrant {
        _requireStatus(RoundStatus.Finalized);
        uint256 funded = _settleFunder(msg.sender);
        uint256 amount = Math.mulDiv(funded, _unallocated(), _matchingPool);
        _send(msg.sender, amount);
        emit LeftoverClaimed(msg.sender, amount);
    }

    /// @inheritdoc IProjectRound
    function refundFunding() external nonReentrant {
        _requireStatus(RoundStatus.Cancelled);
        uint256 amount = _settleFunder(msg.sender);
        _send(msg.sender, amount);
        emit FundingRefunded(msg.sender, amount);
    }

    // ---------------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------------

    /// @inheritdoc IProjectRound
    function status() external view returns (RoundStatus) {
        return _status();
    }

    /// @inheritdoc IProjectRound
    function metadata() external view returns (string memory) {
        return _metadata;
    }

    /// @inheritdoc IProjectRound
    function isSteward(address account) external view returns (bool) {
        (INodeRegistry nodes, uint256 nodeId) = _node();
        return nodes.isSteward(nodeId, account);
    }

    /// @inheritdoc IProjectRound
    function matchingPool() external view returns (uint256) {
        return _matchingPool;
    }

    /// @inheritdoc IProjectRound
    function funderAccount(address funder) external view returns (uint256 funded, bool settled) {
        FunderAccount memory account = _funders[funder];
        return (account.funded, account.settled);
    }

    /// @inheritdoc IProjectRound
    function applicationMetadata(uint256 projectId) external view returns (string memory) {
        return _applicationMetadata[projectId];
    }

    /// @inheritdoc IProjectRound
    function approvedProjectIds() external view returns (uint256[] memory) {
        return _approvedProjectIds;
    }

    /// @inheritdoc IProjectRound
    function eligibility() external view returns (EligibilityRules.Rule memory) {
        return RoundArguments.eligibilityRule();
    }

    /// @inheritdoc IProjectRound
    function isEligible(address account, bytes32[] calldata proof) external view returns (bool) {
        return _isEligible(account, proof);
    }

    // ---------------------------------------------------------------------------------------------------
    // Hooks of the rule
    // ---------------------------------------------------------------------------------------------------

    /// @dev The round's status.
    function _status() internal view virtual returns (RoundStatus);

    /// @dev Moves the round to `next`.
    function _setStatus(RoundStatus next) internal virtual;

    /// @dev The status of the project's application.
    function _applicationStatus(uint256 projectId) internal view virtual returns (ApplicationStatus);

    /// @dev Moves the project's application to `next`.
    function _setApplicationStatus(uint256 projectId, ApplicationStatus next) internal virtual;

    /// @dev What the rule left of the pool once finalized, returned to funders pro rata.
    function _unallocated() internal view virtual returns (uint256);

    // ---------------------------------------------------------------------------------------------------
    // Internals shared by the rules
    // ---------------------------------------------------------------------------------------------------

    function _projectRegistry() internal view returns (IProjectRegistry) {
        return IProjectRegistry(RoundArguments.projectRegistry());
    }

    function _node() internal view returns (INodeRegistry nodes, uint256 nodeId) {
        address registry;
        (registry, nodeId) = RoundArguments.node();
        nodes = INodeRegistry(registry);
    }

    function _requireStatus(RoundStatus expected) internal view {
        RoundStatus current = _status();
        if (current != expected) revert UnexpectedRoundStatus(current);
    }

    /// @dev Reverts unless `account` meets the round's eligibility rule; `proof` is what the rule needs (a
    /// Merkle proof, an attestation id), empty for the others. Only for rounds whose flags name a rule: open
    /// rounds skip the call without reading any further argument.
    function _requireEligible(address account, bytes32[] calldata proof) internal view {
        if (!_meetsRule(account, proof)) {
            revert EligibilityRules.NotEligible(account, RoundArguments.eligibilityRule().kind);
        }
    }

    function _isEligible(address account, bytes32[] calldata proof) private view returns (bool) {
        return !RoundArguments.hasEligibilityRule() || _meetsRule(account, proof);
    }

    /// @dev For a round with a rule (never Open). An allowlist, the rule donations check most often with the
    /// longest proofs, reads only its root.
    function _meetsRule(address account, bytes32[] calldata proof) private view returns (bool) {
        EligibilityRules.Kind kind = RoundArguments.eligibilityKind();
        if (kind == EligibilityRules.Kind.Allowlist) {
            return EligibilityRules.isListed(RoundArguments.eligibilityKey(), account, proof);
        }
        EligibilityRules.Rule memory rule = RoundArguments.eligibilityRule();
        if (kind == EligibilityRules.Kind.TokenBalance)
            return EligibilityRules.holds(rule.source, account, rule.minimum);
        return proof.length == 1 && EligibilityRules.isAttested(rule, account, proof[0]);
    }

    function _requireNodeSteward() private view {
        (INodeRegistry nodes, uint256 nodeId) = _node();
        if (!nodes.isSteward(nodeId, msg.sender)) revert NotNodeSteward(nodeId, msg.sender);
    }

    function _requirePendingForReview(uint256 projectId) private view {
        _requireStatus(RoundStatus.Active);
        (, uint64 closesAt) = RoundArguments.openWindow();
        // Reviews stay possible until donations or votes end, so a late application can still be approved.
        if (block.timestamp >= closesAt) revert ReviewClosed(closesAt);
        ApplicationStatus current = _applicationStatus(projectId);
        if (current != ApplicationStatus.Pending) revert UnexpectedApplicationStatus(projectId, current);
    }

    function _recordFunding(uint256 amount) private {
        _requireStatus(RoundStatus.Active);
        if (amount == 0) revert ZeroAmount();
        // Saturating, so that an absurd amount is refused with the limit rather than an overflow.
        uint256 pool = Math.saturatingAdd(_matchingPool, amount);
        if (pool > MAX_MATCHING_POOL) revert AmountTooLarge(pool, MAX_MATCHING_POOL);
        _matchingPool = pool;
        FunderAccount storage account = _funders[msg.sender];
        // Bounded by the pool, which is below 2^128 (checked above).
        // forge-lint: disable-next-line(unsafe-typecast)
        uint248 funderTotal = account.funded + uint248(amount);
        account.funded = funderTotal;
        emit MatchingPoolFunded(msg.sender, amount, funderTotal, pool);
    }

    function _settleFunder(address funder) private returns (uint256 funded) {
        FunderAccount storage account = _funders[funder];
        funded = account.funded;
        if (funded == 0 || account.settled) revert NothingToClaim(funder);
        account.settled = true;
    }

    /// @dev Takes `amount` from the caller, once per call, and checks what arrived: native value must match
    /// exactly, and a token must raise the round's balance by exactly `amount`. Governors keep fee-on-transfer and
    /// rebasing tokens off the payout token list, but a listed token can start taking fees later: measured here,
    /// it is stopped before the round records more than it holds (SECURITY.md, T4).
    function _collect(address token, uint256 amount) internal {
        if (token == address(0)) {
            if (msg.value != amount) revert NativeValueMismatch(amount, msg.value);
            return;
        }
        if (msg.value != 0) revert NativeValueMismatch(0, msg.value);
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = IERC20(token).balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert TokenTransferMismatch(amount, received);
    }

    function _usePermit(address token, PermitSignature calldata permit) internal {
        // The native coin has no `permit`: a call to address zero would revert without a reason, uncaught.
        if (token == address(0)) revert PermitNeedsToken();
        // A permit seen in the mempool can be submitted by someone else first; then the allowance exists
        // already and the call goes on. If it does not, the transfer fails with a clear error.
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

    function _send(address recipient, uint256 amount) internal {
        if (!_trySend(RoundArguments.payoutToken(), recipient, amount, gasleft())) {
            revert TransferFailed(recipient, amount);
        }
    }

    function _trySend(address token, address recipient, uint256 amount, uint256 gasLimit) internal returns (bool) {
        if (amount == 0) return true;
        if (token == address(0)) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool sent, ) = recipient.call{value: amount, gas: gasLimit}("");
            return sent;
        }
        return IERC20(token).trySafeTransfer(recipient, amount);
    }
}
