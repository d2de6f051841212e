// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {INodeRegistry} from "./INodeRegistry.sol";

/// @title IProjectRegistry
/// @notice Profiles of the projects that apply to Hyphae rounds: an owner, a home node of the network, a payout
/// address and a pointer to a metadata document (name, description, logo...). Rounds read the payout address when they pay,
/// so an owner who changes it redirects every payout not yet made.
interface IProjectRegistry {
    /// @notice A project profile.
    /// @param owner The account that manages the profile and applies to rounds.
    /// @param homeNode The node of the network the project belongs to.
    /// @param payoutAddress The account every payout of the project is sent to.
    /// @param pendingOwner The account that may accept ownership, or zero.
    /// @param metadata Pointer to the profile's JSON document.
    struct Project {
        address owner;
        uint64 homeNode;
        address payoutAddress;
        address pendingOwner;
        string metadata;
    }

    /// @notice No project has this id.
    error ProjectNotFound(uint256 projectId);
    /// @notice `caller` is not the owner of the project.
    error NotProjectOwner(uint256 projectId, address caller);
    /// @notice `caller` is not the pending owner of the project.
    error NotPendingProjectOwner(uint256 projectId, address caller);
    /// @notice The zero address cannot receive payouts.
    error InvalidPayoutAddress();
    /// @notice No node of the network has this id.
    error HomeNodeNotFound(uint256 nodeId);

    /// @notice A project was registered.
    event ProjectRegistered(
        uint256 indexed projectId,
        address indexed owner,
        uint256 indexed homeNode,
        address payoutAddress,
        string metadata
    );
    /// @notice A project moved to another home node.
    event HomeNodeChanged(uint256 indexed projectId, uint256 indexed homeNode);
    /// @notice A project's payout address changed.
    event PayoutAddressUpdated(uint256 indexed projectId, address payoutAddress);
    /// @notice A project's metadata pointer changed.
    event ProjectMetadataUpdated(uint256 indexed projectId, string metadata);
    /// @notice The owner offered the project to `pendingOwner` (zero withdraws the offer).
    event ProjectOwnershipTransferStarted(
        uint256 indexed projectId,
        address indexed previousOwner,
        address indexed pendingOwner
    );
    /// @notice The pending owner accepted the project.
    event ProjectOwnershipTransferred(
        uint256 indexed projectId,
        address indexed previousOwner,
        address indexed newOwner
    );

    /// @notice Registers a project owned by the caller.
    /// @param homeNode The node of the network the project belongs to.
    /// @param payoutAddress Where the project's payouts go; not zero.
    /// @param metadata Pointer to the profile document (1 to 256 bytes).
    /// @return projectId The new project's id; ids start at 1 and increase by one.
    function registerProject(
        uint256 homeNode,
        address payoutAddress,
        string calldata metadata
    ) external returns (uint256 projectId);

    /// @notice Moves the project to another home node. Only the owner.
    function setHomeNode(uint256 projectId, uint256 homeNode) external;

    /// @notice Changes where the project's payouts go. Only the owner.
    function updatePayoutAddress(uint256 projectId, address payoutAddress) external;

    /// @notice Points the profile to a new metadata document. Only the owner.
    function updateMetadata(uint256 projectId, string calldata metadata) external;

    /// @notice Offers the project to `newOwner`, who must accept it; zero withdraws a pending offer. Only the owner.
    function transferProjectOwnership(uint256 projectId, address newOwner) external;

    /// @notice Accepts a project offered to the caller.
    function acceptProjectOwnership(uint256 projectId) external;

    /// @notice The project's profile. Reverts if it does not exist.
    function getProject(uint256 projectId) external view returns (Project memory);

    /// @notice The project's owner. Reverts if it does not exist.
    function ownerOf(uint256 projectId) external view returns (address);

    /// @notice The project's payout address. Reverts if it does not exist.
    function payoutAddressOf(uint256 projectId) external view returns (address);

    /// @notice The number of projects registered; they have ids `1..projectCount()`.
    function projectCount() external view returns (uint256);

    /// @notice The network whose nodes are the projects' homes.
    function nodeRegistry() external view returns (INodeRegistry);
}
