import type { GraphEdge } from '../../../../workflows/journey/graph';

export interface PathHighlight {
  stepIds: string[];
  edgeIds: string[];
  currentStepId: string | null;
}

/**
 * The canvas highlight for the preview's step-through: the steps passed up to and including
 * `current`, and the connections between them. A connection is matched by its source, the
 * output the step took and its target (an edge without a handle is a step's only output), so
 * a condition's "yes" and "no" to the same step are told apart.
 */
export function pathHighlight(
  steps: ReadonlyArray<{ stepId: string; output: string | null }>,
  edges: ReadonlyArray<Pick<GraphEdge, 'id' | 'source' | 'sourceHandle' | 'target'>>,
  current: number,
): PathHighlight {
  const passed = steps.slice(0, current + 1);
  const edgeIds: string[] = [];
  for (let i = 0; i + 1 < passed.length; i += 1) {
    const from = passed[i]!;
    const to = passed[i + 1]!;
    const between = edges.filter((edge) => edge.source === from.stepId && edge.target === to.stepId);
    const edge =
      between.find((e) => (e.sourceHandle ?? null) === from.output) ??
      between.find((e) => e.sourceHandle == null) ??
      between[0];
    if (edge && !edgeIds.includes(edge.id)) edgeIds.push(edge.id);
  }
  return {
    stepIds: [...new Set(passed.map((step) => step.stepId))],
    edgeIds,
    currentStepId: passed.at(-1)?.stepId ?? null,
  };
}
