// SPDX-License-Identifier: AGPL-3.0-or-later
pragma solidity ^0.8.28;

import {ICommonsCredits} from "../../../contracts/interfaces/ICommonsCredits.sol";
import {IContributionLedger} from "../../../contracts/interfaces/IContributionLedger.sol";
import {ContributionLedger} from "../../../contracts/network/ContributionLedger.sol";
import {NodeRegistry} from "../../../contracts/network/NodeRegistry.sol";
import {TestBase} from "../utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title ContributionLedgerHandler
/// @notice Drives a small network through random but valid lives for the invariant tests: contributors record
/// labour and knowledge for two nodes, stewards attest, reject and revoke, anyone claims credits, governors
/// change weights, and time passes. Each action picks parameters that must succeed; a call the ledger refuses is counted as a surprise,
/// which an invariant requires to stay zero. Ghosts mirror, per contribution, the credits it holds.
contract ContributionLedgerHandler is TestBase {
    uint16 public constant LABOUR = 1;
    uint16 public constant KNOWLEDGE = 2;
    uint256 public constant NODE_COUNT = 2;
    uint256 private constant ACTOR_COUNT = 4;

    NodeRegistry public immutable NODES;
    ContributionLedger public immutable LEDGER;

    address[] private _actors;
    mapping(uint256 nodeId => address[]) private _stewardsOf;

    /// @notice Calls the ledger refused although the handler chose them to succeed.
    uint256 public surprises;
    /// @notice Per contribution: the credits it holds now (credited and not revoked, claimed or not).
    mapping(uint256 contributionId => uint256) public ghostLiveCredits;
    uint256 public ghostCreditsInExistence;
    uint256 public calls;

    /// @param nodes A registry with no nodes yet; the test adds them with `stewardsOf` and makes this handler a
    /// governor.
    /// @param ledger A ledger on that registry.
    constructor(NodeRegistry nodes, ContributionLedger ledger) {
        NODES = nodes;
        LEDGER = ledger;
        for (uint256 i = 0; i < ACTOR_COUNT; ++i) {
            _actors.push(address(uint160(uint256(keccak256(abi.encode("hyphae.network.actor", i))))));
        }
        // Node 1 needs both of its stewards (actors 0 and 1); node 2 needs its one steward (actor 2). Actor 3
        // is only a contributor; stewards contribute too, to the other node and to their own.
        _stewardsOf[1].push(_actors[0]);
        _stewardsOf[1].push(_actors[1]);
        _stewardsOf[2].push(_actors[2]);
    }

    /// @notice The stewards node `nodeId` must be created with.
    function stewardsOf(uint256 nodeId) external view returns (address[] memory) {
        return _stewardsOf[nodeId];
    }

    function actors() external view returns (address[] memory) {
        return _actors;
    }

    function record(uint256 actorSeed, uint256 nodeSeed, bool knowledge, uint256 quantity) external {
        ++calls;
        address contributor = _actors[actorSeed % ACTOR_COUNT];
        uint256 nodeId = 1 + (nodeSeed % NODE_COUNT);
        quantity = bound(quantity, 1, 1_000);
        vm.prank(contributor);
        try LEDGER.record(nodeId, knowledge ? KNOWLEDGE : LABOUR, quantity, "ipfs://what", "ipfs://evidence") returns (
            uint256 id
        ) {
            // Recorded: pending, with no credits yet.
            IContributionLedger.Contribution memory c = LEDGER.contribution(id);
            if (c.status != IContributionLedger.ContributionStatus.Pending || c.credits != 0) ++surprises;
        } catch {
            ++surprises;
        }
    }

    function attest(uint256 idSeed, uint256 stewardSeed) external {
        ++calls;
        (bool found, uint256 id, IContributionLedger.Contribution memory c) = _pick(idSeed);
        if (!found || c.status != IContributionLedger.ContributionStatus.Pending) return;
        address[] storage stewards = _stewardsOf[c.nodeId];
        // Try each steward from a random start: the first who may attest (not the contributor, not yet) does.
        for (uint256 i = 0; i < stewards.length; ++i) {
            address steward = stewards[(stewardSeed + i) % stewards.length];
            if (steward == c.contributor) continue;
            uint256 before = LEDGER.unclaimedCredits(c.contributor);
            vm.prank(steward);
            try LEDGER.attest(id) {
                IContributionLedger.Contribution memory after_ = LEDGER.contribution(id);
                if (after_.status == IContributionLedger.ContributionStatus.Attested) {
                    ghostLiveCredits[id] = after_.credits;
                    ghostCreditsInExistence += after_.credits;
                    if (LEDGER.unclaimedCredits(c.contributor) != before + after_.credits) ++surprises;
                }
                return;
            } catch (bytes memory reason) {
                // A steward who already attested is refused with AlreadyAttested: try the next one.
                if (bytes4(reason) != IContributionLedger.AlreadyAttested.selector) ++surprises;
            }
        }
    }

    function reject(uint256 idSeed, uint256 stewardSeed) external {
        ++calls;
        (bool found, uint256 id, IContributionLedger.Contribution memory c) = _pick(idSeed);
        if (!found || c.status != IContributionLedger.ContributionStatus.Pending) return;
        address[] storage stewards = _stewardsOf[c.nodeId];
        vm.prank(stewards[stewardSeed % stewards.length]);
        try LEDGER.reject(id, "ipfs://why") {
            if (LEDGER.contribution(id).status != IContributionLedger.ContributionStatus.Rejected) ++surprises;
        } catch {
            ++surprises;
        }
    }

    function revoke(uint256 idSeed, uint256 stewardSeed) external {
        ++calls;
        (bool found, uint256 id, IContributionLedger.Contribution memory c) = _pick(idSeed);
        if (!found || c.status != IContributionLedger.ContributionStatus.Attested) return;
        if (block.timestamp >= uint256(c.attestedAt) + LEDGER.DISPUTE_WINDOW()) return;
        address[] storage stewards = _stewardsOf[c.nodeId];
        vm.prank(stewards[stewardSeed % stewards.length]);
        try LEDGER.revoke(id, "ipfs://upheld") {
            ghostCreditsInExistence -= ghostLiveCredits[id];
            ghostLiveCredits[id] = 0;
        } catch {
            ++surprises;
        }
    }

    /// @notice A governor changes a kind's weight: contributions already credited keep what they earned.
    function setWeight(bool knowledge, uint256 creditsPerUnit) external {
        ++calls;
        creditsPerUnit = bound(creditsPerUnit, 0, 100e18);
        try
            LEDGER.setKind(
                knowledge ? KNOWLEDGE : LABOUR,
                knowledge ? "knowledge" : "labour",
                "units",
                uint128(creditsPerUnit),
                true
            )
        {
            if (LEDGER.kind(knowledge ? KNOWLEDGE : LABOUR).creditsPerUnit != creditsPerUnit) ++surprises;
        } catch {
            ++surprises;
        }
    }

    /// @notice Anyone claims an actor's credited contributions: they are minted to that actor, all of them.
    function claim(uint256 actorSeed, uint256 callerSeed) external {
        ++calls;
        address contributor = _actors[actorSeed % ACTOR_COUNT];
        uint256 unclaimed = LEDGER.unclaimedCredits(contributor);
        if (unclaimed == 0) return;
        uint256 before = LEDGER.credits().balanceOf(contributor);
        vm.prank(_actors[callerSeed % ACTOR_COUNT]);
        try LEDGER.claimCredits(contributor) returns (uint256 minted) {
            if (minted != unclaimed || LEDGER.unclaimedCredits(contributor) != 0) ++surprises;
            if (LEDGER.credits().balanceOf(contributor) != before + unclaimed) ++surprises;
            if (LEDGER.credits().getVotes(LEDGER.credits().delegates(contributor)) < unclaimed) ++surprises;
        } catch {
            ++surprises;
        }
    }

    /// @notice Someone tries to move credits: it must always fail.
    function tryTransfer(uint256 fromSeed, uint256 toSeed, uint256 amount) external {
        ++calls;
        address from = _actors[fromSeed % ACTOR_COUNT];
        vm.prank(from);
        try LEDGER.credits().transfer(_actors[toSeed % ACTOR_COUNT], amount) {
            ++surprises;
        } catch (bytes memory reason) {
            // Credits cannot move, and say so.
            if (bytes4(reason) != ICommonsCredits.NonTransferable.selector) ++surprises;
        }
    }

    function warp(uint256 seconds_) external {
        ++calls;
        vm.warp(block.timestamp + bound(seconds_, 0, 20 days));
    }

    function _pick(
        uint256 idSeed
    ) private view returns (bool found, uint256 id, IContributionLedger.Contribution memory c) {
        uint256 count = LEDGER.contributionCount();
        if (count == 0) return (false, 0, c);
        id = 1 + (idSeed % count);
        return (true, id, LEDGER.contribution(id));
    }
}
