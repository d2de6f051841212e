import { parseRoundDescription } from "../data/documents.ts";
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { type Address, getAddress, isAddress, isAddressEqual, parseEventLogs, zeroAddress, zeroHash } from "viem";
import { Link, useLocation } from "wouter";
import { useConfig, useConnection, usePublicClient } from "wagmi";
import { simulateContract, writeContract } from "wagmi/actions";
import { roundFactoryAbi } from "../data/contracts.ts";
import { publishDocument } from "../data/metadata.ts";
import { Field } from "../components/Field.tsx";
import { LoadError, Loading } from "../components/Loading.tsx";
import { TransactionStatus } from "../components/TransactionStatus.tsx";
import { useActiveChain } from "../hooks/useActiveChain.ts";
import { useChainTime } from "../hooks/useChainTime.ts";
import { useCreditsToken, useNodes } from "../hooks/useNetwork.ts";
import { useSeasonNames, useSeasons } from "../hooks/useSeasons.ts";
import { OPEN_ELIGIBILITY } from "../../../lib/round-rules.ts";
import { nodeName } from "../data/network.ts";
import { formatTime } from "../lib/format.ts";
import { useAllowedPayoutTokens } from "../hooks/useRegistry.ts";
import { useTransaction } from "../hooks/useTransaction.ts";
import type { NetworkNode } from "../data/network.ts";
import { fetchTokenFacts } from "../data/eligibility.ts";
import {
  chosenNode,
  DONOR_RULE_CHOICES,
  NO_LINKS_VALUES,
  OPEN_PARTICIPATION_VALUES,
  type RoundFormValues,
  toLocalInput,
  validateRoundForm,
} from "../lib/roundForm.ts";
import { firstReadError } from "../lib/queryFailure.ts";

const HOUR = 3_600n;
const DAY = 24n * HOUR;

function defaults(now: bigint, node: bigint | undefined, nativeToken: string): RoundFormValues {
  // Applications open in an hour for a week; donations follow for two weeks.
  const start = ((now + HOUR) / 60n) * 60n;
  return {
    name: "",
    description: "",
    node: node === undefined ? "" : node.toString(),
    eligibility: "",
    payoutToken: nativeToken,
    applicationsStart: toLocalInput(start),
    applicationsEnd: toLocalInput(start + 7n * DAY),
    donationsStart: toLocalInput(start + 7n * DAY),
    donationsEnd: toLocalInput(start + 21n * DAY),
    matchCap: "",
    ...OPEN_PARTICIPATION_VALUES,
    ...NO_LINKS_VALUES,
  };
}

/** What the chain says of the contracts the donor rule names (the token, or the attestation service). */
function useContractFacts(addresses: string[]) {
  const active = useActiveChain();
  const client = usePublicClient({ chainId: active?.chain.id });
  const wanted = [
    ...new Set(
      addresses
        .map((text) => text.trim())
        .filter((text) => isAddress(text, { strict: false }))
        .map((text) => getAddress(text)),
    ),
  ];
  const results = useQueries({
    queries: wanted.map((address) => ({
      queryKey: ["contractFacts", active?.chain.id, address],
      enabled: client !== undefined,
      staleTime: 60_000,
      queryFn: () => {
        if (client === undefined) throw new Error("no chain");
        return fetchTokenFacts(client, address);
      },
    })),
  });
  const facts = new Map(wanted.map((address, index) => [address, results[index]?.data]));
  return (address: Address) => facts.get(getAddress(address));
}

/**
 * A node's steward opens a round for the node; every setting is checked as typed with the contracts' own rules.
 */
export function CreateRoundPage() {
  const { address: account, isConnected } = useConnection();
  const active = useActiveChain();
  const now = useChainTime();
  const tokens = useAllowedPayoutTokens();
  const nodes = useNodes();
  if (!isConnected || account === undefined) return <p>Connect a wallet to create a round.</p>;
  if (active === undefined) return <p>This build of Hyphae has no deployment.</p>;
  if (firstReadError(tokens)) return <LoadError error={tokens.error} what="the payout tokens" />;
  if (firstReadError(nodes)) return <LoadError error={nodes.error} what="the network's nodes" />;
  if (tokens.data === undefined || nodes.data === undefined || now === undefined) return <Loading what="the form" />;
  const yours = nodes.data.filter((node) => node.stewards.some((steward) => isAddressEqual(steward, account)));
  if (yours.length === 0) {
    return (
      <>
        <h1>Create a round</h1>
        <p className="status" role="status">
          Rounds belong to the nodes of the network, and only a node&apos;s stewards open them. This account stewards no
          node: ask the stewards of your node to add you, or to open the round.
        </p>
      </>
    );
  }
  return <CreateRoundForm account={account} now={now} tokens={tokens.data} nodes={yours} allNodes={nodes.data} />;
}

function CreateRoundForm(props: {
  account: Address;
  now: bigint;
  tokens: NonNullable<ReturnType<typeof useAllowedPayoutTokens>["data"]>;
  /** The nodes the account stewards. */
  nodes: NetworkNode[];
  /** Every node of the network (a season may belong to a node's parent). */
  allNodes: NetworkNode[];
}) {
  const { tokens, now, account, nodes, allNodes } = props;
  const seasons = useSeasons();
  const seasonNames = useSeasonNames(seasons.data);
  const active = useActiveChain();
  const config = useConfig();
  const [, navigate] = useLocation();
  const transaction = useTransaction();
  const native = tokens.find((token) => token.isNative);
  const [values, setValues] = useState<RoundFormValues>(() =>
    defaults(now, nodes.length === 1 ? nodes[0]?.id : undefined, native?.address ?? tokens[0]?.address ?? ""),
  );
  const [touched, setTouched] = useState<Set<keyof RoundFormValues>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const tokenInfo = new Map(tokens.map((token) => [token.address.toLowerCase(), token]));
  const nodeId = chosenNode(values);
  const creditsToken = useCreditsToken();
  const contractFacts = useContractFacts(
    values.donorRule === "token"
      ? [values.ruleToken]
      : values.donorRule === "attestation"
        ? [values.attestationService]
        : [],
  );
  const { errors, round } = validateRoundForm(values, {
    isNodeSteward: nodes.some((node) => node.id === nodeId),
    now,
    isTokenAllowed: (token) => tokenInfo.has(token.toLowerCase()),
    tokenDecimals: (token) => tokenInfo.get(token.toLowerCase())?.decimals,
    tokenSymbol: (token) => tokenInfo.get(token.toLowerCase())?.symbol,
    contractFacts,
    creditsToken: creditsToken.data,
    seasons: seasons.data?.map((season) => ({ ...season, payoutToken: season.token.address })),
    parentOf: (id) => allNodes.find((node) => node.id === id)?.parentId ?? 0n,
  });
  // The seasons a round of the chosen node may join: open ones of the node or of its parent, in any token (the
  // form says which token and close a season needs).
  const parentId = nodeId === undefined ? 0n : (allNodes.find((node) => node.id === nodeId)?.parentId ?? 0n);
  const openSeasons = (seasons.data ?? []).filter(
    (season) =>
      !season.settled &&
      season.closesAt > now &&
      (season.nodeId === nodeId || (parentId !== 0n && season.nodeId === parentId)),
  );
  const payoutSymbol = tokenInfo.get(values.payoutToken.toLowerCase())?.symbol ?? "";
  const ruleTokenFacts =
    values.donorRule === "token" && isAddress(values.ruleToken.trim(), { strict: false })
      ? contractFacts(getAddress(values.ruleToken.trim()))
      : undefined;

  const set = (field: keyof RoundFormValues) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setTouched((current) => new Set(current).add(field));
  };
  const show = (field: keyof RoundFormValues) => submitted || touched.has(field);
  const field = (name: keyof RoundFormValues) => ({
    value: values[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      set(name)(event.target.value);
    },
  });

  const submit = async () => {
    setSubmitted(true);
    if (round === undefined || active === undefined) return;
    const receipt = await transaction.run("Creating the round", async () => {
      const pointer = await publishDocument(round.document, parseRoundDescription);
      if (round.links !== undefined) {
        const rules = round.rules ?? {
          eligibility: { ...OPEN_ELIGIBILITY, source: zeroAddress, key: zeroHash, attester: zeroAddress },
          minCountedDonation: 0n,
          countedContributionCap: 0n,
        };
        const { request } = await simulateContract(config, {
          chainId: active.chain.id,
          account,
          address: active.deployment.roundFactory,
          abi: roundFactoryAbi,
          functionName: "createLinkedRound",
          args: [round.nodeId, round.config, rules, round.links, pointer],
        });
        return writeContract(config, request);
      }
      if (round.rules !== undefined) {
        const { request } = await simulateContract(config, {
          chainId: active.chain.id,
          account,
          address: active.deployment.roundFactory,
          abi: roundFactoryAbi,
          functionName: "createRoundWithRules",
          args: [round.nodeId, round.config, round.rules, pointer],
        });
        return writeContract(config, request);
      }
      const { request } = await simulateContract(config, {
        chainId: active.chain.id,
        account,
        address: active.deployment.roundFactory,
        abi: roundFactoryAbi,
        functionName: "createRound",
        args: [round.nodeId, round.config, pointer],
      });
      return writeContract(config, request);
    });
    if (receipt === undefined) return;
    const [created] = parseEventLogs({ abi: roundFactoryAbi, eventName: "RoundCreated", logs: receipt.logs });
    if (created) navigate(`/manage/rounds/${created.args.round}`);
  };

  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/manage">Manage</Link> / New round
      </nav>
      <h1>Create a round</h1>
      <p className="hint">
        A quadratic funding round: people donate and the matching pool matches them. To let commons credit holders vote
        on where a pool goes instead, <Link href="/manage/new-vote">create a quadratic voting round</Link>.
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
          <legend>Money</legend>
          <Field
            label="Payout token"
            hint="Donations, the matching pool and payouts are all in this token."
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
          <Field
            label="Match cap (% of the pool)"
            hint="Leave empty for no cap; otherwise 1–100."
            error={errors.matchCap}
            showError={show("matchCap")}
          >
            {(input) => <input {...input} {...field("matchCap")} inputMode="decimal" />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>Who may donate</legend>
          <Field
            label="Donors"
            hint="The round checks this rule on every donation; donors who do not meet it are told why before they sign."
            error={errors.donorRule}
            showError={show("donorRule")}
          >
            {(input) => (
              <select
                {...input}
                value={values.donorRule}
                onChange={(event) => {
                  set("donorRule")(event.target.value);
                }}
              >
                {DONOR_RULE_CHOICES.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {values.donorRule === "token" && (
            <>
              <Field
                label="Token or NFT address"
                hint="An ERC-20 token or an ERC-721 collection on this chain."
                error={errors.ruleToken}
                showError={show("ruleToken")}
              >
                {(input) => <input {...input} {...field("ruleToken")} autoComplete="off" spellCheck={false} />}
              </Field>
              <Field
                label={`Smallest balance that qualifies${ruleTokenFacts?.symbol ? ` (${ruleTokenFacts.symbol})` : ""}`}
                hint={
                  ruleTokenFacts?.hasCode
                    ? ruleTokenFacts.decimals === undefined
                      ? "This contract reports no decimals: count whole items (for an NFT, 1 means at least one)."
                      : `In whole tokens; ${ruleTokenFacts.symbol ?? "the token"} has ${ruleTokenFacts.decimals} decimals.`
                    : "In whole tokens, or items for an NFT."
                }
                error={errors.ruleMinimum}
                showError={show("ruleMinimum")}
              >
                {(input) => <input {...input} {...field("ruleMinimum")} inputMode="decimal" autoComplete="off" />}
              </Field>
            </>
          )}
          {values.donorRule === "credits" && (
            <Field
              label="Commons credits a donor must hold"
              hint="Credits are earned by attested contributions to the network; they cannot be bought or moved."
              error={errors.ruleMinimum}
              showError={show("ruleMinimum")}
            >
              {(input) => <input {...input} {...field("ruleMinimum")} inputMode="decimal" autoComplete="off" />}
            </Field>
          )}
          {values.donorRule === "allowlist" && (
            <Field
              label="Allowlist"
              hint="One address per line (commas work too). The round keeps only a fingerprint of the list (its Merkle root); the list itself goes in the round's description, so every donor on it can prove it."
              error={errors.allowlist}
              showError={show("allowlist")}
            >
              {(input) => <textarea {...input} {...field("allowlist")} rows={6} spellCheck={false} />}
            </Field>
          )}
          {values.donorRule === "attestation" && (
            <>
              <Field
                label="Attestation service"
                hint="The address of an EAS-compatible attestation service on this chain."
                error={errors.attestationService}
                showError={show("attestationService")}
              >
                {(input) => <input {...input} {...field("attestationService")} autoComplete="off" spellCheck={false} />}
              </Field>
              <Field
                label="Schema id"
                hint="The id of the schema the attestations follow (0x and 64 hexadecimal digits)."
                error={errors.attestationSchema}
                showError={show("attestationSchema")}
              >
                {(input) => <input {...input} {...field("attestationSchema")} autoComplete="off" spellCheck={false} />}
              </Field>
              <Field
                label="Attester"
                hint="Only attestations made by this address count."
                error={errors.attester}
                showError={show("attester")}
              >
                {(input) => <input {...input} {...field("attester")} autoComplete="off" spellCheck={false} />}
              </Field>
            </>
          )}
        </fieldset>
        <fieldset>
          <legend>What counts toward the match</legend>
          <Field
            label={`Smallest donation that counts${payoutSymbol ? ` (${payoutSymbol})` : ""}`}
            hint="Smaller gifts are still accepted and paid to the project, but add nothing to its match. Leave empty to count every gift."
            error={errors.minCountedDonation}
            showError={show("minCountedDonation")}
          >
            {(input) => <input {...input} {...field("minCountedDonation")} inputMode="decimal" autoComplete="off" />}
          </Field>
          <Field
            label={`Most of one person's gifts to a project that counts${payoutSymbol ? ` (${payoutSymbol})` : ""}`}
            hint="Beyond it, a person's gifts to a project still reach it but raise its match no further. Leave empty for no cap."
            error={errors.countedContributionCap}
            showError={show("countedContributionCap")}
          >
            {(input) => (
              <input {...input} {...field("countedContributionCap")} inputMode="decimal" autoComplete="off" />
            )}
          </Field>
        </fieldset>
        <fieldset>
          <legend>The translocal commons</legend>
          <Field
            label="Commons share (% of the matching pool)"
            hint="Leave empty for none; at most 20. This share of the matching pool goes to the translocal commons treasury when the round is finalized, counted as the node's gift to the commons; the round's rule distributes the rest."
            error={errors.commonsShare}
            showError={show("commonsShare")}
          >
            {(input) => <input {...input} {...field("commonsShare")} inputMode="decimal" autoComplete="off" />}
          </Field>
          <Field
            label="Co-matching season"
            hint={
              openSeasons.length === 0
                ? "No co-matching season of this node or of the commons it belongs to is open."
                : "The round joins the season: the season's pool is split quadratically among its rounds and the round's draw joins its matching pool. It needs the season's token and donations closing by the season's close."
            }
            error={errors.season}
            showError={show("season") || show("donationsEnd") || show("payoutToken")}
          >
            {(input) => (
              <select {...input} {...field("season")}>
                <option value="">None</option>
                {openSeasons.map((season) => (
                  <option key={season.address} value={season.address}>
                    {seasonNames.get(season.address)} — {nodeName(allNodes, season.nodeId)}, {season.token.symbol},
                    closes {formatTime(season.closesAt)}
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
            <Field label="Donations open" error={errors.donationsStart} showError={show("donationsStart")}>
              {(input) => <input {...input} {...field("donationsStart")} type="datetime-local" />}
            </Field>
            <Field label="Donations close" error={errors.donationsEnd} showError={show("donationsEnd")}>
              {(input) => <input {...input} {...field("donationsEnd")} type="datetime-local" />}
            </Field>
          </div>
        </fieldset>
        {submitted && round === undefined && (
          <p className="status status-error" role="alert">
            Fix the fields marked above: nothing has been sent.
          </p>
        )}
        <button type="submit" className="button-primary" disabled={transaction.busy}>
          Create the round
        </button>
        <TransactionStatus state={transaction.state} />
      </form>
    </>
  );
}
