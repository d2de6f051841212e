import { Link } from "wouter";
import { parseSeasonDescription } from "../../data/documents.ts";
import type { SeasonSummary } from "../../data/seasons.ts";
import { useChainTime } from "../../hooks/useChainTime.ts";
import { useDocument } from "../../hooks/useDocument.ts";
import { useSeasons } from "../../hooks/useSeasons.ts";
import { formatRelative, formatTokenAmount, shortAddress } from "../../lib/format.ts";
import { seasonPhase } from "../../lib/season.ts";
import { LoadError } from "../Loading.tsx";
import { NodeName } from "../NodeName.tsx";
import { firstReadError } from "../../lib/queryFailure.ts";

/** The network's co-matching seasons: the translocal commons co-funding local rounds, each linked to its page. */
export function SeasonsSection() {
  const seasons = useSeasons();
  const now = useChainTime();
  return (
    <section aria-labelledby="seasons-heading" className="network-section">
      <h2 id="seasons-heading">
        Co-matching seasons <span className="count">{seasons.data?.length ?? ""}</span>
      </h2>
      <p className="hint">
        A season&apos;s pool is split quadratically among the local rounds that join it: broad local support draws more.
      </p>
      {firstReadError(seasons) ? (
        <LoadError error={seasons.error} what="the seasons" />
      ) : seasons.data === undefined || now === undefined ? null : seasons.data.length === 0 ? (
        <p className="empty">No co-matching season has been opened yet.</p>
      ) : (
        <ul className="season-list">
          {[...seasons.data].reverse().map((season) => (
            <SeasonItem key={season.address} season={season} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SeasonItem({ season, now }: { season: SeasonSummary; now: bigint }) {
  const { data } = useDocument(season.metadataPointer, "season", parseSeasonDescription);
  const name = data?.state === "verified" ? data.value.name : `Season ${shortAddress(season.address)}`;
  const phase = seasonPhase(season, now);
  const status =
    phase === "open"
      ? `settles ${formatRelative(season.closesAt, now)}`
      : phase === "awaitingSettlement"
        ? "over, waiting to be settled"
        : "settled";
  return (
    <li className="card">
      <Link href={`/network/seasons/${season.address}`}>{name}</Link>{" "}
      <span className="hint">
        · <NodeName nodeId={season.nodeId} /> · pool {formatTokenAmount(season.pool, season.token.decimals, 2)}{" "}
        {season.token.symbol} · {season.draws.length} local {season.draws.length === 1 ? "round" : "rounds"} · {status}
      </span>
    </li>
  );
}
