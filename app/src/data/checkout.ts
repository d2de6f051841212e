import type { Address, Hash, Hex, TransactionReceipt } from "viem";
import type { Config } from "wagmi";
import { readContract, simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { quadraticFundingRoundAbi, roundFactoryAbi } from "./contracts.ts";
import type { PayoutToken } from "./rounds.ts";
import { prepareSpending, requireBalance, type SpendingStep } from "./spending.ts";

/** What a round's checkout is doing, for the line under its heading. */
export type CheckoutStep = SpendingStep | "resuming" | "donating" | "waitingForReceipt";

export interface RoundCheckout {
  chainId: number;
  /** The deployment's RoundFactory: only a round it created is sent anything. */
  roundFactory: Address;
  round: Address;
  token: PayoutToken;
  account: Address;
  projectIds: readonly bigint[];
  amounts: readonly bigint[];
  /**
   * What the round's eligibility rule needs with the donation: a Merkle proof of the donor's place on the
   * allowlist, or the id of their attestation; empty (or absent) when it needs nothing.
   */
  proof?: readonly Hex[];
  /** Chain time, for the permit's deadline. */
  now: bigint;
}

const pendingKey = (chainId: number, round: Address) => `hyphae.pendingDonation.${chainId}.${round}`;

/** A cart line's round is not one the deployment's RoundFactory created: nothing is approved, signed or sent. */
export class NotAFactoryRoundError extends Error {
  constructor(round: Address) {
    super(
      `${round} is not a round of this network (its round factory did not create it): nothing was approved or sent.`,
    );
  }
}

/**
 * Donates to every project of one round in one transaction, with as few signatures as possible:
 * the chain's coin or an existing allowance → one transaction; a token with EIP-2612 → one signature and
 * one transaction; otherwise an approval, then the donation.
 *
 * Retrying never donates twice: the hash of a submitted donation is kept until its receipt arrives, and a
 * retry first waits for that transaction instead of sending another.
 */
export async function donateToRound(
  config: Config,
  checkout: RoundCheckout,
  onStep: (step: CheckoutStep) => void,
): Promise<TransactionReceipt> {
  const { chainId, round, token, account, projectIds, amounts } = checkout;
  const proof = checkout.proof ?? [];
  // The page shows only the factory's rounds, but a cart line names its round itself (it is kept in this browser):
  // asked again here, before any approval, permit or donation, so no other contract is ever sent anything.
  const isRound = await readContract(config, {
    chainId,
    address: checkout.roundFactory,
    abi: roundFactoryAbi,
    functionName: "isRound",
    args: [round],
  });
  if (!isRound) throw new NotAFactoryRoundError(round);
  const key = pendingKey(chainId, round);
  const pending = globalThis.localStorage.getItem(key) as Hash | null;
  if (pending !== null) {
    onStep("resuming");
    const receipt = await waitForTransactionReceipt(config, { chainId, hash: pending });
    globalThis.localStorage.removeItem(key);
    if (receipt.status === "success") return receipt;
    // The earlier attempt reverted: nothing was donated, so donate now.
  }

  onStep("checking");
  const total = amounts.reduce((sum, amount) => sum + amount, 0n);
  await requireBalance(config, { chainId, token, owner: account, amount: total }, "these donations total");

  let send: () => Promise<Hash>;
  const permit = token.isNative
    ? undefined
    : await prepareSpending(
        config,
        { chainId, token, owner: account, spender: round, amount: total, now: checkout.now },
        onStep,
      );
  if (permit !== undefined) {
    const { request } = await simulateContract(config, {
      chainId,
      account,
      address: round,
      abi: quadraticFundingRoundAbi,
      functionName: "donateWithPermit",
      args: [projectIds, amounts, permit, proof],
    });
    send = () => writeContract(config, request);
  } else if (proof.length > 0) {
    const { request } = await simulateContract(config, {
      chainId,
      account,
      address: round,
      abi: quadraticFundingRoundAbi,
      functionName: "donateWithProof",
      args: [projectIds, amounts, proof],
      ...(token.isNative ? { value: total } : {}),
    });
    send = () => writeContract(config, request);
  } else {
    const { request } = await simulateContract(config, {
      chainId,
      account,
      address: round,
      abi: quadraticFundingRoundAbi,
      functionName: "donate",
      args: [projectIds, amounts],
      ...(token.isNative ? { value: total } : {}),
    });
    send = () => writeContract(config, request);
  }

  onStep("donating");
  const hash = await send();
  globalThis.localStorage.setItem(key, hash);
  onStep("waitingForReceipt");
  const receipt = await waitForTransactionReceipt(config, { chainId, hash });
  globalThis.localStorage.removeItem(key);
  if (receipt.status !== "success") throw new Error("The donation was reverted on chain; nothing was donated.");
  return receipt;
}
