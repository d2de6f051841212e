/**
 * A contributor's commons credits: what they hold (minted by claims), what waits in the ledger to be claimed, their
 * voting power and whom they delegate it to.
 */
import { type Address, getAddress, type PublicClient, zeroAddress } from "viem";
import type { Deployment } from "../generated/deployments.ts";
import { readAll } from "./chainReads.ts";
import { commonsCreditsAbi, contributionLedgerAbi } from "./contracts.ts";

/** Commons credits have 18 decimals, like the votes they weigh. */
export const CREDIT_DECIMALS = 18;

export interface CreditsOf {
  /** Credits minted to the account (they cannot move). */
  balance: bigint;
  /** Credits of attested contributions waiting for `claimCredits`. */
  unclaimed: bigint;
  /** Voting power delegated to the account (its own, if it delegates to itself, plus others'). */
  votes: bigint;
  /** Whom the account delegates its credits to; undefined if it has not chosen (its credits then count nowhere). */
  delegate: Address | undefined;
}

/** The commons credits token of the ledger (the ledger deploys it; its address never changes). */
export async function fetchCreditsToken(client: PublicClient, deployment: Deployment): Promise<Address> {
  return getAddress(
    await client.readContract({
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      functionName: "credits",
    }),
  );
}

export async function fetchCreditsOf(
  client: PublicClient,
  deployment: Deployment,
  creditsToken: Address,
  account: Address,
): Promise<CreditsOf> {
  const [balance, votes, delegate, unclaimed] = (await readAll(client, [
    { address: creditsToken, abi: commonsCreditsAbi, functionName: "balanceOf", args: [account] },
    { address: creditsToken, abi: commonsCreditsAbi, functionName: "getVotes", args: [account] },
    { address: creditsToken, abi: commonsCreditsAbi, functionName: "delegates", args: [account] },
    {
      address: deployment.contributionLedger,
      abi: contributionLedgerAbi,
      functionName: "unclaimedCredits",
      args: [account],
    },
  ])) as [bigint, bigint, Address, bigint];
  return {
    balance,
    unclaimed,
    votes,
    delegate: delegate === zeroAddress ? undefined : getAddress(delegate),
  };
}
