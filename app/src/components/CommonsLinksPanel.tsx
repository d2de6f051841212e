import { isAddressEqual } from "viem";
import { Link } from "wouter";
import { commonsShareOf } from "../../../lib/quadratic-funding.ts";
import { RoundStatus } from "../data/contracts.ts";
import { parseSeasonDescription } from "../data/documents.ts";
import type { RoundSummary } from "../data/rounds.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useNetworkWrite } from "../hooks/useNetworkWrite.ts";
import { useRoundWrite } from "../hooks/useRoundWrite.ts";
import { useCommonsShareStatus, useSeason } from "../hooks/useSeasons.ts";
import { formatTime, formatTokenAmount, shortAddress } from "../lib/format.ts";
import { LoadError } from "./Loading.tsx";
import { NodeName } from "./NodeName.tsx";
import { TransactionStatus } from "./TransactionStatus.tsx";
import { firstReadError } from "../lib/queryFailure.ts";

/**
 * How a local round links to the translocal commons: the co-matching season it joined (its draw as it forms, or
 * what it drew) and its commons share (what it is, and once the round is final, sending it to the commons
 * treasury and counting it in the ledger as the node's gift to the commons).
 */
export function CommonsLinksPanel({ round }: { round: RoundSummary }) {
  if (round.season === undefined && round.commonsShareBps === 0) return null;
  return (
    <section className="card panel" aria-labelledby="commons-links-heading">
      <h2 id="commons-links-heading">Co-matching and the commons</h2>
      {round.season !== undefined && <SeasonPart round={round} season={round.season} />}
      {round.commonsShareBps > 0 && <CommonsSharePart round={round} />}
    </section>
  );
}

function SeasonPart({ round, season: address }: { round: RoundSummary; season: `0x${string}` }) {
  const season = useSeason(address);
  const { data: description } = useDocument(season.data?.metadataPointer, "season", parseSeasonDescription);
  if (firstReadError(season)) return <LoadError error={season.error} what="the round's co-matching season" />;
  if (season.data === undefined) return null;
  const token = round.token;
  const fmt = (amount: bigint) => `${formatTokenAmount(amount, token.decimals, 2)} ${token.symbol}`;
  const ofRound = season.data.draws.find((item) => isAddressEqual(item.round, round.address));
  const draw = ofRound?.amount ?? 0n;
  const undelivered = ofRound?.undelivered ?? 0n;
  const name = description?.state === "verified" ? description.value.name : `season ${shortAddress(address)}`;
  return (
    <div data-testid="round-season">
      <p>
        This round is part of the co-matching season <Link href={`/network/seasons/${address}`}>{name}</Link> of{" "}
        <NodeName nodeId={season.data.nodeId} />: its pool is split quadratically among the local rounds that joined, by
        how broadly people gave in each.
      </p>
      {season.data.settled && undelivered > 0n ? (
        <p>
          The season has settled: this round drew <strong data-testid="season-draw">{fmt(draw)}</strong>, but the token
          refused the transfer, so the draw waits in the season until anyone delivers it; it is not in the matching pool
          yet.
        </p>
      ) : season.data.settled ? (
        <p>
          The season has settled: this round drew <strong data-testid="season-draw">{fmt(draw)}</strong>, now part of
          its matching pool.
        </p>
      ) : (
        <p>
          Its draw so far: <strong data-testid="season-draw">{fmt(draw)}</strong> if the season settled now. The draw
          joins the matching pool when the season settles (anyone can settle it from {formatTime(season.data.closesAt)}
          ); the round can only be finalized after that.
        </p>
      )}
    </div>
  );
}

function CommonsSharePart({ round }: { round: RoundSummary }) {
  const status = useCommonsShareStatus(round);
  const roundWrite = useRoundWrite(round.address);
  const ledgerWrite = useNetworkWrite();
  const season = useSeason(round.season);
  const token = round.token;
  const fmt = (amount: bigint) => `${formatTokenAmount(amount, token.decimals, 2)} ${token.symbol}`;
  const percent = `${round.commonsShareBps / 100} %`;
  const final = round.status === RoundStatus.Finalized;
  const ofRound = season.data?.draws.find((item) => isAddressEqual(item.round, round.address));
  // The draw is not in the matching pool yet while the season has not settled, or while it waits in the season.
  const pendingDraw =
    season.data === undefined ? 0n : season.data.settled ? (ofRound?.undelivered ?? 0n) : (ofRound?.amount ?? 0n);
  const info = status.data;
  return (
    <div data-testid="commons-share">
      <p>
        <strong>
          {percent} of the matching pool goes to the translocal commons
          {info !== undefined && info.commonsNodeId !== 0n && (
            <>
              {" "}
              (<NodeName nodeId={info.commonsNodeId} />)
            </>
          )}
        </strong>
        : {final ? "" : "now "}
        {fmt(round.commonsShare)} of {fmt(round.matchingPool)}. The round&apos;s own rule distributes the rest,{" "}
        {fmt(round.distributablePool)}, to its projects{final ? "" : "; the estimated matches use that amount"}.
        {pendingDraw > 0n && (
          <>
            {" "}
            {season.data?.settled === true
              ? "With the season's draw, once delivered,"
              : "With the season's draw so far"}{" "}
            the share would be {fmt(commonsShareOf(round.matchingPool + pendingDraw, round.commonsShareBps))}.
          </>
        )}
      </p>
      <p className="hint">
        The share is counted in the contribution ledger as <NodeName nodeId={round.nodeId} />
        &apos;s money given to the commons, and earns the node commons credits.
      </p>
      {firstReadError(status) && <LoadError error={status.error} what="where the commons share goes" />}
      {/* The statuses do not wait for `info`: once the share is sent, where it goes is read again, and what was
          sent from here stays in view meanwhile (or if that read fails). */}
      {final &&
        info !== undefined &&
        (round.commonsShareSent ? (
          <p className="status status-ok">
            The commons share ({fmt(round.commonsShare)}) was sent to the translocal commons treasury
            {info.treasury === undefined ? "" : ` ${shortAddress(info.treasury)}`}.
          </p>
        ) : round.commonsShare === 0n ? (
          <p>The matching pool was empty: there is no commons share to send.</p>
        ) : info.treasury === undefined ? (
          <p className="status status-error">
            The network has no commons treasury yet: its governors must name one before the commons share of{" "}
            {fmt(round.commonsShare)} can be sent.
          </p>
        ) : (
          <p>
            Anyone can send the commons share of {fmt(round.commonsShare)} to the translocal commons treasury{" "}
            {shortAddress(info.treasury)}.{" "}
            <button
              type="button"
              className="button-primary"
              disabled={!roundWrite.canSend || roundWrite.busy}
              onClick={() => void roundWrite.send("Sending the commons share", "claimCommonsShare", [])}
            >
              Send the commons share
            </button>
          </p>
        ))}
      {final && <TransactionStatus state={roundWrite.state} />}
      {final &&
        info !== undefined &&
        round.commonsShare > 0n &&
        (info.counted ? (
          <p className="status status-ok">
            Counted in the ledger as <NodeName nodeId={round.nodeId} />
            &apos;s gift to the commons.
          </p>
        ) : info.moneyKind === 0 ? (
          <p className="hint">The network does not count {token.symbol} as money given to the commons.</p>
        ) : info.commonsNodeId === 0n ? (
          <p className="hint">This round&apos;s node belongs to no translocal commons to count a gift to.</p>
        ) : info.nodeAccount === undefined ? (
          <p className="status status-error">
            <NodeName nodeId={round.nodeId} /> has no account of its own yet: its stewards must set one before the
            commons share can be counted in the ledger.
          </p>
        ) : (
          <p>
            Not counted in the ledger yet: counting it credits {shortAddress(info.nodeAccount)}, the node&apos;s own
            account.{" "}
            <button
              type="button"
              className="button-secondary"
              disabled={!ledgerWrite.canSend || ledgerWrite.busy}
              onClick={() =>
                void ledgerWrite.sendLedger("Counting the commons share in the ledger", "countCommonsShare", [
                  round.address,
                ])
              }
            >
              Count it in the ledger
            </button>
          </p>
        ))}
      {final && <TransactionStatus state={ledgerWrite.state} />}
    </div>
  );
}
