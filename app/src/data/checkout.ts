import type { Address, Hash, TransactionReceipt } from "viem";
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
import { permitTokenAbi, quadraticFundingRoundAbi } from "./contracts.ts";
import type { PayoutToken } from "./rounds.ts";
import { formatTokenAmount } from "../lib/format.ts";

/** What a round's checkout is doing, for the line under its heading. */
export type CheckoutStep = "checking" | "resuming" | "signingPermit" | "approving" | "donating" | "waitingForReceipt";

export interface RoundCheckout {
  chainId: number;
  round: Address;
  token: PayoutToken;
  account: Address;
  projectIds: readonly bigint[];
  amounts: readonly bigint[];
  /** Chain time, for the permit's deadline. */
  now: bigint;
}

/** A permit is valid this long: enough to confirm in a wallet, short enough not to linger. */
const PERMIT_LIFETIME = 3_600n;

/** A donation was refused before anything was signed, with the reason in plain words. */
export class CheckoutRefusedError extends Error {}

const pendingKey = (chainId: number, round: Address) => `hyphae.pendingDonation.${chainId}.${round}`;

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
  const balance = token.isNative
    ? (await getBalance(config, { chainId, address: account })).value
    : await readContract(config, {
        chainId,
        address: token.address,
        abi: permitTokenAbi,
        functionName: "balanceOf",
        args: [account],
      });
  if (balance < total) {
    throw new CheckoutRefusedError(
      `Your wallet holds ${formatTokenAmount(balance, token.decimals)} ${token.symbol}; ` +
        `these donations total ${formatTokenAmount(total, token.decimals)} ${token.symbol}.`,
    );
  }

  let send: () => Promise<Hash>;
  if (token.isNative) {
    const { request } = await simulateContract(config, {
      chainId,
      account,
      address: round,
      abi: quadraticFundingRoundAbi,
      functionName: "donate",
      args: [projectIds, amounts],
      value: total,
    });
    send = () => writeContract(config, request);
  } else {
    const allowance = await readContract(config, {
      chainId,
      address: token.address,
      abi: permitTokenAbi,
      functionName: "allowance",
      args: [account, round],
    });
    if (allowance >= total) {
      const { request } = await simulateContract(config, {
        chainId,
        account,
        address: round,
        abi: quadraticFundingRoundAbi,
        functionName: "donate",
        args: [projectIds, amounts],
      });
      send = () => writeContract(config, request);
    } else {
      const domain = await permitDomain(config, chainId, token.address, account);
      if (domain !== undefined) {
        onStep("signingPermit");
        const deadline = checkout.now + PERMIT_LIFETIME;
        const signature = await signTypedData(config, {
          account,
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
          message: { owner: account, spender: round, value: total, nonce: domain.nonce, deadline },
        });
        const { r, s, yParity } = parseSignature(signature);
        const v = yParity + 27;
        const { request } = await simulateContract(config, {
          chainId,
          account,
          address: round,
          abi: quadraticFundingRoundAbi,
          functionName: "donateWithPermit",
          args: [projectIds, amounts, { value: total, deadline, v, r, s }],
        });
        send = () => writeContract(config, request);
      } else {
        onStep("approving");
        const { request: approval } = await simulateContract(config, {
          chainId,
          account,
          address: token.address,
          abi: permitTokenAbi,
          functionName: "approve",
          args: [round, total],
        });
        const approvalHash = await writeContract(config, approval);
        const approved = await waitForTransactionReceipt(config, { chainId, hash: approvalHash });
        if (approved.status !== "success") throw new Error("The approval was reverted.");
        const { request } = await simulateContract(config, {
          chainId,
          account,
          address: round,
          abi: quadraticFundingRoundAbi,
          functionName: "donate",
          args: [projectIds, amounts],
        });
        send = () => writeContract(config, request);
      }
    }
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
