import { parseRoundDescription } from "../data/documents.ts";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type Address, isAddressEqual, parseEventLogs } from "viem";
import { Link, useLocation } from "wouter";
import { useConfig, useConnection, usePublicClient } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { Field } from "../components/Field.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { readAll } from "../data/chainReads.ts";
import { permitTokenAbi, votingRoundFactoryAbi } from "../data/contracts.ts";
import { publishDocument } from "../data/metadata.ts";
import type { NetworkNode } from "../data/network.ts";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useNodes } from "../hooks/useNetwork.ts";
import { useAllowedPayoutTokens } from "../hooks/useRegistry.ts";
import { useTransaction } from "../hooks/useTransaction.ts";
import { chosenNode, toLocalInput } from "../lib/roundForm.ts";
import { validateVotingRoundForm, type VotingRoundFormValues } from "../lib/votingRoundForm.ts";
import { firstReadError } from "../lib/queryFailure.ts";

const HOUR = 3_600n;
const DAY = 24n * HOUR;

function defaults(now: bigint, node: bigint | undefined, token: string): VotingRoundFormValues {
  // Applications for a week from the next hour; budgets fixed when they close; voting for two weeks after that.
  const start = ((now + HOUR) / 60n) * 60n;
  return {
    name: "",
    description: "",
    node: node === undefined ? "" : node.toString(),
    eligibility: "",
    payoutToken: token,
    applicationsStart: toLocalInput(start),
    applicationsEnd: toLocalInput(start + 7n * DAY),
    snapshot: toLocalInput(start + 7n * DAY),
    votingStart: toLocalInput(start + 7n * DAY + HOUR),
    votingEnd: toLocalInput(start + 21n * DAY + HOUR),
    powerPerVoiceCredit: "1",
    // Rounds made here are open to every account, so they give no base credits (the factory refuses them).
    baseVoiceCredits: "0",
  };
}

/** The voting token of rounds that name none: the network's commons credits, with its symbol and decimals. */
function useCommonsCredits() {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  return useQuery({
    queryKey: ["commonsCreditsToken", active?.chain.id],
    enabled: active !== undefined && client !== undefined,
    staleTime: Infinity,
    queryFn: async () => {
      if (active === undefined || client === undefined) throw new Error("no chain");
      const address = await client.readContract({
        address: active.deployment.votingRoundFactory,
        abi: votingRoundFactoryAbi,
        functionName: "commonsCredits",
      });
      const [symbol, decimals] = (await readAll(client, [
        { address, abi: permitTokenAbi, functionName: "symbol" },
        { address, abi: permitTokenAbi, functionName: "decimals" },
      ])) as [string, number];
      return { symbol, decimals };
    },
  });
}

/** A node's steward opens a quadratic voting round, voting with the network's commons credits. */
export function CreateVotingRoundPage() {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const now = useChainTime();
  const tokens = useAllowedPayoutTokens();
  const nodes = useNodes();
  const credits = useCommonsCredits();
  if (!isConnected || account === undefined) return <p>Connect a wallet to create a voting round.</p>;
  if (active === undefined) return <p>This build of Hyphae has no deployment.</p>;
  if (firstReadError(tokens)) return <LoadError error={tokens.error} what="the payout tokens" />;
  if (firstReadError(nodes)) return <LoadError error={nodes.error} what="the network's nodes" />;
  if (firstReadError(credits)) return <LoadError error={credits.error} what="the commons credits" />;
  if (tokens.data === undefined || nodes.data === undefined || credits.data === undefined || now === undefined) {
    return <Loading what="the form" />;
  }
  const yours = nodes.data.filter((node) => node.stewards.some((steward) => isAddressEqual(steward, account)));
  if (yours.length === 0) {
    return (
      <>
        <h1>Create a voting round</h1>
        <p className="status" role="status">
          Rounds belong to the nodes of the network, and only a node&apos;s stewards open them. This account stewards no
          node: ask the stewards of your node to add you, or to open the round.
        </p>
      </>
    );
  }
  return (
    <CreateVotingRoundForm account={account} now={now} tokens={tokens.data} nodes={yours} credits={credits.data} />
  );
}

function CreateVotingRoundForm(props: {
  account: Address;
  now: bigint;
  tokens: NonNullable<ReturnType<typeof useAllowedPayoutTokens>["data"]>;
  nodes: NetworkNode[];
  credits: { symbol: string; decimals: number };
}) {
  const { tokens, now, account, nodes, credits } = props;
  const active = useActiveChain();
  const config = useConfig();
  const [, navigate] = useLocation();
  const transaction = useTransaction();
  const first = tokens.find((token) => !token.isNative) ?? tokens[0];
  const [values, setValues] = useState<VotingRoundFormValues>(() =>
    defaults(now, nodes.length === 1 ? nodes[0]?.id : undefined, first?.address ?? ""),
  );
  const [touched, setTouched] = useState<Set<keyof VotingRoundFormValues>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const allowed = new Set(tokens.map((token) => token.address.toLowerCase()));
  const nodeId = chosenNode(values);
  const { errors, round } = validateVotingRoundForm(values, {
    isNodeSteward: nodes.some((node) => node.id === nodeId),
    now,
    isTokenAllowed: (token) => allowed.has(token.toLowerCase()),
    votingTokenDecimals: credits.decimals,
  });
  const show = (name: keyof VotingRoundFormValues) => submitted || touched.has(name);
  const field = (name: keyof VotingRoundFormValues) => ({
    value: values[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      const value = event.target.value;
      setValues((current) => ({ ...current, [name]: value }));
      setTouched((current) => new Set(current).add(name));
    },
  });

  const submit = async () => {
    setSubmitted(true);
    if (round === undefined || active === undefined) return;
    const receipt = await transaction.run("Creating the voting round", async () => {
      const pointer = await publishDocument(round.document, parseRoundDescription);
      const { request } = await simulateContract(config, {
        chainId: active.chain.id,
        account,
        address: active.deployment.votingRoundFactory,
        abi: votingRoundFactoryAbi,
        functionName: "createVotingRound",
        args: [round.nodeId, round.config, pointer],
      });
      return writeContract(config, request);
    });
    if (receipt === undefined) return;
    const [created] = parseEventLogs({
      abi: votingRoundFactoryAbi,
      eventName: "VotingRoundCreated",
      logs: receipt.logs,
    });
    if (created) navigate(`/voting/${created.args.round}`);
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/manage">Manage</Link> / New voting round
      </nav>
      <h1>Create a voting round</h1>
      <p className="lede">
        In a quadratic voting round, holders of commons credits spend voice credits on the approved projects (v votes
        cost v² voice credits) and the matching pool is split in proportion to the votes. For a round where people
        donate and donations are matched, <Link href="/manage/new">create a funding round</Link>.
      </p>
      <form
        className="card form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>About the round</legend>
          <Field label="Name" error={errors.name} showError={show("name")}>
            {(input) => <input {...input} {...field("name")} maxLength={120} />}
          </Field>
          <Field label="Description" error={errors.description} showError={show("description")}>
            {(input) => <textarea {...input} {...field("description")} rows={4} />}
          </Field>
          <Field
            label="Node"
            hint="The node that runs the round: its stewards review applications and can cancel it."
            error={errors.node}
            showError={show("node")}
          >
            {(input) => (
              <select {...input} {...field("node")}>
                {nodes.length > 1 && <option value="">Choose a node</option>}
                {nodes.map((node) => (
                  <option key={node.id.toString()} value={node.id.toString()}>
                    {node.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label="Who can apply"
            hint="One rule per line."
            error={errors.eligibility}
            showError={show("eligibility")}
          >
            {(input) => <textarea {...input} {...field("eligibility")} rows={3} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Voice credits</legend>
          <p className="hint">
            Voters vote with the network&apos;s commons credits ({credits.symbol}): the credits they hold (claimed and
            delegated to themselves) at the snapshot become their voice credits.
          </p>
          <Field
            label={`Voting power per voice credit (${credits.symbol})`}
            hint={`1 means one voice credit for each ${credits.symbol} held.`}
            error={errors.powerPerVoiceCredit}
            showError={show("powerPerVoiceCredit")}
          >
            {(input) => <input {...input} {...field("powerPerVoiceCredit")} inputMode="decimal" />}
          </Field>
          <Field
            label="Snapshot"
            hint="When voting power is read; before voting opens."
            error={errors.snapshot}
            showError={show("snapshot")}
          >
            {(input) => <input {...input} {...field("snapshot")} type="datetime-local" />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Money</legend>
          <Field
            label="Payout token"
            hint="The matching pool and payouts are in this token."
            error={errors.payoutToken}
            showError={show("payoutToken")}
          >
            {(input) => (
              <select {...input} {...field("payoutToken")}>
                {tokens.map((token) => (
                  <option key={token.address} value={token.address}>
                    {token.name} ({token.symbol}){token.isNative ? " — the chain's coin" : ""}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Windows (your time zone)</legend>
          <div className="field-row">
            <Field label="Applications open" error={errors.applicationsStart} showError={show("applicationsStart")}>
              {(input) => <input {...input} {...field("applicationsStart")} type="datetime-local" />}
            </Field>
            <Field label="Applications close" error={errors.applicationsEnd} showError={show("applicationsEnd")}>
              {(input) => <input {...input} {...field("applicationsEnd")} type="datetime-local" />}
            </Field>
          </div>
          <div className="field-row">
            <Field label="Voting opens" error={errors.votingStart} showError={show("votingStart")}>
              {(input) => <input {...input} {...field("votingStart")} type="datetime-local" />}
            </Field>
            <Field label="Voting closes" error={errors.votingEnd} showError={show("votingEnd")}>
              {(input) => <input {...input} {...field("votingEnd")} type="datetime-local" />}
            </Field>
          </div>
        </fieldset>
        {submitted && round === undefined && (
          <p className="status status-error" role="alert">
            Fix the fields marked above: nothing has been sent.
          </p>
        )}
        <button type="submit" className="button-primary" disabled={transaction.busy}>
          Create the voting round
        </button>
        <TransactionStatus state={transaction.state} />
      </form>
    </>
  );
}
