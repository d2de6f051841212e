// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title MetadataPointer
/// @notice Checks a pointer to an off-chain JSON document (a content identifier such as an IPFS CID).
/// @dev The document itself lives off chain; the chain keeps only the pointer, so its size is bounded to keep
/// storage and event costs predictable. A CIDv1 in base32 is 59 characters; 256 leaves room for URIs.
library MetadataPointer {
    /// @notice The longest pointer accepted, in bytes.
    uint256 internal constant MAX_LENGTH = 256;

    /// @notice The pointer is empty or longer than `MAX_LENGTH` bytes.
    error InvalidMetadataPointer(uint256 length);

    /// @notice Reverts unless `pointer` is between 1 and `MAX_LENGTH` bytes long.
    function validate(string calldata pointer) internal pure {
        uint256 length = bytes(pointer).length;
        if (length == 0 || length > MAX_LENGTH) revert InvalidMetadataPointer(length);
    }
}
