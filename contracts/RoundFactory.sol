// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";

import {CoMatchingSeason} from "./CoMatchingSeason.sol";
import {ICoMatchingSeason} from "./interfaces/ICoMatchingSeason.sol";
import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IQuadraticFundingRound} from "./interfaces/IQuadraticFundingRound.sol";
import {IRoundFactory} from "./interfaces/IRoundFactory.sol";
import {AddressPages} from "./libraries/AddressPages.sol";
import {EligibilityRules} from "./libraries/EligibilityRules.sol";
import {MetadataPointer} from "./libraries/MetadataPointer.sol";
import {QuadraticFundingMath} from "./libraries/QuadraticFundingMath.sol";
import {RoundArguments} from "./libraries/RoundArguments.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time
// forge-lint: disable-start(block-timestamp)

/// @title RoundFactory
/// @notice Deploys quadratic funding rounds as minimal clones whose immutable arguments are their parameters.
/// Each round belongs to a node of the network, whose stewards open and run it; the network's governors decide
/// which payout tokens rounds may use.
contract RoundFactory is IRoundFactory {
    /// @notice The smallest non-zero match cap, in basis points. It bounds the match cap settlement: every pass
    /// but the last caps a project, and capped projects take the cap each out of the pool, so for any pool of at
    /// least 10^6 base units at most 100 projects are capped and settlement needs at most 101 passes. A dust
    /// pool whose cap rounds down to zero caps every project with a match in the first pass, and ends in the
    /// second.
    uint16 public constant MIN_MATCH_CAP_BPS = 100;

    /// @notice The largest commons share a round may route to the translocal commons: 20 % of its pool.
    uint16 public constant MAX_COMMONS_SHARE_BPS = 2_000;

    address private immutable ROUND_IMPLEMENTATION;
    address private immutable PROJECT_REGISTRY;
    INodeRegistry private immutable NODE_REGISTRY;
    mapping(address token => bool) private _allowedPayoutTokens;
    mapping(address round => bool) private _isRound;
    address[] private _rounds;
    mapping(address season => bool) private _isSeason;
    address[] private _seasons;

    /// @param projectRegistry_ The registry whose projects apply to the rounds.
    /// @param roundImplementation_ The QuadraticFundingRound every round clones.
    /// @param nodeRegistry_ The network: its nodes run rounds, its governors allow payout tokens.
    constructor(address projectRegistry_, address roundImplementation_, INodeRegistry nodeRegistry_) {
        PROJECT_REGISTRY = projectRegistry_;
        ROUND_IMPLEMENTATION = roundImplementation_;
        NODE_REGISTRY = nodeRegistry_;
    }

    /// @inheritdoc IRoundFactory
    function createRound(
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config,
        string calldata metadata
    ) external returns (address round) {
        IQuadraticFundingRound.ParticipationRules memory openRules;
        IQuadraticFundingRound.CommonsLinks memory noLinks;
        round = _createRound(nodeId, config, openRules, noLinks, metadata);
    }

    /// @inheritdoc IRoundFactory
    function createRoundWithRules(
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config,
        IQuadraticFundingRound.ParticipationRules calldata rules,
        string calldata metadata
    ) external returns (address round) {
        IQuadraticFundingRound.CommonsLinks memory noLinks;
        round = _createRuledRound(nodeId, config, rules, noLinks, metadata);
    }

    /// @inheritdoc IRoundFactory
    function createLinkedRound(
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config,
        IQuadraticFundingRound.ParticipationRules calldata rules,
        IQuadraticFundingRound.CommonsLinks calldata links,
        string calldata metadata
    ) external returns (address round) {
        if (links.commonsShareBps > MAX_COMMONS_SHARE_BPS) revert CommonsShareOutOfRange(links.commonsShareBps);
        if (links.season != address(0)) _requireSeasonFits(links.season, nodeId, config);
        round = _createRuledRound(nodeId, config, rules, links, metadata);
        emit RoundLinked(round, links.commonsShareBps, links.season);
        if (links.season != address(0)) ICoMatchingSeason(links.season).joinRound(round, nodeId);
    }

    /// @inheritdoc IRoundFactory
    function createSeason(
        uint256 nodeId,
        address payoutToken,
        uint64 closesAt,
        string calldata metadata
    ) external returns (address season) {
        if (!NODE_REGISTRY.isSteward(nodeId, msg.sender)) revert NotNodeSteward(nodeId, msg.sender);
        if (closesAt <= block.timestamp) revert SeasonCloseInPast(closesAt);
        MetadataPointer.validate(metadata);
        uint256 factor = _normalisationFactorOf(payoutToken);
        season = address(new CoMatchingSeason(payoutToken, nodeId, closesAt, factor, metadata));
        _seasons.push(season);
        _isSeason[season] = true;
        emit SeasonCreated(season, nodeId, payoutToken, msg.sender, closesAt, metadata);
    }

    /// @inheritdoc IRoundFactory
    function setPayoutTokenAllowed(address token, bool allowed) external {
        if (!NODE_REGISTRY.isGovernor(msg.sender)) revert NotGovernor(msg.sender);
        if (token == address(0)) revert PayoutTokenNotAllowed(token);
        // A round in an account without code would take funding and donations that move nothing: refused here
        // for every round and season, not only those that read the token's decimals when they are created.
        if (allowed && token.code.length == 0) revert PayoutTokenWithoutCode(token);
        _allowedPayoutTokens[token] = allowed;
        emit PayoutTokenAllowanceSet(token, allowed);
    }

    /// @inheritdoc IRoundFactory
    function isPayoutTokenAllowed(address token) public view returns (bool) {
        return token == address(0) || _allowedPayoutTokens[token];
    }

    /// @inheritdoc IRoundFactory
    function roundImplementation() external view returns (address) {
        return ROUND_IMPLEMENTATION;
    }

    /// @inheritdoc IRoundFactory
    function projectRegistry() external view returns (address) {
        return PROJECT_REGISTRY;
    }

    /// @inheritdoc IRoundFactory
    function nodeRegistry() external view returns (INodeRegistry) {
        return NODE_REGISTRY;
    }

    /// @inheritdoc IRoundFactory
    function isRound(address account) external view returns (bool) {
        return _isRound[account];
    }

    /// @inheritdoc IRoundFactory
    function isSeason(address season) external view returns (bool) {
        return _isSeason[season];
    }

    /// @inheritdoc IRoundFactory
    function seasons(uint256 offset, uint256 limit) external view returns (address[] memory) {
        return AddressPages.page(_seasons, offset, limit);
    }

    /// @inheritdoc IRoundFactory
    function roundCount() external view returns (uint256) {
        return _rounds.length;
    }

    /// @inheritdoc IRoundFactory
    function rounds(uint256 offset, uint256 limit) external view returns (address[] memory) {
        return AddressPages.page(_rounds, offset, limit);
    }

    function _createRuledRound(
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config,
        IQuadraticFundingRound.ParticipationRules calldata rules,
        IQuadraticFundingRound.CommonsLinks memory links,
        string calldata metadata
    ) private returns (address round) {
        if (!EligibilityRules.isWellFormed(rules.eligibility)) revert InvalidEligibilityRule();
        // A donation counts from the minimum on, and then at most the cap of a contributor's total: a cap below
        // the minimum would let nothing count.
        uint256 cap = rules.countedContributionCap;
        if (cap != 0 && cap < rules.minCountedDonation) revert CountedCapBelowMinimum(cap, rules.minCountedDonation);
        round = _createRound(nodeId, config, rules, links, metadata);
        emit RoundRulesSet(round, rules);
    }

    /// @dev A season takes rounds in its token, at its node or a child node, whose donations end by its close.
    function _requireSeasonFits(
        address season,
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config
    ) private view {
        if (!_isSeason[season]) revert UnknownSeason(season);
        ICoMatchingSeason.SeasonParameters memory parameters = ICoMatchingSeason(season).parameters();
        bool atNode = parameters.nodeId == nodeId || NODE_REGISTRY.node(nodeId).parentId == parameters.nodeId;
        if (!atNode || parameters.payoutToken != config.payoutToken || config.donationsEnd > parameters.closesAt) {
            revert SeasonMismatch(season);
        }
    }

    function _createRound(
        uint256 nodeId,
        IQuadraticFundingRound.RoundConfig calldata config,
        IQuadraticFundingRound.ParticipationRules memory rules,
        IQuadraticFundingRound.CommonsLinks memory links,
        string calldata metadata
    ) private returns (address round) {
        if (!NODE_REGISTRY.isSteward(nodeId, msg.sender)) revert NotNodeSteward(nodeId, msg.sender);
        _validateWindows(config);
        uint16 cap = config.matchCapBps;
        if (cap != 0 && (cap < MIN_MATCH_CAP_BPS || cap > QuadraticFundingMath.BASIS_POINTS)) {
            revert MatchCapOutOfRange(cap);
        }
        uint256 countingRules = uint256(rules.minCountedDonation) | (uint256(rules.countedContributionCap) << 128);
        uint256 flags = countingRules == 0 ? 0 : RoundArguments.FLAG_COUNTING_RULES;
        if (links.season != address(0)) flags |= RoundArguments.FLAG_SEASON;
        bytes memory arguments = RoundArguments.encode(
            RoundArguments.Common({
                payoutToken: config.payoutToken,
                applicationsStart: config.applicationsStart,
                applicationsEnd: config.applicationsEnd,
                opensAt: config.donationsStart,
                closesAt: config.donationsEnd,
                companion: uint64(_normalisationFactorOf(config.payoutToken)),
                projectRegistry: PROJECT_REGISTRY,
                nodeRegistry: address(NODE_REGISTRY),
                nodeId: nodeId
            }),
            uint256(cap) | (uint256(links.commonsShareBps) << 16) | (uint256(uint160(links.season)) << 32),
            countingRules,
            flags,
            rules.eligibility
        );
        round = Clones.cloneWithImmutableArgs(ROUND_IMPLEMENTATION, arguments);
        _rounds.push(round);
        _isRound[round] = true;
        IQuadraticFundingRound(round).initialize(metadata);
        emit RoundCreated(round, nodeId, config.payoutToken, msg.sender, config, metadata);
    }

    function _validateWindows(IQuadraticFundingRound.RoundConfig calldata config) private view {
        if (config.applicationsStart >= config.applicationsEnd) {
            revert InvalidApplicationWindow(config.applicationsStart, config.applicationsEnd);
        }
        if (config.donationsStart >= config.donationsEnd) {
            revert InvalidDonationWindow(config.donationsStart, config.donationsEnd);
        }
        if (config.applicationsStart > config.donationsStart || config.applicationsEnd > config.donationsEnd) {
            revert WindowsOutOfOrder(
                config.applicationsStart,
                config.applicationsEnd,
                config.donationsStart,
                config.donationsEnd
            );
        }
        if (config.donationsEnd <= block.timestamp) revert DonationWindowInPast(config.donationsEnd, block.timestamp);
    }

    function _normalisationFactorOf(address token) private view returns (uint256) {
        if (token == address(0)) return 1;
        if (!isPayoutTokenAllowed(token)) revert PayoutTokenNotAllowed(token);
        // A low-level call, because `try` cannot catch the decoding failure of an account without code or
        // of a token whose decimals() returns nothing.
        (bool success, bytes memory returned) = token.staticcall(abi.encodeCall(IERC20Metadata.decimals, ()));
        if (success && returned.length == 32) {
            uint256 decimals = abi.decode(returned, (uint256));
            if (decimals <= QuadraticFundingMath.NORMALISED_DECIMALS) {
                // At most 18, checked just above.
                // forge-lint: disable-next-line(unsafe-typecast)
                return QuadraticFundingMath.normalisationFactor(uint8(decimals));
            }
        }
        revert UnsupportedPayoutToken(token);
    }
}
