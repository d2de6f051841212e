// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title TestVotesToken
/// @notice An OpenZeppelin ERC20Votes token with open minting, on a block-number clock (OpenZeppelin's default)
/// or a timestamp clock: a network's existing governance token in tests. Never deploy it to a public chain.
contract TestVotesToken is ERC20, EIP712, ERC20Votes {
    bool private immutable TIMESTAMP_CLOCK;

    constructor(bool timestampClock) ERC20("Network Votes", "VOTE") EIP712("Network Votes", "1") {
        TIMESTAMP_CLOCK = timestampClock;
    }

    /// @notice Mints `amount` to `to`; anyone may mint.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The clock of the checkpoints (ERC-6372): timestamps or block numbers.
    function clock() public view override returns (uint48) {
        return TIMESTAMP_CLOCK ? uint48(block.timestamp) : uint48(block.number);
    }

    /// @notice The clock's mode (ERC-6372).
    // ERC-6372 ABI name, kept.
    // forge-lint: disable-next-item(mixed-case-function)
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public view override returns (string memory) {
        return TIMESTAMP_CLOCK ? "mode=timestamp" : "mode=blocknumber&from=default";
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
