import { expect } from "chai";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import { ethers, networkHelpers } from "./hyphae.js";

/**
 * One bad input to one entry point: the call that passes it, and the custom error (with its arguments) that the
 * contract whose ABI declares it must revert with.
 */
export interface BadInput<Context> {
  entryPoint: string;
  input: string;
  attempt: (context: Context) => Promise<ContractTransactionResponse>;
  /** The contract whose ABI declares the error (a library's error is in the ABI of the contract that uses it). */
  declaredBy: (context: Context) => BaseContract;
  error: string;
  args: (context: Context) => readonly unknown[] | Promise<readonly unknown[]>;
}

/** Bigints as text, so two reads of the same state compare equal as JSON. */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? `${item}n` : item));
}

/**
 * Asserts that `attempt` reverts with `error(...args)` of `declaredBy` and that `readState` reads the same before
 * and after: a refused call leaves balances, statuses and counters as they were.
 */
export async function expectRefusedUnchanged(
  readState: () => Promise<unknown>,
  attempt: () => Promise<ContractTransactionResponse>,
  declaredBy: BaseContract,
  error: string,
  args: readonly unknown[],
) {
  const before = serialise(await readState());
  await expect(attempt())
    .to.be.revertedWithCustomError(declaredBy, error)
    .withArgs(...args);
  expect(serialise(await readState())).to.equal(before);
}

/**
 * One `it` per bad input: each runs on a fresh copy of `fixture` and checks the exact error and that the state
 * `readState` sees did not change.
 */
export function itRefusesEach<Context>(
  fixture: () => Promise<Context>,
  readState: (context: Context) => Promise<unknown>,
  badInputs: readonly BadInput<Context>[],
) {
  for (const badInput of badInputs) {
    it(`${badInput.entryPoint} refuses ${badInput.input} with ${badInput.error}`, async () => {
      const context = await networkHelpers.loadFixture(fixture);
      await expectRefusedUnchanged(
        () => readState(context),
        () => badInput.attempt(context),
        badInput.declaredBy(context),
        badInput.error,
        await badInput.args(context),
      );
    });
  }
}

/** Asserts that `attempt` goes through and that `readState` reads the same before and after: it changed nothing. */
export async function expectAcceptedUnchanged(
  readState: () => Promise<unknown>,
  attempt: () => Promise<ContractTransactionResponse>,
) {
  const before = serialise(await readState());
  await expect(attempt()).not.to.revert(ethers);
  expect(serialise(await readState())).to.equal(before);
}
