import { parseSeasonDescription } from "../data/documents.ts";
import { useState } from "react";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import { useConfig, useConnection } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { Link, useLocation } from "wouter";
import { Field } from "../components/Field.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { roundFactoryAbi } from "../data/contracts.ts";
import { publishDocument } from "../data/metadata.ts";
import { type NetworkNode, nodeName } from "../data/network.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useNodes } from "../hooks/useNetwork.ts";
import { useAllowedPayoutTokens } from "../hooks/useRegistry.ts";
import { useTransaction } from "../hooks/useTransaction.ts";
import { toLocalInput } from "../lib/roundForm.ts";
import { type SeasonFormValues, validateSeasonForm } from "../lib/seasonForm.ts";
import { firstReadError } from "../lib/queryFailure.ts";

/** `/manage/new-season`: a node's steward opens a co-matching season that the rounds of its local nodes can join. */
export function CreateSeasonPage() {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const now = useChainTime();
  const tokens = useAllowedPayoutTokens();
  const nodes = useNodes();
  if (!isConnected || account === undefined) return <p>Connect a wallet to open a co-matching season.</p>;
  if (active === undefined) return <p>This build of Hyphae has no deployment.</p>;
  if (firstReadError(tokens)) return <LoadError error={tokens.error} what="the payout tokens" />;
  if (firstReadError(nodes)) return <LoadError error={nodes.error} what="the network's nodes" />;
  if (tokens.data === undefined || nodes.data === undefined || now === undefined) return <Loading what="the form" />;
  const yours = nodes.data.filter((node) => node.stewards.some((steward) => isAddressEqual(steward, account)));
  if (yours.length === 0) {
    return (
      <>
        <h1>Open a co-matching season</h1>
        <p className="status" role="status">
          Only a node&apos;s stewards open its seasons, and this account stewards no node.
        </p>
      </>
    );
  }
  return <CreateSeasonForm account={account} now={now} tokens={tokens.data} nodes={yours} />;
}

function CreateSeasonForm(props: {
  account: Address;
  now: bigint;
  tokens: NonNullable<ReturnType<typeof useAllowedPayoutTokens>["data"]>;
  nodes: NetworkNode[];
}) {
  const { account, now, tokens, nodes } = props;
  const active = useActiveChain();
  const config = useConfig();
  const [, navigate] = useLocation();
  const transaction = useTransaction();
  // A translocal commons first: seasons are usually opened there, for its local nodes' rounds.
  const first = nodes.find((node) => node.parentId === 0n) ?? nodes[0];
  const [values, setValues] = useState<SeasonFormValues>(() => ({
    name: "",
    description: "",
    node: first?.id.toString() ?? "",
    payoutToken: tokens.find((token) => !token.isNative)?.address ?? tokens[0]?.address ?? "",
    closesAt: toLocalInput(((now + 28n * 86_400n) / 60n) * 60n),
  }));
  const [submitted, setSubmitted] = useState(false);
  const { errors, season } = validateSeasonForm(values, {
    stewardOf: (nodeId) => nodes.some((node) => node.id === nodeId),
    nodeName: (nodeId) => nodeName(nodes, nodeId),
    isTokenAllowed: (token) => tokens.some((item) => item.address.toLowerCase() === token.toLowerCase()),
    now,
  });
  const field = (name: keyof SeasonFormValues) => ({
    value: values[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      setValues((current) => ({ ...current, [name]: event.target.value }));
    },
  });

  const submit = async () => {
    setSubmitted(true);
    if (season === undefined || active === undefined) return;
    const receipt = await transaction.run("Opening the season", async () => {
      const pointer = await publishDocument(season.document, parseSeasonDescription);
      const { request } = await simulateContract(config, {
        chainId: active.chain.id,
        account,
        address: active.deployment.roundFactory,
        abi: roundFactoryAbi,
        functionName: "createSeason",
        args: [season.nodeId, season.payoutToken, season.closesAt, pointer],
      });
      return writeContract(config, request);
    });
    if (receipt === undefined) return;
    const [created] = parseEventLogs({ abi: roundFactoryAbi, eventName: "SeasonCreated", logs: receipt.logs });
    if (created) navigate(`/network/seasons/${created.args.season}`);
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/manage">Manage</Link> / New co-matching season
      </nav>
      <h1>Open a co-matching season</h1>
      <p className="hint">
        Funders fill the season&apos;s pool; the rounds of the node and of its local nodes join it when they are created
        (in the same token, with donations closing by the season&apos;s close). Once it closes, anyone settles it: the
        pool is split quadratically among its rounds and each draw joins the round&apos;s matching pool.
      </p>
      <form
        className="card form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Field label="Name" error={errors.name} showError={submitted}>
          {(input) => <input {...input} {...field("name")} maxLength={120} />}
        </Field>
        <Field label="Description" error={errors.description} showError={submitted}>
          {(input) => <textarea {...input} {...field("description")} rows={3} />}
        </Field>
        <Field label="Node" hint="The node whose stewards open the season." error={errors.node} showError={submitted}>
          {(input) => (
            <select {...input} {...field("node")}>
              {nodes.map((node) => (
                <option key={node.id.toString()} value={node.id.toString()}>
                  {node.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Payout token"
          hint="The pool and every round that joins are in this token."
          error={errors.payoutToken}
          showError={submitted}
        >
          {(input) => (
            <select {...input} {...field("payoutToken")}>
              {tokens.map((token) => (
                <option key={token.address} value={token.address}>
                  {token.name} ({token.symbol})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Closes (your time zone)"
          hint="From then on anyone can settle it."
          error={errors.closesAt}
          showError={submitted}
        >
          {(input) => <input {...input} {...field("closesAt")} type="datetime-local" />}
        </Field>
        {submitted && season === undefined && (
          <p className="status status-error" role="alert">
            Fix the fields marked above: nothing has been sent.
          </p>
        )}
        <button type="submit" className="button-primary" disabled={transaction.busy}>
          Open the season
        </button>
        <TransactionStatus state={transaction.state} />
      </form>
    </>
  );
}
