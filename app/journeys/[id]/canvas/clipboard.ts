import { z } from 'zod';
import { graphEdgeSchema, graphNodeSchema, type JourneyGraph } from '../../../../workflows/journey/graph';

/**
 * Copy and paste of a selection: the selected steps and the connections between them.
 * A connection to a step left behind is not copied, so a pasted part never points into
 * the original. The clipboard lives in localStorage, so a part can be pasted into
 * another journey in another tab.
 */
export const clipboardSchema = z.object({
  kind: z.literal('journey-steps'),
  nodes: z.array(graphNodeSchema).min(1),
  edges: z.array(graphEdgeSchema),
});
export type StepClipboard = z.infer<typeof clipboardSchema>;

export const clipboardStorageKey = 'journeys.clipboard';

export function copySelection(graph: JourneyGraph, selected: ReadonlySet<string>): StepClipboard | null {
  const nodes = graph.nodes.filter((node) => selected.has(node.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((edge) => selected.has(edge.source) && selected.has(edge.target));
  return { kind: 'journey-steps', nodes: structuredClone(nodes), edges: structuredClone(edges) };
}

export interface PasteOptions {
  /** Added to every position, so a paste does not land exactly on its original. */
  offset: { x: number; y: number };
  newNodeId: () => string;
  newEdgeId: () => string;
}

/** The clipboard with fresh ids, ready to be appended to a graph; `nodeIds` are the new steps. */
export function pasteClipboard(
  clipboard: StepClipboard,
  options: PasteOptions,
): JourneyGraph & { nodeIds: string[] } {
  const ids = new Map(clipboard.nodes.map((node) => [node.id, options.newNodeId()] as const));
  const nodes = clipboard.nodes.map((node) => ({
    ...structuredClone(node),
    id: ids.get(node.id)!,
    position: { x: node.position.x + options.offset.x, y: node.position.y + options.offset.y },
  }));
  const edges = clipboard.edges.flatMap((edge) => {
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    return source && target ? [{ ...edge, id: options.newEdgeId(), source, target }] : [];
  });
  return { nodes, edges, nodeIds: nodes.map((node) => node.id) };
}

/** What localStorage holds, if it is a clipboard of ours (another app or an old format is ignored). */
export function readClipboard(stored: string | null): StepClipboard | null {
  if (!stored) return null;
  try {
    const parsed = clipboardSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
