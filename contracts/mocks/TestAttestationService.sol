// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IAttestationService} from "../interfaces/IAttestationService.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title TestAttestationService
/// @notice A minimal attestation service with the read ABI of EAS: anyone attests to anything and revokes
/// their own attestations. For tests and the local demo network; never deploy it to a public chain.
contract TestAttestationService is IAttestationService {
    mapping(bytes32 uid => Attestation) private _attestations;
    uint256 private _count;

    /// @notice An attestation was made.
    event Attested(bytes32 indexed uid, address indexed recipient, address indexed attester, bytes32 schema);
    /// @notice An attestation was revoked.
    event Revoked(bytes32 indexed uid);

    /// @notice Only the attester may revoke an attestation.
    error NotAttester(bytes32 uid, address caller);

    /// @notice Attests `recipient` under `schema`, expiring at `expirationTime` (0: never); returns its id.
    function attest(bytes32 schema, address recipient, uint64 expirationTime) external returns (bytes32 uid) {
        uid = keccak256(abi.encode(address(this), ++_count));
        _attestations[uid] = Attestation({
            uid: uid,
            schema: schema,
            time: uint64(block.timestamp),
            expirationTime: expirationTime,
            revocationTime: 0,
            refUID: 0,
            recipient: recipient,
            attester: msg.sender,
            revocable: true,
            data: ""
        });
        emit Attested(uid, recipient, msg.sender, schema);
    }

    /// @notice Revokes an attestation the caller made.
    function revoke(bytes32 uid) external {
        Attestation storage attestation = _attestations[uid];
        if (attestation.attester != msg.sender) revert NotAttester(uid, msg.sender);
        attestation.revocationTime = uint64(block.timestamp);
        emit Revoked(uid);
    }

    /// @inheritdoc IAttestationService
    function getAttestation(bytes32 uid) external view returns (Attestation memory) {
        return _attestations[uid];
    }
}
