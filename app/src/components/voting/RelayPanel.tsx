import { useId, useState } from "react";
import { usePublicClient } from "wagmi";
import { toSignedBallotArgument, type VotingRoundSummary, votingWindow } from "../../data/votingRounds.ts";
import { useActiveChain } from "../../hooks/useActiveChain.ts";
import type { useVotingRoundWrite } from "../../hooks/useVotingRoundWrite.ts";
import { parseSignedBallots, SignedBallotError } from "../../lib/ballot.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";

/**
 * Anyone can submit ballots that voters signed: paste one or more signed ballots (JSON) and send them in one
 * transaction. Each voter's current ballot is read from the chain at that moment: a signed ballot counts only
 * over the ballot its voter had when signing, so one given out before the voter voted again is refused. `write` is
 * the page's, so that a submission's status outlives the voting window closing while it is on its way.
 */
export function RelayPanel(props: {
  round: VotingRoundSummary;
  now: bigint;
  write: ReturnType<typeof useVotingRoundWrite>;
}) {
  const { round, now, write } = props;
  const id = useId();
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (active === undefined || client === undefined) return;
    let ballots;
    try {
      ballots = parseSignedBallots(text, {
        chainId: active.chain.id,
        round: round.address,
        approvedIds: round.approvedProjectIds,
        now,
      });
    } catch (parseError) {
      setError(parseError instanceof SignedBallotError ? parseError.message : "These signed ballots cannot be read.");
      return;
    }
    setError(undefined);
    const label = ballots.length === 1 ? "Submitting 1 signed ballot" : `Submitting ${ballots.length} signed ballots`;
    const receipt = await write.run(label, async () => {
      const argumentsList = await Promise.all(
        ballots.map((ballot) => toSignedBallotArgument(client, active.deployment, ballot)),
      );
      return write.sendNow("castSignedBallots", [argumentsList]);
    });
    if (receipt !== undefined) setText("");
  };

  return (
    <section className="card panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Submit signed ballots</h2>
      {votingWindow(round, now) === "open" ? (
        <>
          <p className="hint">
            Voters who signed their ballot without paying gas hand it to anyone; paste one or more here (as copied, one
            after another or as a list) and submit them all in one transaction. You pay the gas; the votes are theirs.
          </p>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void submit();
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-input`}>Signed ballots (JSON)</label>
              <textarea
                id={`${id}-input`}
                className="code"
                rows={6}
                value={text}
                aria-invalid={error !== undefined}
                aria-describedby={error === undefined ? undefined : `${id}-error`}
                onChange={(event) => {
                  setText(event.target.value);
                  setError(undefined);
                }}
              />
              {error !== undefined && (
                <p id={`${id}-error`} className="field-error" role="alert">
                  {error}
                </p>
              )}
            </div>
            <button
              type="submit"
              className="button-primary"
              disabled={!write.canSend || write.busy || text.trim() === ""}
            >
              Submit signed ballots
            </button>
            {!write.canSend && <p className="hint">Connect a wallet to submit them.</p>}
          </form>
        </>
      ) : (
        <p className="status status-neutral">Voting has closed: signed ballots can no longer be submitted.</p>
      )}
      <TransactionStatus state={write.state} />
    </section>
  );
}
