// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IProjectRegistry} from "./interfaces/IProjectRegistry.sol";
import {MetadataPointer} from "./libraries/MetadataPointer.sol";

/// @title ProjectRegistry
/// @notice The profiles of the projects of a Hyphae network.
contract ProjectRegistry is IProjectRegistry {
    uint256 private _projectCount;
    mapping(uint256 projectId => Project) private _projects;

    modifier onlyProjectOwner(uint256 projectId) {
        address owner = _existing(projectId).owner;
        if (msg.sender != owner) revert NotProjectOwner(projectId, msg.sender);
        _;
    }

    /// @inheritdoc IProjectRegistry
    function registerProject(address payoutAddress, string calldata metadata) external returns (uint256 projectId) {
        if (payoutAddress == address(0)) revert InvalidPayoutAddress();
        MetadataPointer.validate(metadata);
        projectId = ++_projectCount;
        Project storage project = _projects[projectId];
        project.owner = msg.sender;
        project.payoutAddress = payoutAddress;
        project.metadata = metadata;
        emit ProjectRegistered(projectId, msg.sender, payoutAddress, metadata);
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

    function _existing(uint256 projectId) private view returns (Project storage project) {
        project = _projects[projectId];
        if (project.owner == address(0)) revert ProjectNotFound(projectId);
    }
}
