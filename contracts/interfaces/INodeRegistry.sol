// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title INodeRegistry
/// @notice The organized network: its local and translocal nodes, each with its own stewards (subsidiarity),
/// and the network's governors, who add nodes and set the rules the nodes share. Every role change emits an
/// event; governors are an AccessControl role, so their changes emit RoleGranted and RoleRevoked.
interface INodeRegistry {
    /// @notice A node produces where it lives (local), or holds what the network shares (translocal).
    enum NodeKind {
        Local,
        Translocal
    }

    /// @notice A node as the registry keeps it.
    /// @param kind Local or translocal.
    /// @param parentId The node it belongs to (a local node's translocal commons), or 0.
    /// @param stewardCount How many stewards the node has.
    /// @param attestationThreshold How many of its stewards must attest a contribution to the node.
    /// @param name The node's name, for people.
    /// @param metadata Pointer to the node's JSON document (region, description...).
    struct Node {
        NodeKind kind;
        uint64 parentId;
        uint32 stewardCount;
        uint32 attestationThreshold;
        string name;
        string metadata;
    }

    /// @notice No node has this id.
    error NodeNotFound(uint256 nodeId);
    /// @notice Only a steward of the node may do this.
    error NotNodeSteward(uint256 nodeId, address caller);
    /// @notice Only a steward of the node or a governor of the network may do this.
    error NotStewardOrGovernor(uint256 nodeId, address caller);
    /// @notice A node's name must be 1 to 64 bytes.
    error InvalidNodeName(uint256 length);
    /// @notice A node needs at least one steward.
    error NoStewards();
    /// @notice The zero address cannot be a steward.
    error InvalidSteward(address account);
    /// @notice The account already stewards the node.
    error AlreadySteward(uint256 nodeId, address account);
    /// @notice The account does not steward the node.
    error NotSteward(uint256 nodeId, address account);
    /// @notice The threshold must be between 1 and the node's steward count.
    error InvalidThreshold(uint256 threshold, uint256 stewardCount);
    /// @notice A threshold above the most attestations the contribution ledger counts (255) could never be met.
    error ThresholdAboveLimit(uint256 threshold, uint256 limit);
    /// @notice Only a governor of the network may do this.
    error NotGovernor(address caller);
    /// @notice The network cannot be left without a governor.
    error LastGovernor(address account);
    /// @notice The zero address cannot hold a role (the network's first governor included): no one could act
    /// for it, and as a governor it would let the last real one leave.
    error InvalidRoleHolder(bytes32 role, address account);

    /// @notice A governor added a node.
    event NodeAdded(
        uint256 indexed nodeId,
        NodeKind kind,
        uint256 indexed parentId,
        string name,
        string metadata,
        uint256 attestationThreshold,
        address indexed governor
    );
    /// @notice A steward changed the node's name or metadata.
    event NodeDetailsUpdated(uint256 indexed nodeId, string name, string metadata, address indexed steward);
    /// @notice An account became a steward of the node.
    event StewardAdded(uint256 indexed nodeId, address indexed account, address indexed by);
    /// @notice An account stopped being a steward of the node.
    event StewardRemoved(uint256 indexed nodeId, address indexed account, address indexed by);
    /// @notice The node's attestation threshold changed.
    event AttestationThresholdSet(uint256 indexed nodeId, uint256 threshold, address indexed steward);
    /// @notice The node's own account (its stewards' multisig) changed: it is credited for what the node gives.
    event NodeAccountSet(uint256 indexed nodeId, address indexed account, address indexed steward);
    /// @notice The treasury of the translocal commons changed.
    event CommonsTreasurySet(address indexed treasury, address indexed governor);

    /// @notice Adds a node with its first stewards; governors only.
    /// @param kind Local or translocal.
    /// @param parentId An existing node it belongs to, or 0.
    /// @param name 1 to 64 bytes.
    /// @param metadata Pointer to the node's document (1 to 256 bytes).
    /// @param stewards Its first stewards: at least one, no zero address, no duplicate.
    /// @param threshold How many stewards must attest a contribution: between 1 and the number of stewards.
    /// @return nodeId The new node's id, counting from 1.
    function addNode(
        NodeKind kind,
        uint256 parentId,
        string calldata name,
        string calldata metadata,
        address[] calldata stewards,
        uint32 threshold
    ) external returns (uint256 nodeId);

    /// @notice Changes the node's name and metadata; the node's stewards only.
    function setNodeDetails(uint256 nodeId, string calldata name, string calldata metadata) external;

    /// @notice Adds a steward to the node; its stewards or a governor.
    function addSteward(uint256 nodeId, address account) external;

    /// @notice Removes a steward; its stewards or a governor. The node keeps at least its threshold of stewards.
    function removeSteward(uint256 nodeId, address account) external;

    /// @notice Sets how many stewards must attest a contribution to the node; its stewards only.
    function setAttestationThreshold(uint256 nodeId, uint32 threshold) external;

    /// @notice Sets the node's own account, typically its stewards' multisig, which the contribution ledger
    /// credits for what the node gives the commons; the node's stewards only. Zero unsets it.
    function setNodeAccount(uint256 nodeId, address account) external;

    /// @notice Sets the treasury of the translocal commons, where rounds send their commons share; governors only.
    function setCommonsTreasury(address treasury) external;

    /// @notice The node's own account; zero if its stewards have set none.
    function nodeAccount(uint256 nodeId) external view returns (address);

    /// @notice The treasury of the translocal commons; zero until the governors set it.
    function commonsTreasury() external view returns (address);

    /// @notice The node with this id; reverts if there is none.
    function node(uint256 nodeId) external view returns (Node memory);

    /// @notice How many stewards must attest a contribution to the node; reverts if there is no such node.
    /// @dev One storage read: the contribution ledger calls it on every attestation.
    function attestationThreshold(uint256 nodeId) external view returns (uint256);

    /// @notice Whether `account` stewards the node.
    function isSteward(uint256 nodeId, address account) external view returns (bool);

    /// @notice Whether `account` is a governor of the network.
    function isGovernor(address account) external view returns (bool);

    /// @notice How many nodes exist; ids run from 1 to this number.
    function nodeCount() external view returns (uint256);

    /// @notice The role of the network's governors.
    function GOVERNOR_ROLE() external view returns (bytes32);
}
