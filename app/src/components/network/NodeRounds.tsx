import { Link } from "wouter";
import { roundPhase, roundsOfNode, type RoundSummary } from "../../data/rounds.ts";
import { useChainTime } from "../../hooks/useChainTime.ts";
import { useRounds } from "../../hooks/useRounds.ts";
import { describePhase } from "../../lib/phases.ts";
import { LoadError } from "../Loading.tsx";
import { useRoundName } from "../RoundName.tsx";

/**
 * The rounds a node runs: its open rounds (and, with `withClosed`, the finalized and cancelled ones), each
 * linked, with where it stands.
 */
export function NodeRounds({
  nodeId,
  nodeName,
  withClosed,
}: {
  nodeId: bigint;
  nodeName: string;
  withClosed: boolean;
}) {
  const rounds = useRounds();
  const now = useChainTime();
  if (rounds.error) return <LoadError error={rounds.error} what="the rounds" />;
  if (rounds.data === undefined || now === undefined) return null;
  const { open, closed } = roundsOfNode(rounds.data, nodeId, now);
  const shown = withClosed ? [...open, ...closed] : open;
  return (
    <div className="node-rounds" data-testid="node-rounds">
      <strong>{open.length === 1 ? "1 open round" : `${open.length} open rounds`}</strong>
      {shown.length > 0 && (
        <ul aria-label={withClosed ? `Rounds of ${nodeName}` : `Open rounds of ${nodeName}`}>
          {shown.map((round) => (
            <li key={round.address}>
              <RoundLink round={round} now={now} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function RoundLink({ round, now }: { round: RoundSummary; now: bigint }) {
  const name = useRoundName(round.address, round.metadataPointer);
  return (
    <>
      <Link href={`/rounds/${round.address}`}>{name}</Link>{" "}
      <span className="hint">· {describePhase(round, roundPhase(round, now), now)}</span>
    </>
  );
}
