import { useQueries } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import type { Address } from "viem";
import { Link } from "wouter";
import { useConnection, useConfig } from "wagmi";
import { useQueryClient } from "@tanstack/react-query";
import { previewDonations } from "../../../lib/quadratic-funding.ts";
import { type CheckoutStep, donateToRound } from "../data/checkout.ts";
import { SpendingRefusedError } from "../data/spending.ts";
import { parseProjectProfile } from "../data/documents.ts";
import { fetchDocument } from "../data/metadata.ts";
import { isDonationWindowOpen, type RoundProject, type RoundSummary } from "../data/rounds.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useCart } from "../hooks/useCart.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useRound, useRoundProjects } from "../hooks/useRounds.ts";
import { type CartLine, linesByRound, removeFromCart, removeRound, setCartAmount } from "../lib/cart.ts";
import { describeError } from "../lib/errors.ts";
import { formatTokenAmount, parseTokenAmount, shortAddress } from "../lib/format.ts";
import { LoadError, Loading } from "../components/Loading.tsx";
import { useRoundName } from "../components/RoundName.tsx";

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
}

export function CartPage() {
  const active = useActiveChain();
  const [cart] = useCart();
  const { isConnected, address: account } = useConnection();
  const config = useConfig();
  const queryClient = useQueryClient();
  const now = useChainTime();
  const [outcomes, setOutcomes] = useState<Map<Address, RoundOutcome>>(new Map());
  const [ready, setReady] = useState<Map<Address, ReadyRound | undefined>>(new Map());
  const [, updateCart] = useCart();
  const [running, setRunning] = useState(false);
  if (active === undefined) return <p>This build of Hyphae has no deployment.</p>;
  const groups = linesByRound(cart, active.chain.id);
  const rounds = [...groups.keys()];
  const otherChains = cart.filter((line) => line.chainId !== active.chain.id).length;

  const setOutcome = (round: Address, outcome: RoundOutcome) => {
    setOutcomes((current) => new Map(current).set(round, outcome));
  };
  const allReady = rounds.every((round) => ready.get(round) !== undefined);
  const canCheckout =
    isConnected && account !== undefined && !active.walletOnOtherChain && rounds.length > 0 && allReady && !running;

  const checkout = async () => {
    if (account === undefined || now === undefined) return;
    setRunning(true);
    try {
      for (const roundAddress of rounds) {
        const entry = ready.get(roundAddress);
        if (entry === undefined) continue;
        setOutcome(roundAddress, { state: "working", step: "checking" });
        try {
          await donateToRound(
            config,
            {
              chainId: active.chain.id,
              round: roundAddress,
              token: entry.round.token,
              account,
              projectIds: entry.lines.map(({ line }) => line.projectId),
              amounts: entry.lines.map(({ amount }) => amount),
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
          if (error instanceof SpendingRefusedError) {
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
              onReady={(entry) => {
                setReady((current) => (current.get(round) === entry ? current : new Map(current).set(round, entry)));
              }}
            />
          ))}
          <div className="checkout">
            {!isConnected && <p>Connect a wallet to check out.</p>}
            {isConnected && active.walletOnOtherChain && <p>Switch your wallet to {active.chain.name} to check out.</p>}
            {isConnected && !allReady && rounds.length > 0 && <p>Fix the amounts marked above to check out.</p>}
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
  onReady: (entry: ReadyRound | undefined) => void;
}) {
  const round = useRound(props.address);
  const projects = useRoundProjects(round.data);
  const now = useChainTime();
  if (round.error) return <LoadError error={round.error} what={`round ${shortAddress(props.address)}`} />;
  if (projects.error) return <LoadError error={projects.error} what="the round's projects" />;
  if (round.data === undefined || projects.data === undefined || now === undefined) {
    return <Loading what={`round ${shortAddress(props.address)}`} />;
  }
  return <CartRoundLines {...props} round={round.data} projects={projects.data} now={now} />;
}

function CartRoundLines(props: {
  address: Address;
  lines: CartLine[];
  outcome: RoundOutcome | undefined;
  onReady: (entry: ReadyRound | undefined) => void;
  round: RoundSummary;
  projects: RoundProject[];
  now: bigint;
}) {
  const { round, projects, lines, outcome } = props;
  const [, updateCart] = useCart();
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
      matchingPool: round.matchingPool,
      decimals: token.decimals,
      matchCapBps: round.matchCapBps,
      idealMatchSum: round.idealMatchSum,
    },
    valid.map(({ project, amount }) => ({
      tally: { projectId: project.projectId, sqrtSum: project.sqrtSum, donations: project.normalisedDonations },
      previous: project.contributionOfAccount,
      amount,
    })),
  );
  const total = valid.reduce((sum, { amount }) => sum + amount, 0n);
  const totalAdded = preview.reduce((sum, line) => sum + (line.matchAfter - line.matchBefore), 0n);

  const entry: ReadyRound | undefined = allValid
    ? { round, lines: valid.map(({ line, amount }) => ({ line, amount })) }
    : undefined;
  const key = entry ? valid.map(({ line, amount }) => `${line.projectId}:${amount}`).join(",") : "";
  useReadyEffect(props.onReady, entry, key);

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
function useReadyEffect(onReady: (entry: ReadyRound | undefined) => void, entry: ReadyRound | undefined, key: string) {
  const latest = useRef({ onReady, entry });
  latest.current = { onReady, entry };
  useEffect(() => {
    latest.current.onReady(latest.current.entry);
  }, [key]);
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
