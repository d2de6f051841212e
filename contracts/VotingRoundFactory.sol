// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";

import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IQuadraticVotingRound} from "./interfaces/IQuadraticVotingRound.sol";
import {IRoundFactory} from "./interfaces/IRoundFactory.sol";
import {IVotingRoundFactory} from "./interfaces/IVotingRoundFactory.sol";
import {AddressPages} from "./libraries/AddressPages.sol";
import {EligibilityRules} from "./libraries/EligibilityRules.sol";
import {RoundArguments} from "./libraries/RoundArguments.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time
// forge-lint: disable-start(block-timestamp)

/// @title VotingRoundFactory
/// @notice Deploys quadratic voting rounds as minimal clones whose immutable arguments are their parameters.
contract VotingRoundFactory is IVotingRoundFactory {
    address private immutable ROUND_IMPLEMENTATION;
    IRoundFactory private immutable FUNDING_ROUND_FACTORY;
    address private immutable COMMONS_CREDITS;
    mapping(address round => bool) private _isRound;
    address[] private _rounds;

    /// @param roundImplementation_ The QuadraticVotingRound every round clones.
    /// @param fundingRoundFactory_ The funding round factory: its project registry, network and payout tokens.
    /// @param commonsCredits_ The voting token of rounds that name none.
    constructor(address roundImplementation_, IRoundFactory fundingRoundFactory_, address commonsCredits_) {
        ROUND_IMPLEMENTATION = roundImplementation_;
        FUNDING_ROUND_FACTORY = fundingRoundFactory_;
        COMMONS_CREDITS = commonsCredits_;
    }

    /// @inheritdoc IVotingRoundFactory
    function createVotingRound(
        uint256 nodeId,
        IQuadraticVotingRound.VotingRoundConfig calldata config,
        string calldata metadata
    ) external returns (address round) {
        INodeRegistry nodes = FUNDING_ROUND_FACTORY.nodeRegistry();
        if (!nodes.isSteward(nodeId, msg.sender)) revert NotNodeSteward(nodeId, msg.sender);
        _validateWindows(config);
        if (!FUNDING_ROUND_FACTORY.isPayoutTokenAllowed(config.payoutToken)) {
            revert PayoutTokenNotAllowed(config.payoutToken);
        }
        if (config.powerPerVoiceCredit == 0) revert InvalidVoiceCreditRule();
        if (!EligibilityRules.isWellFormed(config.eligibility)) revert InvalidEligibilityRule();
        if (config.baseVoiceCredits != 0 && config.eligibility.kind == EligibilityRules.Kind.Open) {
            revert BaseCreditsNeedEligibilityRule(config.baseVoiceCredits);
        }
        IQuadraticVotingRound.VotingRoundConfig memory resolved = config;
        if (resolved.votingToken == address(0)) resolved.votingToken = COMMONS_CREDITS;
        _validateVotingToken(resolved.votingToken, config.snapshot, config.votingStart);

        bytes memory arguments = RoundArguments.encode(
            RoundArguments.Common({
                payoutToken: config.payoutToken,
                applicationsStart: config.applicationsStart,
                applicationsEnd: config.applicationsEnd,
                opensAt: config.votingStart,
                closesAt: config.votingEnd,
                companion: config.snapshot,
                projectRegistry: FUNDING_ROUND_FACTORY.projectRegistry(),
                nodeRegistry: address(nodes),
                nodeId: nodeId
            }),
            uint256(uint160(resolved.votingToken)),
            uint256(config.powerPerVoiceCredit) | (uint256(config.baseVoiceCredits) << 128),
            0,
            config.eligibility
        );
        round = Clones.cloneWithImmutableArgs(ROUND_IMPLEMENTATION, arguments);
        _rounds.push(round);
        _isRound[round] = true;
        IQuadraticVotingRound(round).initialize(metadata);
        emit VotingRoundCreated(round, nodeId, config.payoutToken, msg.sender, resolved, metadata);
    }

    /// @inheritdoc IVotingRoundFactory
    function roundImplementation() external view returns (address) {
        return ROUND_IMPLEMENTATION;
    }

    /// @inheritdoc IVotingRoundFactory
    function fundingRoundFactory() external view returns (IRoundFactory) {
        return FUNDING_ROUND_FACTORY;
    }

    /// @inheritdoc IVotingRoundFactory
    function commonsCredits() external view returns (address) {
        return COMMONS_CREDITS;
    }

    /// @inheritdoc IVotingRoundFactory
    function nodeRegistry() external view returns (INodeRegistry) {
        return FUNDING_ROUND_FACTORY.nodeRegistry();
    }

    /// @inheritdoc IVotingRoundFactory
    function isRound(address account) external view returns (bool) {
        return _isRound[account];
    }

    /// @inheritdoc IVotingRoundFactory
    function roundCount() external view returns (uint256) {
        return _rounds.length;
    }

    /// @inheritdoc IVotingRoundFactory
    function rounds(uint256 offset, uint256 limit) external view returns (address[] memory) {
        return AddressPages.page(_rounds, offset, limit);
    }

    function _validateWindows(IQuadraticVotingRound.VotingRoundConfig calldata config) private view {
        if (config.applicationsStart >= config.applicationsEnd) {
            revert InvalidApplicationWindow(config.applicationsStart, config.applicationsEnd);
        }
        if (config.votingStart >= config.votingEnd) revert InvalidVotingWindow(config.votingStart, config.votingEnd);
        if (config.applicationsStart > config.votingStart || config.applicationsEnd > config.votingEnd) {
            revert WindowsOutOfOrder(
                config.applicationsStart,
                config.applicationsEnd,
                config.votingStart,
                config.votingEnd
            );
        }
        if (config.votingEnd <= block.timestamp) revert VotingWindowInPast(config.votingEnd, block.timestamp);
    }

    /// @dev The token must be an ERC-5805 Votes token. With a timestamp clock the snapshot must precede the
    /// voting window, so that no budget can change while ballots are cast; with a block-number clock the
    /// snapshot is a block, and ballots wait until it is mined.
    function _validateVotingToken(address token, uint48 snapshot, uint64 votingStart) private view {
        if (token.code.length == 0) revert UnsupportedVotingToken(token);
        try IERC6372(token).CLOCK_MODE() returns (string memory mode) {
            if (keccak256(bytes(mode)) == keccak256("mode=timestamp") && snapshot >= votingStart) {
                revert SnapshotNotBeforeVoting(snapshot, votingStart);
            }
        } catch {
            revert UnsupportedVotingToken(token);
        }
    }
}
