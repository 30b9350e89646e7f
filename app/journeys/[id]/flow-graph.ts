import type { Edge, Node } from '@xyflow/react';
import type { JourneyGraph } from '../../../workflows/journey/graph';

/** A canvas node: `type` is the catalog node type, `data` its config, exactly as the graph stores it. */
export type JourneyFlowNode = Node<Record<string, unknown>, string>;

export function graphToFlow(graph: JourneyGraph): { nodes: JourneyFlowNode[]; edges: Edge[] } {
  return {
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      type: node.type,
      position: node.position,
      data: node.data,
    })),
    edges: graph.edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle ?? null,
      target: edge.target,
    })),
  };
}

/** Only what the compiler reads: selection, measured sizes and styling stay in the browser. */
export function flowToGraph(nodes: JourneyFlowNode[], edges: Edge[]): JourneyGraph {
  return {
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.type ?? '',
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      data: node.data,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle ?? null,
      target: edge.target,
    })),
  };
}

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';

function randomSuffix(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}

export const newNodeId = (): string => `n_${randomSuffix(10)}`;
export const newEdgeId = (): string => `e_${randomSuffix(10)}`;
