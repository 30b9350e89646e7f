import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../../../workflows/journey/graph';
import { flowToGraph, graphToFlow, newEdgeId, newNodeId } from './flow-graph';

describe('flow graph conversion', () => {
  const graph: JourneyGraph = {
    nodes: [{ id: 'n_a', type: 'trigger_birthday', position: { x: 10, y: 20 }, data: { hour: 9 } }],
    edges: [{ id: 'e_a', source: 'n_a', sourceHandle: 'next', target: 'n_b' }],
  };

  it('round-trips the stored graph', () => {
    const { nodes, edges } = graphToFlow(graph);
    expect(flowToGraph(nodes, edges)).toEqual(graph);
  });

  it('drops what only the browser needs and rounds positions', () => {
    const { nodes, edges } = graphToFlow(graph);
    const canvasNodes = nodes.map((n) => ({
      ...n,
      selected: true,
      measured: { width: 240, height: 80 },
      position: { x: 10.4, y: 19.6 },
    }));
    const canvasEdges = edges.map((e) => ({ ...e, className: 'journey-edge--invalid', selected: true }));
    expect(flowToGraph(canvasNodes, canvasEdges)).toEqual(graph);
  });

  it('makes prefixed opaque ids', () => {
    expect(newNodeId()).toMatch(/^n_[0-9a-z]{10}$/);
    expect(newEdgeId()).toMatch(/^e_[0-9a-z]{10}$/);
    expect(newNodeId()).not.toBe(newNodeId());
  });
});
