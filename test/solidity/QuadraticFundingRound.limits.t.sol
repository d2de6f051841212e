// SPDX-License-Identifier: AGPL-3.0-or-later
// Foundry's test naming (test_RevertWhen_...) is not mixedCase.
// solhint-disable func-name-mixedcase
// Assertion messages are read by people when a test fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {INodeRegistry} from "../../contracts/interfaces/INodeRegistry.sol";
import {IProjectRound} from "../../contracts/interfaces/IProjectRound.sol";
import {IQuadraticFundingRound} from "../../contracts/interfaces/IQuadraticFundingRound.sol";
import {NodeRegistry} from "../../contracts/network/NodeRegistry.sol";
import {ProjectRegistry} from "../../contracts/ProjectRegistry.sol";
import {QuadraticFundingRound} from "../../contracts/QuadraticFundingRound.sol";
import {RoundFactory} from "../../contracts/RoundFactory.sol";
import {TestToken} from "../../contracts/mocks/TestToken.sol";
import {TestBase} from "./utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title QuadraticFundingRoundLimitsTest
/// @notice The limits of a project's packed tally that no real round reaches by donating: they are set
/// directly in storage, then one more donation must revert with an error that names the limit.
contract QuadraticFundingRoundLimitsTest is TestBase {
    address internal constant STEWARD = address(uint160(uint256(keccak256("hyphae.limits.steward"))));
    address internal constant ALICE = address(uint160(uint256(keccak256("hyphae.limits.alice"))));
    address internal constant BOB = address(uint160(uint256(keccak256("hyphae.limits.bob"))));

    /// @dev The storage slot of the `_tallies` mapping in QuadraticFundingRound (after the five slots of
    /// ProjectRound and `_state`); `_tallySlot` checks it against a known tally before a test relies on it.
    uint256 internal constant TALLIES_SLOT = 6;
    /// @dev Bit offset and width of the contributor count in a tally word.
    uint256 internal constant CONTRIBUTORS_OFFSET = 24;
    uint256 internal constant CONTRIBUTORS_MASK = type(uint32).max;

    TestToken internal token;
    IQuadraticFundingRound internal round;
    uint256 internal projectId;

    function setUp() public {
        NodeRegistry nodes = new NodeRegistry(address(this));
        address[] memory stewards = new address[](1);
        stewards[0] = STEWARD;
        nodes.addNode(INodeRegistry.NodeKind.Local, 0, "Cascadia", "ipfs://cascadia", stewards, 1);
        ProjectRegistry registry = new ProjectRegistry(nodes);
        RoundFactory factory = new RoundFactory(address(registry), address(new QuadraticFundingRound()), nodes);
        token = new TestToken("Commons Dollar", "CUSD", 6);
        factory.setPayoutTokenAllowed(address(token), true);
        uint64 start = uint64(block.timestamp);
        vm.prank(STEWARD);
        round = IQuadraticFundingRound(
            factory.createRound(
                1,
                IQuadraticFundingRound.RoundConfig({
                    payoutToken: address(token),
                    applicationsStart: start,
                    applicationsEnd: start + 1 days,
                    donationsStart: start + 1 days,
                    donationsEnd: start + 15 days,
                    matchCapBps: 0
                }),
                "ipfs://round"
            )
        );
        projectId = registry.registerProject(1, address(0xBEEF), "ipfs://project");
        round.submitApplication(projectId, "ipfs://application");
        vm.prank(STEWARD);
        round.approveApplication(projectId, "");
        vm.warp(start + 1 days);

        address[2] memory donors = [ALICE, BOB];
        for (uint256 i = 0; i < donors.length; ++i) {
            token.mint(donors[i], 1e12);
            vm.prank(donors[i]);
            token.approve(address(round), type(uint256).max);
        }
        _donate(ALICE, 1e6);
    }

    function test_RevertWhen_ANewContributorWouldOverflowTheContributorCount() public {
        bytes32 slot = _tallySlot(1);
        uint256 word = uint256(vm.load(address(round), slot));
        word = (word & ~(CONTRIBUTORS_MASK << CONTRIBUTORS_OFFSET)) | (CONTRIBUTORS_MASK << CONTRIBUTORS_OFFSET);
        vm.store(address(round), slot, bytes32(word));
        assertEq(round.projectTally(projectId).contributors, type(uint32).max, "contributors at the limit");

        vm.expectRevert(
            abi.encodeWithSelector(IProjectRound.AmountTooLarge.selector, uint256(1) << 32, type(uint32).max)
        );
        _donate(BOB, 1e6);
    }

    function test_AContributorAlreadyCountedCanStillDonateAtTheLimit() public {
        bytes32 slot = _tallySlot(1);
        uint256 word = uint256(vm.load(address(round), slot));
        vm.store(address(round), slot, bytes32(word | (CONTRIBUTORS_MASK << CONTRIBUTORS_OFFSET)));

        _donate(ALICE, 2e6);
        IQuadraticFundingRound.ProjectTally memory tally = round.projectTally(projectId);
        assertEq(tally.contributors, type(uint32).max, "contributors unchanged");
        assertEq(tally.donations, 3e6 * round.parameters().normalisationFactor, "donations added");
    }

    function _donate(address donor, uint256 amount) private {
        uint256[] memory ids = new uint256[](1);
        ids[0] = projectId;
        uint256[] memory amounts = new uint256[](1);
        amounts[0] = amount;
        vm.prank(donor);
        round.donate(ids, amounts);
    }

    /// @dev The project's tally slot, after checking that it holds the tally the round reports (so a change
    /// of storage layout fails here rather than writing somewhere else).
    function _tallySlot(uint256 expectedContributors) private view returns (bytes32 slot) {
        slot = keccak256(abi.encode(projectId, TALLIES_SLOT));
        uint256 word = uint256(vm.load(address(round), slot));
        assertEq(uint8(word), uint8(IProjectRound.ApplicationStatus.Approved), "tally slot: status");
        assertEq((word >> CONTRIBUTORS_OFFSET) & CONTRIBUTORS_MASK, expectedContributors, "tally slot: contributors");
        assertEq(word >> 144, round.projectTally(projectId).donations, "tally slot: donations");
    }
}
