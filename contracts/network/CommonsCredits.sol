// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {ICommonsCredits} from "../interfaces/ICommonsCredits.sol";

// Windows (applications, donations, voting, seasons, disputes) open and close at block timestamps by design. A
// block proposer's few seconds of leeway cannot move a window measured in hours or days: SECURITY.md, "Timestamps".
// solhint-disable not-rely-on-time

/// @title CommonsCredits
/// @notice Non-transferable commons credits with vote checkpoints on a timestamp clock, so a voting round's
/// snapshot is a moment in time. The contract that deploys it (the contribution ledger) is its only minter.
contract CommonsCredits is ERC20, EIP712, ERC20Votes, ICommonsCredits {
    address private immutable MINTER;

    constructor() ERC20("Commons Credits", "CRED") EIP712("Commons Credits", "1") {
        MINTER = msg.sender;
    }

    // Kept inline: `mint` is on the benchmarked credit claim (benchmarks/gas.json), and the check is one comparison.
    // forge-lint: disable-next-item(unwrapped-modifier-logic)
    modifier onlyMinter() {
        if (msg.sender != MINTER) revert NotMinter(msg.sender);
        _;
    }

    /// @inheritdoc ICommonsCredits
    function mint(address to, uint256 amount) external onlyMinter {
        // Credits are votes from the start: a holder who never chose a delegate is their own.
        if (delegates(to) == address(0)) _delegate(to, to);
        _mint(to, amount);
    }

    /// @inheritdoc ICommonsCredits
    function burn(address from, uint256 amount) external onlyMinter {
        _burn(from, amount);
    }

    /// @inheritdoc ICommonsCredits
    function minter() external view returns (address) {
        return MINTER;
    }

    /// @notice Credits cannot be approved for anyone to move: always reverts.
    function approve(address, uint256) public pure override(ERC20, IERC20) returns (bool) {
        revert NonTransferable();
    }

    /// @notice Votes are counted by timestamp (ERC-6372).
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice The clock of the checkpoints (ERC-6372).
    // ERC-6372 ABI name, kept.
    // forge-lint: disable-next-item(mixed-case-function)
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @dev Only mints and burns move credits.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        if (from != address(0) && to != address(0)) revert NonTransferable();
        super._update(from, to, value);
    }
}
