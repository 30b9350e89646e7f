import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from './graph';
import { canonicalJson, countDiff, diffConfig, diffFromNothing, diffGraphs } from './graph-diff';
import { birthdayGraph } from './testing/birthday-graph';

const base = birthdayGraph('tpl_1');

function withNode(
  graph: JourneyGraph,
  id: string,
  change: (data: Record<string, unknown>) => Record<string, unknown>,
) {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => (node.id === id ? { ...node, data: change(node.data) } : node)),
  };
}

describe('diffGraphs', () => {
  it('finds nothing between a graph and itself, or with keys in another order', () => {
    const reordered: JourneyGraph = {
      ...base,
      nodes: base.nodes.map((node) => ({
        ...node,
        data: Object.fromEntries(Object.entries(node.data).reverse()),
      })),
    };
    expect(countDiff(diffGraphs(base, reordered))).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
      moved: 0,
      connections: 0,
    });
  });

  it('reports a changed config value with its path, before and after', () => {
    const diff = diffGraphs(base, birthdayGraph('tpl_1', { points: 250 }));
    expect(diff.changedNodes).toEqual([
      {
        id: 'award',
        type: 'award_points',
        previousType: null,
        fields: [{ kind: 'changed', path: 'points', before: 100, after: 250 }],
      },
    ]);
    expect(diff.addedNodes).toEqual([]);
    expect(diff.movedNodeIds).toEqual([]);
  });

  it('counts a position-only move apart from changes', () => {
    const moved = {
      ...base,
      nodes: base.nodes.map((n) => (n.id === 'email' ? { ...n, position: { x: 40, y: 300 } } : n)),
    };
    const diff = diffGraphs(base, moved);
    expect(diff.changedNodes).toEqual([]);
    expect(diff.movedNodeIds).toEqual(['email']);
  });

  it('reports added and removed fields and a type change', () => {
    const after: JourneyGraph = {
      ...base,
      nodes: base.nodes.map((node) =>
        node.id === 'trigger'
          ? { ...node, type: 'trigger_event', data: { eventName: 'Signed Up', filters: [] } }
          : node,
      ),
    };
    const [change] = diffGraphs(base, after).changedNodes;
    expect(change).toEqual({
      id: 'trigger',
      type: 'trigger_event',
      previousType: 'trigger_birthday',
      fields: [
        { kind: 'added', path: 'eventName', after: 'Signed Up' },
        { kind: 'added', path: 'filters', after: [] },
        { kind: 'removed', path: 'hour', before: 9 },
      ],
    });
  });

  it('diffs nested lists item by item, aligned on the unchanged ones', () => {
    const filters = [
      { property: 'total', operator: 'greater_than', value: 50 },
      { property: 'channel', operator: 'equals', value: 'web' },
      { property: 'country', operator: 'equals', value: 'DE' },
    ];
    const graph = (list: unknown[]): JourneyGraph => ({
      nodes: [
        {
          id: 't',
          type: 'trigger_event',
          position: { x: 0, y: 0 },
          data: { eventName: 'Order', filters: list },
        },
      ],
      edges: [],
    });
    // The first filter removed, the last one edited.
    const after = [filters[1], { ...filters[2], value: 'AT' }];
    expect(diffGraphs(graph(filters), graph(after)).changedNodes[0]?.fields).toEqual([
      { kind: 'removed', path: 'filters.0', before: filters[0] },
      { kind: 'changed', path: 'filters.1.value', before: 'DE', after: 'AT' },
    ]);
    // A filter appended.
    const appended = [...filters, { property: 'coupon', operator: 'exists', value: null }];
    expect(diffGraphs(graph(filters), graph(appended)).changedNodes[0]?.fields).toEqual([
      { kind: 'added', path: 'filters.3', after: appended[3] },
    ]);
  });

  it('goes deep into condition branches and their rules', () => {
    const condition = (value: number, extraBranch: boolean): JourneyGraph => ({
      nodes: [
        {
          id: 'c',
          type: 'condition',
          position: { x: 0, y: 0 },
          data: {
            branches: [
              { rules: [{ subject: 'balance', operator: 'greater_or_equal', value }] },
              ...(extraBranch ? [{ rules: [{ subject: 'tier', operator: 'is', tierId: 'tier_gold' }] }] : []),
            ],
          },
        },
      ],
      edges: [],
    });
    expect(diffGraphs(condition(500, false), condition(800, true)).changedNodes[0]?.fields).toEqual([
      { kind: 'changed', path: 'branches.0.rules.0.value', before: 500, after: 800 },
      {
        kind: 'added',
        path: 'branches.1',
        after: { rules: [{ subject: 'tier', operator: 'is', tierId: 'tier_gold' }] },
      },
    ]);
  });

  it('reports added and removed nodes and edges, and a rewired output once', () => {
    const after: JourneyGraph = {
      nodes: [
        ...base.nodes.filter((node) => node.id !== 'email'),
        { id: 'wait', type: 'delay', position: { x: 0, y: 240 }, data: { mode: 'duration' } },
        { id: 'exit', type: 'exit', position: { x: 0, y: 360 }, data: {} },
      ],
      edges: [
        // Same meaning under a new id: not a change.
        { id: 'e1-new', source: 'trigger', sourceHandle: 'next', target: 'award' },
        { id: 'e2', source: 'award', sourceHandle: 'next', target: 'wait' },
        { id: 'e3', source: 'wait', sourceHandle: 'next', target: 'exit' },
      ],
    };
    const diff = diffGraphs(base, after);
    expect(diff.addedNodes.map((node) => node.id)).toEqual(['wait', 'exit']);
    expect(diff.removedNodes).toEqual([{ id: 'email', type: 'send_email', data: { templateId: 'tpl_1' } }]);
    expect(diff.rewiredOutputs).toEqual([
      { source: 'award', sourceHandle: 'next', previousTarget: 'email', target: 'wait' },
    ]);
    expect(diff.addedEdges).toEqual([{ source: 'wait', sourceHandle: 'next', target: 'exit' }]);
    expect(diff.removedEdges).toEqual([]);
    expect(countDiff(diff)).toEqual({ added: 2, removed: 1, changed: 0, moved: 0, connections: 2 });
  });

  it('treats a missing sourceHandle like null and a removed edge as removed', () => {
    const after: JourneyGraph = {
      ...base,
      edges: [{ id: 'x', source: 'trigger', target: 'award', sourceHandle: null }],
    };
    const diff = diffGraphs(
      { ...base, edges: [{ id: 'y', source: 'trigger', target: 'award' }, base.edges[1]!] },
      after,
    );
    expect(diff.addedEdges).toEqual([]);
    expect(diff.removedEdges).toEqual([{ source: 'award', sourceHandle: 'next', target: 'email' }]);
  });

  it('describes a first version as all added', () => {
    expect(countDiff(diffFromNothing(base))).toEqual({
      added: 3,
      removed: 0,
      changed: 0,
      moved: 0,
      connections: 2,
    });
  });
});

describe('diffConfig', () => {
  it('compares settings like a node config: nested objects by path, null to a value as changed', () => {
    expect(
      diffConfig(
        { reentry: 'after_exit', quietHours: null, emailCap: { count: 2, periodHours: 24 } },
        {
          reentry: 'once',
          quietHours: { startHour: 22, endHour: 7 },
          emailCap: { count: 3, periodHours: 24 },
        },
      ),
    ).toEqual([
      { kind: 'changed', path: 'emailCap.count', before: 2, after: 3 },
      { kind: 'changed', path: 'quietHours', before: null, after: { startHour: 22, endHour: 7 } },
      { kind: 'changed', path: 'reentry', before: 'after_exit', after: 'once' },
    ]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});
