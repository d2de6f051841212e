// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {EligibilityRules} from "../libraries/EligibilityRules.sol";

/// @title IProjectRound
/// @notice What every round of the network shares, whatever its rule: projects of the registry apply during the
/// application window, the stewards of the round's node review them, funders fill a matching pool in the
/// round's payout token, anyone finalizes the round once its window has ended, approved projects pull their
/// payouts, funders pull what the rule left unallocated, and a cancellation returns everything.
interface IProjectRound {
    /// @notice The life cycle of a round. The windows (times) decide what can happen while it is Active.
    /// Only quadratic funding rounds with a binding match cap pass through SettlingMatchCaps.
    enum RoundStatus {
        Active,
        SettlingMatchCaps,
        Finalized,
        Cancelled
    }

    /// @notice The state of a project's application.
    enum ApplicationStatus {
        None,
        Pending,
        Approved,
        Rejected
    }

    /// @notice An EIP-2612 permit signed by the caller for this round.
    struct PermitSignature {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Only a steward of the node that runs the round may do this.
    error NotNodeSteward(uint256 nodeId, address caller);
    /// @notice Only the project's owner may apply for it.
    error NotProjectOwner(uint256 projectId, address caller);
    /// @notice The round is not in the state this action needs.
    error UnexpectedRoundStatus(RoundStatus status);
    /// @notice The application window is closed at this time.
    error OutsideApplicationWindow(uint64 opensAt, uint64 closesAt);
    /// @notice Applications can no longer be reviewed: the round's donation or voting window ended at `closedAt`.
    error ReviewClosed(uint64 closedAt);
    /// @notice The application is not in a state that allows this.
    error UnexpectedApplicationStatus(uint256 projectId, ApplicationStatus status);
    /// @notice A rejection needs a reason.
    error MissingReason();
    /// @notice The two arrays of a batch have different lengths, or are empty.
    error InvalidBatch(uint256 projectIds, uint256 amounts);
    /// @notice An amount of zero was given.
    error ZeroAmount();
    /// @notice A total grew beyond what the round can account for.
    error AmountTooLarge(uint256 amount, uint256 limit);
    /// @notice The native coin sent does not equal what the call needs.
    error NativeValueMismatch(uint256 expected, uint256 sent);
    /// @notice The round received a different amount than was sent: fee-on-transfer tokens are not supported.
    error TokenTransferMismatch(uint256 expected, uint256 received);
    /// @notice A permit is for a round in an ERC-20 token: a native-coin round takes the coin as the call's value.
    error PermitNeedsToken();
    /// @notice The payout address did not accept the payment; the payout stays claimable.
    error PayoutFailed(uint256 projectId, address payoutAddress);
    /// @notice The project's payout has already been made.
    error AlreadyPaid(uint256 projectId);
    /// @notice There is nothing for the caller to claim or withdraw.
    error NothingToClaim(address account);
    /// @notice Sending funds to `recipient` failed.
    error TransferFailed(address recipient, uint256 amount);

    /// @notice The round was set up with its metadata.
    event RoundInitialized(string metadata);
    /// @notice A project applied, or re-applied after a rejection.
    event ApplicationSubmitted(uint256 indexed projectId, address indexed applicant, string metadata);
    /// @notice A pending application's metadata changed.
    event ApplicationUpdated(uint256 indexed projectId, address indexed applicant, string metadata);
    /// @notice A steward of the round's node approved or rejected an application; `reason` points to the reviewer's note.
    event ApplicationReviewed(
        uint256 indexed projectId,
        address indexed reviewer,
        ApplicationStatus status,
        string reason
    );
    /// @notice `funder` added `amount` to the matching pool.
    event MatchingPoolFunded(address indexed funder, uint256 amount, uint256 funderTotal, uint256 poolTotal);
    /// @notice A steward of the round's node cancelled it: everyone can withdraw what they put in.
    event RoundCancelled(address indexed steward);
    /// @notice A project was paid its donations (none in a voting round) and its match.
    event PayoutClaimed(
        uint256 indexed projectId,
        address indexed payoutAddress,
        uint256 donations,
        uint256 matchAmount
    );
    /// @notice A batched payout skipped a project whose payout address refused payment; it stays claimable.
    event PayoutDeferred(uint256 indexed projectId, address indexed payoutAddress);
    /// @notice A funder took back its share of what the rule left unallocated.
    event LeftoverClaimed(address indexed funder, uint256 amount);
    /// @notice After a cancellation, a funder took back what it had put in the pool.
    event FundingRefunded(address indexed funder, uint256 amount);

    /// @notice Sets the round's metadata once, right after the factory cloned it.
    function initialize(string calldata metadata) external;

    /// @notice Applies for the project during the application window, or updates a pending application.
    /// A rejected project can apply again while the window is open. Only the project's owner.
    /// @param projectId The project in the registry.
    /// @param metadata Pointer to the application document.
    function submitApplication(uint256 projectId, string calldata metadata) external;

    /// @notice Approves a pending application: the project can receive donations or votes. Only a steward of
    /// the round's node, until the donation or voting window ends. An approval is final.
    /// @param reason Pointer to the reviewer's note; may be empty.
    function approveApplication(uint256 projectId, string calldata reason) external;

    /// @notice Rejects a pending application with a reason. Only a steward of the round's node, until the
    /// donation or voting window ends.
    function rejectApplication(uint256 projectId, string calldata reason) external;

    /// @notice Adds `amount` to the matching pool from the caller, until the round is finalized.
    /// In a native-coin round, send exactly `amount` as value; in an ERC-20 round, approve the round first.
    function fundMatchingPool(uint256 amount) external payable;

    /// @notice Like `fundMatchingPool`, with an EIP-2612 permit for the round in the same call. Only in a round
    /// of an ERC-20 token: a native-coin round refuses it (`PermitNeedsToken`) before anything else.
    function fundMatchingPoolWithPermit(uint256 amount, PermitSignature calldata permit) external;

    /// @notice Cancels the round before it is finalized: everyone can withdraw what it put in.
    /// Only a steward of the round's node.
    function cancel() external;

    /// @notice Finalizes the round once its donation or voting window has ended; anyone may call it.
    function finalize() external;

    /// @notice Pays an approved project its payout, to its payout address in the registry. Anyone may call it
    /// once the round is finalized. Reverts if the payout address refuses payment.
    function claimPayout(uint256 projectId) external;

    /// @notice Pays several projects; a payout address that refuses payment is skipped and stays claimable,
    /// and projects already paid are skipped. An id that is not an approved project reverts the whole call,
    /// as in `claimPayout`: a wrong list is the caller's mistake, and skipping it would hide it.
    function claimPayouts(uint256[] calldata projectIds) external;

    /// @notice Pays the caller, a funder, its pro-rata share of what the rule left unallocated.
    function claimLeftover() external;

    /// @notice After a cancellation, returns the caller's matching pool funding.
    function refundFunding() external;

    /// @notice The round's status.
    function status() external view returns (RoundStatus);

    /// @notice The pointer to the round's metadata document.
    function metadata() external view returns (string memory);

    /// @notice Whether `account` stewards the round: a steward of the node that runs it, now.
    function isSteward(address account) external view returns (bool);

    /// @notice The matching pool, in token units.
    function matchingPool() external view returns (uint256);

    /// @notice What `funder` put in the matching pool, and whether it has been settled (leftover or refund).
    function funderAccount(address funder) external view returns (uint256 funded, bool settled);

    /// @notice The pointer to the project's application document.
    function applicationMetadata(uint256 projectId) external view returns (string memory);

    /// @notice The approved projects, in order of approval.
    function approvedProjectIds() external view returns (uint256[] memory);

    /// @notice Who may donate or vote in the round.
    function eligibility() external view returns (EligibilityRules.Rule memory);

    /// @notice Whether `account` may donate or vote with `proof` (a Merkle proof for an allowlist, the one
    /// attestation id for an attestation rule, empty otherwise), so the app can say why before anyone signs.
    function isEligible(address account, bytes32[] calldata proof) external view returns (bool);
}
