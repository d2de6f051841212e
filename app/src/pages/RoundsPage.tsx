import { roundGroup, roundPhase, type RoundSummary } from "../data/rounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useRounds } from "../hooks/useRounds.ts";
import { RoundCard } from "../components/RoundCard.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";

const GROUPS = [
  { key: "open", title: "Open now", empty: "No round is taking applications or donations right now." },
  { key: "upcoming", title: "Upcoming", empty: "No round is scheduled." },
  { key: "closed", title: "Closed", empty: "No round has closed yet." },
] as const;

/** The network's rounds: open first, then upcoming, then closed. */
export function RoundsPage() {
  const active = useActiveChain();
  const rounds = useRounds();
  const now = useChainTime();
  if (active === undefined) {
    return <p>This build of Hyphae has no deployment to show. Deploy the contracts and build the app again.</p>;
  }
  if (rounds.error) return <LoadError error={rounds.error} what="the rounds" />;
  if (rounds.data === undefined || now === undefined) return <Loading what="rounds" />;
  const grouped = new Map<string, RoundSummary[]>();
  for (const round of rounds.data) {
    const group = roundGroup(roundPhase(round, now));
    grouped.set(group, [...(grouped.get(group) ?? []), round]);
  }
  return (
    <>
      <section className="intro">
        <h1>Fund the commons of your bioregion</h1>
        <p>
          Local projects apply to rounds of their node. Funders fill a matching pool; your donation is matched by
          quadratic funding, so many small gifts count more than a few large ones. Every number here is read from the
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
                {list.map((round) => (
                  <RoundCard key={round.address} round={round} now={now} />
                ))}
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
