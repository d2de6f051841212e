/**
 * The stewards' queue on the fake chain (fakeChain.ts) for rendering it in unit tests: one node the connected
 * account stewards, and contributions recorded there that wait for its attestation.
 */
import type { Address } from "viem";
import { type contentStore, setChain } from "./fakeChain.ts";
import { type Answers, TEST_ACCOUNT, TEST_NOW } from "./roundFixtures.ts";

/** Who recorded the queued contributions: not the connected account, so that it may attest them. */
export const QUEUE_CONTRIBUTOR: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** A contribution in the queue, as the ledger's `contribution(id)` answers: a test changes it as a transaction would. */
export interface QueuedContribution {
  title: string;
  status: number;
  attestations: number;
}

/**
 * The queue of the connected account (`TEST_ACCOUNT`), the steward of the node Cascadia, where `threshold` (1 by
 * default) attestations credit a contribution of Labour (hours, self-reported): `contributions` are its
 * contributions 1, 2… by `QUEUE_CONTRIBUTOR`, read at each call. `answers` take the place of the chain's other answers.
 */
export async function stewardsQueue(
  store: ReturnType<typeof contentStore>,
  options: { contributions: readonly QueuedContribution[]; threshold?: number; answers?: Answers },
) {
  const { contributions, threshold = 1, answers = {} } = options;
  const recorded = await Promise.all(
    contributions.map(async ({ title }, index) => ({
      eventName: "ContributionRecorded",
      args: {
        contributionId: BigInt(index + 1),
        contributor: QUEUE_CONTRIBUTOR,
        nodeId: 1n,
        kind: 1n,
        quantity: 4n,
        description: await store.add({ title, text: `${title}: four hours.` }),
        evidence: await store.add({ links: [], note: "Ask the seed library." }),
      },
    })),
  );
  return setChain({
    account: TEST_ACCOUNT,
    blockTimestamp: TEST_NOW,
    events: [
      { eventName: "StewardAdded", args: { nodeId: 1n, account: TEST_ACCOUNT } },
      { eventName: "KindSet", args: { kind: 1 } },
      ...recorded,
    ],
    view: ({ functionName, args }) => {
      if (functionName in answers) return answers[functionName];
      switch (functionName) {
        case "nodeCount":
          return 1n;
        case "node":
          return { kind: 0, parentId: 0n, attestationThreshold: threshold, name: "Cascadia", metadata: "" };
        case "isSteward":
          return true;
        case "kind":
          return { creditsPerUnit: 10n ** 18n, selfReported: true, name: "Labour", unit: "hours" };
        case "contribution": {
          const contribution = contributions[Number(args[0]) - 1];
          if (contribution === undefined) throw new Error(`no contribution ${String(args[0])}`);
          const { status, attestations } = contribution;
          return { status, attestations, credits: 0n, recordedAt: Number(TEST_NOW), attestedAt: 0 };
        }
      }
      throw new Error(`unexpected ${functionName}`);
    },
  });
}
