// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {INodeRegistry} from "./interfaces/INodeRegistry.sol";
import {IProjectRegistry} from "./interfaces/IProjectRegistry.sol";
import {MetadataPointer} from "./libraries/MetadataPointer.sol";

/// @title ProjectRegistry
/// @notice The profiles of the projects of a Hyphae network.
contract ProjectRegistry is IProjectRegistry {
    INodeRegistry private immutable NODE_REGISTRY;
    uint256 private _projectCount;
    mapping(uint256 projectId => Project) private _projects;

    modifier onlyProjectOwner(uint256 projectId) {
        _requireProjectOwner(projectId);
        _;
    }

    /// @param nodeRegistry_ The network whose nodes are the projects' homes.
    constructor(INodeRegistry nodeRegistry_) {
        NODE_REGISTRY = nodeRegistry_;
    }

    /// @inheritdoc IProjectRegistry
    function registerProject(
        uint256 homeNode,
        address payoutAddress,
        string calldata metadata
    ) external returns (uint256 projectId) {
        _requireNode(homeNode);
        if (payoutAddress == address(0)) revert InvalidPayoutAddress();
        MetadataPointer.validate(metadata);
        projectId = ++_projectCount;
        Project storage project = _projects[projectId];
        project.owner = msg.sender;
        // An existing node (checked above), so it fits 64 bits: see `_requireNode`.
        // forge-lint: disable-next-line(unsafe-typecast)
        project.homeNode = uint64(homeNode);
        project.payoutAddress = payoutAddress;
        project.metadata = metadata;
        emit ProjectRegistered(projectId, msg.sender, homeNode, payoutAddress, metadata);
    }

    /// @inheritdoc IProjectRegistry
    function setHomeNode(uint256 projectId, uint256 homeNode) external onlyProjectOwner(projectId) {
        _requireNode(homeNode);
        // An existing node (checked above), as in `registerProject`.
        // forge-lint: disable-next-line(unsafe-typecast)
        _projects[projectId].homeNode = uint64(homeNode);
        emit HomeNodeChanged(projectId, homeNode);
    }

    /// @inheritdoc IProjectRegistry
    function updatePayoutAddress(uint256 projectId, address payoutAddress) external onlyProjectOwner(projectId) {
        if (payoutAddress == address(0)) revert InvalidPayoutAddress();
        _projects[projectId].payoutAddress = payoutAddress;
        emit PayoutAddressUpdated(projectId, payoutAddress);
    }

    /// @inheritdoc IProjectRegistry
    function updateMetadata(uint256 projectId, string calldata metadata) external onlyProjectOwner(projectId) {
        MetadataPointer.validate(metadata);
        _projects[projectId].metadata = metadata;
        emit ProjectMetadataUpdated(projectId, metadata);
    }

    /// @inheritdoc IProjectRegistry
    function transferProjectOwnership(uint256 projectId, address newOwner) external onlyProjectOwner(projectId) {
        _projects[projectId].pendingOwner = newOwner;
        emit ProjectOwnershipTransferStarted(projectId, msg.sender, newOwner);
    }

    /// @inheritdoc IProjectRegistry
    function acceptProjectOwnership(uint256 projectId) external {
        Project storage project = _existing(projectId);
        if (msg.sender != project.pendingOwner) revert NotPendingProjectOwner(projectId, msg.sender);
        address previousOwner = project.owner;
        project.owner = msg.sender;
        project.pendingOwner = address(0);
        emit ProjectOwnershipTransferred(projectId, previousOwner, msg.sender);
    }

    /// @inheritdoc IProjectRegistry
    function getProject(uint256 projectId) external view returns (Project memory) {
        return _existing(projectId);
    }

    /// @inheritdoc IProjectRegistry
    function ownerOf(uint256 projectId) external view returns (address) {
        return _existing(projectId).owner;
    }

    /// @inheritdoc IProjectRegistry
    function payoutAddressOf(uint256 projectId) external view returns (address) {
        return _existing(projectId).payoutAddress;
    }

    /// @inheritdoc IProjectRegistry
    function projectCount() external view returns (uint256) {
        return _projectCount;
    }

    /// @inheritdoc IProjectRegistry
    function nodeRegistry() external view returns (INodeRegistry) {
        return NODE_REGISTRY;
    }

    /// @dev Nodes are never removed, so every id up to the count names one (and fits 64 bits).
    function _requireNode(uint256 nodeId) private view {
        if (nodeId == 0 || nodeId > NODE_REGISTRY.nodeCount()) revert HomeNodeNotFound(nodeId);
    }

    function _requireProjectOwner(uint256 projectId) private view {
        address owner = _existing(projectId).owner;
        if (msg.sender != owner) revert NotProjectOwner(projectId, msg.sender);
    }

    function _existing(uint256 projectId) private view returns (Project storage project) {
        project = _projects[projectId];
        if (project.owner == address(0)) revert ProjectNotFound(projectId);
    }
}
