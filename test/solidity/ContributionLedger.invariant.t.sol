// SPDX-License-Identifier: AGPL-3.0-or-later
// The setup, the suite and the guard that the handler is called belong together.
// solhint-disable one-contract-per-file
// Foundry's test naming (invariant_...) is not mixedCase.
// solhint-disable func-name-mixedcase
// Assertion messages are read by people when a test fails; their length costs nothing that matters.
// solhint-disable gas-small-strings
pragma solidity ^0.8.28;

import {ICommonsCredits} from "../../contracts/interfaces/ICommonsCredits.sol";
import {IContributionLedger} from "../../contracts/interfaces/IContributionLedger.sol";
import {INodeRegistry} from "../../contracts/interfaces/INodeRegistry.sol";
import {IRoundFactory} from "../../contracts/interfaces/IRoundFactory.sol";
import {ContributionLedger} from "../../contracts/network/ContributionLedger.sol";
import {NodeRegistry} from "../../contracts/network/NodeRegistry.sol";
import {ContributionLedgerHandler} from "./handlers/ContributionLedgerHandler.sol";
import {TestBase} from "./utils/TestBase.sol";

// Tests and mocks set and read the time of the chain they run on.
// solhint-disable not-rely-on-time

/// @title ContributionLedgerInvariantSetup
/// @notice The world of the invariant tests: two nodes (one needs two attestations, one needs one), two kinds of
/// work, and a handler with four actors that is the fuzzer's only target.
abstract contract ContributionLedgerInvariantSetup is TestBase {
    ContributionLedgerHandler internal handler;
    IContributionLedger internal ledger;
    ICommonsCredits internal credits;

    function setUp() public {
        NodeRegistry nodes = new NodeRegistry(address(this));
        ContributionLedger ledger_ = new ContributionLedger(nodes, IRoundFactory(address(0)));
        handler = new ContributionLedgerHandler(nodes, ledger_);
        nodes.addNode(INodeRegistry.NodeKind.Local, 0, "Cascadia", "ipfs://cascadia", handler.stewardsOf(1), 2);
        nodes.addNode(INodeRegistry.NodeKind.Local, 0, "Colorado Plateau", "ipfs://colorado", handler.stewardsOf(2), 1);
        ledger_.setKind(handler.LABOUR(), "labour", "hours", 10e18, true);
        ledger_.setKind(handler.KNOWLEDGE(), "knowledge", "documents", 3e18, true);
        // The handler changes weights as a governor would.
        nodes.grantRole(nodes.GOVERNOR_ROLE(), address(handler));
        ledger = ledger_;
        credits = ledger.credits();
        targetContract(address(handler));
        targetSender(address(uint160(uint256(keccak256("hyphae.network.keeper")))));
    }
}

/// @title ContributionLedgerInvariantTest
/// @notice Properties N3, N4 and N7 of PROPERTIES.md, checked after every call of random network lives: the
/// fuzzer calls the handler, which records, attests, rejects and revokes contributions, claims credits, tries to
/// move them, changes kinds' weights and lets time pass.
/// @dev The handler counts a refused call it chose to succeed as a surprise instead of reverting, so that the
/// counterexample shows the call; `invariant_NoRefusedActionAndNoCreditMoved` fails on the first one.
contract ContributionLedgerInvariantTest is ContributionLedgerInvariantSetup {
    /// @notice Every call the handler chose to succeed did, and no credit ever moved between holders.
    function _checkNoSurprises() internal view {
        assertEq(handler.surprises(), 0, "calls the ledger refused or transfers that went through");
    }

    /// @notice N3: credits in existence plus those waiting to be claimed equal the credits of attested
    /// contributions not revoked, and so does each holder's balance plus its unclaimed credits.
    function _checkCreditsFollowAttestations() internal view {
        uint256 count = ledger.contributionCount();
        address[] memory actors = handler.actors();
        uint256[] memory perActor = new uint256[](actors.length);
        uint256 live;
        for (uint256 id = 1; id <= count; ++id) {
            IContributionLedger.Contribution memory c = ledger.contribution(id);
            uint256 held = c.status == IContributionLedger.ContributionStatus.Attested ? c.credits : 0;
            assertEq(held, handler.ghostLiveCredits(id), "a contribution's credits against the ghost");
            live += held;
            for (uint256 a = 0; a < actors.length; ++a) {
                if (actors[a] == c.contributor) perActor[a] += held;
            }
        }
        assertEq(live, handler.ghostCreditsInExistence(), "live credits against the running ghost");
        uint256 owed;
        uint256 balances;
        for (uint256 a = 0; a < actors.length; ++a) {
            uint256 held = credits.balanceOf(actors[a]);
            assertEq(held + ledger.unclaimedCredits(actors[a]), perActor[a], "a holder's credits against its work");
            owed += ledger.unclaimedCredits(actors[a]);
            balances += held;
        }
        assertEq(credits.totalSupply() + owed, live, "credits in existence and owed against live contributions");
        assertEq(balances, credits.totalSupply(), "balances against supply");
    }

    /// @notice N7: every total equals a recomputation from the contributions' states.
    function _checkTotalsAreExact() internal view {
        uint256 count = ledger.contributionCount();
        address[] memory actors = handler.actors();
        for (uint16 kind = 1; kind <= 2; ++kind) {
            for (uint256 nodeId = 1; nodeId <= handler.NODE_COUNT(); ++nodeId) {
                (uint256 quantity, uint256 earned) = _sum(count, nodeId, address(0), kind);
                IContributionLedger.Total memory total = ledger.nodeTotal(nodeId, kind);
                assertEq(total.quantity, quantity, "node total quantity");
                assertEq(total.credits, earned, "node total credits");
            }
            for (uint256 a = 0; a < actors.length; ++a) {
                (uint256 quantity, uint256 earned) = _sum(count, 0, actors[a], kind);
                IContributionLedger.Total memory total = ledger.contributorTotal(actors[a], kind);
                assertEq(total.quantity, quantity, "contributor total quantity");
                assertEq(total.credits, earned, "contributor total credits");
            }
        }
    }

    /// @notice N7: credits per period add up to the credits in existence, for nodes and for contributors.
    function _checkPeriodCreditsAddUp() internal view {
        uint256 nodeSum;
        uint256 contributorSum;
        // Every attestation happened between the first period and now.
        uint256 last = ledger.periodOf(block.timestamp);
        address[] memory actors = handler.actors();
        for (uint256 period = ledger.periodOf(1); period <= last; ++period) {
            for (uint256 nodeId = 1; nodeId <= handler.NODE_COUNT(); ++nodeId) {
                nodeSum += ledger.nodeCreditsInPeriod(nodeId, period);
            }
            for (uint256 a = 0; a < actors.length; ++a) {
                contributorSum += ledger.contributorCreditsInPeriod(actors[a], period);
            }
        }
        // The per-period split is checked by the unit tests; here the sums must match what was credited.
        assertEq(nodeSum, handler.ghostCreditsInExistence(), "node period credits against live credits");
        assertEq(contributorSum, handler.ghostCreditsInExistence(), "contributor period credits against live credits");
    }

    /// @notice Every call the handler chose to succeed did, and no credit ever moved between holders (N4).
    function invariant_NoRefusedActionAndNoCreditMoved() external view {
        _checkNoSurprises();
    }

    /// @notice N3: credits follow attestations.
    function invariant_CreditsFollowAttestations() external view {
        _checkCreditsFollowAttestations();
    }

    /// @notice N7: totals per node, contributor and kind are exact.
    function invariant_TotalsAreExact() external view {
        _checkTotalsAreExact();
    }

    /// @notice N7: credits per period add up to the credits in existence.
    function invariant_PeriodCreditsAddUp() external view {
        _checkPeriodCreditsAddUp();
    }

    function _sum(
        uint256 count,
        uint256 nodeId,
        address contributor,
        uint16 kind
    ) private view returns (uint256 quantity, uint256 earned) {
        for (uint256 id = 1; id <= count; ++id) {
            IContributionLedger.Contribution memory c = ledger.contribution(id);
            if (c.status != IContributionLedger.ContributionStatus.Attested || c.kind != kind) continue;
            if (nodeId != 0 && c.nodeId != nodeId) continue;
            if (contributor != address(0) && c.contributor != contributor) continue;
            quantity += c.quantity;
            earned += c.credits;
        }
    }
}

/// @title ContributionLedgerHandlerIsCalledTest
/// @notice Guards the suite above against passing vacuously: every run must really call the handler. Kept apart
/// for the reason given at `QuadraticFundingRoundHandlerIsCalledTest`.
/// hardhat-config: invariant.runs = 16
contract ContributionLedgerHandlerIsCalledTest is ContributionLedgerInvariantSetup {
    /// @notice After each run: the handler was called.
    function afterInvariant() external view {
        assertGt(handler.calls(), 0, "handler calls in this run");
    }

    /// @notice Holds whenever the handler's counters are consistent.
    function invariant_handlerCountsNoSurpriseBeyondItsCalls() external view {
        assertLe(handler.surprises(), handler.calls(), "surprises against handler calls");
    }
}
