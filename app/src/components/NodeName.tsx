import { nodeName } from "../data/nodes.ts";
import { useNodes } from "../hooks/useNodes.ts";

/** The name of a node of the network, read from the node registry ("node 3" until the names arrive). */
export function NodeName({ nodeId }: { nodeId: bigint }) {
  const nodes = useNodes();
  return <>{nodeName(nodes.data, nodeId)}</>;
}
