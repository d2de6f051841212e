import { roundGroup, roundPhase, type RoundSummary } from "../data/rounds.ts";
import { votingGroup, votingPhase, type VotingRoundSummary } from "../data/votingRounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useRounds } from "../hooks/useRounds.ts";
import { useVotingRounds } from "../hooks/useVotingRounds.ts";
import { RoundCard } from "../components/RoundCard.tsx";
import { VotingRoundCard } from "../components/VotingRoundCard.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { firstReadError } from "../lib/queryFailure.ts";

const GROUPS = [
  { key: "open", title: "Open now", empty: "No round is taking applications, donations or votes right now." },
  { key: "upcoming", title: "Upcoming", empty: "No round is scheduled." },
  { key: "closed", title: "Closed", empty: "No round has closed yet." },
] as const;

/** The network's rounds: open first, then upcoming, then closed. */
export function RoundsPage() {
  const active = useActiveChain();
  const rounds = useRounds();
  const votingRounds = useVotingRounds();
  const now = useChainTime();
  if (active === undefined) {
    return <p>This build of Hyphae has no deployment to show. Deploy the contracts and build the app again.</p>;
  }
  if (firstReadError(rounds)) return <LoadError error={rounds.error} what="the rounds" />;
  if (firstReadError(votingRounds)) return <LoadError error={votingRounds.error} what="the voting rounds" />;
  if (rounds.data === undefined || votingRounds.data === undefined || now === undefined) {
    return <Loading what="rounds" />;
  }
  // Funding rounds, then voting rounds, each in creation order; every group lists the newest first.
  const grouped = new Map<string, (RoundSummary | VotingRoundSummary)[]>();
  for (const round of rounds.data) {
    const group = roundGroup(roundPhase(round, now));
    grouped.set(group, [...(grouped.get(group) ?? []), round]);
  }
  for (const round of votingRounds.data) {
    const group = votingGroup(votingPhase(round, now));
    grouped.set(group, [...(grouped.get(group) ?? []), round]);
  }
  return (
    <>
      <section className="intro">
        <h1>Fund the commons of your bioregion</h1>
        <p>
          Local projects apply to rounds of their node. Funders fill a matching pool; your donation is matched by
          quadratic funding, so many small gifts count more than a few large ones. In quadratic voting rounds, holders
          of commons credits spend voice credits on the projects they want funded. Every number here is read from the
          chain on {active.chain.name}.
        </p>
      </section>
      {GROUPS.map((group) => {
        const list = (grouped.get(group.key) ?? []).slice().reverse();
        return (
          <section key={group.key} aria-labelledby={`group-${group.key}`} className="round-group">
            <h2 id={`group-${group.key}`}>
              {group.title} <span className="count">{list.length}</span>
            </h2>
            {list.length === 0 ? (
              <p className="empty">{group.empty}</p>
            ) : (
              <div className="grid">
                {list.map((round) =>
                  "kind" in round ? (
                    <VotingRoundCard key={round.address} round={round} now={now} />
                  ) : (
                    <RoundCard key={round.address} round={round} now={now} />
                  ),
                )}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
