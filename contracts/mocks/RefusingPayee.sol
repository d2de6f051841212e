// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {CallForwarder} from "./CallForwarder.sol";

/// @title RefusingPayee
/// @notice An account that refuses native coin, or burns all the gas it is given, until told otherwise; it can
/// also act (fund, donate) through `forward`.
contract RefusingPayee is CallForwarder {
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
