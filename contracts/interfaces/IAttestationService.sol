// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

/// @title IAttestationService
/// @notice The read side of an attestation service with the ABI of the Ethereum Attestation Service (EAS):
/// a round whose eligibility rule names an attester looks attestations up here by id.
interface IAttestationService {
    /// @notice An attestation, laid out as EAS returns it.
    /// @param uid Its id.
    /// @param schema The id of the schema it follows.
    /// @param time When it was made.
    /// @param expirationTime When it expires; 0 for never.
    /// @param revocationTime When it was revoked; 0 while it stands.
    /// @param refUID An attestation it refers to, or 0.
    /// @param recipient Whom it is about.
    /// @param attester Who made it.
    /// @param revocable Whether it can be revoked.
    /// @param data Its schema-encoded content.
    struct Attestation {
        bytes32 uid;
        bytes32 schema;
        uint64 time;
        uint64 expirationTime;
        uint64 revocationTime;
        bytes32 refUID;
        address recipient;
        address attester;
        bool revocable;
        bytes data;
    }

    /// @notice The attestation with id `uid`; an empty one (uid 0) if there is none.
    function getAttestation(bytes32 uid) external view returns (Attestation memory);
}
