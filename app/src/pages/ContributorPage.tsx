import { useId, useMemo, useState } from "react";
import { type Address, getAddress, isAddress, isAddressEqual } from "viem";
import { useConnection } from "wagmi";
import { Link } from "wouter";
import type { CreditsOf } from "../data/credits.ts";
import {
  useContributions,
  useContributorTotals,
  useCreditsOf,
  useKinds,
  useNodes,
  usePeriodCredits,
} from "../hooks/useNetwork.ts";
import { useNetworkWrite } from "../hooks/useNetworkWrite.ts";
import { formatCredits, parseDelegateAddress } from "../lib/contributionForm.ts";
import { LoadError, Loading } from "../components/Loading.tsx";
import { AccountLink } from "../components/network/AccountLink.tsx";
import { ContributionList } from "../components/network/ContributionList.tsx";
import { CreditsChart } from "../components/network/CreditsChart.tsx";
import { KindTotalsTable } from "../components/network/KindTotalsTable.tsx";
import { NetworkNav } from "../components/network/NetworkNav.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { firstReadError } from "../lib/queryFailure.ts";
import "../project.css";
import "../network.css";

/** `/network/contributors/:address`: a contributor's contributions over time, credits, voting power, delegation. */
export function ContributorPage({ address }: { address: string }) {
  return (
    <>
      <NetworkNav />
      {isAddress(address, { strict: false }) ? (
        <Contributor key={address.toLowerCase()} contributor={getAddress(address)} />
      ) : (
        <p className="status status-error">“{address}” is not an account address.</p>
      )}
    </>
  );
}

function Contributor({ contributor }: { contributor: Address }) {
  const { address: connected } = useConnection();
  const isYou = connected !== undefined && isAddressEqual(connected, contributor);
  const nodes = useNodes();
  const kinds = useKinds();
  const totals = useContributorTotals(contributor, kinds.data);
  const periods = usePeriodCredits({ contributor });
  const filter = useMemo(() => ({ contributor }), [contributor]);
  const contributions = useContributions(filter);
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/network">Network</Link> / Contributor
      </nav>
      <h1>{isYou ? "My contributions" : "Contributor"}</h1>
      <p className="address" data-testid="contributor-address">
        {contributor}
        {isYou && <span className="you"> (you)</span>}
      </p>

      <Credits contributor={contributor} isYou={isYou} />

      <section aria-labelledby="over-time-heading" className="network-section">
        <h2 id="over-time-heading">Contributions over time</h2>
        {firstReadError(periods) ? (
          <LoadError error={periods.error} what="the credits per period" />
        ) : periods.data === undefined ? (
          <Loading what="the credits per period" />
        ) : (
          <CreditsChart title="Credits earned by attested contributions, per 30-day period" periods={periods.data} />
        )}
      </section>

      <section aria-labelledby="kinds-heading" className="network-section">
        <h2 id="kinds-heading">By kind</h2>
        {firstReadError(kinds) ? (
          <LoadError error={kinds.error} what="the kinds of contribution" />
        ) : firstReadError(totals) ? (
          <LoadError error={totals.error} what="the totals" />
        ) : kinds.data === undefined || totals.data === undefined ? (
          <Loading what="the totals" />
        ) : (
          <KindTotalsTable caption="Attested and not revoked" kinds={kinds.data} totals={totals.data} />
        )}
      </section>

      <section aria-labelledby="list-heading" className="network-section">
        <h2 id="list-heading">
          Contributions {contributions.data !== undefined && <span className="count">{contributions.data.length}</span>}
        </h2>
        {firstReadError(contributions) ? (
          <LoadError error={contributions.error} what="the contributions" />
        ) : firstReadError(nodes) ? (
          <LoadError error={nodes.error} what="the network's nodes" />
        ) : contributions.data === undefined || nodes.data === undefined || kinds.data === undefined ? (
          <Loading what="the contributions" />
        ) : contributions.data.length === 0 ? (
          <p className="empty">
            {isYou ? "You have" : "This account has"} not recorded any contribution yet.{" "}
            {isYou && <Link href="/network/contribute">Record one</Link>}
          </p>
        ) : (
          <ContributionList
            label={isYou ? "My contributions" : "Contributions of this account"}
            contributions={contributions.data}
            nodes={nodes.data}
            kinds={kinds.data}
            show="node"
          />
        )}
      </section>
    </>
  );
}

/** Credits held and waiting, voting power and delegate; the claim, and (for the account itself) delegation. */
function Credits({ contributor, isYou }: { contributor: Address; isYou: boolean }) {
  const credits = useCreditsOf(contributor);
  const claim = useNetworkWrite();
  let content: React.ReactNode;
  if (firstReadError(credits)) content = <LoadError error={credits.error} what="the credits" />;
  else if (credits.data === undefined || credits.creditsToken === undefined) content = <Loading what="the credits" />;
  else {
    const { balance, unclaimed, votes, delegate } = credits.data;
    content = (
      <>
        <dl className="credit-figures">
          <div>
            <dt>Credits held</dt>
            <dd data-testid="credits-held">{formatCredits(balance)}</dd>
          </div>
          <div>
            <dt>Waiting to be claimed</dt>
            <dd data-testid="credits-waiting">{formatCredits(unclaimed)}</dd>
          </div>
          <div>
            <dt>Voting power</dt>
            <dd data-testid="voting-power">{formatCredits(votes)}</dd>
          </div>
          <div>
            <dt>Delegate</dt>
            <dd data-testid="delegate" className="delegate-value">
              {delegate === undefined ? (
                "None yet"
              ) : isAddressEqual(delegate, contributor) ? (
                isYou ? (
                  "Yourself"
                ) : (
                  "This account itself"
                )
              ) : (
                <AccountLink address={delegate} />
              )}
            </dd>
          </div>
        </dl>
        <p className="hint">
          Credits cannot be transferred. They count as votes for the account they are delegated to; claiming credits for
          the first time makes a holder without a delegate their own. Voting power also includes what others delegate to
          this account.
        </p>
        {unclaimed > 0n && (
          <div className="queue-actions">
            <button
              type="button"
              className="button-primary"
              disabled={claim.busy || !claim.canSend}
              onClick={() =>
                void claim.sendLedger(`Claiming ${formatCredits(unclaimed)} credits`, "claimCredits", [contributor])
              }
            >
              Claim credits
            </button>
            <span className="hint">
              {!claim.canSend
                ? "Connect a wallet to claim them."
                : isYou
                  ? "Mints them to you as votes."
                  : "Anyone may claim for a contributor: the credits always go to them."}
            </span>
          </div>
        )}
        <TransactionStatus state={claim.state} />
        {isYou && <Delegation contributor={contributor} creditsToken={credits.creditsToken} current={credits.data} />}
      </>
    );
  }
  return (
    <section aria-labelledby="credits-heading" className="network-section card">
      <h2 id="credits-heading">Commons credits</h2>
      {content}
    </section>
  );
}

function Delegation(props: { contributor: Address; creditsToken: Address; current: CreditsOf }) {
  const { contributor, creditsToken, current } = props;
  const write = useNetworkWrite();
  const inputId = useId();
  const [value, setValue] = useState("");
  const [touched, setTouched] = useState(false);
  const parsed = parseDelegateAddress(value);
  const error = touched && !parsed.ok ? parsed.error : undefined;
  const delegatesToSelf = current.delegate !== undefined && isAddressEqual(current.delegate, contributor);

  const delegateTo = (delegatee: Address, label: string) => {
    void write.sendCredits(label, creditsToken, "delegate", [delegatee]);
  };

  return (
    <div className="network-section">
      <h3>Delegate your voting power</h3>
      <p className="hint">
        Delegate to yourself to vote with your own credits, or to an account you trust to vote for you. You can change
        it at any time; your credits stay yours.
      </p>
      {!delegatesToSelf && (
        <p>
          <button
            type="button"
            className="button-secondary"
            disabled={write.busy || !write.canSend}
            onClick={() => {
              delegateTo(contributor, "Delegating to yourself");
            }}
          >
            Delegate to myself
          </button>
        </p>
      )}
      <form
        className="delegate-form"
        aria-label="Delegate to another account"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (!parsed.ok) {
            document.getElementById(inputId)?.focus();
            return;
          }
          delegateTo(parsed.address, `Delegating to ${parsed.address}`);
        }}
      >
        <div className="field">
          <label htmlFor={inputId}>Delegate to another account</label>
          <input
            id={inputId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="0x…"
            value={value}
            aria-invalid={error !== undefined}
            aria-describedby={error === undefined ? undefined : `${inputId}-error`}
            onChange={(event) => {
              setValue(event.target.value);
            }}
            onBlur={() => {
              if (value !== "") setTouched(true);
            }}
          />
          {error !== undefined && (
            <p id={`${inputId}-error`} className="field-error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button-primary" disabled={write.busy || !write.canSend}>
          Delegate
        </button>
      </form>
      <TransactionStatus state={write.state} />
    </div>
  );
}
