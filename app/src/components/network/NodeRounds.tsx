import { Link } from "wouter";
import { roundPhase, roundsOfNode, type RoundSummary } from "../../data/rounds.ts";
import { isVotingRoundOpen, type VotingRoundSummary, votingPhase } from "../../data/votingRounds.ts";
import { useChainTime } from "../../hooks/useChainTime.ts";
import { useRounds } from "../../hooks/useRounds.ts";
import { useVotingRounds } from "../../hooks/useVotingRounds.ts";
import { describePhase, describeVotingPhase } from "../../lib/phases.ts";
import { LoadError } from "../Loading.tsx";
import { useRoundName } from "../RoundName.tsx";
import { firstReadError } from "../../lib/queryFailure.ts";

/**
 * The rounds a node runs, funding and voting rounds side by side: its open rounds (and, with `withClosed`, the
 * finalized and cancelled ones), each linked, with where it stands.
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
  const votingRounds = useVotingRounds();
  const now = useChainTime();
  if (firstReadError(rounds)) return <LoadError error={rounds.error} what="the rounds" />;
  if (firstReadError(votingRounds)) return <LoadError error={votingRounds.error} what="the voting rounds" />;
  if (rounds.data === undefined || votingRounds.data === undefined || now === undefined) return null;
  const { open, closed } = roundsOfNode(rounds.data, nodeId, now);
  const ofNode = votingRounds.data.filter((round) => round.nodeId === nodeId);
  const openVotes = ofNode.filter((round) => isVotingRoundOpen(round, now));
  const closedVotes = ofNode.filter((round) => !isVotingRoundOpen(round, now));
  const openCount = open.length + openVotes.length;
  const shown: (RoundSummary | VotingRoundSummary)[] = withClosed
    ? [...open, ...openVotes, ...closed, ...closedVotes]
    : [...open, ...openVotes];
  return (
    <div className="node-rounds" data-testid="node-rounds">
      <strong>{openCount === 1 ? "1 open round" : `${openCount} open rounds`}</strong>
      {shown.length > 0 && (
        <ul aria-label={withClosed ? `Rounds of ${nodeName}` : `Open rounds of ${nodeName}`}>
          {shown.map((round) => (
            <li key={round.address}>
              {"kind" in round ? <VotingRoundLink round={round} now={now} /> : <RoundLink round={round} now={now} />}
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

function VotingRoundLink({ round, now }: { round: VotingRoundSummary; now: bigint }) {
  const name = useRoundName(round.address, round.metadataPointer);
  return (
    <>
      <Link href={`/voting/${round.address}`}>{name}</Link> <span className="round-kind">Quadratic voting</span>{" "}
      <span className="hint">· {describeVotingPhase(round, votingPhase(round, now), now)}</span>
    </>
  );
}
