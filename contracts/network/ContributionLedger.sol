// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {ICommonsCredits} from "../interfaces/ICommonsCredits.sol";
import {IContributionLedger} from "../interfaces/IContributionLedger.sol";
import {INodeRegistry} from "../interfaces/INodeRegistry.sol";
import {IProjectRound} from "../interfaces/IProjectRound.sol";
import {IQuadraticFundingRound} from "../interfaces/IQuadraticFundingRound.sol";
import {IRoundFactory} from "../interfaces/IRoundFactory.sol";
import {MetadataPointer} from "../libraries/MetadataPointer.sol";
import {CommonsCredits} from "./CommonsCredits.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time
// forge-lint: disable-start(block-timestamp)

/// @title ContributionLedger
/// @notice Records contributions to the commons, has them attested by the node's stewards, and mints commons
/// credits for them (it deploys the credits token and is its only minter).
contract ContributionLedger is IContributionLedger {
    /// @inheritdoc IContributionLedger
    uint256 public constant DISPUTE_WINDOW = 14 days;
    uint256 private constant PERIOD_LENGTH = 30 days;
    uint256 private constant MAX_KIND_NAME_LENGTH = 32;

    INodeRegistry private immutable NODE_REGISTRY;
    IRoundFactory private immutable ROUND_FACTORY;
    ICommonsCredits private immutable CREDITS;

    mapping(uint16 kindId => Kind) private _kinds;
    Contribution[] private _contributions;
    mapping(uint256 contributionId => mapping(address steward => bool)) private _attestedBy;
    mapping(uint256 nodeId => mapping(uint16 kindId => Total)) private _nodeTotals;
    mapping(address contributor => mapping(uint16 kindId => Total)) private _contributorTotals;
    mapping(uint256 nodeId => mapping(uint256 period => uint256)) private _nodePeriodCredits;
    mapping(address contributor => mapping(uint256 period => uint256)) private _contributorPeriodCredits;
    mapping(address contributor => uint256) private _unclaimedCredits;
    mapping(address token => uint16 kindId) private _moneyKinds;
    mapping(uint16 kindId => MoneyToken) private _moneyTokens;
    mapping(address round => mapping(address giver => mapping(uint256 projectId => bool))) private _donationCounted;
    mapping(address round => mapping(address funder => bool)) private _fundingCounted;
    mapping(address round => bool) private _commonsShareCounted;

    /// @param nodeRegistry_ The network: its nodes, their stewards, and its governors.
    /// @param roundFactory_ The factory of the network's rounds, whose records count as money given.
    constructor(INodeRegistry nodeRegistry_, IRoundFactory roundFactory_) {
        NODE_REGISTRY = nodeRegistry_;
        ROUND_FACTORY = roundFactory_;
        CREDITS = new CommonsCredits();
    }

    /// @inheritdoc IContributionLedger
    function setKind(
        uint16 kindId,
        string calldata name,
        string calldata unit,
        uint128 creditsPerUnit,
        bool selfReported
    ) external {
        if (!NODE_REGISTRY.isGovernor(msg.sender)) revert NotGovernor(msg.sender);
        // Kind 0 is how `setMoneyKind` says "not counted", and how a token without a money kind reads.
        if (kindId == 0) revert ReservedKind(kindId);
        uint256 nameLength = bytes(name).length;
        uint256 unitLength = bytes(unit).length;
        if (
            nameLength == 0 || nameLength > MAX_KIND_NAME_LENGTH || unitLength == 0 || unitLength > MAX_KIND_NAME_LENGTH
        ) {
            revert InvalidKindName();
        }
        _kinds[kindId] = Kind({creditsPerUnit: creditsPerUnit, selfReported: selfReported, name: name, unit: unit});
        emit KindSet(kindId, name, unit, creditsPerUnit, selfReported);
    }

    /// @inheritdoc IContributionLedger
    function setMoneyKind(address token, uint16 kindId) external {
        if (!NODE_REGISTRY.isGovernor(msg.sender)) revert NotGovernor(msg.sender);
        if (kindId != 0) {
            if (_requireKind(kindId).selfReported) revert KindSelfReported(kindId);
            // One token per money kind: quantities of different tokens would not add up.
            MoneyToken memory named = _moneyTokens[kindId];
            if (named.named && named.token != token) revert MoneyKindTaken(kindId, named.token);
        }
        uint16 previous = _moneyKinds[token];
        if (previous != 0) delete _moneyTokens[previous];
        _moneyKinds[token] = kindId;
        if (kindId != 0) _moneyTokens[kindId] = MoneyToken({token: token, named: true});
        emit MoneyKindSet(token, kindId);
    }

    /// @inheritdoc IContributionLedger
    function countRoundMoney(
        address round,
        address giver,
        uint256[] calldata projectIds
    ) external returns (uint256 contributionId) {
        (IQuadraticFundingRound funded, uint256 nodeId, uint16 kindId) = _finalizedRound(round);
        uint256 donations = _countDonations(funded, giver, projectIds);
        uint256 matchingFunds = _countFunding(funded, giver);
        uint256 quantity = donations + matchingFunds;
        if (quantity == 0) revert NothingToCount(round, giver);
        contributionId = _recordMoney(giver, nodeId, kindId, quantity, funded.metadata());
        emit RoundMoneyCounted(contributionId, round, giver, donations, matchingFunds);
    }

    /// @inheritdoc IContributionLedger
    function countCommonsShare(address round) external returns (uint256 contributionId) {
        (IQuadraticFundingRound funded, uint256 nodeId, uint16 kindId) = _finalizedRound(round);
        if (_commonsShareCounted[round]) revert CommonsShareAlreadyCounted(round);
        (uint256 amount, ) = funded.commonsShare();
        if (amount == 0) revert NothingToCount(round, address(0));
        address account = NODE_REGISTRY.nodeAccount(nodeId);
        if (account == address(0)) revert NodeAccountNotSet(nodeId);
        uint256 commonsNode = NODE_REGISTRY.node(nodeId).parentId;
        if (commonsNode == 0) revert NoCommonsNode(nodeId);
        _commonsShareCounted[round] = true;
        contributionId = _recordMoney(account, commonsNode, kindId, amount, funded.metadata());
        emit CommonsShareCounted(contributionId, round, nodeId, account, amount);
    }

    /// @inheritdoc IContributionLedger
    function record(
        uint256 nodeId,
        uint16 kindId,
        uint256 quantity,
        string calldata description,
        string calldata evidence
    ) external returns (uint256 contributionId) {
        // Reverts with the registry's NodeNotFound for an unknown node.
        NODE_REGISTRY.attestationThreshold(nodeId);
        Kind storage kindOf = _requireKind(kindId);
        if (!kindOf.selfReported) revert KindNotSelfReported(kindId);
        if (quantity == 0 || quantity > type(uint96).max) revert InvalidQuantity(quantity);
        _requireCreditsFit(quantity, kindOf.creditsPerUnit);
        MetadataPointer.validate(description);
        MetadataPointer.validate(evidence);
        _contributions.push(
            Contribution({
                contributor: msg.sender,
                // An existing node (the registry reverted otherwise): ids count up from 1, far below 2^64.
                // forge-lint: disable-next-line(unsafe-typecast)
                nodeId: uint64(nodeId),
                kind: kindId,
                status: ContributionStatus.Pending,
                attestations: 0,
                // At most type(uint96).max, checked above.
                // forge-lint: disable-next-line(unsafe-typecast)
                quantity: uint96(quantity),
                credits: 0,
                recordedAt: uint32(block.timestamp),
                attestedAt: 0
            })
        );
        contributionId = _contributions.length;
        emit ContributionRecorded(contributionId, msg.sender, nodeId, kindId, quantity, description, evidence);
    }

    /// @inheritdoc IContributionLedger
    function attest(uint256 contributionId) external {
        Contribution storage stored = _requireStatus(contributionId, ContributionStatus.Pending);
        uint256 nodeId = stored.nodeId;
        _requireSteward(nodeId);
        if (msg.sender == stored.contributor) revert SelfAttestation(contributionId);
        if (_attestedBy[contributionId][msg.sender]) revert AlreadyAttested(contributionId, msg.sender);
        uint8 attestations = stored.attestations + 1;
        stored.attestations = attestations;
        emit ContributionAttested(contributionId, msg.sender, attestations);
        if (attestations < NODE_REGISTRY.attestationThreshold(nodeId)) {
            // Remembered only while more attestations are needed: once credited, the status stops repeats.
            _attestedBy[contributionId][msg.sender] = true;
            return;
        }
        _credit(contributionId, stored);
    }

    /// @inheritdoc IContributionLedger
    function reject(uint256 contributionId, string calldata reason) external {
        Contribution storage stored = _requireStatus(contributionId, ContributionStatus.Pending);
        _requireSteward(stored.nodeId);
        _requireReason(reason);
        stored.status = ContributionStatus.Rejected;
        emit ContributionRejected(contributionId, msg.sender, reason);
    }

    /// @inheritdoc IContributionLedger
    function dispute(uint256 contributionId, string calldata reason) external {
        Contribution storage stored = _requireStatus(contributionId, ContributionStatus.Attested);
        _requireAttestedByStewards(contributionId, stored);
        _requireDisputeWindow(contributionId, stored);
        _requireReason(reason);
        emit ContributionDisputed(contributionId, msg.sender, reason);
    }

    /// @inheritdoc IContributionLedger
    function revoke(uint256 contributionId, string calldata reason) external {
        Contribution storage stored = _requireStatus(contributionId, ContributionStatus.Attested);
        _requireSteward(stored.nodeId);
        _requireAttestedByStewards(contributionId, stored);
        _requireDisputeWindow(contributionId, stored);
        _requireReason(reason);
        stored.status = ContributionStatus.Revoked;
        uint256 creditsRevoked = stored.credits;
        address contributor = stored.contributor;
        _subtractTotals(stored, creditsRevoked);
        // Unclaimed credits go first; only the rest was minted and is burned.
        uint256 unclaimed = _unclaimedCredits[contributor];
        if (unclaimed >= creditsRevoked) {
            _unclaimedCredits[contributor] = unclaimed - creditsRevoked;
        } else {
            _unclaimedCredits[contributor] = 0;
            CREDITS.burn(contributor, creditsRevoked - unclaimed);
        }
        emit ContributionRevoked(contributionId, msg.sender, creditsRevoked, reason);
    }

    /// @inheritdoc IContributionLedger
    function claimCredits(address contributor) external returns (uint256 minted) {
        minted = _unclaimedCredits[contributor];
        if (minted == 0) revert NothingToClaim(contributor);
        _unclaimedCredits[contributor] = 0;
        CREDITS.mint(contributor, minted);
        emit CreditsClaimed(contributor, minted);
    }

    /// @inheritdoc IContributionLedger
    function unclaimedCredits(address contributor) external view returns (uint256) {
        return _unclaimedCredits[contributor];
    }

    /// @inheritdoc IContributionLedger
    function contribution(uint256 contributionId) external view returns (Contribution memory) {
        return _requireContribution(contributionId);
    }

    /// @inheritdoc IContributionLedger
    function kind(uint16 kindId) external view returns (Kind memory) {
        return _requireKind(kindId);
    }

    /// @inheritdoc IContributionLedger
    function moneyKind(address token) external view returns (uint16) {
        return _moneyKinds[token];
    }

    /// @inheritdoc IContributionLedger
    function moneyTokenOf(uint16 kindId) external view returns (MoneyToken memory) {
        return _moneyTokens[kindId];
    }

    /// @inheritdoc IContributionLedger
    function isDonationCounted(address round, address giver, uint256 projectId) external view returns (bool) {
        return _donationCounted[round][giver][projectId];
    }

    /// @inheritdoc IContributionLedger
    function isFundingCounted(address round, address funder) external view returns (bool) {
        return _fundingCounted[round][funder];
    }

    /// @inheritdoc IContributionLedger
    function contributionCount() external view returns (uint256) {
        return _contributions.length;
    }

    /// @inheritdoc IContributionLedger
    function nodeTotal(uint256 nodeId, uint16 kindId) external view returns (Total memory) {
        return _nodeTotals[nodeId][kindId];
    }

    /// @inheritdoc IContributionLedger
    function contributorTotal(address contributor, uint16 kindId) external view returns (Total memory) {
        return _contributorTotals[contributor][kindId];
    }

    /// @inheritdoc IContributionLedger
    function nodeCreditsInPeriod(uint256 nodeId, uint256 period) external view returns (uint256) {
        return _nodePeriodCredits[nodeId][period];
    }

    /// @inheritdoc IContributionLedger
    function contributorCreditsInPeriod(address contributor, uint256 period) external view returns (uint256) {
        return _contributorPeriodCredits[contributor][period];
    }

    /// @inheritdoc IContributionLedger
    function periodOf(uint256 timestamp) public pure returns (uint256) {
        return timestamp / PERIOD_LENGTH;
    }

    /// @inheritdoc IContributionLedger
    function credits() external view returns (ICommonsCredits) {
        return CREDITS;
    }

    /// @inheritdoc IContributionLedger
    function nodeRegistry() external view returns (INodeRegistry) {
        return NODE_REGISTRY;
    }

    /// @inheritdoc IContributionLedger
    function roundFactory() external view returns (IRoundFactory) {
        return ROUND_FACTORY;
    }

    /// @dev The round, the node that ran it and the money kind of its token, after checking that it is a
    /// finalized round of the network whose token counts.
    function _finalizedRound(
        address round
    ) private view returns (IQuadraticFundingRound funded, uint256 nodeId, uint16 kindId) {
        if (!ROUND_FACTORY.isRound(round)) revert UnknownRound(round);
        funded = IQuadraticFundingRound(round);
        IProjectRound.RoundStatus status = funded.status();
        if (status != IProjectRound.RoundStatus.Finalized) revert RoundNotFinalized(round, status);
        IQuadraticFundingRound.RoundParameters memory parameters = funded.parameters();
        kindId = _moneyKinds[parameters.config.payoutToken];
        if (kindId == 0) revert TokenNotCounted(parameters.config.payoutToken);
        nodeId = parameters.nodeId;
    }

    /// @dev Records money counted from a round's records, and credits it at once: zero attestations mark it, as
    /// no steward vouches for it, and it cannot be disputed or revoked.
    function _recordMoney(
        address contributor,
        uint256 nodeId,
        uint16 kindId,
        uint256 quantity,
        string memory description
    ) private returns (uint256 contributionId) {
        if (quantity > type(uint96).max) revert InvalidQuantity(quantity);
        _contributions.push(
            Contribution({
                contributor: contributor,
                // The node of a network round (its steward created it), or that node's parent: ids count up
                // from 1 in the node registry, far below 2^64.
                // forge-lint: disable-next-line(unsafe-typecast)
                nodeId: uint64(nodeId),
                kind: kindId,
                status: ContributionStatus.Pending,
                attestations: 0,
                // At most type(uint96).max, checked above.
                // forge-lint: disable-next-line(unsafe-typecast)
                quantity: uint96(quantity),
                credits: 0,
                recordedAt: uint32(block.timestamp),
                attestedAt: 0
            })
        );
        contributionId = _contributions.length;
        emit ContributionRecorded(contributionId, contributor, nodeId, kindId, quantity, description, "");
        _credit(contributionId, _contributions[contributionId - 1]);
    }

    /// @dev The giver's donations to `projectIds` not counted before, in token units; each is marked counted.
    /// A project the giver never gave to adds nothing.
    function _countDonations(
        IQuadraticFundingRound round,
        address giver,
        uint256[] calldata projectIds
    ) private returns (uint256 given) {
        mapping(uint256 projectId => bool) storage counted = _donationCounted[address(round)][giver];
        for (uint256 i = 0; i < projectIds.length; ++i) {
            uint256 projectId = projectIds[i];
            if (counted[projectId]) revert AlreadyCounted(address(round), giver, projectId);
            counted[projectId] = true;
            given += round.contributionOf(projectId, giver);
        }
    }

    /// @dev What the funder put in the round's matching pool and the rule distributed, once: the share of the
    /// unallocated rest that goes back to funders is not given, so it does not count (rounded down).
    function _countFunding(IQuadraticFundingRound round, address funder) private returns (uint256) {
        // A season's draw is its own funders' money, not the season's: it is not counted for the season.
        if (_fundingCounted[address(round)][funder] || ROUND_FACTORY.isSeason(funder)) return 0;
        (uint256 funded, ) = round.funderAccount(funder);
        if (funded == 0) return 0;
        _fundingCounted[address(round)][funder] = true;
        uint256 pool = round.matchingPool();
        // The commons share is counted as the node's gift to the commons, not as the funders' to the node.
        (uint256 commonsShare, ) = round.commonsShare();
        return Math.mulDiv(funded, pool - round.matchDistribution().unallocated - commonsShare, pool);
    }

    /// @dev Credits the contribution at the kind's weight now; the weight is kept, so a revocation takes back
    /// exactly what was credited even if the weight changed since. The credits wait for `claimCredits`: minting
    /// writes vote checkpoints, which the contributor pays for rather than the attesting steward.
    /// A weight raised since `record` can take a contribution's credits past 96 bits: it is then refused with
    /// `CreditsTooLarge` rather than credited less than the weight says, and stays pending until the governors
    /// lower the weight or a steward rejects it.
    function _credit(uint256 contributionId, Contribution storage stored) private {
        uint128 quantity = stored.quantity;
        uint256 minted = _requireCreditsFit(quantity, _kinds[stored.kind].creditsPerUnit);
        stored.status = ContributionStatus.Attested;
        // Below 2^96, checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        stored.credits = uint96(minted);
        stored.attestedAt = uint32(block.timestamp);
        // Below 2^96, checked above.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 earned = uint128(minted);
        address contributor = stored.contributor;
        uint256 nodeId = stored.nodeId;
        uint16 kindId = stored.kind;
        uint256 period = periodOf(block.timestamp);
        _add(_nodeTotals[nodeId][kindId], quantity, earned);
        _add(_contributorTotals[contributor][kindId], quantity, earned);
        _nodePeriodCredits[nodeId][period] += minted;
        _contributorPeriodCredits[contributor][period] += minted;
        _unclaimedCredits[contributor] += minted;
        emit ContributionCredited(contributionId, contributor, minted);
    }

    function _subtractTotals(Contribution storage stored, uint256 burned) private {
        uint128 quantity = stored.quantity;
        // The contribution's credits, a uint96.
        // forge-lint: disable-next-line(unsafe-typecast)
        uint128 lost = uint128(burned);
        address contributor = stored.contributor;
        uint256 nodeId = stored.nodeId;
        uint16 kindId = stored.kind;
        uint256 period = periodOf(stored.attestedAt);
        _subtract(_nodeTotals[nodeId][kindId], quantity, lost);
        _subtract(_contributorTotals[contributor][kindId], quantity, lost);
        _nodePeriodCredits[nodeId][period] -= burned;
        _contributorPeriodCredits[contributor][period] -= burned;
    }

    function _add(Total storage total, uint128 quantity, uint128 earned) private {
        total.quantity += quantity;
        total.credits += earned;
    }

    function _subtract(Total storage total, uint128 quantity, uint128 lost) private {
        total.quantity -= quantity;
        total.credits -= lost;
    }

    /// @dev The credits `quantity` units earn at `creditsPerUnit`, which a contribution stores in 96 bits. The
    /// product cannot overflow: a quantity below 2^96 times a weight below 2^128.
    function _requireCreditsFit(uint256 quantity, uint256 creditsPerUnit) private pure returns (uint256 creditsEarned) {
        creditsEarned = quantity * creditsPerUnit;
        if (creditsEarned > type(uint96).max) revert CreditsTooLarge(quantity, creditsPerUnit);
    }

    function _requireContribution(uint256 contributionId) private view returns (Contribution storage) {
        if (contributionId == 0 || contributionId > _contributions.length) {
            revert ContributionNotFound(contributionId);
        }
        return _contributions[contributionId - 1];
    }

    function _requireStatus(
        uint256 contributionId,
        ContributionStatus expected
    ) private view returns (Contribution storage stored) {
        stored = _requireContribution(contributionId);
        if (stored.status != expected) revert UnexpectedContributionStatus(contributionId, stored.status);
    }

    function _requireKind(uint16 kindId) private view returns (Kind storage stored) {
        stored = _kinds[kindId];
        if (bytes(stored.name).length == 0) revert KindNotFound(kindId);
    }

    function _requireSteward(uint256 nodeId) private view {
        if (!NODE_REGISTRY.isSteward(nodeId, msg.sender)) revert NotNodeSteward(nodeId, msg.sender);
    }

    /// @dev Money counted from a round's records was never attested by stewards and cannot be disputed: the
    /// round's own records are its evidence.
    function _requireAttestedByStewards(uint256 contributionId, Contribution storage stored) private view {
        if (stored.attestations == 0) revert CountedFromRound(contributionId);
    }

    function _requireDisputeWindow(uint256 contributionId, Contribution storage stored) private view {
        uint256 closesAt = uint256(stored.attestedAt) + DISPUTE_WINDOW;
        if (block.timestamp >= closesAt) revert DisputeWindowClosed(contributionId, closesAt);
    }

    function _requireReason(string calldata reason) private pure {
        if (bytes(reason).length == 0) revert MissingReason();
        MetadataPointer.validate(reason);
    }
}
