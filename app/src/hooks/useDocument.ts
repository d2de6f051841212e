import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { fetchDocument, fetchVerifiedBytes, type Fetched, imageSourceOf, imageTypeOf } from "../data/metadata.ts";
import { firstReadError } from "../lib/queryFailure.ts";

/** A metadata document, verified against its CID and validated; content never changes for a CID. */
export function useDocument<T>(pointer: string | undefined, kind: string, parse: (value: unknown) => T) {
  return useQuery<Fetched<T>>({
    queryKey: ["document", kind, pointer],
    enabled: pointer !== undefined && pointer !== "",
    staleTime: Infinity,
    queryFn: ({ signal }) => {
      if (pointer === undefined) throw new Error("no pointer");
      return fetchDocument(pointer, parse, signal);
    },
  });
}

/** An image a pointer names, verified against its CID, as a source of its own bytes (released when no longer shown). */
export function useVerifiedImage(pointer: string | undefined): { url?: string; problem?: string } {
  const image = useQuery({
    queryKey: ["image", pointer],
    enabled: pointer !== undefined && pointer !== "",
    staleTime: Infinity,
    queryFn: ({ signal }) => {
      if (pointer === undefined) throw new Error("no pointer");
      return fetchVerifiedBytes(pointer, signal);
    },
  });
  const { data } = image;
  const [url, setUrl] = useState<string>();
  const verified = data?.state === "verified" ? data.value : undefined;
  const type = verified ? imageTypeOf(verified) : undefined;
  useEffect(() => {
    if (verified === undefined || type === undefined) {
      setUrl(undefined);
      return;
    }
    const source = imageSourceOf(verified, type);
    setUrl(source.url);
    return source.release;
  }, [verified, type]);
  if (firstReadError(image)) return { problem: "The logo could not be loaded." };
  if (data === undefined) return {};
  if (data.state === "missing") return { problem: "The logo is missing from the content store." };
  if (data.state === "mismatch") return { problem: "The logo does not match its content identifier." };
  if (data.state === "invalid") return { problem: `The logo pointer is invalid: ${data.reason}.` };
  if (type === undefined) return { problem: "The logo is not an image." };
  return url === undefined ? {} : { url };
}
