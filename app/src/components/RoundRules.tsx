import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { usePublicClient } from "wagmi";
import { fetchRuleToken } from "../data/eligibility.ts";
import type { RoundSummary } from "../data/rounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { describeCountingRules, describeEligibility, EligibilityKind } from "../lib/eligibility.ts";

/** How to name the token of a round's TokenBalance rule (undefined for other rules, or while it loads). */
export function useRuleToken(round: RoundSummary) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const rule = round.eligibility;
  return useQuery({
    queryKey: ["ruleToken", active?.chain.id, rule.kind, rule.source],
    enabled: active !== undefined && client !== undefined && rule.kind === EligibilityKind.TokenBalance,
    staleTime: Infinity,
    queryFn: () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      return fetchRuleToken(client, active.deployment, rule);
    },
  });
}

/** The round's rules in plain words: who may donate, and what counts toward the match. */
export function RoundRules({
  round,
  allowlistSize,
  headingLevel = 2,
}: {
  round: RoundSummary;
  /** How many addresses the round's allowlist holds, once its document is read. */
  allowlistSize?: number | undefined;
  headingLevel?: 2 | 3;
}) {
  const ruleToken = useRuleToken(round);
  const headingId = useId();
  const rule = round.eligibility;
  const lines = [
    describeEligibility(rule, { token: ruleToken.data, allowlistSize }),
    ...describeCountingRules(round.countingRules, round.token),
  ];
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="round-rules" aria-labelledby={headingId} data-testid="round-rules">
      <Heading id={headingId}>Who may donate</Heading>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {rule.kind === EligibilityKind.Attestation && (
        <p className="hint">
          Attestations of schema <code className="break">{rule.key}</code> on the attestation service{" "}
          <code className="break">{rule.source}</code>. Donors give the id of theirs at checkout.
        </p>
      )}
      {rule.kind === EligibilityKind.TokenBalance &&
        ruleToken.data !== undefined &&
        !ruleToken.data.isCommonsCredits && (
          <p className="hint">
            Token <code className="break">{rule.source}</code>.
          </p>
        )}
    </section>
  );
}
