import { useQueries, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import type { Address, Hex } from "viem";
import { Link } from "wouter";
import { useConnection, useConfig, usePublicClient } from "wagmi";
import { useQueryClient } from "@tanstack/react-query";
import { countedAfter, hasCountingRules, previewDonations } from "../../../lib/quadratic-funding.ts";
import { type CheckoutStep, donateToRound, NotAFactoryRoundError } from "../data/checkout.ts";
import { type AllowlistSource, assessEligibility, type DonorEligibility } from "../data/donorEligibility.ts";
import { SpendingRefusedError } from "../data/spending.ts";
import { parseProjectProfile, parseRoundDescription } from "../data/documents.ts";
import { fetchDocument } from "../data/metadata.ts";
import {
  isDonationWindowOpen,
  NotARoundOfThisNetworkError,
  type RoundProject,
  type RoundSummary,
} from "../data/rounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useCart } from "../hooks/useCart.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useRound, useRoundProjects } from "../hooks/useRounds.ts";
import { type CartLine, linesByRound, removeFromCart, removeRound, setCartAmount } from "../lib/cart.ts";
import { attestationIdProblem, EligibilityKind } from "../lib/eligibility.ts";
import { describeError } from "../lib/errors.ts";
import { formatTokenAmount, parseTokenAmount, shortAddress } from "../lib/format.ts";
import { LoadError, Loading } from "../components/Loading.tsx";
import { RoundLoadError } from "../components/RoundLoadError.tsx";
import { useRoundName } from "../components/RoundName.tsx";
import { RoundRules, useRuleToken } from "../components/RoundRules.tsx";
import { firstReadError } from "../lib/queryFailure.ts";

/** Where each round of the cart stands in a checkout. */
type RoundOutcome =
  | { state: "working"; step: CheckoutStep }
  | { state: "done"; total: string }
  | { state: "declined"; message: string }
  | { state: "failed"; message: string };

const STEP_WORDS: Record<CheckoutStep, string> = {
  checking: "Checking your balance and allowance…",
  resuming: "Waiting for the donation sent earlier…",
  signingPermit: "Sign the permit in your wallet (no transaction, no fee)…",
  approving: "Approve the round to take the total, in your wallet…",
  donating: "Confirm the donation in your wallet…",
  waitingForReceipt: "Donation sent: waiting for confirmation…",
};

/** Everything a round section needs to check out, once its data has loaded. */
interface ReadyRound {
  round: RoundSummary;
  lines: { line: CartLine; amount: bigint }[];
  /** What the donation must carry to meet the round's eligibility rule (empty if it needs nothing). */
  proof: Hex[];
}

/** A round section's state for the checkout: ready, or what holds it back. */
interface RoundReadiness {
  entry?: ReadyRound;
  /** Why it is not ready: its amounts, this account may not donate in it, or it is not a round of this network. */
  blockedBy?: "amounts" | "eligibility" | "notARound";
}

export function CartPage() {
  const active = useActiveChain();
  const [cart] = useCart();
  const { isConnected, address: account } = useConnection();
  const config = useConfig();
  const queryClient = useQueryClient();
  const now = useChainTime();
  const [outcomes, setOutcomes] = useState<Map<Address, RoundOutcome>>(new Map());
  const [ready, setReady] = useState<Map<Address, RoundReadiness>>(new Map());
  const [, updateCart] = useCart();
  const [running, setRunning] = useState(false);
  if (active === undefined) return <p>This build of Hyphae has no deployment.</p>;
  const groups = linesByRound(cart, active.chain.id);
  const rounds = [...groups.keys()];
  const otherChains = cart.filter((line) => line.chainId !== active.chain.id).length;

  const setOutcome = (round: Address, outcome: RoundOutcome) => {
    setOutcomes((current) => new Map(current).set(round, outcome));
  };
  const allReady = rounds.every((round) => ready.get(round)?.entry !== undefined);
  const ineligible = rounds.some((round) => ready.get(round)?.blockedBy === "eligibility");
  const notARound = rounds.some((round) => ready.get(round)?.blockedBy === "notARound");
  const canCheckout =
    isConnected && account !== undefined && !active.walletOnOtherChain && rounds.length > 0 && allReady && !running;

  const checkout = async () => {
    if (account === undefined || now === undefined) return;
    setRunning(true);
    try {
      for (const roundAddress of rounds) {
        const entry = ready.get(roundAddress)?.entry;
        if (entry === undefined) continue;
        setOutcome(roundAddress, { state: "working", step: "checking" });
        try {
          await donateToRound(
            config,
            {
              chainId: active.chain.id,
              roundFactory: active.deployment.roundFactory,
              round: roundAddress,
              token: entry.round.token,
              account,
              projectIds: entry.lines.map(({ line }) => line.projectId),
              amounts: entry.lines.map(({ amount }) => amount),
              proof: entry.proof,
              now,
            },
            (step) => {
              setOutcome(roundAddress, { state: "working", step });
            },
          );
          const total = entry.lines.reduce((sum, { amount }) => sum + amount, 0n);
          setOutcome(roundAddress, {
            state: "done",
            total: `${formatTokenAmount(total, entry.round.token.decimals)} ${entry.round.token.symbol}`,
          });
          // Confirmed: these lines leave the cart, so a retry cannot donate them again.
          updateCart((current) => removeRound(current, active.chain.id, roundAddress));
        } catch (error) {
          if (error instanceof SpendingRefusedError || error instanceof NotAFactoryRoundError) {
            setOutcome(roundAddress, { state: "failed", message: error.message });
          } else {
            const described = describeError(error);
            setOutcome(roundAddress, { state: described.rejected ? "declined" : "failed", message: described.message });
          }
        }
      }
    } finally {
      setRunning(false);
      await queryClient.invalidateQueries();
    }
  };

  const finished = [...outcomes.entries()].filter(([, outcome]) => outcome.state === "done");
  return (
    <>
      <h1>Your cart</h1>
      {finished.length > 0 && (
        <div className="status status-ok" role="status">
          {finished.map(([round, outcome]) => (
            <p key={round}>
              Donated {outcome.state === "done" ? outcome.total : ""} in round {shortAddress(round)}: thank you.{" "}
              <Link href={`/rounds/${round}`}>See the round</Link>
            </p>
          ))}
        </div>
      )}
      {rounds.length === 0 ? (
        <p className="empty">
          Your cart is empty. <Link href="/">Browse the rounds</Link> and add projects you want to support.
        </p>
      ) : (
        <>
          <p className="lede">
            Set an amount for each project. The match each amount would add is estimated as you type, with the same rule
            as the round. Each round is one transaction (with a permit signature where the token supports it).
          </p>
          {rounds.map((round) => (
            <CartRound
              key={round}
              address={round}
              lines={groups.get(round) ?? []}
              outcome={outcomes.get(round)}
              onReady={(readiness) => {
                setReady((current) =>
                  current.get(round) === readiness ? current : new Map(current).set(round, readiness),
                );
              }}
            />
          ))}
          <div className="checkout">
            {!isConnected && <p>Connect a wallet to check out.</p>}
            {isConnected && active.walletOnOtherChain && <p>Switch your wallet to {active.chain.name} to check out.</p>}
            {notARound && (
              <p className="status status-error">
                Your cart holds projects of an address that is not a round of this network (said above): remove them to
                check out the rest.
              </p>
            )}
            {isConnected && !notARound && ineligible && (
              <p className="status status-error">
                This account cannot donate in a round above (it says why): remove that round&apos;s projects to check
                out the rest.
              </p>
            )}
            {isConnected && !notARound && !ineligible && !allReady && rounds.length > 0 && (
              <p>Fix what is marked above to check out.</p>
            )}
            <button type="button" className="button-primary" disabled={!canCheckout} onClick={() => void checkout()}>
              {running ? "Checking out…" : rounds.length > 1 ? `Check out ${rounds.length} rounds` : "Check out"}
            </button>
          </div>
        </>
      )}
      {otherChains > 0 && (
        <p className="hint">
          {otherChains} more {otherChains === 1 ? "project is" : "projects are"} in your cart on another network.
        </p>
      )}
    </>
  );
}

function CartRound(props: {
  address: Address;
  lines: CartLine[];
  outcome: RoundOutcome | undefined;
  onReady: (readiness: RoundReadiness) => void;
}) {
  const round = useRound(props.address);
  const projects = useRoundProjects(round.data);
  const now = useChainTime();
  const active = useActiveChain();
  const [, updateCart] = useCart();
  const notARound = round.error instanceof NotARoundOfThisNetworkError;
  // `onReady` is a new function on every render of the page: tell it only when the factory's answer changes.
  const onReady = useRef(props.onReady);
  onReady.current = props.onReady;
  useEffect(() => {
    if (notARound) onReady.current({ blockedBy: "notARound" });
  }, [notARound]);
  if (round.error && notARound) {
    return (
      <section className="card cart-round" aria-label={`Round ${shortAddress(props.address)}`}>
        <RoundLoadError error={round.error} what={`round ${shortAddress(props.address)}`} />
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            if (active !== undefined) updateCart((current) => removeRound(current, active.chain.id, props.address));
          }}
        >
          Remove its {props.lines.length === 1 ? "project" : `${props.lines.length} projects`} from the cart
        </button>
      </section>
    );
  }
  if (firstReadError(round)) return <LoadError error={round.error} what={`round ${shortAddress(props.address)}`} />;
  if (firstReadError(projects)) return <LoadError error={projects.error} what="the round's projects" />;
  if (round.data === undefined || projects.data === undefined || now === undefined) {
    return <Loading what={`round ${shortAddress(props.address)}`} />;
  }
  return <CartRoundLines {...props} round={round.data} projects={projects.data} now={now} />;
}

function CartRoundLines(props: {
  address: Address;
  lines: CartLine[];
  outcome: RoundOutcome | undefined;
  onReady: (readiness: RoundReadiness) => void;
  round: RoundSummary;
  projects: RoundProject[];
  now: bigint;
}) {
  const { round, projects, lines, outcome } = props;
  const [, updateCart] = useCart();
  const { address: account } = useConnection();
  const [attestationUid, setAttestationUid] = useState("");
  const attestationProblem = attestationIdProblem(attestationUid);
  // A mistyped id is said at its field and never asked of the round: the donor is not ineligible, only mistaken.
  const eligibility = useDonorEligibility(round, account, attestationProblem === undefined ? attestationUid : "");
  const profiles = useQueries({
    queries: lines.map((line) => {
      const pointer = projects.find((project) => project.projectId === line.projectId)?.profilePointer ?? "";
      return {
        queryKey: ["document", "project", pointer],
        staleTime: Infinity,
        enabled: pointer !== "",
        queryFn: ({ signal }: { signal: AbortSignal }) => fetchDocument(pointer, parseProjectProfile, signal),
      };
    }),
  });
  const token = round.token;
  const open = isDonationWindowOpen(round, props.now);
  const parsed = lines.map((line) => {
    const project = projects.find((candidate) => candidate.projectId === line.projectId);
    const amount = parseTokenAmount(line.amount, token.decimals, token.symbol);
    return { line, project, amount };
  });
  const valid = parsed.flatMap(({ line, project, amount }) =>
    project !== undefined && amount.ok ? [{ line, project, amount: amount.value }] : [],
  );
  const allValid = open && valid.length === parsed.length;
  const preview = previewDonations(
    {
      // The round's rule distributes the pool without its commons share.
      matchingPool: round.distributablePool,
      decimals: token.decimals,
      matchCapBps: round.matchCapBps,
      idealMatchSum: round.idealMatchSum,
      countingRules: round.countingRules,
    },
    valid.map(({ project, amount }) => ({
      tally: {
        projectId: project.projectId,
        sqrtSum: project.sqrtSum,
        donations: project.normalisedDonations,
        countedDonations: project.countedDonations,
      },
      previous: project.contributionOfAccount,
      previousCounted: project.countedContributionOfAccount,
      amount,
    })),
  );
  const total = valid.reduce((sum, { amount }) => sum + amount, 0n);
  const totalAdded = preview.reduce((sum, line) => sum + (line.matchAfter - line.matchBefore), 0n);

  const verdict = eligibility.data;
  const readiness: RoundReadiness =
    allValid && verdict?.state === "eligible"
      ? { entry: { round, lines: valid.map(({ line, amount }) => ({ line, amount })), proof: verdict.proof } }
      : { blockedBy: verdict?.state === "ineligible" ? "eligibility" : "amounts" };
  const key = readiness.entry
    ? `${valid.map(({ line, amount }) => `${line.projectId}:${amount}`).join(",")}|${readiness.entry.proof.join(",")}`
    : (readiness.blockedBy ?? "");
  useReadyEffect(props.onReady, readiness, key);
  const ruled = round.eligibility.kind !== EligibilityKind.Open || hasCountingRules(round.countingRules);

  const name = useRoundName(round.address, round.metadataPointer);
  const headingId = useId();
  return (
    <section className="card cart-round" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Link href={`/rounds/${round.address}`}>{name}</Link>
      </h2>
      {!open && (
        <p className="status status-error">
          This round is not taking donations now: remove its projects to check out the rest.
        </p>
      )}
      {ruled && <RoundRules round={round} headingLevel={3} />}
      {round.eligibility.kind === EligibilityKind.Attestation && account !== undefined && (
        <AttestationField
          rule={round.eligibility}
          value={attestationUid}
          error={attestationProblem}
          onChange={setAttestationUid}
        />
      )}
      {round.eligibility.kind !== EligibilityKind.Open && (
        <EligibilityLine account={account} verdict={verdict} error={firstReadError(eligibility)} />
      )}
      <ul className="cart-lines">
        {parsed.map(({ line, project, amount }, index) => {
          const fetched = profiles[index]?.data;
          const projectName =
            fetched?.state === "verified" ? fetched.value.name : `Project #${line.projectId.toString()}`;
          const change = preview.find((candidate) => candidate.projectId === line.projectId);
          const inputId = `amount-${round.address}-${line.projectId}`;
          const errorId = `${inputId}-error`;
          const showError = !amount.ok && line.amount !== "";
          return (
            <li key={line.projectId.toString()} className="cart-line">
              <label htmlFor={inputId} className="cart-line-name">
                {projectName}
              </label>
              {project === undefined && (
                <p className="status status-error">This project is no longer approved in the round.</p>
              )}
              <div className="amount-field">
                <input
                  id={inputId}
                  inputMode="decimal"
                  autoComplete="off"
                  value={line.amount}
                  placeholder="0"
                  aria-invalid={showError}
                  aria-describedby={showError ? errorId : undefined}
                  onChange={(event) => {
                    updateCart((current) => setCartAmount(current, line, event.target.value));
                  }}
                />
                <span className="unit">{token.symbol}</span>
              </div>
              <p className="match-preview" aria-live="polite">
                {change && amount.ok
                  ? `adds about ${formatTokenAmount(change.matchAfter - change.matchBefore, token.decimals, 2)} ${token.symbol} of match`
                  : ""}
              </p>
              {showError && (
                <p id={errorId} className="field-error">
                  {amount.error}
                </p>
              )}
              <button
                type="button"
                className="button-quiet"
                onClick={() => {
                  updateCart((current) => removeFromCart(current, line));
                }}
              >
                Remove<span className="visually-hidden"> {projectName}</span>
              </button>
              {amount.ok && project !== undefined && (
                <CountingNote
                  round={round}
                  amount={amount.value}
                  countedBefore={project.countedContributionOfAccount}
                />
              )}
            </li>
          );
        })}
      </ul>
      <p className="cart-total">
        Total {formatTokenAmount(total, token.decimals)} {token.symbol} · estimated match added{" "}
        {formatTokenAmount(totalAdded, token.decimals, 2)} {token.symbol}
      </p>
      <RoundOutcomeLine outcome={outcome} />
    </section>
  );
}

/** Tells the page when this round's lines become valid or change (keyed, so not on every render). */
function useReadyEffect(onReady: (readiness: RoundReadiness) => void, readiness: RoundReadiness, key: string) {
  const latest = useRef({ onReady, readiness });
  latest.current = { onReady, readiness };
  useEffect(() => {
    latest.current.onReady(latest.current.readiness);
  }, [key]);
}

/**
 * Whether the connected account may donate in the round, asked of the round itself (`isEligible`) with the
 * proof its donation would carry: from the allowlist in the round's description, or the attestation id typed.
 */
function useDonorEligibility(round: RoundSummary, account: Address | undefined, attestationUid: string) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const rule = round.eligibility;
  const isAllowlist = rule.kind === EligibilityKind.Allowlist;
  const description = useDocument(isAllowlist ? round.metadataPointer : undefined, "round", parseRoundDescription);
  const ruleToken = useRuleToken(round);
  const allowlist = isAllowlist ? allowlistFrom(description.data, firstReadError(description)) : undefined;
  const uid = attestationUid.trim();
  return useQuery<DonorEligibility>({
    queryKey: [
      "donorEligibility",
      active?.chain.id,
      round.address,
      account,
      uid,
      allowlist === undefined ? "none" : "problem" in allowlist ? allowlist.problem : round.metadataPointer,
      ruleToken.data?.symbol,
    ],
    enabled: client !== undefined && account !== undefined && (!isAllowlist || allowlist !== undefined),
    queryFn: () => {
      if (client === undefined || account === undefined) throw new Error("no account");
      return assessEligibility(client, {
        round: round.address,
        rule,
        account,
        ...(allowlist === undefined ? {} : { allowlist }),
        attestationUid: uid,
        ...(ruleToken.data === undefined ? {} : { ruleToken: ruleToken.data }),
      });
    },
  });
}

/** The allowlist of a round's description, or why it cannot be used; undefined while it loads. */
function allowlistFrom(
  fetched: ReturnType<typeof useDocument<ReturnType<typeof parseRoundDescription>>>["data"],
  error: Error | null,
): AllowlistSource | undefined {
  const cannot = "so no one can prove they are on the round's allowlist now.";
  if (error) return { problem: `The round's description, which holds its allowlist, could not be read, ${cannot}` };
  if (fetched === undefined) return undefined;
  switch (fetched.state) {
    case "missing":
      return {
        problem: `The round's description, which holds its allowlist, is missing from the content store, ${cannot}`,
      };
    case "mismatch":
      return { problem: `The round's description does not match its content identifier, ${cannot}` };
    case "invalid":
      return { problem: `The round's description is not a valid document (${fetched.reason}), ${cannot}` };
    case "verified":
      return fetched.value.allowlist === undefined
        ? { problem: `The round's description holds no allowlist, ${cannot} Ask the round's stewards.` }
        : { addresses: fetched.value.allowlist };
  }
}

/** Whether the connected account may donate in the round, said before anything is signed. */
function EligibilityLine(props: {
  account: Address | undefined;
  verdict: DonorEligibility | undefined;
  error: Error | null;
}) {
  const { account, verdict, error } = props;
  if (account === undefined) {
    return <p className="status status-neutral">Connect a wallet to see whether it may donate in this round.</p>;
  }
  if (error) {
    return (
      <p className="status status-error" role="alert" data-testid="eligibility">
        Could not check whether this account may donate: {describeError(error).message}
      </p>
    );
  }
  if (verdict === undefined) {
    return (
      <p className="status status-pending" role="status" data-testid="eligibility">
        Checking whether this account may donate in this round…
      </p>
    );
  }
  switch (verdict.state) {
    case "eligible":
      return (
        <p className="status status-ok" role="status" data-testid="eligibility">
          This account may donate in this round.
        </p>
      );
    case "needsInput":
      return (
        <p className="status status-neutral" role="status" data-testid="eligibility">
          {verdict.reason}
        </p>
      );
    case "ineligible":
      return (
        <p className="status status-error" role="alert" data-testid="eligibility">
          This account cannot donate in this round. {verdict.reason}
        </p>
      );
  }
}

/** Where a donor gives the id of the attestation that lets them donate. */
function AttestationField(props: {
  rule: RoundSummary["eligibility"];
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field eligibility-check">
      <label htmlFor={id}>Your attestation id</label>
      <p id={hintId} className="hint field-hint">
        The id (0x and 64 hexadecimal digits) of an attestation made to this account by {props.rule.attester}. It goes
        with your donation as its proof.
      </p>
      <input
        id={id}
        aria-describedby={props.error === undefined ? hintId : `${hintId} ${errorId}`}
        aria-invalid={props.error !== undefined}
        autoComplete="off"
        spellCheck={false}
        value={props.value}
        onChange={(event) => {
          props.onChange(event.target.value);
        }}
      />
      {props.error !== undefined && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** What of a gift counts toward the match, when the round's counting rules leave part of it out. */
function CountingNote({
  round,
  amount,
  countedBefore,
}: {
  round: RoundSummary;
  amount: bigint;
  countedBefore: bigint;
}) {
  const rules = round.countingRules;
  if (!hasCountingRules(rules)) return null;
  const token = round.token;
  const fmt = (value: bigint) => `${formatTokenAmount(value, token.decimals)} ${token.symbol}`;
  const counts = countedAfter(countedBefore, amount, rules) - countedBefore;
  if (counts === amount) return null;
  if (amount < rules.minCountedDonation) {
    return (
      <p className="counting-note">
        Below this round&apos;s minimum of {fmt(rules.minCountedDonation)}: this gift reaches the project but does not
        count toward the match.
      </p>
    );
  }
  return (
    <p className="counting-note">
      Only {fmt(counts)} of it counts toward the match: at most {fmt(rules.countedContributionCap)} of a person&apos;s
      gifts to a project counts.
    </p>
  );
}

function RoundOutcomeLine({ outcome }: { outcome: RoundOutcome | undefined }) {
  if (outcome === undefined) return null;
  switch (outcome.state) {
    case "working":
      return (
        <p className="status status-pending" role="status">
          {STEP_WORDS[outcome.step]}
        </p>
      );
    case "done":
      return (
        <p className="status status-ok" role="status">
          Donated {outcome.total}.
        </p>
      );
    case "declined":
      return (
        <p className="status status-neutral" role="status">
          {outcome.message} These donations are still in your cart.
        </p>
      );
    case "failed":
      return (
        <p className="status status-error" role="alert">
          Not donated: {outcome.message} These donations are still in your cart; nothing was taken.
        </p>
      );
  }
}
