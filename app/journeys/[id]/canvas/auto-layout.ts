import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { JourneyGraph } from '../../../../workflows/journey/graph';
import { findNodeType } from '../../../../workflows/journey/nodes';

/**
 * Auto-layout with ELK's layered algorithm (the one built for flow charts): top to bottom,
 * one layer per step along the longest path, crossings minimised. Each output is a port
 * in its catalog order, so "yes" stays left of "no" after a layout, as on the node.
 */

export interface StepSize {
  width: number;
  height: number;
}

/** The canvas node's width (CSS) and a typical height, for steps not yet measured by the browser. */
export const defaultStepSize: StepSize = { width: 240, height: 96 };

const elk = new ELK();

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.layered.spacing.nodeNodeBetweenLayers': '70',
  'elk.spacing.nodeNode': '50',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  // Loops back to a wait are allowed; ELK reverses them to lay out and draws them back up.
  'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
  'elk.edgeRouting': 'ORTHOGONAL',
};

const inputPort = (nodeId: string) => `${nodeId}::in`;
const outputPort = (nodeId: string, handle: string) => `${nodeId}::out::${handle}`;

/** New top-left positions by step id, rounded, with the first layer at y = 0. */
export async function autoLayout(
  graph: JourneyGraph,
  sizeOf: (nodeId: string) => StepSize | undefined = () => undefined,
): Promise<Map<string, { x: number; y: number }>> {
  const outputsOf = new Map(
    graph.nodes.map((node) => [node.id, findNodeType(node.type)?.outputs(node.data) ?? []] as const),
  );
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const root: ElkNode = {
    id: 'root',
    layoutOptions,
    children: graph.nodes.map((node) => {
      const size = sizeOf(node.id) ?? defaultStepSize;
      const outputs = outputsOf.get(node.id) ?? [];
      return {
        id: node.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: inputPort(node.id), layoutOptions: { 'elk.port.side': 'NORTH' } },
          ...outputs.map((handle, index) => ({
            id: outputPort(node.id, handle),
            layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(outputs.length - index) },
          })),
        ],
      };
    }),
    edges: graph.edges
      // A dangling edge (the compiler reports it) has nothing to lay out.
      .filter((edge) => nodeIds.has(edge.source) && nodeIds.has(edge.target))
      .map((edge) => {
        const handle = edge.sourceHandle ?? outputsOf.get(edge.source)?.[0];
        const known = handle !== undefined && outputsOf.get(edge.source)?.includes(handle);
        return {
          id: edge.id,
          sources: [known ? outputPort(edge.source, handle) : edge.source],
          targets: [inputPort(edge.target)],
        };
      }),
  };
  const laidOut = await elk.layout(root);
  return new Map(
    (laidOut.children ?? []).map((child) => [
      child.id,
      { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) },
    ]),
  );
}
