import type { GraphEdge, GraphNode, JourneyGraph } from '../../../../workflows/journey/graph';
import { findNodeType } from '../../../../workflows/journey/nodes';

/**
 * Edits that change several things at once, as pure functions over the saved graph
 * shape, so the canvas, keyboard commands and tests share one behaviour.
 */

const sameOutput = (edge: GraphEdge, source: string, handle: string | null) =>
  edge.source === source && (edge.sourceHandle ?? null) === handle;

/**
 * Puts a new step on a connection: source → new step → old target. The new step's first
 * output carries on to where the connection led; a step without outputs (exit) ends there.
 */
export function insertOnEdge(
  graph: JourneyGraph,
  edgeId: string,
  node: GraphNode,
  newEdgeId: () => string,
): JourneyGraph {
  const edge = graph.edges.find((candidate) => candidate.id === edgeId);
  if (!edge) return graph;
  const definition = findNodeType(node.type);
  const firstOutput = definition?.outputs(node.data)[0];
  const edges = graph.edges.filter((candidate) => candidate.id !== edgeId);
  edges.push({
    id: newEdgeId(),
    source: edge.source,
    sourceHandle: edge.sourceHandle ?? null,
    target: node.id,
  });
  if (firstOutput !== undefined) {
    edges.push({ id: newEdgeId(), source: node.id, sourceHandle: firstOutput, target: edge.target });
  }
  return { nodes: [...graph.nodes, node], edges };
}

/**
 * Points one output at a step, or at nothing (`target` null). An output has one
 * connection at most, so an existing one is replaced; used by drag-connect and by the
 * side panel's keyboard-friendly "leads to" choice.
 */
export function setOutputTarget(
  edges: readonly GraphEdge[],
  source: string,
  handle: string | null,
  target: string | null,
  newEdgeId: () => string,
): GraphEdge[] {
  const kept = edges.filter((edge) => !sameOutput(edge, source, handle));
  if (target === null || target === source) return kept;
  const existing = edges.find((edge) => sameOutput(edge, source, handle) && edge.target === target);
  return [...kept, existing ?? { id: newEdgeId(), source, sourceHandle: handle, target }];
}

/** Removes steps and every connection into or out of them. */
export function removeSteps(graph: JourneyGraph, ids: ReadonlySet<string>): JourneyGraph {
  return {
    nodes: graph.nodes.filter((node) => !ids.has(node.id)),
    edges: graph.edges.filter((edge) => !ids.has(edge.source) && !ids.has(edge.target)),
  };
}
