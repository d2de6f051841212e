import { zeroAddress, type TransactionReceipt } from "viem";
import type { Config } from "wagmi";
import { beforeEach, describe, expect, it, vi } from "vitest";

// The wallet and the chain, as the checkout sees them through wagmi's actions.
const actions = vi.hoisted(() => ({
  getBalance: vi.fn(),
  readContract: vi.fn(),
  signTypedData: vi.fn(),
  simulateContract: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
  writeContract: vi.fn(),
}));
vi.mock("wagmi/actions", () => actions);

const { donateToRound } = await import("./checkout.ts");

const ROUND = "0x75537828f2ce51be7289709686A69CbFDbB714F1";
const ROUND_FACTORY = "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9";
const ACCOUNT = "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a";
const config = {} as Config;
const native = { address: zeroAddress, isNative: true, name: "Ether", symbol: "ETH", decimals: 18 } as const;
const checkout = {
  chainId: 31_337,
  roundFactory: ROUND_FACTORY,
  round: ROUND,
  token: native,
  account: ACCOUNT,
  projectIds: [1n, 2n],
  amounts: [10n ** 18n, 2n * 10n ** 18n],
  now: 1_800_000_000n,
} as const;
const pendingKey = `hyphae.pendingDonation.31337.${ROUND}`;
const receipt = (status: "success" | "reverted") => ({ status }) as TransactionReceipt;

/** The factory's answer to `isRound(ROUND)`; any other read fails the test. */
function factoryCreatedTheRound(created: boolean) {
  actions.readContract.mockImplementation((_config: unknown, call: { functionName: string; args?: unknown[] }) =>
    call.functionName === "isRound" && call.args?.[0] === ROUND
      ? Promise.resolve(created)
      : Promise.reject(new Error(`unexpected read ${call.functionName}`)),
  );
}

describe("donateToRound", () => {
  beforeEach(() => {
    localStorage.clear();
    for (const action of Object.values(actions)) action.mockReset();
    actions.getBalance.mockResolvedValue({ value: 10n ** 20n });
    actions.simulateContract.mockResolvedValue({ request: { functionName: "donate" } });
    actions.writeContract.mockResolvedValue("0xnew");
    actions.waitForTransactionReceipt.mockResolvedValue(receipt("success"));
    factoryCreatedTheRound(true);
  });

  it("asks the deployment's round factory whether it created the round before anything else", async () => {
    await donateToRound(config, checkout, () => undefined);
    expect(actions.readContract.mock.calls[0]?.[1]).toMatchObject({
      address: ROUND_FACTORY,
      functionName: "isRound",
      args: [ROUND],
    });
  });

  it("refuses a round the factory did not create: nothing is checked, approved, signed or sent", async () => {
    factoryCreatedTheRound(false);
    const steps: string[] = [];
    await expect(donateToRound(config, checkout, (step) => steps.push(step))).rejects.toThrow(
      `${ROUND} is not a round of this network (its round factory did not create it): nothing was approved or sent.`,
    );
    expect(steps).toEqual([]);
    expect(actions.getBalance).not.toHaveBeenCalled();
    expect(actions.signTypedData).not.toHaveBeenCalled();
    expect(actions.simulateContract).not.toHaveBeenCalled();
    expect(actions.writeContract).not.toHaveBeenCalled();
  });

  it("donates the chain's coin in one transaction, with the total as value, and forgets it once confirmed", async () => {
    const steps: string[] = [];
    await donateToRound(config, checkout, (step) => steps.push(step));
    expect(actions.simulateContract).toHaveBeenCalledWith(
      config,
      expect.objectContaining({ functionName: "donate", args: [[1n, 2n], checkout.amounts], value: 3n * 10n ** 18n }),
    );
    expect(actions.writeContract).toHaveBeenCalledTimes(1);
    expect(steps).toEqual(["checking", "donating", "waitingForReceipt"]);
    expect(localStorage.getItem(pendingKey)).toBeNull();
  });

  it("after a reload, waits for the donation already sent instead of sending it again", async () => {
    localStorage.setItem(pendingKey, "0xsent");
    const steps: string[] = [];
    await donateToRound(config, checkout, (step) => steps.push(step));
    expect(actions.waitForTransactionReceipt).toHaveBeenCalledWith(config, { chainId: 31_337, hash: "0xsent" });
    expect(actions.writeContract).not.toHaveBeenCalled();
    expect(steps).toEqual(["resuming"]);
    expect(localStorage.getItem(pendingKey)).toBeNull();
  });

  it("donates anew when the donation sent before was reverted", async () => {
    localStorage.setItem(pendingKey, "0xsent");
    actions.waitForTransactionReceipt.mockResolvedValueOnce(receipt("reverted")).mockResolvedValue(receipt("success"));
    await donateToRound(config, checkout, () => undefined);
    expect(actions.writeContract).toHaveBeenCalledTimes(1);
  });

  it("keeps the hash of a sent donation while its receipt is awaited, so a retry cannot repeat it", async () => {
    let seenWhileWaiting: string | null = null;
    actions.waitForTransactionReceipt.mockImplementation(() => {
      seenWhileWaiting = localStorage.getItem(pendingKey);
      return Promise.reject(new Error("the page was closed"));
    });
    await expect(donateToRound(config, checkout, () => undefined)).rejects.toThrow("the page was closed");
    expect(seenWhileWaiting).toBe("0xnew");
    expect(localStorage.getItem(pendingKey)).toBe("0xnew");
  });

  it("refuses, before anything is signed, a total larger than the wallet holds", async () => {
    actions.getBalance.mockResolvedValue({ value: 10n ** 18n });
    await expect(donateToRound(config, checkout, () => undefined)).rejects.toThrow(
      "Your wallet holds 1 ETH; these donations total 3 ETH.",
    );
    expect(actions.simulateContract).not.toHaveBeenCalled();
    expect(actions.writeContract).not.toHaveBeenCalled();
  });

  it("says the donation was reverted on chain when its receipt says so", async () => {
    actions.waitForTransactionReceipt.mockResolvedValue(receipt("reverted"));
    await expect(donateToRound(config, checkout, () => undefined)).rejects.toThrow(
      "The donation was reverted on chain; nothing was donated.",
    );
    expect(localStorage.getItem(pendingKey)).toBeNull();
  });

  it("sends the proof the round's rule needs with the donation, the coin as value", async () => {
    const proof = [`0x${"ab".repeat(32)}`, `0x${"cd".repeat(32)}`] as const;
    await donateToRound(config, { ...checkout, proof }, () => undefined);
    expect(actions.simulateContract).toHaveBeenCalledWith(
      config,
      expect.objectContaining({
        functionName: "donateWithProof",
        args: [[1n, 2n], checkout.amounts, proof],
        value: 3n * 10n ** 18n,
      }),
    );
  });

  it("donates without a proof when the round's rule needs none", async () => {
    await donateToRound(config, { ...checkout, proof: [] }, () => undefined);
    expect((actions.simulateContract.mock.calls[0]?.[1] as { functionName: string }).functionName).toBe("donate");
  });

  describe("with an ERC-20", () => {
    const token = {
      address: "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
      isNative: false,
      name: "Commons Dollar",
      symbol: "CUSD",
      decimals: 6,
    } as const;
    const erc20 = { ...checkout, token, amounts: [1_000_000n, 2_000_000n] };

    function chainWith(allowance: bigint, permit: boolean) {
      actions.readContract.mockImplementation((_config: unknown, call: { functionName: string }) => {
        switch (call.functionName) {
          case "isRound":
            return Promise.resolve(true);
          case "balanceOf":
            return Promise.resolve(10n ** 12n);
          case "allowance":
            return Promise.resolve(allowance);
          case "eip712Domain":
            return permit
              ? Promise.resolve(["0x0f", "Commons Dollar", "1", 31_337n, token.address, "0x", []])
              : Promise.reject(new Error("no eip712Domain"));
          case "nonces":
            return Promise.resolve(4n);
          default:
            return Promise.reject(new Error(`unexpected read ${call.functionName}`));
        }
      });
    }

    it("signs one permit for the total and donates with it in one transaction", async () => {
      chainWith(0n, true);
      actions.signTypedData.mockResolvedValue(`0x${"11".repeat(32)}${"22".repeat(32)}1b`);
      await donateToRound(config, erc20, () => undefined);
      expect(actions.signTypedData).toHaveBeenCalledWith(
        config,
        expect.objectContaining({
          primaryType: "Permit",
          message: { owner: ACCOUNT, spender: ROUND, value: 3_000_000n, nonce: 4n, deadline: checkout.now + 3_600n },
        }),
      );
      const call = actions.simulateContract.mock.calls[0]?.[1] as { functionName: string; args: unknown[] };
      expect(call.functionName).toBe("donateWithPermit");
      expect(call.args[2]).toMatchObject({ value: 3_000_000n, deadline: checkout.now + 3_600n, v: 27 });
      expect(actions.writeContract).toHaveBeenCalledTimes(1);
    });

    it("sends the proof with the permit, in the same transaction", async () => {
      chainWith(0n, true);
      actions.signTypedData.mockResolvedValue(`0x${"11".repeat(32)}${"22".repeat(32)}1b`);
      const proof = [`0x${"ab".repeat(32)}`] as const;
      await donateToRound(config, { ...erc20, proof }, () => undefined);
      const call = actions.simulateContract.mock.calls[0]?.[1] as { functionName: string; args: unknown[] };
      expect(call.functionName).toBe("donateWithPermit");
      expect(call.args[3]).toEqual(proof);
    });

    it("uses an allowance that already covers the total, with no signature", async () => {
      chainWith(3_000_000n, true);
      await donateToRound(config, erc20, () => undefined);
      expect(actions.signTypedData).not.toHaveBeenCalled();
      expect((actions.simulateContract.mock.calls[0]?.[1] as { functionName: string }).functionName).toBe("donate");
    });

    it("approves, then donates, when the token has no permit", async () => {
      chainWith(0n, false);
      await donateToRound(config, erc20, () => undefined);
      const names = actions.simulateContract.mock.calls.map(
        (call) => (call[1] as { functionName: string }).functionName,
      );
      expect(names).toEqual(["approve", "donate"]);
      expect(actions.writeContract).toHaveBeenCalledTimes(2);
    });
  });
});
