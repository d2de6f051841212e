// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsCredits} from "./ICommonsCredits.sol";
import {INodeRegistry} from "./INodeRegistry.sol";
import {IProjectRound} from "./IProjectRound.sol";
import {IRoundFactory} from "./IRoundFactory.sol";

/// @title IContributionLedger
/// @notice Everything given to the commons — labour, goods, knowledge, care — recorded by the contributor for a
/// node, attested by a threshold of that node's stewards, and credited in commons credits at a weight per kind
/// that the network's governors set; the contributor (or anyone for them) claims the credits as votes. An
/// attested contribution can be disputed and revoked within a window, which takes its credits back. Totals per
/// node, contributor, kind and period are kept as they change.
interface IContributionLedger {
    /// @notice A contribution's state: pending → attested | rejected; attested → revoked (within the window).
    enum ContributionStatus {
        None,
        Pending,
        Attested,
        Rejected,
        Revoked
    }

    /// @notice A kind of contribution and its weight.
    /// @param creditsPerUnit Credits (18 decimals) minted per unit when a contribution is attested.
    /// @param selfReported Whether contributors may record it themselves (money is counted from rounds).
    /// @param name For people ("labour").
    /// @param unit What a quantity counts ("hours").
    struct Kind {
        uint128 creditsPerUnit;
        bool selfReported;
        string name;
        string unit;
    }

    /// @notice A recorded contribution.
    /// @param contributor Who gave it.
    /// @param nodeId The node it was given to.
    /// @param kind Its kind.
    /// @param status Where it stands.
    /// @param attestations How many stewards attested it; 0 for money counted from a round.
    /// @param quantity Whole units of the kind's unit.
    /// @param credits Credits minted for it (0 until attested).
    /// @param recordedAt When it was recorded.
    /// @param attestedAt When it was attested (0 until then).
    // Two full slots (20+8+2+1+1 and 12+12+4+4 bytes); the linter's packing heuristic misreads the enum.
    // solhint-disable-next-line gas-struct-packing
    struct Contribution {
        address contributor;
        uint64 nodeId;
        uint16 kind;
        ContributionStatus status;
        uint8 attestations;
        uint96 quantity;
        uint96 credits;
        uint32 recordedAt;
        uint32 attestedAt;
    }

    /// @notice The token a money kind counts, in its base units; `named` is false for a kind that counts none.
    struct MoneyToken {
        address token;
        bool named;
    }

    /// @notice A total of attested contributions: their quantity and the credits they earned.
    struct Total {
        uint128 quantity;
        uint128 credits;
    }

    /// @notice Only a governor of the network may do this.
    error NotGovernor(address caller);
    /// @notice Only a steward of the contribution's node may do this.
    error NotNodeSteward(uint256 nodeId, address caller);
    /// @notice No kind has this id.
    error KindNotFound(uint256 kind);
    /// @notice This kind is counted by the protocol itself, not recorded by contributors.
    error KindNotSelfReported(uint256 kind);
    /// @notice A kind needs a name and a unit (1 to 32 bytes each).
    error InvalidKindName();
    /// @notice A quantity must be at least 1 and fit 96 bits.
    error InvalidQuantity(uint256 quantity);
    /// @notice A contribution's credits, its quantity times its kind's credits per unit, must fit 96 bits.
    error CreditsTooLarge(uint256 quantity, uint256 creditsPerUnit);
    /// @notice Kind 0 cannot be defined: it means "not counted" (`setMoneyKind`, `moneyKind`).
    error ReservedKind(uint256 kind);
    /// @notice No contribution has this id.
    error ContributionNotFound(uint256 contributionId);
    /// @notice The contribution is not in a state that allows this.
    error UnexpectedContributionStatus(uint256 contributionId, ContributionStatus status);
    /// @notice A steward cannot attest their own contribution.
    error SelfAttestation(uint256 contributionId);
    /// @notice The steward already attested this contribution.
    error AlreadyAttested(uint256 contributionId, address steward);
    /// @notice The dispute window of the contribution has closed.
    error DisputeWindowClosed(uint256 contributionId, uint256 closedAt);
    /// @notice A rejection, dispute or revocation needs a reason pointer.
    error MissingReason();
    /// @notice The contributor has no credited contributions waiting to be minted.
    error NothingToClaim(address contributor);
    /// @notice Money is counted from rounds, so its kind cannot be self-reported.
    error KindSelfReported(uint256 kind);
    /// @notice The network's round factory did not create this round.
    error UnknownRound(address round);
    /// @notice Money given in a round counts once the round is finalized.
    error RoundNotFinalized(address round, IProjectRound.RoundStatus status);
    /// @notice The network counts no money kind for the round's payout token.
    error TokenNotCounted(address token);
    /// @notice The giver's donation to this project in this round was counted already.
    error AlreadyCounted(address round, address giver, uint256 projectId);
    /// @notice The giver gave nothing in this round that is not counted already.
    error NothingToCount(address round, address giver);
    /// @notice The money kind counts another token already (one token per kind, so quantities add up).
    error MoneyKindTaken(uint256 kind, address token);
    /// @notice Money counted from a round's records cannot be disputed or revoked: the round is its evidence.
    error CountedFromRound(uint256 contributionId);
    /// @notice The round's commons share has been counted already.
    error CommonsShareAlreadyCounted(address round);
    /// @notice The node has no account of its own to credit (its stewards set it in the node registry).
    error NodeAccountNotSet(uint256 nodeId);
    /// @notice The node belongs to no translocal commons (it has no parent node) to give a share to.
    error NoCommonsNode(uint256 nodeId);

    /// @notice A governor defined or changed a kind.
    event KindSet(uint256 indexed kind, string name, string unit, uint256 creditsPerUnit, bool selfReported);
    /// @notice A contributor recorded a contribution; it is pending until attested.
    event ContributionRecorded(
        uint256 indexed contributionId,
        address indexed contributor,
        uint256 indexed nodeId,
        uint256 kind,
        uint256 quantity,
        string description,
        string evidence
    );
    /// @notice A steward attested a contribution.
    event ContributionAttested(uint256 indexed contributionId, address indexed steward, uint256 attestations);
    /// @notice Enough stewards attested: the contribution is credited, and its credits wait to be claimed.
    event ContributionCredited(uint256 indexed contributionId, address indexed contributor, uint256 credits);
    /// @notice A governor named the money kind that a payout token's rounds count as (0: not counted).
    event MoneyKindSet(address indexed token, uint256 indexed kind);
    /// @notice Money given in a finalized round was counted as contribution `contributionId` and credited:
    /// `donations` to projects and `matchingFunds` the rule distributed from what the giver put in the pool,
    /// in the payout token's units.
    event RoundMoneyCounted(
        uint256 indexed contributionId,
        address indexed round,
        address indexed giver,
        uint256 donations,
        uint256 matchingFunds
    );
    /// @notice A round's commons share was counted as contribution `contributionId` of node `nodeId`, credited to
    /// the node's account.
    event CommonsShareCounted(
        uint256 indexed contributionId,
        address indexed round,
        uint256 indexed nodeId,
        address account,
        uint256 amount
    );
    /// @notice A contributor's credited contributions were minted as commons credits.
    event CreditsClaimed(address indexed contributor, uint256 credits);
    /// @notice A steward rejected a pending contribution.
    event ContributionRejected(uint256 indexed contributionId, address indexed steward, string reason);
    /// @notice Someone disputed an attested contribution; its stewards may revoke it within the window.
    event ContributionDisputed(uint256 indexed contributionId, address indexed by, string reason);
    /// @notice A steward revoked an attested contribution and its credits were taken back: from the
    /// contributor's unclaimed credits first, the rest burned.
    event ContributionRevoked(
        uint256 indexed contributionId,
        address indexed steward,
        uint256 creditsRevoked,
        string reason
    );

    /// @notice Defines or changes a kind; governors only. A new weight applies to attestations from then on.
    /// Kind ids start at 1: 0 means "not counted" (`ReservedKind`).
    function setKind(
        uint16 kind,
        string calldata name,
        string calldata unit,
        uint128 creditsPerUnit,
        bool selfReported
    ) external;

    /// @notice Names the money kind that rounds paying out in `token` count as; 0 stops counting them. Governors
    /// only; the kind's weight is its credits per base unit of the token, and a kind counts one token at most.
    function setMoneyKind(address token, uint16 kind) external;

    /// @notice Counts what `giver` gave in a finalized round of the network as a money contribution to the node
    /// that ran it, credited at once (the round's records are the evidence, no steward attests): the donations
    /// to `projectIds` and, the first time, what the rule distributed of the giver's matching funds. Anyone may
    /// call it for anyone; each donation and each funder's matching funds count once. Money whose credits at the
    /// kind's weight would not fit 96 bits is refused (`CreditsTooLarge`) and stays uncounted; fewer projects may fit.
    /// @param round A round of the network's factory, finalized, in a token with a money kind.
    /// @param giver Who gave.
    /// @param projectIds The projects the giver donated to (from the round's `Donated` events); none to count
    /// matching funds only.
    /// @return contributionId The money contribution recorded.
    function countRoundMoney(
        address round,
        address giver,
        uint256[] calldata projectIds
    ) external returns (uint256 contributionId);

    /// @notice Counts the commons share a finalized round of the network routed to the translocal commons as a
    /// money contribution of the round's node to its parent node (the commons), credited at once to the node's
    /// own account (its stewards' multisig). Anyone may call it, once per round.
    /// @return contributionId The money contribution recorded.
    function countCommonsShare(address round) external returns (uint256 contributionId);

    /// @notice Records a contribution to a node; it is pending until a threshold of the node's stewards attest.
    /// @param nodeId An existing node.
    /// @param kind A self-reported kind.
    /// @param quantity Whole units of the kind's unit, at least 1, whose credits at the kind's weight now fit
    /// 96 bits (`CreditsTooLarge`).
    /// @param description Pointer to what was given (1 to 256 bytes).
    /// @param evidence Pointer to the evidence (1 to 256 bytes).
    /// @return contributionId Counting from 1.
    function record(
        uint256 nodeId,
        uint16 kind,
        uint256 quantity,
        string calldata description,
        string calldata evidence
    ) external returns (uint256 contributionId);

    /// @notice Attests a pending contribution; a steward of its node other than the contributor, once each.
    /// The attestation that reaches the threshold credits it at the kind's weight then. If governors raised the
    /// weight since it was recorded so far that its credits no longer fit 96 bits, that attestation reverts
    /// with `CreditsTooLarge` rather than credit less than the weight says (a silent cap would hide it): the
    /// contribution stays pending until the weight is lowered or a steward rejects it, and the contributor can
    /// record it again in smaller parts.
    function attest(uint256 contributionId) external;

    /// @notice Rejects a pending contribution with a reason pointer; a steward of its node.
    function reject(uint256 contributionId, string calldata reason) external;

    /// @notice Flags an attested contribution as disputed, within the dispute window; anyone. Not money counted
    /// from a round.
    function dispute(uint256 contributionId, string calldata reason) external;

    /// @notice Revokes an attested contribution within the dispute window and takes back its credits (unclaimed
    /// ones first, then minted ones are burned); a steward of its node.
    function revoke(uint256 contributionId, string calldata reason) external;

    /// @notice Mints a contributor's credited contributions as commons credits; anyone may call it for anyone
    /// (a relayer, a steward), the credits always go to the contributor. The first credits make the contributor
    /// their own delegate, so they count as votes at once.
    /// @return minted The credits minted.
    function claimCredits(address contributor) external returns (uint256 minted);

    /// @notice Credits earned by attested contributions and not minted yet.
    function unclaimedCredits(address contributor) external view returns (uint256);

    /// @notice The contribution with this id; reverts if there is none.
    function contribution(uint256 contributionId) external view returns (Contribution memory);

    /// @notice The kind with this id; reverts if there is none.
    function kind(uint16 kindId) external view returns (Kind memory);

    /// @notice The money kind rounds paying out in `token` count as; 0 if they do not count.
    function moneyKind(address token) external view returns (uint16);

    /// @notice The token money kind `kind` counts (its quantities are in that token's base units).
    function moneyTokenOf(uint16 kind) external view returns (MoneyToken memory);

    /// @notice Whether `giver`'s donation to `projectId` in `round` was counted.
    function isDonationCounted(address round, address giver, uint256 projectId) external view returns (bool);

    /// @notice Whether `funder`'s matching funds in `round` were counted.
    function isFundingCounted(address round, address funder) external view returns (bool);

    /// @notice How many contributions were recorded; ids run from 1 to this number.
    function contributionCount() external view returns (uint256);

    /// @notice Attested (and not revoked) contributions of a kind to a node.
    function nodeTotal(uint256 nodeId, uint16 kindId) external view returns (Total memory);

    /// @notice Attested (and not revoked) contributions of a kind by a contributor.
    function contributorTotal(address contributor, uint16 kindId) external view returns (Total memory);

    /// @notice Credits earned by contributions to a node that were attested in a period (see `periodOf`).
    function nodeCreditsInPeriod(uint256 nodeId, uint256 period) external view returns (uint256);

    /// @notice Credits earned by a contributor's contributions attested in a period (see `periodOf`).
    function contributorCreditsInPeriod(address contributor, uint256 period) external view returns (uint256);

    /// @notice The period (30 days each, counted from the unix epoch) of a timestamp.
    function periodOf(uint256 timestamp) external pure returns (uint256);

    /// @notice How long after attestation a contribution can be disputed and revoked.
    function DISPUTE_WINDOW() external view returns (uint256);

    /// @notice The commons credits this ledger mints.
    function credits() external view returns (ICommonsCredits);

    /// @notice The network whose nodes and governors this ledger follows.
    function nodeRegistry() external view returns (INodeRegistry);

    /// @notice The factory whose rounds' records count as money given.
    function roundFactory() external view returns (IRoundFactory);
}
