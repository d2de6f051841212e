// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";

import {INodeRegistry} from "../interfaces/INodeRegistry.sol";
import {MetadataPointer} from "../libraries/MetadataPointer.sol";

/// @title NodeRegistry
/// @notice The network's nodes and their stewards. Governors add nodes; from then on each node's stewards run
/// it (subsidiarity): they change its details, its stewards and its attestation threshold. Governors can also
/// add or remove a node's stewards, so a node whose stewards are all gone can be restored.
contract NodeRegistry is INodeRegistry, AccessControlEnumerable {
    /// @inheritdoc INodeRegistry
    bytes32 public constant GOVERNOR_ROLE = keccak256("GOVERNOR_ROLE");

    uint256 private constant MAX_NAME_LENGTH = 64;
    /// @dev The contribution ledger counts a contribution's attestations in 8 bits.
    uint256 private constant MAX_ATTESTATION_THRESHOLD = type(uint8).max;

    Node[] private _nodes;
    mapping(uint256 nodeId => mapping(address account => bool)) private _stewards;
    mapping(uint256 nodeId => address account) private _nodeAccounts;
    address private _commonsTreasury;

    /// @param governor The network's first governor; governors grant and revoke the role among themselves.
    constructor(address governor) {
        _setRoleAdmin(GOVERNOR_ROLE, GOVERNOR_ROLE);
        _grantRole(GOVERNOR_ROLE, governor);
    }

    modifier onlyNodeSteward(uint256 nodeId) {
        _requireNodeSteward(nodeId);
        _;
    }

    modifier onlyStewardOrGovernor(uint256 nodeId) {
        _requireStewardOrGovernor(nodeId);
        _;
    }

    /// @inheritdoc INodeRegistry
    function addNode(
        NodeKind kind,
        uint256 parentId,
        string calldata name,
        string calldata metadata,
        address[] calldata stewards,
        uint32 threshold
    ) external onlyRole(GOVERNOR_ROLE) returns (uint256 nodeId) {
        if (parentId != 0) _requireNode(parentId);
        _validateDetails(name, metadata);
        if (stewards.length == 0) revert NoStewards();
        if (threshold == 0 || threshold > stewards.length) {
            revert InvalidThreshold(threshold, stewards.length);
        }
        _requireReachableThreshold(threshold);
        _nodes.push(
            Node({
                kind: kind,
                // Zero or an existing node (checked above): ids count up from 1, far below 2^64.
                // forge-lint: disable-next-line(unsafe-typecast)
                parentId: uint64(parentId),
                stewardCount: 0,
                attestationThreshold: threshold,
                name: name,
                metadata: metadata
            })
        );
        nodeId = _nodes.length;
        emit NodeAdded(nodeId, kind, parentId, name, metadata, threshold, msg.sender);
        for (uint256 i = 0; i < stewards.length; ++i) {
            _addSteward(nodeId, stewards[i]);
        }
    }

    /// @inheritdoc INodeRegistry
    function setNodeDetails(
        uint256 nodeId,
        string calldata name,
        string calldata metadata
    ) external onlyNodeSteward(nodeId) {
        _validateDetails(name, metadata);
        Node storage stored = _nodes[nodeId - 1];
        stored.name = name;
        stored.metadata = metadata;
        emit NodeDetailsUpdated(nodeId, name, metadata, msg.sender);
    }

    /// @inheritdoc INodeRegistry
    function addSteward(uint256 nodeId, address account) external onlyStewardOrGovernor(nodeId) {
        _addSteward(nodeId, account);
    }

    /// @inheritdoc INodeRegistry
    function removeSteward(uint256 nodeId, address account) external onlyStewardOrGovernor(nodeId) {
        if (!_stewards[nodeId][account]) revert NotSteward(nodeId, account);
        Node storage stored = _nodes[nodeId - 1];
        uint32 remaining = stored.stewardCount - 1;
        if (remaining < stored.attestationThreshold) revert InvalidThreshold(stored.attestationThreshold, remaining);
        _stewards[nodeId][account] = false;
        stored.stewardCount = remaining;
        emit StewardRemoved(nodeId, account, msg.sender);
    }

    /// @inheritdoc INodeRegistry
    function setAttestationThreshold(uint256 nodeId, uint32 threshold) external onlyNodeSteward(nodeId) {
        Node storage stored = _nodes[nodeId - 1];
        if (threshold == 0 || threshold > stored.stewardCount) revert InvalidThreshold(threshold, stored.stewardCount);
        _requireReachableThreshold(threshold);
        stored.attestationThreshold = threshold;
        emit AttestationThresholdSet(nodeId, threshold, msg.sender);
    }

    /// @inheritdoc INodeRegistry
    function setNodeAccount(uint256 nodeId, address account) external onlyNodeSteward(nodeId) {
        _nodeAccounts[nodeId] = account;
        emit NodeAccountSet(nodeId, account, msg.sender);
    }

    /// @inheritdoc INodeRegistry
    function setCommonsTreasury(address treasury) external {
        if (!hasRole(GOVERNOR_ROLE, msg.sender)) revert NotGovernor(msg.sender);
        _commonsTreasury = treasury;
        emit CommonsTreasurySet(treasury, msg.sender);
    }

    /// @inheritdoc INodeRegistry
    function nodeAccount(uint256 nodeId) external view returns (address) {
        return _nodeAccounts[nodeId];
    }

    /// @inheritdoc INodeRegistry
    function commonsTreasury() external view returns (address) {
        return _commonsTreasury;
    }

    /// @inheritdoc INodeRegistry
    function node(uint256 nodeId) external view returns (Node memory) {
        _requireNode(nodeId);
        return _nodes[nodeId - 1];
    }

    /// @inheritdoc INodeRegistry
    function attestationThreshold(uint256 nodeId) external view returns (uint256) {
        _requireNode(nodeId);
        return _nodes[nodeId - 1].attestationThreshold;
    }

    /// @inheritdoc INodeRegistry
    function isSteward(uint256 nodeId, address account) external view returns (bool) {
        return _stewards[nodeId][account];
    }

    /// @inheritdoc INodeRegistry
    function isGovernor(address account) external view returns (bool) {
        return hasRole(GOVERNOR_ROLE, account);
    }

    /// @inheritdoc INodeRegistry
    function nodeCount() external view returns (uint256) {
        return _nodes.length;
    }

    /// @dev No role goes to the zero address: no one holds its key, yet as a governor it would count toward the
    /// `LastGovernor` guard below and let the last real governor leave.
    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        if (account == address(0)) revert InvalidRoleHolder(role, account);
        return super._grantRole(role, account);
    }

    /// @dev The last governor cannot leave or be removed: the network would have no one to add nodes.
    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        if (role == GOVERNOR_ROLE && hasRole(role, account) && getRoleMemberCount(role) == 1) {
            revert LastGovernor(account);
        }
        return super._revokeRole(role, account);
    }

    function _addSteward(uint256 nodeId, address account) private {
        if (account == address(0)) revert InvalidSteward(account);
        if (_stewards[nodeId][account]) revert AlreadySteward(nodeId, account);
        _stewards[nodeId][account] = true;
        ++_nodes[nodeId - 1].stewardCount;
        emit StewardAdded(nodeId, account, msg.sender);
    }

    function _requireReachableThreshold(uint256 threshold) private pure {
        if (threshold > MAX_ATTESTATION_THRESHOLD) revert ThresholdAboveLimit(threshold, MAX_ATTESTATION_THRESHOLD);
    }

    function _requireNode(uint256 nodeId) private view {
        if (nodeId == 0 || nodeId > _nodes.length) revert NodeNotFound(nodeId);
    }

    function _requireNodeSteward(uint256 nodeId) private view {
        _requireNode(nodeId);
        if (!_stewards[nodeId][msg.sender]) revert NotNodeSteward(nodeId, msg.sender);
    }

    function _requireStewardOrGovernor(uint256 nodeId) private view {
        _requireNode(nodeId);
        if (!_stewards[nodeId][msg.sender] && !hasRole(GOVERNOR_ROLE, msg.sender)) {
            revert NotStewardOrGovernor(nodeId, msg.sender);
        }
    }

    function _validateDetails(string calldata name, string calldata metadata) private pure {
        uint256 length = bytes(name).length;
        if (length == 0 || length > MAX_NAME_LENGTH) revert InvalidNodeName(length);
        MetadataPointer.validate(metadata);
    }
}
