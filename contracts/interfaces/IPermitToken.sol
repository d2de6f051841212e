// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title IPermitToken
/// @notice The ERC-20 surface a Hyphae client uses with a round's payout token: balances, allowances and
/// metadata, EIP-2612 permits, the ERC-5267 domain the permit is signed for, and the ERC-6093 errors of an
/// OpenZeppelin token (so the app can say why a transfer failed). Declared here so the app's
/// ABI comes from this build; a token without permit support simply fails the permit calls, and the app falls
/// back to `approve`.
// solhint-disable-next-line no-empty-blocks
interface IPermitToken is IERC20Metadata, IERC20Permit, IERC5267, IERC20Errors {}
