// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IProjectRound} from "./IProjectRound.sol";
import {EligibilityRules} from "../libraries/EligibilityRules.sol";

/// @title IQuadraticFundingRound
/// @notice A quadratic funding round of one payout token: projects apply, stewards review, funders fill the
/// matching pool, contributors donate, and once the donation window has ended anyone finalizes the round and
/// every approved project pulls its donations plus its match, computed on chain by the CLR rule:
///
///     S_p = Σ_i sqrt(c[i][p])    ideal_p = max(0, S_p² − Σ_i c[i][p])
///     match_p = pool × ideal_p / Σ_q ideal_q   (or ideal_p itself if Σ ideal ≤ pool)
///
/// where `c[i][p]` is what counts of everything contributor i gave project p, normalised to 18 decimals: all
/// of it, unless the round has counting rules (a minimum donation that counts, a cap per contributor). With a match cap,
/// no project receives more than `matchCapBps` of the pool and the excess goes to the uncapped projects.
/// Without a binding match cap, `finalize` finishes at once, in the same gas for any number of projects;
/// otherwise it starts the match cap settlement that `settleMatchCaps` completes.
interface IQuadraticFundingRound is IProjectRound {
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

    /// @notice Who may donate and what counts toward the match, chosen at creation; immutable afterwards.
    /// @param eligibility Who may donate.
    /// @param minCountedDonation A donation below it (token units) is accepted but counts nothing toward the
    /// match, so splitting money into dust gifts from many accounts gains nothing; 0 for none.
    /// @param countedContributionCap At most this much (token units) of a contributor's total to a project
    /// counts toward the match, so one large donor cannot dominate it; 0 for no cap.
    struct ParticipationRules {
        EligibilityRules.Rule eligibility;
        uint128 minCountedDonation;
        uint128 countedContributionCap;
    }

    /// @notice How a local round links to the translocal commons, chosen at creation; immutable afterwards.
    /// @param commonsShareBps The share of the matching pool (0 to 2,000 basis points) the round routes to the
    /// translocal commons treasury when it is finalized; the node is credited for it in the contribution ledger.
    /// @param season The co-matching season the round joins, or zero.
    struct CommonsLinks {
        uint16 commonsShareBps;
        address season;
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

    /// @notice The donation window is closed at this time.
    error OutsideDonationWindow(uint64 opensAt, uint64 closesAt);
    /// @notice The donation window has not ended yet.
    error DonationWindowNotEnded(uint64 endsAt);
    /// @notice The round's co-matching season has not settled: the round finalizes once its draw is in the pool.
    error SeasonNotSettled(address season);
    /// @notice The round's draw from its season is still waiting to be delivered (`ICoMatchingSeason.deliverDraw`).
    error SeasonDrawNotDelivered(address season, uint256 amount);
    /// @notice The network has no commons treasury to send the commons share to yet.
    error NoCommonsTreasury();

    /// @notice `contributor` donated `amount` to a project; totals are in token units.
    event Donated(
        uint256 indexed projectId,
        address indexed contributor,
        uint256 amount,
        uint256 contributorTotal,
        uint256 projectTotal
    );
    /// @notice The match cap binds: finalization continues with `settleMatchCaps` in bounded batches.
    event MatchCapSettlementStarted(uint256 projectsToScan);
    /// @notice One batch of the match cap settlement ran; `pass` restarts when new projects got capped.
    event MatchCapSettlementProgressed(uint256 pass, uint256 cursor, uint256 cappedProjects);
    /// @notice A project's match reached the cap during settlement.
    event MatchCapped(uint256 indexed projectId, uint256 idealMatch);
    /// @notice The round is final; `distribution` fixes every payout.
    event RoundFinalized(uint256 matchingPool, uint256 idealMatchSum, MatchDistribution distribution);
    /// @notice The round sent its commons share to the translocal commons treasury.
    event CommonsShareSent(address indexed treasury, uint256 amount);
    /// @notice After a cancellation, a contributor took back a donation.
    event DonationRefunded(uint256 indexed projectId, address indexed contributor, uint256 amount);

    /// @notice Donates `amounts[i]` to `projectIds[i]` with one token transfer of the total, during the
    /// donation window and only to approved projects. In a native-coin round, send exactly the total. The
    /// transfer must raise the round's balance by exactly the total (`TokenTransferMismatch` otherwise), so a
    /// token that takes a fee on transfer cannot be donated.
    function donate(uint256[] calldata projectIds, uint256[] calldata amounts) external payable;

    /// @notice Like `donate`, with the proof the round's eligibility rule needs: a Merkle proof of the caller's
    /// place on the allowlist, or the id of the caller's attestation.
    function donateWithProof(
        uint256[] calldata projectIds,
        uint256[] calldata amounts,
        bytes32[] calldata proof
    ) external payable;

    /// @notice Like `donateWithProof`, with an EIP-2612 permit for the round in the same call. A permit that
    /// fails (for instance because it was already used by someone who saw it first) is ignored if the allowance
    /// is enough anyway. Only in a round of an ERC-20 token: a native-coin round refuses it (`PermitNeedsToken`)
    /// before anything else.
    function donateWithPermit(
        uint256[] calldata projectIds,
        uint256[] calldata amounts,
        PermitSignature calldata permit,
        bytes32[] calldata proof
    ) external;

    /// @notice Scans up to `maxProjects` approved projects of the match cap settlement; anyone may call it.
    /// @return finalized Whether the round is now finalized.
    function settleMatchCaps(uint256 maxProjects) external returns (bool finalized);

    /// @notice Sends the round's commons share to the network's commons treasury once the round is finalized;
    /// anyone may call it, once.
    function claimCommonsShare() external;

    /// @notice After a cancellation, returns the caller's donations to the given projects.
    function refundDonations(uint256[] calldata projectIds) external;

    /// @notice The round's immutable parameters.
    function parameters() external view returns (RoundParameters memory);

    /// @notice Everything the round tracks for a project (normalised amounts).
    function projectTally(uint256 projectId) external view returns (ProjectTally memory);

    /// @notice What `contributor` has given `projectId`, in token units.
    function contributionOf(uint256 projectId, address contributor) external view returns (uint256);

    /// @notice What of `contributor`'s gifts to `projectId` counts toward the match, in token units: everything
    /// unless the round has counting rules.
    function countedContributionOf(uint256 projectId, address contributor) external view returns (uint256);

    /// @notice The round's counting rules, in token units: a donation below `minCountedDonation` is accepted but
    /// counts nothing toward the match, and at most `countedContributionCap` of a contributor's total to a
    /// project counts (0: no cap). Both are 0 for a round without them.
    function countingRules() external view returns (uint256 minCountedDonation, uint256 countedContributionCap);

    /// @notice The round's commons share and co-matching season.
    function links() external view returns (CommonsLinks memory);

    /// @notice The commons share in token units (of the pool as it stands; fixed once finalized), and whether it
    /// has been sent.
    function commonsShare() external view returns (uint256 amount, bool sent);

    /// @notice The round as one recipient of its co-matching season: `S_r`, the sum over contributors of the
    /// square root of what counted of all they gave in the round, and `Σ g`, what counted in all (normalised).
    function seasonTally() external view returns (uint256 sqrtSum, uint256 counted);

    /// @notice What counted of all `contributor` gave in the round, in token units, in a season round.
    function countedInRoundOf(address contributor) external view returns (uint256);

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
