import { nodeName } from "../data/network.ts";
import { useNodes } from "../hooks/useNetwork.ts";

/**
 * The name of a node of the network, read from the node registry: nothing while it loads, "node 3" if the
 * registry cannot be read.
 */
export function NodeName({ nodeId }: { nodeId: bigint }) {
  const nodes = useNodes();
  if (nodes.data === undefined && nodes.error === null) return null;
  return <>{nodeName(nodes.data, nodeId)}</>;
}
