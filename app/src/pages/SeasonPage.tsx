import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { type Address, getAddress, isAddress, isAddressEqual } from "viem";
import { useConfig, useConnection } from "wagmi";
import { Link } from "wouter";
import { normalisationFactor } from "../../../lib/quadratic-funding.ts";
import { AmountInput, parsedAmount } from "../components/AmountInput.tsx";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { LoadError, Loading, RefreshFailed } from "../components/Loading.tsx";
import { RoundLoadError, roundReadError } from "../components/RoundLoadError.tsx";
import { AccountLink } from "../components/network/AccountLink.tsx";
import { NetworkNav } from "../components/network/NetworkNav.tsx";
import { NodeName } from "../components/NodeName.tsx";
import { roundNameOf } from "../components/RoundName.tsx";
import { SeasonFlowChart } from "../components/season/SeasonFlowChart.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { parseRoundDescription, parseSeasonDescription } from "../data/documents.ts";
import { fetchDocument } from "../data/metadata.ts";
import { nodeName } from "../data/network.ts";
import { RoundStatus } from "../data/contracts.ts";
import { roundPhase, type RoundSummary } from "../data/rounds.ts";
import type { Recoverable, SeasonDraw, SeasonSummary } from "../data/seasons.ts";
import { prepareSpending, requireBalance } from "../data/spending.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useNodes } from "../hooks/useNetwork.ts";
import { useRounds } from "../hooks/useRounds.ts";
import { useRecoverable, useSeason, useSeasonAccount, useSeasonFunders } from "../hooks/useSeasons.ts";
import { useSeasonWrite } from "../hooks/useSeasonWrite.ts";
import { formatRelative, formatShare, formatTime, formatTokenAmount } from "../lib/format.ts";
import { describePhase } from "../lib/phases.ts";
import {
  claimableReturn,
  drawsToDeliver,
  ownMatchingPool,
  type SeasonPhase,
  seasonFlows,
  seasonPhase,
} from "../lib/season.ts";
import { firstReadError, type ReadResult } from "../lib/queryFailure.ts";
import "../network.css";
import "../season.css";

/** `/network/seasons/:address`: a co-matching season, its local rounds' draws as they form, and its flows. */
export function SeasonPage({ address }: { address: string }) {
  if (!isAddress(address)) return <p className="status status-error">“{address}” is not a season address.</p>;
  return <SeasonView address={getAddress(address)} />;
}

function SeasonView({ address }: { address: Address }) {
  const season = useSeason(address);
  const rounds = useRounds();
  const now = useChainTime();
  const seasonError = roundReadError(season);
  if (seasonError) return <RoundLoadError error={seasonError} what="the season" />;
  if (firstReadError(rounds)) return <LoadError error={rounds.error} what="the season's rounds" />;
  if (season.data === undefined || rounds.data === undefined || now === undefined) {
    return <Loading what="the season" />;
  }
  const ofSeason = season.data.draws.flatMap((draw) => {
    const round = rounds.data.find((candidate) => isAddressEqual(candidate.address, draw.round));
    return round === undefined ? [] : [round];
  });
  return <SeasonDetails season={season.data} rounds={ofSeason} now={now} reads={[season, rounds]} />;
}

/** Each round's name from its verified description (its address until then). */
function useRoundNames(rounds: readonly RoundSummary[]): Map<Address, string> {
  const descriptions = useQueries({
    queries: rounds.map((round) => ({
      queryKey: ["document", "round", round.metadataPointer],
      staleTime: Infinity,
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchDocument(round.metadataPointer, parseRoundDescription, signal),
    })),
  });
  return new Map(rounds.map((round, index) => [round.address, roundNameOf(round.address, descriptions[index]?.data)]));
}

const PHASE_WORDS: Record<SeasonPhase, string> = {
  open: "Open: taking funds, its rounds' donations running",
  awaitingSettlement: "Over: waiting for anyone to settle it",
  settled: "Settled: each round's draw is in its matching pool",
};

/** `reads` are the page's reads of the season and its rounds, for a line when one failed to refresh. */
function SeasonDetails(props: {
  season: SeasonSummary;
  rounds: RoundSummary[];
  now: bigint;
  reads: readonly ReadResult<unknown>[];
}) {
  const { season, rounds, now } = props;
  const { data: description } = useDocument(season.metadataPointer, "season", parseSeasonDescription);
  const nodes = useNodes();
  const funders = useSeasonFunders(season);
  const names = useRoundNames(rounds);
  const phase = seasonPhase(season, now);
  const token = season.token;
  const fmt = (amount: bigint) => `${formatTokenAmount(amount, token.decimals, 2)} ${token.symbol}`;
  const name = description?.state === "verified" ? description.value.name : `Season ${season.address.slice(0, 10)}…`;
  const drawn = season.draws.reduce((sum, draw) => sum + draw.amount, 0n);
  const drawOf = (round: Address) =>
    season.draws.find((draw) => isAddressEqual(draw.round, round)) ?? { amount: 0n, undelivered: 0n };
  const toDeliver = drawsToDeliver(season.draws, (address) =>
    rounds.some((round) => isAddressEqual(round.address, address) && round.status === RoundStatus.Cancelled),
  );
  const delivery = useSeasonWrite(season.address);
  const settlement = useSeasonWrite(season.address);
  // Funding is the page's too: someone may settle the season while a gift is on its way (it is then refused), and
  // what became of the gift must stay in sight.
  const funding = useSeasonWrite(season.address);
  const flows = seasonFlows(
    season,
    rounds.map((round) => {
      const draw = drawOf(round.address);
      return {
        address: round.address,
        name: names.get(round.address) ?? round.address,
        nodeName: nodeName(nodes.data, round.nodeId),
        ownPool: ownMatchingPool(round.matchingPool, draw, season.settled),
        draw: draw.amount,
        commonsShareBps: round.commonsShareBps,
      };
    }),
  );
  return (
    <>
      <NetworkNav />
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/network">Network</Link> / Co-matching seasons / {name}
      </nav>
      <header className="round-header">
        <p className="eyebrow">
          Co-matching season of <NodeName nodeId={season.nodeId} />
        </p>
        <h1>{name}</h1>
        <p className={`phase phase-season-${phase}`} data-testid="season-phase">
          {phase === "settled" && toDeliver.length > 0
            ? `Settled: ${toDeliver.length} of the rounds' draws ${toDeliver.length === 1 ? "waits" : "wait"} to be delivered`
            : PHASE_WORDS[phase]}
          {phase === "open" && ` · can be settled ${formatRelative(season.closesAt, now)}`}
        </p>
        <RefreshFailed reads={props.reads} />
        <DocumentProblem fetched={description} what="season description" />
        {description?.state === "verified" && <p className="lede">{description.value.description}</p>}
        <dl className="figures figures-wide">
          <div>
            <dt>Co-matching pool</dt>
            <dd data-testid="season-pool">{fmt(season.pool)}</dd>
          </div>
          <div>
            <dt>Funders</dt>
            <dd>{funders.data?.length ?? "…"}</dd>
          </div>
          <div>
            <dt>Local rounds</dt>
            <dd>{season.draws.length}</dd>
          </div>
          <div>
            <dt>{season.settled ? "Drawn by the rounds" : "Would be drawn now"}</dt>
            <dd data-testid="season-drawn">{fmt(drawn)}</dd>
          </div>
          <div>
            <dt>Settles from</dt>
            <dd>{formatTime(season.closesAt)}</dd>
          </div>
        </dl>
        <p className="hint">
          Co-matching splits the pool quadratically among the local rounds: each round is a recipient and the people who
          gave in it are its contributors, with what counted of everything they gave there. A round with broad local
          support draws more than one with a few large donors. Each draw joins the round&apos;s matching pool when the
          season settles; paid in {token.name} ({token.symbol}).
        </p>
      </header>
      <div className="panels">
        {(!season.settled || funding.state.status !== "idle") && (
          <FundSeasonPanel season={season} now={now} write={funding} />
        )}
        {(phase === "awaitingSettlement" || settlement.state.status !== "idle") && (
          <SettlePanel settled={season.settled} settlement={settlement} />
        )}
        {(toDeliver.length > 0 || delivery.state.status !== "idle") && (
          <DrawsToDeliverPanel season={season} draws={toDeliver} names={names} delivery={delivery} />
        )}
        {phase === "settled" && <ReturnsPanel season={season} drawn={drawn} />}
        <FundersPanel season={season} funders={funders.data} error={firstReadError(funders)} />
      </div>
      <SeasonRounds season={season} rounds={rounds} names={names} now={now} />
      <SeasonFlowChart flows={flows} token={token} settled={season.settled} />
    </>
  );
}

/** Adding to the co-matching pool, which the season takes until it is settled (after its close too). */
function FundSeasonPanel(props: { season: SeasonSummary; now: bigint; write: ReturnType<typeof useSeasonWrite> }) {
  const { season, now, write } = props;
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const [amount, setAmount] = useState("");
  const token = season.token;
  const parsed = parsedAmount(amount, token);

  const fund = async () => {
    if (!parsed.ok || account === undefined || active === undefined) return;
    const chainId = active.chain.id;
    const receipt = await write.run("Adding to the co-matching pool", async () => {
      await requireBalance(config, { chainId, token, owner: account, amount: parsed.value }, "you are adding");
      if (!token.isNative) {
        // The season takes an approval (it has no permit entry point).
        await prepareSpending(
          config,
          { chainId, token, owner: account, spender: season.address, amount: parsed.value, now, permits: false },
          () => undefined,
        );
      }
      return write.sendNow("fund", [parsed.value], token.isNative ? parsed.value : undefined);
    });
    if (receipt) setAmount("");
  };

  return (
    <section className="card panel" aria-labelledby="fund-season-heading">
      <h2 id="fund-season-heading">Fund the season</h2>
      <p>
        Anyone can add to the co-matching pool until the season settles. What the rule leaves, and what comes back from
        cancelled or finished rounds, returns to the funders in proportion to what they gave.
      </p>
      {season.settled ? (
        <p className="status status-neutral">The season is settled: it takes no more funds.</p>
      ) : (
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            void fund();
          }}
        >
          <AmountInput label="Add to the co-matching pool" token={token} value={amount} onChange={setAmount} />
          <button type="submit" className="button-primary" disabled={!write.canSend || !parsed.ok || write.busy}>
            Add to the co-matching pool
          </button>
          {!isConnected && <p className="hint">Connect a wallet to fund the season.</p>}
        </form>
      )}
      <TransactionStatus state={write.state} />
    </section>
  );
}

/**
 * Settling, for anyone once the season is over. It stays once the season reads as settled after a settle sent from
 * here, so that the confirmation stays in view: the page can learn of the new block before the wallet's receipt.
 */
function SettlePanel({ settled, settlement }: { settled: boolean; settlement: ReturnType<typeof useSeasonWrite> }) {
  const { isConnected } = useConnection();
  return (
    <section className="card panel" aria-labelledby="settle-heading">
      <h2 id="settle-heading">Settle the season</h2>
      {settled ? (
        <p className="status status-ok">The season is settled.</p>
      ) : (
        <>
          <p>
            The season is over. Anyone can settle it: each round&apos;s draw goes into its matching pool, and each round
            can then be finalized.
          </p>
          <button
            type="button"
            className="button-primary"
            disabled={!settlement.canSend || settlement.busy}
            onClick={() => void settlement.send("Settling the season", "settle", [])}
          >
            Settle the season
          </button>
          {!isConnected && <p className="hint">Connect a wallet to send the transaction.</p>}
        </>
      )}
      <TransactionStatus state={settlement.state} />
    </section>
  );
}

/**
 * After settling: the draws the rounds refused then, which anyone can deliver once the token accepts them. It stays
 * after the last delivery, so that the delivery's confirmation stays in view.
 */
function DrawsToDeliverPanel(props: {
  season: SeasonSummary;
  draws: SeasonDraw[];
  names: Map<Address, string>;
  delivery: ReturnType<typeof useSeasonWrite>;
}) {
  const { season, draws, names, delivery } = props;
  const { isConnected } = useConnection();
  const token = season.token;
  const fmt = (amount: bigint) => `${formatTokenAmount(amount, token.decimals, 2)} ${token.symbol}`;
  return (
    <section className="card panel" aria-labelledby="draws-to-deliver-heading">
      <h2 id="draws-to-deliver-heading">Draws waiting to be delivered</h2>
      {draws.length === 0 ? (
        <p className="status status-ok">Every round&apos;s draw is in its matching pool.</p>
      ) : (
        <>
          <p>
            When the season settled, the token refused these rounds&apos; draws (it was paused, or its issuer blocks the
            round&apos;s address), so they wait in the season. A round cannot be finalized until its draw is in its
            matching pool. Anyone can deliver a draw once the token accepts it again; if the round is cancelled instead,
            its draw comes back to the funders.
          </p>
          <ul className="draws-to-deliver" aria-label="Draws waiting to be delivered">
            {draws.map((draw) => {
              const name = names.get(draw.round) ?? draw.round;
              return (
                <li key={draw.round} data-round={draw.round}>
                  <Link href={`/rounds/${draw.round}`}>{name}</Link>: {fmt(draw.undelivered)}{" "}
                  <button
                    type="button"
                    className="button-secondary"
                    disabled={!delivery.canSend || delivery.busy}
                    onClick={() =>
                      void delivery.send(`Delivering ${fmt(draw.undelivered)} to ${name}`, "deliverDraw", [draw.round])
                    }
                  >
                    Deliver the draw
                    <span className="visually-hidden"> of {name}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {!isConnected && <p className="hint">Connect a wallet to send the transaction.</p>}
        </>
      )}
      <TransactionStatus state={delivery.state} />
    </section>
  );
}

function ReturnsPanel({ season, drawn }: { season: SeasonSummary; drawn: bigint }) {
  const mine = useSeasonAccount(season);
  const write = useSeasonWrite(season.address);
  const token = season.token;
  const fmt = (amount: bigint) => `${formatTokenAmount(amount, token.decimals)} ${token.symbol}`;
  const claimable = mine.data === undefined ? 0n : claimableReturn(mine.data, season.returned, season.pool);
  return (
    <section className="card panel" aria-labelledby="returns-heading">
      <h2 id="returns-heading">What came back</h2>
      <dl className="figures">
        <div>
          <dt>Drawn by the rounds</dt>
          <dd>{fmt(drawn)}</dd>
        </div>
        <div>
          <dt>Came back to the funders</dt>
          <dd data-testid="season-returned">{fmt(season.returned)}</dd>
        </div>
      </dl>
      <p className="hint">
        What the rule leaves of the pool comes back at once; a cancelled round&apos;s draw, or the season&apos;s part of
        a finalized round&apos;s leftover, comes back when anyone recovers it (below).
      </p>
      {mine.data !== undefined &&
        mine.data.funded > 0n &&
        (claimable > 0n ? (
          <p>
            Your share of what came back: <strong>{fmt(claimable)}</strong>{" "}
            <button
              type="button"
              className="button-primary"
              disabled={!write.canSend || write.busy}
              onClick={() => void write.send("Claiming your return", "claimReturn", [])}
            >
              Claim my return
            </button>
          </p>
        ) : mine.data.claimed > 0n ? (
          <p className="status status-ok">You have claimed your share of what came back ({fmt(mine.data.claimed)}).</p>
        ) : (
          <p>Nothing has come back for you to claim yet.</p>
        ))}
      <TransactionStatus state={write.state} />
    </section>
  );
}

function FundersPanel(props: {
  season: SeasonSummary;
  funders: { funder: Address; funded: bigint }[] | undefined;
  error: unknown;
}) {
  const { season, funders, error } = props;
  const token = season.token;
  return (
    <section className="card panel" aria-labelledby="season-funders-heading">
      <h2 id="season-funders-heading">Funders</h2>
      {error ? (
        <LoadError error={error} what="the season's funders" />
      ) : funders === undefined ? (
        <Loading what="the funders" />
      ) : funders.length === 0 ? (
        <p className="empty">No one has funded the season yet.</p>
      ) : (
        <ul className="season-funders" aria-label="Funders of the season">
          {funders.map((funder) => (
            <li key={funder.funder}>
              <AccountLink address={funder.funder} />: {formatTokenAmount(funder.funded, token.decimals, 2)}{" "}
              {token.symbol} <span className="share">({formatShare(funder.funded, season.pool)} of the pool)</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SeasonRounds(props: {
  season: SeasonSummary;
  rounds: RoundSummary[];
  names: Map<Address, string>;
  now: bigint;
}) {
  const { season, rounds, names, now } = props;
  const recoverable = useRecoverable(season, rounds);
  const token = season.token;
  const factor = normalisationFactor(token.decimals);
  const fmt = (amount: bigint) => `${formatTokenAmount(amount, token.decimals, 2)} ${token.symbol}`;
  return (
    <section className="card panel" aria-labelledby="season-rounds-heading">
      <h2 id="season-rounds-heading">Local rounds and their draws</h2>
      <p className="hint">
        {season.settled
          ? "What each round drew from the co-matching pool when the season settled."
          : "Each round's draw if the season settled now: it changes with every donation."}{" "}
        A round&apos;s ideal is S² − Σ g, with g what counted of all each person gave in it and S = Σ √g; its draw is
        pool × ideal ÷ Σ ideal (or its ideal when the pool covers them all), rounded down.
      </p>
      {rounds.length === 0 ? (
        <p className="empty">No local round has joined the season yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="results-table season-rounds">
            <thead>
              <tr>
                <th scope="col">Round</th>
                <th scope="col">Node</th>
                <th scope="col">Its own matching pool</th>
                <th scope="col">Ideal</th>
                <th scope="col">{season.settled ? "Drew" : "Draw so far"}</th>
                <th scope="col">Of the co-matching pool</th>
                <th scope="col">Commons share</th>
              </tr>
            </thead>
            <tbody>
              {season.draws.map((draw) => {
                const round = rounds.find((candidate) => isAddressEqual(candidate.address, draw.round));
                const name = names.get(draw.round) ?? draw.round;
                const ownPool = round === undefined ? 0n : ownMatchingPool(round.matchingPool, draw, season.settled);
                return (
                  <tr key={draw.round} data-round={draw.round}>
                    <th scope="row">
                      <Link href={`/rounds/${draw.round}`}>{name}</Link>
                      {round !== undefined && (
                        <div className="hint">{describePhase(round, roundPhase(round, now), now)}</div>
                      )}
                      {round !== undefined && (
                        <RecoverAction
                          season={season}
                          name={name}
                          recoverable={recoverable.data?.find((item) => isAddressEqual(item.round, draw.round))}
                        />
                      )}
                    </th>
                    <td>{round === undefined ? "" : <NodeName nodeId={round.nodeId} />}</td>
                    <td>{fmt(ownPool)}</td>
                    <td data-testid="ideal">{fmt(draw.ideal / factor)}</td>
                    <td>
                      <span data-testid="draw">{fmt(draw.amount)}</span>
                      {draw.undelivered > 0n && (
                        <div className="hint" data-testid="draw-undelivered">
                          {fmt(draw.undelivered)} waiting in the season
                        </div>
                      )}
                    </td>
                    <td>{formatShare(draw.amount, season.pool)}</td>
                    <td>
                      {round === undefined || round.commonsShareBps === 0 ? "none" : `${round.commonsShareBps / 100} %`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {firstReadError(recoverable) && <LoadError error={recoverable.error} what="what the season can recover" />}
    </section>
  );
}

/**
 * After settling: the season takes back a cancelled round's draw (from the round, or from the season itself when
 * the draw never reached it), or its part of a finalized round's leftover.
 */
function RecoverAction(props: { season: SeasonSummary; name: string; recoverable: Recoverable | undefined }) {
  const { season, name, recoverable } = props;
  const write = useSeasonWrite(season.address);
  // A recovery changes what the season can recover, which is then read again: its status stays meanwhile.
  if (recoverable === undefined && write.state.status === "idle") return null;
  const fmt = (amount: bigint) => `${formatTokenAmount(amount, season.token.decimals)} ${season.token.symbol}`;
  return (
    <div>
      {recoverable === undefined ? null : recoverable.recovered ? (
        <div className="hint">The season took back its part.</div>
      ) : (
        recoverable.amount > 0n && (
          <>
            {recoverable.undelivered > 0n && (
              <div className="hint">Its draw never reached it: recovering it returns it to the funders.</div>
            )}
            <button
              type="button"
              className="button-secondary"
              disabled={!write.canSend || write.busy}
              onClick={() => void write.send(`Recovering ${fmt(recoverable.amount)}`, "recover", [recoverable.round])}
            >
              Recover {fmt(recoverable.amount)}
              <span className="visually-hidden"> from {name}</span>
            </button>
          </>
        )
      )}
      {/* Kept after the recovery, so its confirmation stays in view. */}
      <TransactionStatus state={write.state} />
    </div>
  );
}
