// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

// Returning no value from a function that declares one (as USDT does) takes assembly.
// solhint-disable no-inline-assembly

/// @title QuirkyReturnToken
/// @notice An ERC-20 with the return values of old tokens: in `ReturnsFalse` mode a transfer that fails returns
/// false instead of reverting (and moves nothing); in `ReturnsNothing` mode (like USDT) transfers return no value at
/// all, and a failed one reverts. Written by hand because OpenZeppelin's ERC20 always returns true.
contract QuirkyReturnToken {
    /// @notice How transfers answer.
    enum Mode {
        ReturnsFalse,
        ReturnsNothing
    }

    // ERC-20 ABI names (`name`, `symbol`, `decimals`), kept.
    // forge-lint: disable-start(screaming-snake-case-const)
    /// @notice The token's name.
    // solhint-disable-next-line const-name-snakecase
    string public constant name = "Quirky Token";
    /// @notice The token's symbol.
    // solhint-disable-next-line const-name-snakecase
    string public constant symbol = "QUIRK";
    /// @notice The token's decimals.
    // solhint-disable-next-line const-name-snakecase
    uint8 public constant decimals = 18;
    // forge-lint: disable-end(screaming-snake-case-const)
    /// @notice The current mode.
    Mode public mode;
    /// @notice The tokens in existence.
    uint256 public totalSupply;
    /// @notice Each account's balance.
    mapping(address account => uint256) public balanceOf;
    /// @notice Each owner's allowance to each spender.
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    /// @notice ERC-20 Transfer.
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice ERC-20 Approval.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice A transfer failed (in `ReturnsNothing` mode).
    error TransferFailed();

    /// @notice Changes how transfers answer.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    /// @notice Mints `amount` to `to`; anyone may mint.
    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    /// @notice ERC-20 approve.
    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    /// @notice ERC-20 transfer, answering as the mode says.
    function transfer(address to, uint256 amount) external returns (bool) {
        return _answer(_move(msg.sender, to, amount));
    }

    /// @notice ERC-20 transferFrom, answering as the mode says.
    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed < amount) return _answer(false);
        allowance[from][msg.sender] = allowed - amount;
        return _answer(_move(from, to, amount));
    }

    function _move(address from, address to, uint256 amount) private returns (bool) {
        if (balanceOf[from] < amount) return false;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        return true;
    }

    function _answer(bool moved) private view returns (bool) {
        if (mode == Mode.ReturnsFalse) return moved;
        if (!moved) revert TransferFailed();
        assembly ("memory-safe") {
            return(0, 0)
        }
    }
}
