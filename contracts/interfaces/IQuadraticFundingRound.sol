// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title IQuadraticFundingRound
/// @notice A quadratic funding round of one payout token: projects apply, stewards review, funders fill the
/// matching pool, contributors donate, and once the donation window has ended anyone finalizes the round and
/// every approved project pulls its donations plus its match, computed on chain by the CLR rule:
///
///     S_p = Σ_i sqrt(c[i][p])    ideal_p = max(0, S_p² − Σ_i c[i][p])
///     match_p = pool × ideal_p / Σ_q ideal_q   (or ideal_p itself if Σ ideal ≤ pool)
///
/// where `c[i][p]` is everything contributor i gave project p, normalised to 18 decimals. With a match cap,
/// no project receives more than `matchCapBps` of the pool and the excess goes to the uncapped projects.
interface IQuadraticFundingRound {
    /// @notice The life cycle of a round. The windows (times) decide what can happen while it is Active.
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

    /// @notice The settings a round is created with; immutable for its whole life.
    /// @param payoutToken The ERC-20 token of donations, pool and payouts; zero for the chain's native coin.
    /// @param applicationsStart First second at which projects can apply.
    /// @param applicationsEnd First second at which they no longer can.
    /// @param donationsStart First second at which donations are accepted.
    /// @param donationsEnd First second at which the round has ended and can be finalized.
    /// @param matchCapBps The most one project's match may be, in basis points of the pool; 0 for no cap.
    struct RoundConfig {
        address payoutToken;
        uint64 applicationsStart;
        uint64 applicationsEnd;
        uint64 donationsStart;
        uint64 donationsEnd;
        uint16 matchCapBps;
    }

    /// @notice What a round is cloned with: its configuration and the facts the factory established for it.
    /// @param config The round's settings.
    /// @param projectRegistry The registry whose projects apply and whose payout addresses are paid.
    /// @param normalisationFactor `10 ** (18 − decimals)` of the payout token.
    struct RoundParameters {
        RoundConfig config;
        address projectRegistry;
        uint256 normalisationFactor;
        address nodeRegistry;
        uint256 nodeId;
    }

    /// @notice Everything the round tracks for one project; amounts are normalised to 18 decimals.
    /// @param status The application's state.
    /// @param matchCapped Whether finalization capped the project's match.
    /// @param paid Whether the project's payout has been made.
    /// @param contributors The number of distinct contributors.
    /// @param sqrtSum `S_p`, the sum over contributors of the square root of their total.
    /// @param donations `Σ_i c[i][p]`, the project's donations.
    struct ProjectTally {
        ApplicationStatus status;
        bool matchCapped;
        bool paid;
        uint32 contributors;
        uint88 sqrtSum;
        uint112 donations;
    }

    /// @notice An EIP-2612 permit signed by the caller for this round.
    struct PermitSignature {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice How the matching pool was distributed, fixed at finalization.
    /// @param numerator With `denominator`, turns an uncapped project's ideal into its match (rounded down).
    /// @param denominator See `numerator`.
    /// @param matchCap The match of every capped project, in token units; zero if the round has no cap.
    /// @param unallocated What the rule leaves of the pool, returned to funders pro rata.
    struct MatchDistribution {
        uint256 numerator;
        uint256 denominator;
        uint256 matchCap;
        uint256 unallocated;
    }

    /// @notice Only a steward of the node that runs the round may do this.
    error NotNodeSteward(uint256 nodeId, address caller);
    /// @notice Only the project's owner may apply for it.
    error NotProjectOwner(uint256 projectId, address caller);
    /// @notice The round is not in the state this action needs.
    error UnexpectedRoundStatus(RoundStatus status);
    /// @notice The application window is closed at this time.
    error OutsideApplicationWindow(uint64 opensAt, uint64 closesAt);
    /// @notice The donation window is closed at this time.
    error OutsideDonationWindow(uint64 opensAt, uint64 closesAt);
    /// @notice The donation window has not ended yet.
    error DonationWindowNotEnded(uint64 endsAt);
    /// @notice Applications can no longer be reviewed: the donation window ended at `closedAt`.
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
    /// @notice `contributor` donated `amount` to a project; totals are in token units.
    event Donated(
        uint256 indexed projectId,
        address indexed contributor,
        uint256 amount,
        uint256 contributorTotal,
        uint256 projectTotal
    );
    /// @notice A steward of the round's node cancelled it: donors and funders can withdraw what they put in.
    event RoundCancelled(address indexed steward);
    /// @notice The match cap binds: finalization continues with `settleMatchCaps` in bounded batches.
    event MatchCapSettlementStarted(uint256 projectsToScan);
    /// @notice One batch of the match cap settlement ran; `pass` restarts when new projects got capped.
    event MatchCapSettlementProgressed(uint256 pass, uint256 cursor, uint256 cappedProjects);
    /// @notice A project's match reached the cap during settlement.
    event MatchCapped(uint256 indexed projectId, uint256 idealMatch);
    /// @notice The round is final; `distribution` fixes every payout.
    event RoundFinalized(uint256 matchingPool, uint256 idealMatchSum, MatchDistribution distribution);
    /// @notice A project was paid its donations and match.
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
    /// @notice After a cancellation, a contributor took back a donation.
    event DonationRefunded(uint256 indexed projectId, address indexed contributor, uint256 amount);

    /// @notice Sets the round's metadata once, right after the factory cloned it.
    function initialize(string calldata metadata) external;

    /// @notice Applies for the project during the application window, or updates a pending application.
    /// A rejected project can apply again while the window is open. Only the project's owner.
    /// @param projectId The project in the registry.
    /// @param metadata Pointer to the application document.
    function submitApplication(uint256 projectId, string calldata metadata) external;

    /// @notice Approves a pending application: the project can receive donations. Only a steward of the round's node, until
    /// the donation window ends. An approval is final.
    /// @param reason Pointer to the reviewer's note; may be empty.
    function approveApplication(uint256 projectId, string calldata reason) external;

    /// @notice Rejects a pending application with a reason. Only a steward of the round's node, until the donation window ends.
    function rejectApplication(uint256 projectId, string calldata reason) external;

    /// @notice Adds `amount` to the matching pool from the caller, until the round is finalized.
    /// In a native-coin round, send exactly `amount` as value; in an ERC-20 round, approve the round first.
    function fundMatchingPool(uint256 amount) external payable;

    /// @notice Like `fundMatchingPool`, with an EIP-2612 permit for the round in the same call.
    function fundMatchingPoolWithPermit(uint256 amount, PermitSignature calldata permit) external;

    /// @notice Donates `amounts[i]` to `projectIds[i]` with one token transfer of the total, during the
    /// donation window and only to approved projects. In a native-coin round, send exactly the total.
    function donate(uint256[] calldata projectIds, uint256[] calldata amounts) external payable;

    /// @notice Like `donate`, with an EIP-2612 permit for the round in the same call. A permit that fails
    /// (for instance because it was already used by someone who saw it first) is ignored if the allowance
    /// is enough anyway.
    function donateWithPermit(
        uint256[] calldata projectIds,
        uint256[] calldata amounts,
        PermitSignature calldata permit
    ) external;

    /// @notice Cancels the round before it is finalized: every donor and funder can withdraw what it put in.
    /// Only a steward of the round's node.
    function cancel() external;

    /// @notice Finalizes the round once the donation window has ended; anyone may call it. Without a binding
    /// match cap it finishes at once, in the same gas for any number of projects. Otherwise it starts the
    /// match cap settlement that `settleMatchCaps` completes.
    function finalize() external;

    /// @notice Scans up to `maxProjects` approved projects of the match cap settlement; anyone may call it.
    /// @return finalized Whether the round is now finalized.
    function settleMatchCaps(uint256 maxProjects) external returns (bool finalized);

    /// @notice Pays an approved project its donations plus match, to its payout address in the registry.
    /// Anyone may call it once the round is finalized. Reverts if the payout address refuses payment.
    function claimPayout(uint256 projectId) external;

    /// @notice Pays several projects; a payout address that refuses payment is skipped and stays claimable,
    /// and projects already paid are skipped. An id that is not an approved project reverts the whole call,
    /// as in `claimPayout`: a wrong list is the caller's mistake, and skipping it would hide it.
    function claimPayouts(uint256[] calldata projectIds) external;

    /// @notice Pays the caller, a funder, its pro-rata share of what the rule left unallocated.
    function claimLeftover() external;

    /// @notice After a cancellation, returns the caller's matching pool funding.
    function refundFunding() external;

    /// @notice After a cancellation, returns the caller's donations to the given projects.
    function refundDonations(uint256[] calldata projectIds) external;

    /// @notice The round's immutable parameters.
    function parameters() external view returns (RoundParameters memory);

    /// @notice The round's status.
    function status() external view returns (RoundStatus);

    /// @notice The pointer to the round's metadata document.
    function metadata() external view returns (string memory);

    /// @notice Whether `account` steward the round: a steward of the node that runs it, now.
    function isSteward(address account) external view returns (bool);

    /// @notice The matching pool, in token units.
    function matchingPool() external view returns (uint256);

    /// @notice What `funder` put in the matching pool, and whether it has been settled (leftover or refund).
    function funderAccount(address funder) external view returns (uint256 funded, bool settled);

    /// @notice Everything the round tracks for a project (normalised amounts).
    function projectTally(uint256 projectId) external view returns (ProjectTally memory);

    /// @notice The pointer to the project's application document.
    function applicationMetadata(uint256 projectId) external view returns (string memory);

    /// @notice The approved projects, in order of approval.
    function approvedProjectIds() external view returns (uint256[] memory);

    /// @notice What `contributor` has given `projectId`, in token units.
    function contributionOf(uint256 projectId, address contributor) external view returns (uint256);

    /// @notice `Σ_p ideal_p` over approved projects, normalised.
    function idealMatchSum() external view returns (uint256);

    /// @notice The project's match if the round were finalized now; after finalization, its match.
    /// @dev Before finalization a capped project shows the cap, but the excess it frees for the others is
    /// only redistributed at finalization.
    function estimatedMatch(uint256 projectId) external view returns (uint256);

    /// @notice The project's match now, and what it would be after `contributor` donated `amount` more.
    function previewDonation(
        uint256 projectId,
        address contributor,
        uint256 amount
    ) external view returns (uint256 matchBefore, uint256 matchAfter);

    /// @notice The final distribution. Meaningful once the round is finalized.
    function matchDistribution() external view returns (MatchDistribution memory);

    /// @notice What the project is paid (donations and match, in token units). Only once finalized.
    function payoutOf(uint256 projectId) external view returns (uint256 donations, uint256 matchAmount);
}
