import type { Address } from "viem";
import { parseRoundDescription } from "../data/documents.ts";
import { useDocument } from "../hooks/useDocument.ts";
import { shortAddress } from "../lib/format.ts";

/** A round's name from its verified description, or its address until then (or if it cannot be shown). */
export function useRoundName(address: Address, pointer: string | undefined): string {
  const { data } = useDocument(pointer, "round", parseRoundDescription);
  return data?.state === "verified" ? data.value.name : `Round ${shortAddress(address)}`;
}
