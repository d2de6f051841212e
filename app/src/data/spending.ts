import type { Address, Hex } from "viem";
import { parseSignature } from "viem";
import type { Config } from "wagmi";
import {
  getBalance,
  readContract,
  signTypedData,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from "wagmi/actions";
import { permitTokenAbi } from "./contracts.ts";
import type { PayoutToken } from "./rounds.ts";
import { formatTokenAmount } from "../lib/format.ts";

/** Where a payment into a round stands before its own transaction. */
export type SpendingStep = "checking" | "signingPermit" | "approving";

/** A permit is valid this long: enough to confirm in a wallet, short enough not to linger. */
const PERMIT_LIFETIME = 3_600n;

/** A payment was refused before anything was signed, with the reason in plain words. */
export class SpendingRefusedError extends Error {}

/** Refuses, in plain words, a payment larger than what the wallet holds. */
export async function requireBalance(
  config: Config,
  payment: { chainId: number; token: PayoutToken; owner: Address; amount: bigint },
  what: string,
): Promise<void> {
  const { chainId, token, owner, amount } = payment;
  const balance = token.isNative
    ? (await getBalance(config, { chainId, address: owner })).value
    : await readContract(config, {
        chainId,
        address: token.address,
        abi: permitTokenAbi,
        functionName: "balanceOf",
        args: [owner],
      });
  if (balance < amount) {
    throw new SpendingRefusedError(
      `Your wallet holds ${formatTokenAmount(balance, token.decimals)} ${token.symbol}; ` +
        `${what} ${formatTokenAmount(amount, token.decimals)} ${token.symbol}.`,
    );
  }
}

/** An EIP-2612 permit for the round, in the shape the round's `...WithPermit` functions take. */
export interface PermitSignature {
  value: bigint;
  deadline: bigint;
  v: number;
  r: Hex;
  s: Hex;
}

/**
 * Makes sure `spender` may take `amount` of `token` from `owner`, with as few signatures as possible: nothing
 * if the allowance suffices; an EIP-2612 permit signature (returned, for the round call) if the token has one
 * and the spender takes permits (`permits`, true unless said otherwise); otherwise an `approve` transaction,
 * waited for.
 */
export async function prepareSpending(
  config: Config,
  spending: {
    chainId: number;
    token: PayoutToken;
    owner: Address;
    spender: Address;
    amount: bigint;
    now: bigint;
    permits?: boolean;
  },
  onStep: (step: SpendingStep) => void,
): Promise<PermitSignature | undefined> {
  const { chainId, token, owner, spender, amount } = spending;
  const allowance = await readContract(config, {
    chainId,
    address: token.address,
    abi: permitTokenAbi,
    functionName: "allowance",
    args: [owner, spender],
  });
  if (allowance >= amount) return undefined;
  const domain = spending.permits === false ? undefined : await permitDomain(config, chainId, token.address, owner);
  if (domain !== undefined) {
    onStep("signingPermit");
    const deadline = spending.now + PERMIT_LIFETIME;
    const signature = await signTypedData(config, {
      account: owner,
      domain: { ...domain.domain, chainId: Number(domain.domain.chainId) },
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner, spender, value: amount, nonce: domain.nonce, deadline },
    });
    const { r, s, yParity } = parseSignature(signature);
    return { value: amount, deadline, v: yParity + 27, r, s };
  }
  onStep("approving");
  const { request } = await simulateContract(config, {
    chainId,
    account: owner,
    address: token.address,
    abi: permitTokenAbi,
    functionName: "approve",
    args: [spender, amount],
  });
  const hash = await writeContract(config, request);
  const receipt = await waitForTransactionReceipt(config, { chainId, hash });
  if (receipt.status !== "success") throw new Error("The approval was reverted.");
  return undefined;
}

/** The token's EIP-712 domain and the account's permit nonce, or undefined if it has no EIP-2612 permit. */
async function permitDomain(config: Config, chainId: number, token: Address, account: Address) {
  try {
    const [[, name, version, domainChainId, verifyingContract], nonce] = await Promise.all([
      readContract(config, { chainId, address: token, abi: permitTokenAbi, functionName: "eip712Domain" }),
      readContract(config, { chainId, address: token, abi: permitTokenAbi, functionName: "nonces", args: [account] }),
    ]);
    return { domain: { name, version, chainId: domainChainId, verifyingContract }, nonce };
  } catch {
    return undefined;
  }
}
