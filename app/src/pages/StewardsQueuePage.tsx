import { parseReviewDocument } from "../data/documents.ts";
import { useId, useMemo, useState } from "react";
import type { Address } from "viem";
import { useConnection } from "wagmi";
import { Link } from "wouter";
import { ContributionStatus } from "../data/contracts.ts";
import { attestationBlocker, type Contribution, type ContributionHistory } from "../data/contributions.ts";
import { publishDocument } from "../data/metadata.ts";
import { type ContributionKind, type NetworkNode, nodesStewardedBy } from "../data/network.ts";
import { useContributionHistories, useContributions, useKinds, useNodes } from "../hooks/useNetwork.ts";
import { useNetworkWrite } from "../hooks/useNetworkWrite.ts";
import { describeQuantity, describeThreshold, formatCredits, validateReason } from "../lib/contributionForm.ts";
import { formatTime } from "../lib/format.ts";
import { LoadError, Loading, RefreshFailed } from "../components/Loading.tsx";
import { AccountLink } from "../components/network/AccountLink.tsx";
import {
  ContributionDescriptionText,
  ContributionEvidenceBlock,
  useContributionTitle,
} from "../components/network/ContributionDocuments.tsx";
import { NetworkNav } from "../components/network/NetworkNav.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { firstReadError } from "../lib/queryFailure.ts";
import "../project.css";
import "../network.css";

/** `/network/stewards`: the pending contributions of the nodes the connected account stewards, to attest or reject. */
export function StewardsQueuePage() {
  const { address, isConnected } = useConnection();
  return (
    <>
      <NetworkNav />
      <h1>Stewards' queue</h1>
      <p className="lede">
        Contributions recorded for the nodes you steward wait here until enough of the node's stewards attest them (or
        one rejects them with a reason). Check the description and the evidence before you attest: an attested
        contribution earns its contributor commons credits.
      </p>
      {!isConnected || address === undefined ? (
        <p className="status status-neutral">Connect a steward's wallet to see the contributions waiting for you.</p>
      ) : (
        <Queue key={address} account={address} />
      )}
    </>
  );
}

/** What the steward decided in this visit: each item leaves the queue once decided, so the page says so. */
interface Decision {
  id: bigint;
  title: string;
  action: "attested" | "rejected";
}

function Queue({ account }: { account: Address }) {
  const nodes = useNodes();
  const kinds = useKinds();
  const stewarded = useMemo(
    () => (nodes.data === undefined ? undefined : nodesStewardedBy(nodes.data, account)),
    [nodes.data, account],
  );
  const filter = useMemo(
    () =>
      stewarded === undefined || stewarded.length === 0 ? undefined : { nodeIds: stewarded.map((node) => node.id) },
    [stewarded],
  );
  const contributions = useContributions(filter);
  const pending = useMemo(
    () => contributions.data?.filter((contribution) => contribution.status === ContributionStatus.Pending),
    [contributions.data],
  );
  const pendingIds = useMemo(() => pending?.map((contribution) => contribution.id), [pending]);
  const histories = useContributionHistories(pendingIds);
  // While a changed queue's histories are read, only the contributions whose history is known are shown: the others
  // stay as they were (a reason being typed in one of them is kept), and a new one appears with its history.
  const shown = useMemo(
    () =>
      histories.isPlaceholderData ? pending?.filter((contribution) => histories.data.has(contribution.id)) : pending,
    [pending, histories.data, histories.isPlaceholderData],
  );
  const [decisions, setDecisions] = useState<Decision[]>([]);
  // One write for the queue's decisions, kept here with its status: a decided contribution leaves the queue, its
  // item with it (the page can read it as decided before the wallet has the receipt), and what became of the
  // decision must stay in sight.
  const decision = useNetworkWrite();

  if (firstReadError(nodes)) return <LoadError error={nodes.error} what="the network's nodes" />;
  if (firstReadError(kinds)) return <LoadError error={kinds.error} what="the kinds of contribution" />;
  if (stewarded === undefined || kinds.data === undefined) return <Loading what="the nodes you steward" />;
  if (stewarded.length === 0) {
    return (
      <div className="status status-neutral" role="status">
        <p>
          This account stewards no node, so no contribution waits for it. Each node's stewards attest the contributions
          recorded for that node (a contributor never attests their own); the network's governors choose the stewards of
          each node.
        </p>
        <p>
          <Link href="/network">See the nodes and their stewards</Link> or{" "}
          <Link href="/network/contribute">record a contribution</Link>.
        </p>
      </div>
    );
  }
  return (
    <>
      <div aria-live="polite" data-testid="decisions">
        {decisions.map((decision) => (
          <p key={`${decision.action}-${decision.id}`} className="status status-ok">
            You {decision.action} <Link href={`/network/contributions/${decision.id}`}>{decision.title}</Link> (#
            {decision.id.toString()}).
          </p>
        ))}
      </div>
      <TransactionStatus state={decision.state} />
      <RefreshFailed reads={[contributions, histories]} />
      {firstReadError(contributions) ? (
        <LoadError error={contributions.error} what="the contributions" />
      ) : firstReadError(histories) ? (
        <LoadError error={histories.error} what="the attestations" />
      ) : shown === undefined || histories.data === undefined ? (
        <Loading what="the pending contributions" />
      ) : (
        stewarded.map((node) => (
          <NodeQueue
            key={node.id.toString()}
            node={node}
            account={account}
            kinds={kinds.data}
            pending={shown.filter((contribution) => contribution.nodeId === node.id)}
            histories={histories.data}
            write={decision}
            onDecided={(decided) => {
              setDecisions((current) => [...current, decided]);
            }}
          />
        ))
      )}
    </>
  );
}

function NodeQueue(props: {
  node: NetworkNode;
  account: Address;
  kinds: ContributionKind[];
  pending: Contribution[];
  histories: Map<bigint, ContributionHistory>;
  write: DecisionWrite;
  onDecided: (decision: Decision) => void;
}) {
  const { node, pending } = props;
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="network-section">
      <h2 id={headingId}>
        {node.name} <span className="count">{pending.length}</span>
      </h2>
      <p className="hint">{describeThreshold(node.attestationThreshold, node.stewards.length)}.</p>
      {pending.length === 0 ? (
        <p className="empty">Nothing is waiting at {node.name}.</p>
      ) : (
        <ul className="contribution-list" aria-label={`Waiting at ${node.name}`}>
          {pending.map((contribution) => (
            <QueueItem
              key={contribution.id.toString()}
              contribution={contribution}
              node={node}
              account={props.account}
              kind={props.kinds.find((kind) => kind.id === contribution.kindId)}
              history={props.histories.get(contribution.id) ?? { attestedBy: [], disputes: [] }}
              write={props.write}
              onDecided={props.onDecided}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

type DecisionWrite = ReturnType<typeof useNetworkWrite>;

function QueueItem(props: {
  contribution: Contribution;
  node: NetworkNode;
  account: Address;
  kind: ContributionKind | undefined;
  history: ContributionHistory;
  write: DecisionWrite;
  onDecided: (decision: Decision) => void;
}) {
  const { contribution, node, kind, history, write } = props;
  const title = useContributionTitle(contribution.descriptionPointer, `Contribution #${contribution.id}`);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonTouched, setReasonTouched] = useState(false);
  const reasonId = useId();
  const reasonError = validateReason(reason);
  const blocker = attestationBlocker(contribution, history, props.account, true);
  const what = describeQuantity(contribution.quantity, contribution.kindId, kind);

  const attest = async () => {
    const receipt = await write.sendLedger(`Attesting ${title}`, "attest", [contribution.id]);
    if (receipt !== undefined) props.onDecided({ id: contribution.id, title, action: "attested" });
  };
  const reject = async () => {
    setReasonTouched(true);
    if (reasonError !== undefined) {
      document.getElementById(reasonId)?.focus();
      return;
    }
    // The reason is a document of its own; its pointer is known only once it is stored.
    const receipt = await write.run(`Rejecting ${title}`, async () => {
      const pointer = await publishDocument({ reason: reason.trim() }, parseReviewDocument);
      return write.sendLedgerNow("reject", [contribution.id, pointer]);
    });
    if (receipt !== undefined) props.onDecided({ id: contribution.id, title, action: "rejected" });
  };

  return (
    <li className="card queue-item" aria-label={title}>
      <h3>
        <Link href={`/network/contributions/${contribution.id}`}>{title}</Link>
      </h3>
      <p className="contribution-meta">
        #{contribution.id.toString()} · {what}
        {kind !== undefined && <> (earns {formatCredits(contribution.quantity * kind.creditsPerUnit)} credits)</>} · by{" "}
        <AccountLink address={contribution.contributor} /> · recorded {formatTime(contribution.recordedAt)}
      </p>
      <ContributionDescriptionText pointer={contribution.descriptionPointer} />
      <ContributionEvidenceBlock pointer={contribution.evidencePointer} />
      <p data-testid="attestations">
        <strong>
          {contribution.attestations} of {node.attestationThreshold} attestations
        </strong>
        {history.attestedBy.length > 0 && (
          <>
            {" "}
            so far, by{" "}
            {history.attestedBy.map((steward, index) => (
              <span key={steward}>
                {index > 0 && ", "}
                <AccountLink address={steward} />
              </span>
            ))}
          </>
        )}
      </p>
      {blocker !== undefined && (
        <p className="status status-neutral" data-testid="cannot-attest">
          {blocker}
        </p>
      )}
      {rejecting && (
        <div className="field">
          <label htmlFor={reasonId}>Reason for rejecting {title}</label>
          <textarea
            id={reasonId}
            rows={3}
            value={reason}
            aria-invalid={reasonTouched && reasonError !== undefined}
            aria-describedby={reasonTouched && reasonError !== undefined ? `${reasonId}-error` : `${reasonId}-hint`}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonTouched(true);
            }}
          />
          <p id={`${reasonId}-hint`} className="hint">
            The contributor reads it: say what is missing or wrong, so they can record it again.
          </p>
          {reasonTouched && reasonError !== undefined && (
            <p id={`${reasonId}-error`} className="field-error">
              {reasonError}
            </p>
          )}
        </div>
      )}
      <div className="queue-actions">
        {blocker === undefined && !rejecting && (
          <button
            type="button"
            className="button-primary"
            disabled={write.busy || !write.canSend}
            onClick={() => void attest()}
          >
            Attest<span className="visually-hidden"> {title}</span>
          </button>
        )}
        {rejecting ? (
          <>
            <button
              type="button"
              className="button-secondary"
              disabled={write.busy || !write.canSend}
              onClick={() => void reject()}
            >
              Reject with this reason
            </button>
            <button
              type="button"
              className="button-quiet"
              disabled={write.busy}
              onClick={() => {
                setRejecting(false);
              }}
            >
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button-secondary"
            disabled={write.busy}
            onClick={() => {
              setRejecting(true);
              write.reset();
            }}
          >
            Reject<span className="visually-hidden"> {title}</span>
          </button>
        )}
      </div>
    </li>
  );
}
