import {
  BaseError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  getContractError,
  type Hex,
  ProviderRpcError,
  RawContractError,
  UserRejectedRequestError,
} from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  coMatchingSeasonAbi,
  commonsCreditsAbi,
  contributionLedgerAbi,
  permitTokenAbi,
  quadraticFundingRoundAbi,
} from "../generated/abis.ts";
import { describeError } from "./errors.ts";

const DONOR = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const ROUND = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/**
 * The error wagmi's `simulateContract` / `writeContract` throw when a call to the round reverts with `data`:
 * viem's own `getContractError` around the node's answer (a `RawContractError` carrying the revert data).
 */
function roundCallReverted(data: Hex): BaseError {
  return getContractError(new RawContractError({ data }), {
    abi: quadraticFundingRoundAbi,
    address: ROUND,
    args: [[1n], [10_000_000n]],
    functionName: "donate",
    sender: DONOR,
  });
}

describe("describeError", () => {
  beforeEach(() => {
    vi.stubEnv("TZ", "UTC");
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  describe("a request declined in the wallet", () => {
    it("is rejected when a UserRejectedRequestError is wrapped in a BaseError", () => {
      const error = new BaseError("Could not send the transaction.", {
        cause: new UserRejectedRequestError(new Error("MetaMask Tx Signature: User denied transaction signature.")),
      });
      expect(describeError(error)).toEqual({
        rejected: true,
        message: "You declined the request in your wallet. Nothing was sent.",
      });
    });

    it("is rejected when the UserRejectedRequestError is deep inside a contract call error", () => {
      const error = getContractError(
        new BaseError("Transaction failed.", { cause: new UserRejectedRequestError(new Error("User rejected")) }),
        { abi: quadraticFundingRoundAbi, args: [[1n], [1n]], functionName: "donate" },
      );
      expect(describeError(error).rejected).toBe(true);
    });

    it("is rejected for any provider error with the EIP-1193 code 4001", () => {
      const error = new BaseError("Signing failed.", {
        cause: new ProviderRpcError(new Error("User rejected the request."), { code: 4001, shortMessage: "Rejected." }),
      });
      expect(describeError(error).rejected).toBe(true);
    });
  });

  describe("a contract revert with a custom error", () => {
    it("explains OutsideDonationWindow with the window's opening and closing times", () => {
      const data = encodeErrorResult({
        abi: quadraticFundingRoundAbi,
        errorName: "OutsideDonationWindow",
        args: [1_767_225_600n, 1_767_830_400n],
      });
      expect(describeError(roundCallReverted(data))).toEqual({
        rejected: false,
        message: "Donations are open from 01/01/2026, 00:00:00 to 08/01/2026, 00:00:00 only.",
        errorName: "OutsideDonationWindow",
      });
    });

    it("explains OutsideDonationWindow(1, 2) with the times as dates", () => {
      const data = encodeErrorResult({
        abi: quadraticFundingRoundAbi,
        errorName: "OutsideDonationWindow",
        args: [1n, 2n],
      });
      expect(describeError(roundCallReverted(data)).message).toBe(
        "Donations are open from 01/01/1970, 00:00:01 to 01/01/1970, 00:00:02 only.",
      );
    });

    it("explains NotNodeSteward without repeating the caller's address", () => {
      const data = encodeErrorResult({
        abi: quadraticFundingRoundAbi,
        errorName: "NotNodeSteward",
        args: [2n, DONOR],
      });
      expect(describeError(roundCallReverted(data))).toEqual({
        rejected: false,
        message: "Only a steward of node #2 can do that.",
        errorName: "NotNodeSteward",
      });
    });

    it("names the project and its application's state", () => {
      const data = encodeErrorResult({
        abi: quadraticFundingRoundAbi,
        errorName: "UnexpectedApplicationStatus",
        args: [3n, 3],
      });
      expect(describeError(roundCallReverted(data)).message).toBe("Project #3's application is rejected.");
    });

    it("names the round's state", () => {
      const data = encodeErrorResult({ abi: quadraticFundingRoundAbi, errorName: "UnexpectedRoundStatus", args: [2] });
      expect(describeError(roundCallReverted(data)).message).toBe("The round is finalized.");
    });

    it("explains a ContractFunctionRevertedError built directly from the revert data", () => {
      const data = encodeErrorResult({ abi: quadraticFundingRoundAbi, errorName: "ZeroAmount" });
      const error = new BaseError("The call failed.", {
        cause: new ContractFunctionRevertedError({
          abi: quadraticFundingRoundAbi,
          data,
          functionName: "donate",
        }),
      });
      expect(describeError(error)).toEqual({
        rejected: false,
        message: "The amount must be more than zero.",
        errorName: "ZeroAmount",
      });
    });

    it("explains a token's ERC20InsufficientBalance, which is not in the round's ABI, from the raw revert data", () => {
      const data = encodeErrorResult({
        abi: permitTokenAbi,
        errorName: "ERC20InsufficientBalance",
        args: [DONOR, 5_000_000n, 10_000_000n],
      });
      const error = roundCallReverted(data);
      // viem itself could not decode it with the round's ABI.
      const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
      expect(reverted).toBeInstanceOf(ContractFunctionRevertedError);
      expect((reverted as ContractFunctionRevertedError).data).toBeUndefined();

      expect(describeError(error)).toEqual({
        rejected: false,
        message: "The wallet does not hold enough of the token.",
        errorName: "ERC20InsufficientBalance",
      });
    });

    it("finds revert data nested as { data } in an RPC error", () => {
      const data = encodeErrorResult({
        abi: permitTokenAbi,
        errorName: "ERC20InsufficientAllowance",
        args: [ROUND, 0n, 10_000_000n],
      });
      const error = new BaseError("Gas estimation failed.", { cause: new RawContractError({ data: { data } }) });
      expect(describeError(error)).toEqual({
        rejected: false,
        message: "The round is not allowed to take that much of the token: approve it first.",
        errorName: "ERC20InsufficientAllowance",
      });
    });

    it("names a known error that has no message of its own", () => {
      const data = encodeErrorResult({ abi: quadraticFundingRoundAbi, errorName: "InvalidInitialization" });
      expect(describeError(roundCallReverted(data))).toEqual({
        rejected: false,
        message: "The contract refused the transaction (InvalidInitialization).",
        errorName: "InvalidInitialization",
      });
    });
  });

  describe("a revert of the network's contracts", () => {
    const LEDGER = "0x0165878A594ca255338adfa4d48449f69242Eb8F";

    function ledgerCallReverted(data: Hex, functionName: "attest" | "record" = "attest"): BaseError {
      return getContractError(new RawContractError({ data }), {
        abi: contributionLedgerAbi,
        address: LEDGER,
        args: functionName === "attest" ? [21n] : [2n, 1, 4n, "ipfs://d", "ipfs://e"],
        functionName,
        sender: DONOR,
      });
    }

    it("explains that a steward cannot attest their own contribution", () => {
      const data = encodeErrorResult({ abi: contributionLedgerAbi, errorName: "SelfAttestation", args: [21n] });
      expect(describeError(ledgerCallReverted(data))).toEqual({
        rejected: false,
        message: "A steward cannot attest their own contribution: another steward of the node must.",
        errorName: "SelfAttestation",
      });
    });

    it("names the contribution and its state", () => {
      const data = encodeErrorResult({
        abi: contributionLedgerAbi,
        errorName: "UnexpectedContributionStatus",
        args: [21n, 2],
      });
      expect(describeError(ledgerCallReverted(data)).message).toBe("Contribution #21 is attested already.");
    });

    it("names the node a non-steward tried to act for", () => {
      const data = encodeErrorResult({ abi: contributionLedgerAbi, errorName: "NotNodeSteward", args: [2n, DONOR] });
      expect(describeError(ledgerCallReverted(data)).message).toBe("Only a steward of node #2 can do that.");
    });

    it("explains a kind that only the protocol records", () => {
      const data = encodeErrorResult({ abi: contributionLedgerAbi, errorName: "KindNotSelfReported", args: [5n] });
      expect(describeError(ledgerCallReverted(data, "record")).message).toBe(
        "This kind of contribution is counted by the protocol itself (from rounds): it cannot be recorded by hand.",
      );
    });

    it("decodes the credits token's NonTransferable from raw revert data", () => {
      const data = encodeErrorResult({ abi: commonsCreditsAbi, errorName: "NonTransferable" });
      const error = new BaseError("Gas estimation failed.", { cause: new RawContractError({ data }) });
      expect(describeError(error)).toEqual({
        rejected: false,
        message: "Commons credits cannot be transferred.",
        errorName: "NonTransferable",
      });
    });
  });

  describe("a co-matching season's draw that waits", () => {
    const SEASON = "0xa513E6E4b8f2a923D98304ec87F64353C4D5C853";

    it("explains that a round cannot finalize before its waiting draw is delivered, and how to deliver it", () => {
      const data = encodeErrorResult({
        abi: quadraticFundingRoundAbi,
        errorName: "SeasonDrawNotDelivered",
        args: [SEASON, 139_000_000n],
      });
      const error = getContractError(new RawContractError({ data }), {
        abi: quadraticFundingRoundAbi,
        address: ROUND,
        args: [],
        functionName: "finalize",
        sender: DONOR,
      });
      expect(describeError(error)).toEqual({
        rejected: false,
        message:
          "This round's draw from its co-matching season has not reached its matching pool yet: anyone can deliver it (Deliver the draw), and then the round can be finalized.",
        errorName: "SeasonDrawNotDelivered",
      });
    });

    it("explains that no draw of the round waits in the season any more", () => {
      const data = encodeErrorResult({ abi: coMatchingSeasonAbi, errorName: "NoDrawWaiting", args: [ROUND] });
      const error = getContractError(new RawContractError({ data }), {
        abi: coMatchingSeasonAbi,
        address: SEASON,
        args: [ROUND],
        functionName: "deliverDraw",
        sender: DONOR,
      });
      expect(describeError(error)).toEqual({
        rejected: false,
        message:
          "No draw of this round waits in the season: it has been delivered already (or went back to the funders), or the round drew nothing.",
        errorName: "NoDrawWaiting",
      });
    });

    it("decodes the season's NotTheSeason from raw revert data", () => {
      const data = encodeErrorResult({ abi: coMatchingSeasonAbi, errorName: "NotTheSeason", args: [DONOR] });
      const error = new BaseError("Gas estimation failed.", { cause: new RawContractError({ data }) });
      expect(describeError(error)).toEqual({
        rejected: false,
        message: "Only the season itself funds its rounds while it settles.",
        errorName: "NotTheSeason",
      });
    });
  });

  describe("anything else", () => {
    it("falls back to viem's short message for revert data no contract of the app knows", () => {
      const error = roundCallReverted("0xdeadbeef");
      const described = describeError(error);
      expect(described).toEqual({ rejected: false, message: error.shortMessage });
      expect(described.message).toContain('The contract function "donate" reverted');
    });

    it("gives the reason of a revert that has only a reason", () => {
      const error = getContractError(new RawContractError({ message: "Pausable: paused" }), {
        abi: quadraticFundingRoundAbi,
        args: [[1n], [1n]],
        functionName: "donate",
      });
      expect(describeError(error)).toEqual({
        rejected: false,
        message: "The contract refused the transaction: Pausable: paused.",
      });
    });

    it("falls back to the short message of a BaseError that is not a revert", () => {
      const error = new BaseError("HTTP request failed.", { details: "fetch failed", metaMessages: ["URL: /rpc"] });
      expect(describeError(error)).toEqual({ rejected: false, message: "HTTP request failed." });
    });

    it("uses the message of a plain Error", () => {
      expect(describeError(new Error("The transaction was reverted on chain."))).toEqual({
        rejected: false,
        message: "The transaction was reverted on chain.",
      });
    });

    it("says something went wrong for a thrown value that is not an Error", () => {
      expect(describeError("boom")).toEqual({ rejected: false, message: "Something went wrong." });
      expect(describeError(undefined)).toEqual({ rejected: false, message: "Something went wrong." });
    });
  });
});
