import { z } from 'zod';

/**
 * The canvas as React Flow holds it, minus view-only fields. `data` is the node's config
 * and is validated against the node type's schema by the compiler, not here, so a
 * half-configured draft can still be saved.
 */
export const graphNodeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  position: z.object({ x: z.number(), y: z.number() }),
  data: z.record(z.string(), z.unknown()),
});

export const graphEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  sourceHandle: z.string().min(1).nullish(),
  target: z.string().min(1),
});

export const journeyGraphSchema = z.object({
  nodes: z.array(graphNodeSchema),
  edges: z.array(graphEdgeSchema),
});

export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type JourneyGraph = z.infer<typeof journeyGraphSchema>;

export const emptyGraph: JourneyGraph = { nodes: [], edges: [] };
