import { isAddressEqual } from "viem";
import { useConfig, useConnection } from "wagmi";
import { readContract } from "wagmi/actions";
import { Link } from "wouter";
import { quadraticFundingRoundAbi, RoundStatus } from "../data/contracts.ts";
import type { RoundProject, RoundSummary } from "../data/rounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useRoundWrite } from "../hooks/useRoundWrite.ts";
import { useSeason } from "../hooks/useSeasons.ts";
import { useSeasonWrite } from "../hooks/useSeasonWrite.ts";
import { formatTime, formatTokenAmount } from "../lib/format.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";

/** Projects scanned per settlement transaction: well inside a block's gas for any round. */
const SETTLEMENT_BATCH = 200n;

/**
 * Closing a round needs no steward: once donations end, anyone finalizes it (and applies match caps in
 * batches when a cap binds); once it is final, anyone pays every project to its payout address. A round of a
 * co-matching season waits for the season to settle, and for its draw to be delivered if the token refused it then.
 */
export function ClosingPanel(props: {
  round: RoundSummary;
  projects: RoundProject[] | undefined;
  donationsEnded: boolean;
}) {
  const { round, projects, donationsEnded } = props;
  const { isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const write = useRoundWrite(round.address);
  const unpaid = (projects ?? []).filter((project) => !project.paid);
  const season = useSeason(round.season);
  const seasonSettled = season.data?.settled === true;
  const seasonWrite = useSeasonWrite(round.season);
  const waitingDraw = season.data?.draws.find((draw) => isAddressEqual(draw.round, round.address))?.undelivered ?? 0n;

  const settle = async () => {
    if (active === undefined) return;
    // One transaction per batch until the round is final.
    for (;;) {
      const receipt = await write.send("Applying match caps", "settleMatchCaps", [SETTLEMENT_BATCH]);
      if (receipt === undefined) return;
      const status = await readContract(config, {
        chainId: active.chain.id,
        address: round.address,
        abi: quadraticFundingRoundAbi,
        functionName: "status",
      });
      if (status !== RoundStatus.SettlingMatchCaps) return;
    }
  };

  let body: React.ReactNode = null;
  if (
    round.status === RoundStatus.Active &&
    donationsEnded &&
    round.season !== undefined &&
    season.data === undefined
  ) {
    // The season is being read: whether the round can be finalized depends on it.
    body = null;
  } else if (round.status === RoundStatus.Active && donationsEnded && round.season !== undefined && !seasonSettled) {
    body = (
      <p data-testid="waiting-for-season">
        Donations have closed, but this round is part of a co-matching season that has not settled yet: it can be
        finalized once the season settles and its draw is in the matching pool.{" "}
        <Link href={`/network/seasons/${round.season}`}>Go to the season</Link>
        {season.data !== undefined && <> (anyone can settle it from {formatTime(season.data.closesAt)})</>}.
      </p>
    );
  } else if (round.status === RoundStatus.Active && donationsEnded && round.season !== undefined && waitingDraw > 0n) {
    const seasonAddress = round.season;
    body = (
      <>
        <p data-testid="draw-waiting">
          Donations have closed and the co-matching season has settled, but this round&apos;s draw of{" "}
          <strong>
            {formatTokenAmount(waitingDraw, round.token.decimals, 2)} {round.token.symbol}
          </strong>{" "}
          has not reached its matching pool: the token refused the transfer when the season settled (it was paused, or
          its issuer blocks this round&apos;s address). The round cannot be finalized until the draw is in, so that its
          projects share the whole pool. Anyone can deliver it once the token accepts it again.
        </p>
        <button
          type="button"
          className="button-primary"
          disabled={!seasonWrite.canSend || seasonWrite.busy}
          onClick={() => void seasonWrite.send("Delivering the draw", "deliverDraw", [round.address])}
        >
          Deliver the draw
        </button>{" "}
        <Link href={`/network/seasons/${seasonAddress}`}>Go to the season</Link>
      </>
    );
  } else if (round.status === RoundStatus.Active && donationsEnded) {
    body = (
      <>
        <p>Donations have closed. Anyone can finalize the round; then every project can be paid.</p>
        <button
          type="button"
          className="button-primary"
          disabled={!write.canSend || write.busy}
          onClick={() => void write.send("Finalizing the round", "finalize", [])}
        >
          Finalize the round
        </button>
      </>
    );
  } else if (round.status === RoundStatus.SettlingMatchCaps) {
    body = (
      <>
        <p>
          The match cap binds: the excess of capped projects is being shared among the others, in batches of{" "}
          {SETTLEMENT_BATCH.toString()} projects. Anyone can continue it.
        </p>
        <button
          type="button"
          className="button-primary"
          disabled={!write.canSend || write.busy}
          onClick={() => void settle()}
        >
          Apply match caps
        </button>
      </>
    );
  } else if (round.status === RoundStatus.Finalized) {
    body =
      unpaid.length === 0 ? (
        <p className="status status-ok">Every project has been paid.</p>
      ) : (
        <>
          <p>
            The round is final. {unpaid.length} {unpaid.length === 1 ? "project has" : "projects have"} not been paid
            yet; anyone can pay them, always to their payout address.
          </p>
          <button
            type="button"
            className="button-primary"
            disabled={!write.canSend || write.busy}
            onClick={() =>
              void write.send("Paying out projects", "claimPayouts", [unpaid.map((project) => project.projectId)])
            }
          >
            Pay out {unpaid.length === 1 ? "the project" : `all ${unpaid.length} projects`}
          </button>
        </>
      );
  }
  if (body === null) return null;
  return (
    <section className="card panel" aria-labelledby="closing-heading">
      <h2 id="closing-heading">{round.status === RoundStatus.Finalized ? "Payouts" : "Closing"}</h2>
      {body}
      {!isConnected && <p className="hint">Connect a wallet to send the transaction.</p>}
      {/* Kept after the delivery, so its confirmation stays in view beside the Finalize button. */}
      {round.season !== undefined && <TransactionStatus state={seasonWrite.state} />}
      <TransactionStatus state={write.state} />
    </section>
  );
}
