import { useId, useState } from "react";
import { isAddressEqual, parseEventLogs } from "viem";
import { useConnection } from "wagmi";
import { Link, useSearch } from "wouter";
import { contributionLedgerAbi } from "../data/contracts.ts";
import type { ContributionDescription, ContributionEvidence } from "../data/documents.ts";
import { LIMITS, parseContributionDescription, parseContributionEvidence } from "../data/documents.ts";
import { publishDocument } from "../data/metadata.ts";
import type { ContributionKind, NetworkNode } from "../data/network.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useKinds, useNodes } from "../hooks/useNetwork.ts";
import { useNetworkWrite } from "../hooks/useNetworkWrite.ts";
import {
  buildContributionDocuments,
  CONTRIBUTION_FIELDS,
  describeThreshold,
  type ContributionField,
  type ContributionFormValues,
  EMPTY_CONTRIBUTION_FORM,
  formatCredits,
  kindOfForm,
  linkLines,
  parseQuantity,
  singularUnit,
  validateContributionForm,
} from "../lib/contributionForm.ts";
import { describeError } from "../lib/errors.ts";
import { LoadError, Loading } from "../components/Loading.tsx";
import { NetworkNav } from "../components/network/NetworkNav.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { firstReadError } from "../lib/queryFailure.ts";
import "../project.css";
import "../network.css";

/** `/network/contribute` (optionally `?node=<id>`): record labour, goods, knowledge or care given to a node. */
export function RecordContributionPage() {
  const { isConnected } = useConnection();
  const nodes = useNodes();
  const kinds = useKinds();
  const presetNode = new URLSearchParams(useSearch()).get("node") ?? "";
  let content: React.ReactNode;
  if (firstReadError(nodes)) content = <LoadError error={nodes.error} what="the network's nodes" />;
  else if (firstReadError(kinds)) content = <LoadError error={kinds.error} what="the kinds of contribution" />;
  else if (nodes.data === undefined || kinds.data === undefined) content = <Loading what="the network" />;
  else if (nodes.data.length === 0 || !kinds.data.some((kind) => kind.selfReported)) {
    content = (
      <p className="empty">
        Nothing can be recorded yet: the network's governors have not added a node or a kind of contribution.
      </p>
    );
  } else {
    const initialNode = nodes.data.some((node) => node.id.toString() === presetNode) ? presetNode : "";
    content = <ContributionForm nodes={nodes.data} kinds={kinds.data} initialNode={initialNode} />;
  }
  return (
    <>
      <NetworkNav />
      <h1>Record a contribution</h1>
      <p className="lede">
        Record what you gave a node of the network: hours of work or care, goods, knowledge or designs. Your description
        and evidence are published as documents named by their content identifiers; the contribution ledger keeps
        pointers to them. The node's stewards check them and attest the contribution, which then earns commons credits.
      </p>
      {!isConnected && (
        <p className="status status-neutral">
          Connect a wallet to record a contribution: it is recorded for the account you connect, and its credits go
          there.
        </p>
      )}
      {content}
    </>
  );
}

type Step = { status: "idle" } | { status: "publishing" } | { status: "failed"; message: string };

/** Moves the focus to the element once it appears: the success heading replaces the form the focus was in. */
function focusOnMount(element: HTMLElement | null) {
  element?.focus();
}

/** A contribution the ledger recorded in this visit. */
interface Recorded {
  id: bigint;
  node: NetworkNode;
  title: string;
}

function ContributionForm(props: { nodes: NetworkNode[]; kinds: ContributionKind[]; initialNode: string }) {
  const { nodes, kinds } = props;
  const active = useActiveChain();
  const write = useNetworkWrite();
  const formId = useId();
  const initial = { ...EMPTY_CONTRIBUTION_FORM, nodeId: props.initialNode };
  const [values, setValues] = useState<ContributionFormValues>(initial);
  const [touched, setTouched] = useState<Partial<Record<ContributionField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [step, setStep] = useState<Step>({ status: "idle" });
  const [recorded, setRecorded] = useState<Recorded>();
  const selfReported = kinds.filter((kind) => kind.selfReported);
  const errors = validateContributionForm(values, { nodes, kinds });
  const problems = Object.keys(errors).length;
  const shown = (field: ContributionField) => (submitted || touched[field] ? errors[field] : undefined);
  const idOf = (field: ContributionField) => `${formId}-${field}`;
  const busy = step.status === "publishing" || write.busy;
  const kind = kindOfForm(values, kinds);
  const node = nodes.find((item) => item.id.toString() === values.nodeId);
  const quantity = kind === undefined ? undefined : parseQuantity(values.quantity, kind);

  const change = (field: ContributionField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setTouched((current) => ({ ...current, [field]: true }));
    if (step.status === "failed") setStep({ status: "idle" });
  };
  const blur = (field: ContributionField) => {
    setTouched((current) => ({ ...current, [field]: true }));
  };

  const submit = async () => {
    setSubmitted(true);
    if (problems > 0) {
      const first = CONTRIBUTION_FIELDS.find((field) => errors[field] !== undefined);
      if (first !== undefined) document.getElementById(idOf(first))?.focus();
      return;
    }
    if (!write.canSend || active === undefined || node === undefined || kind === undefined || !quantity?.ok) return;
    let documents: { description: ContributionDescription; evidence: ContributionEvidence };
    try {
      documents = buildContributionDocuments(values);
    } catch (error) {
      setStep({ status: "failed", message: describeError(error).message });
      return;
    }
    setStep({ status: "publishing" });
    let pointers: { description: string; evidence: string };
    try {
      pointers = {
        description: await publishDocument(documents.description, parseContributionDescription),
        evidence: await publishDocument(documents.evidence, parseContributionEvidence),
      };
      setStep({ status: "idle" });
    } catch (error) {
      setStep({
        status: "failed",
        message: `The description and evidence could not be stored: ${describeError(error).message.replace(/\.?$/, ".")} Nothing was sent to the chain.`,
      });
      return;
    }
    const receipt = await write.run("Recording the contribution", () =>
      write.sendLedgerNow("record", [node.id, kind.id, quantity.value, pointers.description, pointers.evidence]),
    );
    // Declined or failed: the form keeps everything typed, and the status line says what happened.
    if (receipt === undefined) return;
    const ledger = active.deployment.contributionLedger;
    const [event] = parseEventLogs({
      abi: contributionLedgerAbi,
      eventName: "ContributionRecorded",
      logs: receipt.logs.filter((log) => isAddressEqual(log.address, ledger)),
    });
    if (event === undefined) {
      setStep({ status: "failed", message: "The ledger did not report the new contribution's id." });
      return;
    }
    setRecorded({ id: event.args.contributionId, node, title: documents.description.title });
  };

  if (recorded !== undefined) {
    const threshold = recorded.node.attestationThreshold;
    return (
      <section className="card success-panel" aria-labelledby={`${formId}-recorded`}>
        <h2 id={`${formId}-recorded`} tabIndex={-1} ref={focusOnMount}>
          Contribution #{recorded.id.toString()} recorded
        </h2>
        <p>
          “{recorded.title}” is pending: it is credited once {threshold === 1 ? "a steward" : `${threshold} stewards`}{" "}
          of {recorded.node.name} {threshold === 1 ? "attests" : "attest"} it.
        </p>
        <div className="form-actions">
          <Link href={`/network/contributions/${recorded.id}`} className="button-primary">
            See contribution #{recorded.id.toString()}
          </Link>
          {write.account !== undefined && (
            <Link href={`/network/contributors/${write.account}`} className="button-secondary">
              My contributions
            </Link>
          )}
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setValues({ ...EMPTY_CONTRIBUTION_FORM, nodeId: recorded.node.id.toString() });
              setTouched({});
              setSubmitted(false);
              setRecorded(undefined);
              write.reset();
            }}
          >
            Record another contribution
          </button>
        </div>
      </section>
    );
  }

  const described = (field: ContributionField, hint: boolean) =>
    [hint ? `${idOf(field)}-hint` : undefined, shown(field) === undefined ? undefined : `${idOf(field)}-error`]
      .filter((part) => part !== undefined)
      .join(" ") || undefined;
  const fieldError = (field: ContributionField) =>
    shown(field) !== undefined && (
      <p id={`${idOf(field)}-error`} className="field-error">
        {shown(field)}
      </p>
    );

  return (
    <form
      className="card project-form form"
      aria-label="Record a contribution"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field-row">
        <div className="field">
          <label htmlFor={idOf("nodeId")}>Node</label>
          <select
            id={idOf("nodeId")}
            value={values.nodeId}
            aria-required
            aria-invalid={shown("nodeId") !== undefined}
            aria-describedby={described("nodeId", true)}
            onChange={(event) => {
              change("nodeId", event.target.value);
            }}
            onBlur={() => {
              blur("nodeId");
            }}
          >
            <option value="">Choose a node…</option>
            {nodes.map((item) => (
              <option key={item.id.toString()} value={item.id.toString()}>
                {item.name}
              </option>
            ))}
          </select>
          <p id={`${idOf("nodeId")}-hint`} className="hint">
            {node === undefined
              ? "The local node (or the translocal commons) you gave this to."
              : `${describeThreshold(node.attestationThreshold, node.stewards.length)}.`}
          </p>
          {fieldError("nodeId")}
        </div>
        <div className="field">
          <label htmlFor={idOf("kindId")}>Kind</label>
          <select
            id={idOf("kindId")}
            value={values.kindId}
            aria-required
            aria-invalid={shown("kindId") !== undefined}
            aria-describedby={described("kindId", true)}
            onChange={(event) => {
              change("kindId", event.target.value);
            }}
            onBlur={() => {
              blur("kindId");
            }}
          >
            <option value="">Choose a kind…</option>
            {selfReported.map((item) => (
              <option key={item.id} value={String(item.id)}>
                {item.name} ({item.unit})
              </option>
            ))}
          </select>
          <p id={`${idOf("kindId")}-hint`} className="hint">
            {kind === undefined
              ? "Money is counted from rounds by the protocol itself; record everything else here."
              : `${formatCredits(kind.creditsPerUnit)} credits per ${singularUnit(kind.unit)} once attested.`}
          </p>
          {fieldError("kindId")}
        </div>
      </div>
      <div className="field">
        <label htmlFor={idOf("quantity")}>Quantity</label>
        <div className="quantity-field">
          <input
            id={idOf("quantity")}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={values.quantity}
            aria-required
            aria-invalid={shown("quantity") !== undefined}
            aria-describedby={described("quantity", true)}
            onChange={(event) => {
              change("quantity", event.target.value);
            }}
            onBlur={() => {
              blur("quantity");
            }}
          />
          <span className="unit">{kind?.unit ?? "units"}</span>
        </div>
        <p id={`${idOf("quantity")}-hint`} className="hint" aria-live="polite">
          {kind !== undefined && quantity?.ok === true
            ? `Once attested, this earns ${formatCredits(quantity.value * kind.creditsPerUnit)} credits.`
            : "Whole units of the kind: hours, items or documents."}
        </p>
        {fieldError("quantity")}
      </div>

      <fieldset>
        <legend>Description</legend>
        <div className="field">
          <label htmlFor={idOf("title")}>Title</label>
          <input
            id={idOf("title")}
            type="text"
            autoComplete="off"
            value={values.title}
            aria-required
            aria-invalid={shown("title") !== undefined}
            aria-describedby={described("title", true)}
            onChange={(event) => {
              change("title", event.target.value);
            }}
            onBlur={() => {
              blur("title");
            }}
          />
          <p id={`${idOf("title")}-hint`} className="hint">
            A short name for what you gave, like “Seed cleaning day at the library” (at most {LIMITS.title} characters).
          </p>
          {fieldError("title")}
        </div>
        <div className="field">
          <label htmlFor={idOf("text")}>What you gave</label>
          <textarea
            id={idOf("text")}
            rows={5}
            value={values.text}
            aria-required
            aria-invalid={shown("text") !== undefined}
            aria-describedby={described("text", true)}
            onChange={(event) => {
              change("text", event.target.value);
            }}
            onBlur={() => {
              blur("text");
            }}
          />
          <p id={`${idOf("text")}-hint`} className="hint">
            What, where, when and for whom. Plain text; blank lines separate paragraphs.{" "}
            <span className="counter">
              {values.text.trim().length.toLocaleString("en-US")} / {LIMITS.description.toLocaleString("en-US")}{" "}
              characters
            </span>
          </p>
          {fieldError("text")}
        </div>
      </fieldset>

      <fieldset>
        <legend>Evidence</legend>
        <p className="hint">Something the stewards can check: at least a link or a note.</p>
        <div className="field">
          <label htmlFor={idOf("links")}>
            Links <span className="optional">(optional)</span>
          </label>
          <textarea
            id={idOf("links")}
            rows={3}
            value={values.links}
            spellCheck={false}
            aria-invalid={shown("links") !== undefined}
            aria-describedby={described("links", true)}
            onChange={(event) => {
              change("links", event.target.value);
            }}
            onBlur={() => {
              blur("links");
            }}
          />
          <p id={`${idOf("links")}-hint`} className="hint">
            Photos, logs, published documents: one web address a line, starting with https:// (at most{" "}
            {LIMITS.evidenceLinks}; {linkLines(values.links).length} so far).
          </p>
          {fieldError("links")}
        </div>
        <div className="field">
          <label htmlFor={idOf("note")}>
            Note <span className="optional">(optional)</span>
          </label>
          <textarea
            id={idOf("note")}
            rows={3}
            value={values.note}
            aria-invalid={shown("note") !== undefined}
            aria-describedby={described("note", true)}
            onChange={(event) => {
              change("note", event.target.value);
            }}
            onBlur={() => {
              blur("note");
            }}
          />
          <p id={`${idOf("note")}-hint`} className="hint">
            Who can confirm it, where the sign-in sheets are…
          </p>
          {fieldError("note")}
        </div>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy || !write.canSend}>
          Record the contribution
        </button>
      </div>
      {!write.canSend && active?.walletOnOtherChain === true && (
        <p className="hint">Switch your wallet to {active.chain.name} to record.</p>
      )}
      <div aria-live="polite">
        {submitted && problems > 0 && (
          <p className="status status-error">
            {problems === 1 ? "One field needs" : `${problems} fields need`} fixing (marked above). Nothing was sent.
          </p>
        )}
        {step.status === "publishing" && (
          <p className="status status-pending">Storing the description and evidence in the content store…</p>
        )}
        {step.status === "failed" && <p className="status status-error">{step.message}</p>}
      </div>
      <TransactionStatus state={write.state} />
    </form>
  );
}
