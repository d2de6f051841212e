/**
 * A transaction's status (waiting, confirmed, failed) stays in view when the chain state it changes takes away the
 * button that sent it: a round cancelled or finalized, a contribution leaving the queue, a project paid. The page
 * can read the new state on a new block before the wallet reports the receipt, and reads everything again right
 * after it. The app's real pages, on a fake chain with a connected wallet.
 */
import { QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { type Address, type Hash, zeroAddress } from "viem";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EMPTY_BALLOT, hashBallot, signedBallotToJson } from "../lib/ballot.ts";
import type { Answers } from "../testing/roundFixtures.ts";

vi.mock("wagmi", async (importOriginal) => (await import("../testing/fakeChain.ts")).mockWagmi(await importOriginal()));
vi.mock("../hooks/useActiveChain.ts", async () => (await import("../testing/fakeChain.ts")).mockActiveChain());
const wallet = vi.hoisted(() => ({
  readContract: vi.fn(),
  simulateContract: vi.fn(),
  writeContract: vi.fn(),
  waitForTransactionReceipt: vi.fn(),
}));
vi.mock("wagmi/actions", () => wallet);

const { contentStore, TEST_CHAIN } = await import("../testing/fakeChain.ts");
const { openRound, openVotingRound, TEST_NOW, TEST_ROUND, TEST_VOTING_ROUND } =
  await import("../testing/roundFixtures.ts");
const { stewardsQueue } = await import("../testing/queueFixtures.ts");
const { renderWithQueries } = await import("../testing/render.tsx");
const { RoundPage } = await import("./RoundPage.tsx");
const { VotingRoundPage } = await import("./VotingRoundPage.tsx");
const { ReviewRoundPage } = await import("./ReviewRoundPage.tsx");
const { StewardsQueuePage } = await import("./StewardsQueuePage.tsx");

const HASH: Hash = `0x${"ab".repeat(32)}`;
/** The translocal commons treasury, and the round's node's own account. */
const TREASURY: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const NODE_ACCOUNT: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
/** How the status line shows a transaction sent and not yet confirmed. */
const WAITING = "waiting for confirmation (transaction 0xabab…abab)…";

let store: ReturnType<typeof contentStore>;

beforeEach(() => {
  store = contentStore();
  vi.stubGlobal("fetch", vi.fn(store.fetch));
  for (const action of Object.values(wallet)) action.mockReset();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/**
 * The wallet signs every call at once and `onSent` changes the chain as the call will; the receipt comes when the
 * test says, successful or reverted.
 */
function walletSends(onSent: (call: { functionName: string; args: readonly unknown[] }) => void) {
  let settle: (status: "success" | "reverted") => void = () => undefined;
  const receipt = new Promise<{ status: string; logs: [] }>((resolve) => {
    settle = (status) => {
      resolve({ status, logs: [] });
    };
  });
  wallet.simulateContract.mockImplementation((_config: unknown, call: { functionName: string; args: unknown[] }) =>
    Promise.resolve({ request: call }),
  );
  wallet.writeContract.mockImplementation((_config: unknown, request: { functionName: string; args: unknown[] }) => {
    onSent(request);
    return Promise.resolve(HASH);
  });
  wallet.waitForTransactionReceipt.mockReturnValue(receipt);
  return {
    confirm: () => {
      settle("success");
    },
    revert: () => {
      settle("reverted");
    },
  };
}

/** What the wallet was asked to simulate: the function and its arguments. */
function simulated() {
  return wallet.simulateContract.mock.calls.map(([, call]) => {
    const { functionName, args } = call as { functionName: string; args: unknown[] };
    return { functionName, args };
  });
}

describe("cancelling a voting round from its page", () => {
  it("keeps the closing panel and its status once the round reads as cancelled, before and after the receipt", async () => {
    const answers: Answers = {};
    await openVotingRound(store, { isSteward: true, answers });
    const receipt = walletSends(({ functionName }) => {
      if (functionName === "cancel") answers.status = 3;
    });
    const { queryClient } = renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);

    const closing = await screen.findByRole("region", { name: "Closing" });
    fireEvent.click(within(closing).getByRole("button", { name: "Cancel the round…" }));
    fireEvent.click(within(closing).getByRole("button", { name: "Yes, cancel the round" }));
    await within(closing).findByText(`Cancelling the round: ${WAITING}`);
    // A new block: the page reads the round as cancelled before the wallet has the receipt.
    await queryClient.invalidateQueries();
    await screen.findByText("Cancelled · refunds open");

    expect(screen.getByRole("region", { name: "Closing" }).textContent).toContain(`Cancelling the round: ${WAITING}`);
    receipt.confirm();
    await screen.findByText("Cancelling the round: confirmed.");
    const panel = screen.getByRole("region", { name: "Closing" });
    expect(within(panel).getByText("Cancelling the round: confirmed.")).toBeTruthy();
    expect(within(panel).getByText(/^The round is cancelled/)).toBeTruthy();
    expect(within(panel).queryByRole("button")).toBeNull();
    expect(simulated()).toEqual([{ functionName: "cancel", args: [] }]);
  });
});

describe("finalizing a voting round nobody voted in", () => {
  it("keeps the closing panel and its confirmation once the round reads as final", async () => {
    const answers: Answers = {};
    await openVotingRound(store, { answers, now: TEST_NOW + 20_000n });
    const receipt = walletSends(({ functionName }) => {
      if (functionName === "finalize") answers.status = 2;
    });
    renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);

    const closing = await screen.findByRole("region", { name: "Closing" });
    fireEvent.click(within(closing).getByRole("button", { name: "Finalize the round" }));
    await within(closing).findByText(`Finalizing the round: ${WAITING}`);
    receipt.confirm();
    // Read again on the receipt: final, and nobody voted, so there is nothing to pay.
    await screen.findByText(/^Nobody voted in this round/);

    const panel = screen.getByRole("region", { name: "Payouts" });
    expect(within(panel).getByText("Finalizing the round: confirmed.")).toBeTruthy();
    expect(within(panel).getByText(/^The round is final/)).toBeTruthy();
    expect(within(panel).queryByRole("button")).toBeNull();
    expect(simulated()).toEqual([{ functionName: "finalize", args: [] }]);
  });
});

describe("cancelling a round from its review page", () => {
  it("keeps the cancel panel and its status once the round reads as cancelled, before and after the receipt", async () => {
    const answers: Answers = {};
    await openVotingRound(store, { isSteward: true, answers });
    const receipt = walletSends(({ functionName }) => {
      if (functionName === "cancel") answers.status = 3;
    });
    const { queryClient } = renderWithQueries(<ReviewRoundPage address={TEST_VOTING_ROUND} />);

    const panel = await screen.findByRole("region", { name: "Cancel the round" });
    expect(screen.getByText(/^Approve or reject until/)).toBeTruthy();
    fireEvent.click(within(panel).getByLabelText("I understand: cancel this round for everyone"));
    fireEvent.click(within(panel).getByRole("button", { name: "Cancel the round" }));
    await within(panel).findByText(`Cancelling the round: ${WAITING}`);
    // A new block: the page reads the round as cancelled (reviews are over) before the wallet has the receipt.
    await queryClient.invalidateQueries();
    await waitFor(() => {
      expect(screen.queryByText(/^Approve or reject until/)).toBeNull();
    });

    expect(screen.getByRole("region", { name: "Cancel the round" }).textContent).toContain(
      `Cancelling the round: ${WAITING}`,
    );
    receipt.confirm();
    const after = await screen.findByRole("region", { name: "Cancel the round" });
    await within(after).findByText("Cancelling the round: confirmed.");
    expect(within(after).getByText("The round is cancelled.")).toBeTruthy();
    expect(within(after).queryByRole("button", { name: "Cancel the round" })).toBeNull();
  });
});

describe("paying a project of a final round from its row", () => {
  /** A final round with project 1, Seed library, not paid yet; `answers` change as transactions would. */
  async function finalRound(answers: Answers) {
    Object.assign(answers, {
      status: 2,
      projectTally: { status: 2, matchCapped: false, paid: false, contributors: 0, sqrtSum: 0n, donations: 0n },
      matchDistribution: { numerator: 0n, denominator: 1n, matchCap: 0n, unallocated: 10n ** 18n },
      moneyKind: 0,
      isFundingCounted: false,
    });
    await openRound(store, { answers });
  }

  it("keeps the payout's status beside “Paid” once the project reads as paid, before and after the receipt", async () => {
    const answers: Answers = {};
    await finalRound(answers);
    const receipt = walletSends(({ functionName }) => {
      if (functionName === "claimPayout") {
        answers.projectTally = { ...(answers.projectTally as object), paid: true };
      }
    });
    const { queryClient } = renderWithQueries(<RoundPage address={TEST_ROUND} />);

    const row = await screen.findByRole("listitem", { name: "Seed library" });
    // jsdom's accessible names drop the space that starts the visually hidden " to Seed library".
    fireEvent.click(await within(row).findByRole("button", { name: /^Pay out 0 ETH ?to Seed library$/ }));
    await within(row).findByText(`Paying Seed library: ${WAITING}`);
    // A new block: the page reads the project as paid before the wallet has the receipt.
    await queryClient.invalidateQueries();
    await within(row).findByText(/^Paid to 0xFABB/);

    expect(within(row).getByText(`Paying Seed library: ${WAITING}`)).toBeTruthy();
    receipt.confirm();
    await within(row).findByText("Paying Seed library: confirmed.");
    expect(within(row).getByText(/^Paid to 0xFABB/)).toBeTruthy();
    expect(within(row).queryByRole("button", { name: /^Pay out/ })).toBeNull();
    expect(simulated()).toEqual([{ functionName: "claimPayout", args: [1n] }]);
  });

  it("says nothing more for a project paid before the page opened", async () => {
    const answers: Answers = {};
    await finalRound(answers);
    answers.projectTally = { ...(answers.projectTally as object), paid: true };
    renderWithQueries(<RoundPage address={TEST_ROUND} />);

    const row = await screen.findByRole("listitem", { name: "Seed library" });
    await within(row).findByText(/^Paid to 0xFABB/);
    expect(row.querySelector(".transaction-status")).toBeNull();
  });
});

describe("sending a final round's commons share", () => {
  it("keeps the status in view while the page reads again where the share goes", async () => {
    const answers: Answers = {
      status: 2,
      projectTally: { status: 2, matchCapped: false, paid: true, contributors: 0, sqrtSum: 0n, donations: 0n },
      matchDistribution: { numerator: 0n, denominator: 1n, matchCap: 0n, unallocated: 0n },
      moneyKind: 1,
      isFundingCounted: false,
      links: { commonsShareBps: 1_000, season: zeroAddress },
      commonsShare: [10n ** 17n, false],
      commonsTreasury: TREASURY,
      nodeAccount: NODE_ACCOUNT,
      node: { kind: 0, parentId: 7n, attestationThreshold: 1, name: "Cascadia", metadata: "" },
    };
    await openRound(store, { answers });
    const receipt = walletSends(({ functionName }) => {
      if (functionName === "claimCommonsShare") {
        answers.commonsShare = [10n ** 17n, true];
        // The node that answers where the share goes is slow to answer now.
        answers.commonsTreasury = new Promise(() => undefined);
      }
    });
    renderWithQueries(<RoundPage address={TEST_ROUND} />);

    const part = await screen.findByTestId("commons-share");
    fireEvent.click(await within(part).findByRole("button", { name: "Send the commons share" }));
    await within(part).findByText(`Sending the commons share: ${WAITING}`);
    receipt.confirm();
    // Read again on the receipt: the share is sent, and where it goes is being read again.
    await waitFor(() => {
      expect(part.textContent).not.toContain("Anyone can send the commons share");
    });

    expect(within(part).getByText("Sending the commons share: confirmed.")).toBeTruthy();
    expect(simulated()).toEqual([{ functionName: "claimCommonsShare", args: [] }]);
  });
});

describe("attesting a contribution in the stewards' queue", () => {
  /** A queue with Seed cleaning day waiting at Cascadia, which one attestation credits; `contribution` changes. */
  async function queue(contribution: { status: number; attestations: number }) {
    await stewardsQueue(store, { contributions: [Object.assign(contribution, { title: "Seed cleaning day" })] });
    return renderWithQueries(<StewardsQueuePage />);
  }

  it("keeps the attestation's status once the contribution leaves the queue, before and after the receipt", async () => {
    const contribution = { status: 1, attestations: 0 };
    const receipt = walletSends(({ functionName }) => {
      if (functionName === "attest") Object.assign(contribution, { status: 2, attestations: 1 });
    });
    const { queryClient } = await queue(contribution);

    const item = await screen.findByRole("listitem", { name: "Seed cleaning day" });
    // jsdom's accessible names drop the space that starts the visually hidden " Seed cleaning day".
    fireEvent.click(within(item).getByRole("button", { name: /^Attest ?Seed cleaning day$/ }));
    await screen.findByText(`Attesting Seed cleaning day: ${WAITING}`);
    // A new block: the page reads the contribution as credited (it leaves the queue) before the wallet has the receipt.
    await queryClient.invalidateQueries();
    await screen.findByText("Nothing is waiting at Cascadia.");

    expect(screen.getByText(`Attesting Seed cleaning day: ${WAITING}`)).toBeTruthy();
    receipt.confirm();
    await screen.findByText("Attesting Seed cleaning day: confirmed.");
    await within(screen.getByTestId("decisions")).findByText(/^You attested/);
    expect(simulated()).toEqual([{ functionName: "attest", args: [1n] }]);
  });

  it("says the attestation failed when another steward's credited the contribution first", async () => {
    const contribution = { status: 1, attestations: 0 };
    // Another steward's attestation lands first: the contribution leaves the queue, and this one reverts.
    const receipt = walletSends(() => {
      Object.assign(contribution, { status: 2, attestations: 1 });
    });
    const { queryClient } = await queue(contribution);

    const item = await screen.findByRole("listitem", { name: "Seed cleaning day" });
    fireEvent.click(within(item).getByRole("button", { name: /^Attest ?Seed cleaning day$/ }));
    await screen.findByText(`Attesting Seed cleaning day: ${WAITING}`);
    await queryClient.invalidateQueries();
    await screen.findByText("Nothing is waiting at Cascadia.");
    receipt.revert();

    expect((await screen.findByRole("alert")).textContent).toBe(
      "Attesting Seed cleaning day failed: The transaction was reverted on chain.",
    );
    expect(screen.getByTestId("decisions").textContent).toBe("");
  });
});

describe("casting a ballot as voting closes", () => {
  it("keeps the ballot's status once the page reads voting as closed, before and after the receipt", async () => {
    const answers: Answers = {};
    await openVotingRound(store, { answers });
    const receipt = walletSends(() => undefined);
    const { queryClient, rerender } = renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);

    const ballot = await screen.findByRole("region", { name: "Your ballot" });
    fireEvent.change(await within(ballot).findByLabelText("Votes for Seed library"), { target: { value: "3" } });
    fireEvent.click(within(ballot).getByRole("button", { name: "Cast ballot" }));
    await within(ballot).findByText(`Casting your ballot: ${WAITING}`);
    // The clock passes the end of voting before the wallet has the receipt.
    await openVotingRound(store, { answers, now: TEST_NOW + 20_000n });
    rerender(
      <QueryClientProvider client={queryClient}>
        <VotingRoundPage address={TEST_VOTING_ROUND} />
      </QueryClientProvider>,
    );
    await queryClient.invalidateQueries();
    await screen.findByRole("button", { name: "Finalize the round" });

    expect(screen.getByRole("region", { name: "Your ballot" }).textContent).toContain(
      `Casting your ballot: ${WAITING}`,
    );
    receipt.confirm();
    await within(screen.getByRole("region", { name: "Your ballot" })).findByText("Casting your ballot: confirmed.");
    expect(simulated().map((call) => call.functionName)).toEqual(["castBallot"]);
  });
});

describe("relaying a signed ballot as voting closes", () => {
  it("keeps the submission's status once the page reads voting as closed, before and after the receipt", async () => {
    const answers: Answers = {};
    await openVotingRound(store, { answers });
    const receipt = walletSends(() => undefined);
    const { queryClient, rerender } = renderWithQueries(<VotingRoundPage address={TEST_VOTING_ROUND} />);
    // A voter's ballot, signed over the empty ballot it has (the chain checks the signature, not the app).
    const signed = signedBallotToJson({
      chainId: TEST_CHAIN.id,
      round: TEST_VOTING_ROUND,
      voter: TREASURY,
      previousBallot: hashBallot(EMPTY_BALLOT),
      ballot: { projectIds: [1n], votes: [2n] },
      nonce: 0n,
      deadline: TEST_NOW + 5_000n,
      signature: `0x${"cd".repeat(65)}`,
    });

    const relay = await screen.findByRole("region", { name: "Submit signed ballots" });
    fireEvent.change(within(relay).getByLabelText("Signed ballots (JSON)"), { target: { value: signed } });
    fireEvent.click(within(relay).getByRole("button", { name: "Submit signed ballots" }));
    await within(relay).findByText(`Submitting 1 signed ballot: ${WAITING}`);
    // The clock passes the end of voting before the wallet has the receipt.
    await openVotingRound(store, { answers, now: TEST_NOW + 20_000n });
    rerender(
      <QueryClientProvider client={queryClient}>
        <VotingRoundPage address={TEST_VOTING_ROUND} />
      </QueryClientProvider>,
    );
    await queryClient.invalidateQueries();
    await screen.findByRole("button", { name: "Finalize the round" });

    const panel = screen.getByRole("region", { name: "Submit signed ballots" });
    expect(panel.textContent).toContain(`Submitting 1 signed ballot: ${WAITING}`);
    expect(within(panel).getByText("Voting has closed: signed ballots can no longer be submitted.")).toBeTruthy();
    receipt.confirm();
    await within(panel).findByText("Submitting 1 signed ballot: confirmed.");
    expect(simulated().map((call) => call.functionName)).toEqual(["castSignedBallots"]);
  });
});
