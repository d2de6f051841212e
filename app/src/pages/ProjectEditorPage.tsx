import { useEffect, useId, useRef, useState } from "react";
import { isAddressEqual, parseEventLogs } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { Link, useLocation } from "wouter";
import { contentIdOf, pointerOf } from "../../../lib/content-address.ts";
import { projectRegistryAbi } from "../data/contracts.ts";
import { parseProjectProfile, type ProjectProfile } from "../data/documents.ts";
import { type Fetched, imageSourceOf, publishBytes, publishDocument } from "../data/metadata.ts";
import type { RegisteredProject } from "../data/projects.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { useNodes } from "../hooks/useNetwork.ts";
import { useProject } from "../hooks/useProject.ts";
import { useTransaction } from "../hooks/useTransaction.ts";
import { describeError } from "../lib/errors.ts";
import {
  buildProjectDocument,
  checkLogo,
  EMPTY_PROJECT_FORM,
  formValuesOf,
  hasErrors,
  LIMITS_OF_FIELDS,
  LOGO_TYPES,
  logoSizeError,
  parseProjectId,
  parsePayoutAddress,
  type ProjectField,
  type ProjectFormValues,
  sameDocument,
  validateProjectForm,
} from "../lib/projectForm.ts";
import { DocumentProblem } from "../components/DocumentProblem.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { ProjectLogo } from "../components/ProjectLogo.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { firstReadError } from "../lib/queryFailure.ts";
import "../project.css";

/** `/projects/new` (no id) registers a project; `/projects/:id/edit` edits one, for its owner only. */
export function ProjectEditorPage({ id }: { id?: string }) {
  if (id === undefined) return <NewProject />;
  const projectId = parseProjectId(id);
  if (projectId === undefined) return <p className="status status-error">“{id}” is not a project id.</p>;
  return <EditProject key={projectId.toString()} projectId={projectId} />;
}

function NewProject() {
  const { isConnected } = useConnection();
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/projects">Projects</Link> / Register
      </nav>
      <h1>Register a project</h1>
      <p className="lede">
        The profile is published as a document named by its content identifier; the registry on chain keeps a pointer to
        it, the payout address, and the account that owns the project.
      </p>
      {!isConnected && (
        <p className="status status-neutral">
          Connect a wallet to register: the account you connect will own the project, and only it can edit the profile
          and apply to rounds.
        </p>
      )}
      <ProjectForm initial={EMPTY_PROJECT_FORM} />
    </>
  );
}

/** What the editor starts from: the project and its document as they were when the page opened. */
interface Loaded {
  project: RegisteredProject;
  fetched: Fetched<ProjectProfile>;
}

function EditProject({ projectId }: { projectId: bigint }) {
  const { address: account, isConnected } = useConnection();
  const project = useProject(projectId);
  const profileDocument = useDocument(project.data?.profilePointer, "project", parseProjectProfile);
  // The form keeps what it was opened with: a confirmed change refreshes the chain reads, and must not reset
  // what the owner is still typing (say, the payout address after the profile went through).
  const [loaded, setLoaded] = useState<Loaded>();
  if (loaded === undefined && project.data && profileDocument.data) {
    setLoaded({ project: project.data, fetched: profileDocument.data });
  }

  const breadcrumb = (name: string) => (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link href="/projects">Projects</Link> / <Link href={`/projects/${projectId}`}>{name}</Link> / Edit
    </nav>
  );
  if (firstReadError(project)) return <LoadError error={project.error} what="the project" />;
  if (project.data === null) {
    return (
      <p className="status status-error">
        There is no project #{projectId.toString()}. <Link href="/projects">See every project</Link>.
      </p>
    );
  }
  if (firstReadError(profileDocument)) return <LoadError error={profileDocument.error} what="the project's profile" />;
  if (loaded === undefined) return <Loading what="the project" />;

  const { project: current, fetched } = loaded;
  const profile = fetched.state === "verified" ? fetched.value : undefined;
  const name = profile?.name ?? `Project #${projectId}`;
  const owner = current.owner;
  if (account === undefined || !isConnected || !isAddressEqual(account, owner)) {
    return (
      <>
        {breadcrumb(name)}
        <h1>Edit {name}</h1>
        <p className="status status-neutral" role="status">
          Only the owner of this project can edit its profile: the account <span className="address">{owner}</span>.{" "}
          {isConnected && account !== undefined
            ? `You are connected as ${account}.`
            : "Connect the owner's wallet to edit it."}
        </p>
        <p>
          <Link href={`/projects/${projectId}`}>Back to the project</Link>
        </p>
      </>
    );
  }
  return (
    <>
      {breadcrumb(name)}
      <h1>Edit {name}</h1>
      {profile === undefined && (
        <div className="notice">
          <DocumentProblem fetched={fetched} what="current profile" />
          <p>You can write a new profile below: saving it publishes a new document and points the project to it.</p>
        </div>
      )}
      <ProjectForm project={current} current={profile} initial={formValuesOf(profile, current.payoutAddress)} />
    </>
  );
}

/** The logo the form will publish with: the current one, none, a new file, or a file that cannot be used. */
type LogoChoice =
  | { kind: "current" }
  | { kind: "none" }
  | { kind: "new"; bytes: Uint8Array; type: string; name: string }
  | { kind: "invalid"; error: string };

type Step = { status: "idle" } | { status: "publishing" } | { status: "failed"; message: string };

const FIELDS: { field: ProjectField; label: string; hint?: string; multiline?: boolean; optional?: boolean }[] = [
  { field: "name", label: "Name" },
  {
    field: "description",
    label: "Description",
    hint: "What the project does, where, and for whom. Plain text; blank lines separate paragraphs.",
    multiline: true,
  },
  {
    field: "website",
    label: "Website",
    hint: "An address starting with https:// or http://.",
    optional: true,
  },
  { field: "place", label: "Place", hint: "Where the project works, like “Olympia, Washington”.", optional: true },
  {
    field: "bioregion",
    label: "Bioregion",
    hint: "The bioregion or watershed it belongs to, like “Salish Sea (Cascadia)”.",
    optional: true,
  },
  {
    field: "payoutAddress",
    label: "Payout address",
    hint: "Every payout of the project goes to this account (a multisig is fine). It can be changed later.",
  },
];

function ProjectForm(props: { project?: RegisteredProject; current?: ProjectProfile; initial: ProjectFormValues }) {
  const { project } = props;
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const config = useConfig();
  const [, navigate] = useLocation();
  const transaction = useTransaction();
  const formId = useId();
  const fileInput = useRef<HTMLInputElement>(null);

  const [values, setValues] = useState(props.initial);
  const nodes = useNodes();
  // The project's home node, as a decimal id; "" until one is chosen.
  const [homeNode, setHomeNode] = useState(project === undefined ? "" : project.homeNode.toString());
  const homeNodeError = /^[1-9]\d*$/.test(homeNode) ? undefined : "Choose the node the project belongs to.";
  // A new project is paid to the connected account unless another address is typed.
  const [payoutTyped, setPayoutTyped] = useState(project !== undefined);
  const [touched, setTouched] = useState<Partial<Record<ProjectField | "homeNode", boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [logo, setLogo] = useState<LogoChoice>(props.current?.logo ? { kind: "current" } : { kind: "none" });
  const [step, setStep] = useState<Step>({ status: "idle" });
  const [notice, setNotice] = useState<string>();
  // What the chain holds now: updated as each change is confirmed, so a retry sends only what is left.
  const [baseline, setBaseline] = useState(() => ({
    profile: props.current,
    payoutAddress: project?.payoutAddress,
    homeNode: project?.homeNode,
  }));
  const [previewUrl, setPreviewUrl] = useState<string>();

  useEffect(() => {
    if (logo.kind !== "new") {
      setPreviewUrl(undefined);
      return;
    }
    const source = imageSourceOf(logo.bytes, logo.type);
    setPreviewUrl(source.url);
    return source.release;
  }, [logo]);

  const effective: ProjectFormValues = {
    ...values,
    payoutAddress: payoutTyped ? values.payoutAddress : (account ?? ""),
  };
  const errors = validateProjectForm(effective);
  const logoError = logo.kind === "invalid" ? logo.error : undefined;
  const shown = (field: ProjectField) => (submitted || touched[field] ? errors[field] : undefined);
  const idOf = (field: ProjectField) => `${formId}-${field}`;
  const busy = step.status === "publishing" || transaction.busy;
  const canAct = isConnected && account !== undefined && active !== undefined && !active.walletOnOtherChain;

  const change = (field: ProjectField, value: string) => {
    if (field === "payoutAddress") setPayoutTyped(true);
    setValues((current) => ({ ...current, [field]: value }));
    setTouched((current) => ({ ...current, [field]: true }));
    setNotice(undefined);
  };

  const chooseLogo = async (file: File | undefined) => {
    setNotice(undefined);
    if (file === undefined) return;
    const sizeError = logoSizeError(file.size);
    if (sizeError !== undefined) {
      setLogo({ kind: "invalid", error: sizeError });
      return;
    }
    const checked = checkLogo(new Uint8Array(await file.arrayBuffer()));
    setLogo(
      checked.ok
        ? { kind: "new", bytes: checked.bytes, type: checked.type, name: file.name }
        : {
            kind: "invalid",
            error: checked.error,
          },
    );
  };

  const removeLogo = () => {
    setLogo({ kind: "none" });
    if (fileInput.current) fileInput.current.value = "";
  };

  const submit = async () => {
    setSubmitted(true);
    setNotice(undefined);
    const invalid = (Object.keys(errors) as ProjectField[]).map(idOf);
    if (logoError !== undefined) invalid.push(`${formId}-logo`);
    if (homeNodeError !== undefined) invalid.push(`${formId}-home-node`);
    if (hasErrors(errors) || logoError !== undefined || homeNodeError !== undefined) {
      const first = FIELDS.map(({ field }) => idOf(field))
        .concat(`${formId}-home-node`, `${formId}-logo`)
        .find((id) => invalid.includes(id));
      if (first !== undefined) document.getElementById(first)?.focus();
      return;
    }
    if (!canAct) return;
    const payout = parsePayoutAddress(effective.payoutAddress);
    if (!payout.ok) return;
    const chainId = active.chain.id;
    const registry = active.deployment.projectRegistry;

    // The document as it will be published, checked before anything is stored or signed.
    const kept = {
      ...(props.current?.node ? { node: props.current.node } : {}),
      ...(props.current?.tags ? { tags: props.current.tags } : {}),
    };
    let profile: ProjectProfile;
    let logoPointer: string | undefined;
    try {
      logoPointer =
        logo.kind === "new"
          ? pointerOf(await contentIdOf(logo.bytes))
          : logo.kind === "current"
            ? props.current?.logo
            : undefined;
      profile = buildProjectDocument(effective, logoPointer, kept);
    } catch (error) {
      setStep({ status: "failed", message: describeError(error).message });
      return;
    }
    const profileChanged =
      baseline.profile === undefined ||
      !sameDocument(profile, buildProjectDocument(formValuesOf(baseline.profile, ""), baseline.profile.logo, kept));
    const payoutChanged =
      baseline.payoutAddress === undefined || !isAddressEqual(baseline.payoutAddress, payout.address);
    const home = BigInt(homeNode);
    const homeChanged = baseline.homeNode !== home;
    if (project !== undefined && !profileChanged && !payoutChanged && !homeChanged) {
      setNotice("Nothing has changed: there is nothing to send.");
      return;
    }

    let pointer: string | undefined;
    if (profileChanged) {
      setStep({ status: "publishing" });
      try {
        if (logo.kind === "new") {
          const stored = await publishBytes(logo.bytes);
          if (stored !== logoPointer) throw new Error("the logo was stored under another content identifier");
        }
        pointer = await publishDocument(profile, parseProjectProfile);
        setStep({ status: "idle" });
      } catch (error) {
        setStep({
          status: "failed",
          message: `The profile could not be stored: ${describeError(error).message.replace(/\.?$/, ".")} Nothing was sent to the chain.`,
        });
        return;
      }
    }

    if (project === undefined) {
      if (pointer === undefined) return;
      const metadata = pointer;
      const receipt = await transaction.run("Registering the project", async () => {
        const { request } = await simulateContract(config, {
          chainId,
          account,
          address: registry,
          abi: projectRegistryAbi,
          functionName: "registerProject",
          args: [home, payout.address, metadata],
        });
        return writeContract(config, request);
      });
      if (receipt === undefined) return;
      const [registered] = parseEventLogs({
        abi: projectRegistryAbi,
        eventName: "ProjectRegistered",
        logs: receipt.logs.filter((log) => isAddressEqual(log.address, registry)),
      });
      if (registered === undefined) {
        setStep({ status: "failed", message: "The registry did not report the new project's id." });
        return;
      }
      navigate(`/projects/${registered.args.projectId}`);
      return;
    }

    const projectId = project.projectId;
    if (pointer !== undefined) {
      const metadata = pointer;
      const receipt = await transaction.run("Saving the profile", async () => {
        const { request } = await simulateContract(config, {
          chainId,
          account,
          address: registry,
          abi: projectRegistryAbi,
          functionName: "updateMetadata",
          args: [projectId, metadata],
        });
        return writeContract(config, request);
      });
      if (receipt === undefined) return;
      setBaseline((current) => ({ ...current, profile }));
    }
    if (payoutChanged) {
      const receipt = await transaction.run("Changing the payout address", async () => {
        const { request } = await simulateContract(config, {
          chainId,
          account,
          address: registry,
          abi: projectRegistryAbi,
          functionName: "updatePayoutAddress",
          args: [projectId, payout.address],
        });
        return writeContract(config, request);
      });
      if (receipt === undefined) return;
      setBaseline((current) => ({ ...current, payoutAddress: payout.address }));
    }
    if (homeChanged) {
      const receipt = await transaction.run("Moving the project to its new home node", async () => {
        const { request } = await simulateContract(config, {
          chainId,
          account,
          address: registry,
          abi: projectRegistryAbi,
          functionName: "setHomeNode",
          args: [projectId, home],
        });
        return writeContract(config, request);
      });
      if (receipt === undefined) return;
      setBaseline((current) => ({ ...current, homeNode: home }));
    }
    navigate(`/projects/${projectId}`);
  };

  const problemCount =
    Object.keys(errors).length + (logoError === undefined ? 0 : 1) + (homeNodeError === undefined ? 0 : 1);
  const showHomeNodeError = (submitted || touched.homeNode === true) && homeNodeError !== undefined;
  return (
    <form
      className="card project-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {FIELDS.map(({ field, label, hint, multiline, optional }) => (
        <TextField
          key={field}
          id={idOf(field)}
          label={label}
          optional={optional === true}
          hint={hint}
          multiline={multiline === true}
          max={LIMITS_OF_FIELDS[field]}
          value={effective[field]}
          error={shown(field)}
          onChange={(value) => {
            change(field, value);
          }}
          onBlur={() => {
            setTouched((current) => ({ ...current, [field]: true }));
          }}
        />
      ))}
      <div className="field">
        <label htmlFor={`${formId}-home-node`}>Home node</label>
        <select
          id={`${formId}-home-node`}
          value={homeNode}
          aria-invalid={showHomeNodeError}
          aria-required
          aria-describedby={`${formId}-home-node-hint${showHomeNodeError ? ` ${formId}-home-node-error` : ""}`}
          onChange={(event) => {
            setHomeNode(event.target.value);
            setTouched((current) => ({ ...current, homeNode: true }));
            setNotice(undefined);
          }}
        >
          <option value="">{nodes.data === undefined ? "Loading the nodes…" : "Choose a node"}</option>
          {nodes.data?.map((node) => (
            <option key={node.id.toString()} value={node.id.toString()}>
              {node.name}
            </option>
          ))}
        </select>
        <p id={`${formId}-home-node-hint`} className="hint">
          The node of the network the project belongs to: a local node, or the translocal commons.
        </p>
        {firstReadError(nodes) && (
          <p className="field-error">The nodes could not be loaded: {describeError(nodes.error).message}</p>
        )}
        {showHomeNodeError && (
          <p id={`${formId}-home-node-error`} className="field-error">
            {homeNodeError}
          </p>
        )}
      </div>
      <div className="field logo-field">
        <label htmlFor={`${formId}-logo`}>
          Logo <span className="optional">(optional)</span>
        </label>
        <div className="logo-choice">
          {logo.kind === "new" && previewUrl !== undefined ? (
            <img
              className="logo"
              src={previewUrl}
              alt={`Preview of the new logo (${logo.name})`}
              width={96}
              height={96}
            />
          ) : logo.kind === "current" ? (
            <ProjectLogo pointer={props.current?.logo} name={effective.name} size={96} />
          ) : (
            <span className="logo logo-empty" aria-hidden="true" />
          )}
          <div>
            <input
              ref={fileInput}
              id={`${formId}-logo`}
              type="file"
              accept={LOGO_TYPES.join(",")}
              aria-invalid={logoError !== undefined}
              aria-describedby={`${formId}-logo-hint${logoError === undefined ? "" : ` ${formId}-logo-error`}`}
              onChange={(event) => {
                void chooseLogo(event.target.files?.[0]);
              }}
            />
            <p id={`${formId}-logo-hint`} className="hint">
              {logo.kind === "current"
                ? "The current logo is kept unless you choose another image. "
                : logo.kind === "none"
                  ? "Without a logo, the project's initials are shown. "
                  : ""}
              PNG, JPEG, WebP or SVG, at most 512 KiB.
            </p>
            {logoError !== undefined && (
              <p id={`${formId}-logo-error`} className="field-error">
                {logoError}
              </p>
            )}
            {logo.kind !== "none" && (
              <button type="button" className="button-quiet" onClick={removeLogo}>
                {logo.kind === "current" ? "Remove the logo" : "Clear the chosen file"}
              </button>
            )}
          </div>
        </div>
      </div>

      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy || !canAct}>
          {project === undefined ? "Register the project" : "Save the changes"}
        </button>
        <Link href={project === undefined ? "/projects" : `/projects/${project.projectId}`} className="button-quiet">
          Cancel
        </Link>
      </div>
      {!isConnected && <p className="hint">Connect a wallet to {project === undefined ? "register" : "save"}.</p>}
      {isConnected && active?.walletOnOtherChain && (
        <p className="hint">Switch your wallet to {active.chain.name} to send.</p>
      )}
      <div aria-live="polite">
        {submitted && problemCount > 0 && (
          <p className="status status-error">
            {problemCount === 1 ? "One field needs" : `${problemCount} fields need`} fixing (marked above). Nothing was
            sent.
          </p>
        )}
        {notice !== undefined && <p className="status status-neutral">{notice}</p>}
        {step.status === "publishing" && (
          <p className="status status-pending">Storing the profile in the content store…</p>
        )}
        {step.status === "failed" && <p className="status status-error">{step.message}</p>}
      </div>
      <TransactionStatus state={transaction.state} />
    </form>
  );
}

function TextField(props: {
  id: string;
  label: string;
  optional: boolean;
  hint: string | undefined;
  multiline: boolean;
  max: number;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
  onBlur: () => void;
}) {
  const { id, error } = props;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint === undefined ? undefined : hintId, error === undefined ? undefined : errorId]
    .filter((part) => part !== undefined)
    .join(" ");
  const common = {
    id,
    value: props.value,
    "aria-invalid": error !== undefined,
    "aria-describedby": describedBy === "" ? undefined : describedBy,
    "aria-required": !props.optional,
    onBlur: props.onBlur,
  };
  const length = props.value.trim().length;
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.label}
        {props.optional && <span className="optional"> (optional)</span>}
      </label>
      {props.multiline ? (
        <textarea
          {...common}
          rows={6}
          onChange={(event) => {
            props.onChange(event.target.value);
          }}
        />
      ) : (
        <input
          {...common}
          type="text"
          autoComplete="off"
          spellCheck={props.id.endsWith("payoutAddress") ? false : undefined}
          onChange={(event) => {
            props.onChange(event.target.value);
          }}
        />
      )}
      {props.hint !== undefined && (
        <p id={hintId} className="hint">
          {props.hint}
          {props.multiline && (
            <span className="counter">
              {" "}
              {length.toLocaleString("en-US")} / {props.max.toLocaleString("en-US")} characters
            </span>
          )}
        </p>
      )}
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
