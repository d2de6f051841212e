// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title AddressPages
/// @notice Reads a stored list of addresses a page at a time, so a view never has to return all of it.
library AddressPages {
    /// @notice The items of `list` from `offset`, at most `limit` of them; empty past the end.
    function page(
        address[] storage list,
        uint256 offset,
        uint256 limit
    ) internal view returns (address[] memory items) {
        uint256 length = list.length;
        uint256 start = Math.min(offset, length);
        uint256 end = start + Math.min(limit, length - start);
        items = new address[](end - start);
        for (uint256 i = start; i < end; ++i) {
            items[i - start] = list[i];
        }
    }
}
