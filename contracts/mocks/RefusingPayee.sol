// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

// Bubbling up a call's revert data as it came takes assembly.
// solhint-disable no-inline-assembly

/// @title RefusingPayee
/// @notice An account that refuses native coin, or burns all the gas it is given, until told otherwise; it can
/// also act (fund, donate) through `forward`.
contract RefusingPayee {
    /// @notice How the payee treats incoming native coin.
    enum Mode {
        Accept,
        Revert,
        BurnGas
    }

    /// @notice The current behaviour.
    Mode public mode;

    /// @notice The payee refused a payment.
    error PaymentRefused();

    constructor(Mode mode_) {
        mode = mode_;
    }

    /// @notice Calls `target` as this contract, so that it can fund or donate and later be refunded.
    function forward(address target, bytes calldata data) external payable returns (bytes memory) {
        // solhint-disable-next-line avoid-low-level-calls
        (bool success, bytes memory returned) = target.call{value: msg.value}(data);
        if (!success) {
            assembly ("memory-safe") {
                revert(add(returned, 0x20), mload(returned))
            }
        }
        return returned;
    }

    /// @notice Changes the behaviour.
    function setMode(Mode mode_) external {
        mode = mode_;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (mode == Mode.Revert) revert PaymentRefused();
        if (mode == Mode.BurnGas) {
            // solhint-disable-next-line no-empty-blocks
            while (true) {}
        }
    }
}
