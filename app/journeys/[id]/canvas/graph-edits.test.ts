import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../../../../workflows/journey/graph';
import { insertOnEdge, removeSteps, setOutputTarget } from './graph-edits';

const at = { x: 0, y: 0 };
const graph: JourneyGraph = {
  nodes: [
    { id: 't', type: 'trigger_birthday', position: at, data: { hour: 9 } },
    { id: 'a', type: 'award_points', position: at, data: { points: 100 } },
    { id: 'c', type: 'loyalty_condition', position: at, data: {} },
  ],
  edges: [
    { id: 'e1', source: 't', sourceHandle: 'next', target: 'a' },
    { id: 'e2', source: 'a', sourceHandle: 'next', target: 'c' },
  ],
};

function ids(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

describe('insert on an edge', () => {
  it('rewires source → new step → old target through the first output', () => {
    const result = insertOnEdge(
      graph,
      'e1',
      { id: 'w', type: 'wait_for_event', position: at, data: {} },
      ids('x'),
    );
    expect(result.nodes.map((n) => n.id)).toEqual(['t', 'a', 'c', 'w']);
    expect(result.edges).toEqual([
      graph.edges[1],
      { id: 'x1', source: 't', sourceHandle: 'next', target: 'w' },
      { id: 'x2', source: 'w', sourceHandle: 'received', target: 'a' },
    ]);
  });

  it('ends the path at a step without outputs', () => {
    const result = insertOnEdge(graph, 'e2', { id: 'x', type: 'exit', position: at, data: {} }, ids('x'));
    expect(result.edges.filter((e) => e.source === 'x')).toEqual([]);
    expect(result.edges.some((e) => e.target === 'c')).toBe(false);
  });

  it('leaves the graph alone for an unknown edge', () => {
    const node = { id: 'w', type: 'delay', position: at, data: {} };
    expect(insertOnEdge(graph, 'nope', node, ids('x'))).toBe(graph);
  });
});

describe('set an output target', () => {
  it('replaces the connection an output had', () => {
    const edges = setOutputTarget(graph.edges, 't', 'next', 'c', ids('x'));
    expect(edges).toEqual([graph.edges[1], { id: 'x1', source: 't', sourceHandle: 'next', target: 'c' }]);
  });

  it('keeps the same edge when the target does not change', () => {
    expect(setOutputTarget(graph.edges, 't', 'next', 'a', ids('x'))).toContainEqual(graph.edges[0]);
  });

  it('removes the connection for no target and refuses a step leading to itself', () => {
    expect(setOutputTarget(graph.edges, 't', 'next', null, ids('x'))).toEqual([graph.edges[1]]);
    expect(setOutputTarget(graph.edges, 'a', 'next', 'a', ids('x'))).toEqual([graph.edges[0]]);
  });

  it('leaves the other outputs of the step alone', () => {
    const edges = setOutputTarget(graph.edges, 'c', 'yes', 't', ids('x'));
    const more = setOutputTarget(edges, 'c', 'no', 'a', ids('y'));
    expect(more.filter((e) => e.source === 'c').map((e) => e.sourceHandle)).toEqual(['yes', 'no']);
  });
});

describe('remove steps', () => {
  it('removes the steps with their connections', () => {
    const result = removeSteps(graph, new Set(['a']));
    expect(result.nodes.map((n) => n.id)).toEqual(['t', 'c']);
    expect(result.edges).toEqual([]);
  });
});
