import type { Address } from "viem";
import { parseRoundDescription, type RoundDescription } from "../data/documents.ts";
import type { Fetched } from "../data/metadata.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { shortAddress } from "../lib/format.ts";

/** A round's name from its verified description, or its address until then (or if it cannot be shown). */
export function roundNameOf(address: Address, description: Fetched<RoundDescription> | undefined): string {
  return description?.state === "verified" ? description.value.name : `Round ${shortAddress(address)}`;
}

/** The round's name, for a component that needs nothing else of its description. */
export function useRoundName(address: Address, pointer: string | undefined): string {
  const { data } = useDocument(pointer, "round", parseRoundDescription);
  return roundNameOf(address, data);
}
