import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../../../../workflows/journey/graph';
import { copySelection, pasteClipboard, readClipboard } from './clipboard';

const graph: JourneyGraph = {
  nodes: [
    { id: 't', type: 'trigger_birthday', position: { x: 0, y: 0 }, data: { hour: 9 } },
    { id: 'a', type: 'award_points', position: { x: 0, y: 100 }, data: { points: 100 } },
    { id: 'm', type: 'send_email', position: { x: 0, y: 200 }, data: { templateId: 'tpl' } },
  ],
  edges: [
    { id: 'e1', source: 't', sourceHandle: 'next', target: 'a' },
    { id: 'e2', source: 'a', sourceHandle: 'next', target: 'm' },
  ],
};

function counter(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

describe('copy and paste', () => {
  it('copies the selected steps and only the connections between them', () => {
    const clipboard = copySelection(graph, new Set(['a', 'm']));
    expect(clipboard?.nodes.map((n) => n.id)).toEqual(['a', 'm']);
    expect(clipboard?.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('copies nothing from an empty selection', () => {
    expect(copySelection(graph, new Set())).toBeNull();
  });

  it('pastes with new ids, offset positions and connections between the copies', () => {
    const clipboard = copySelection(graph, new Set(['a', 'm']))!;
    const pasted = pasteClipboard(clipboard, {
      offset: { x: 40, y: 40 },
      newNodeId: counter('n'),
      newEdgeId: counter('e'),
    });
    expect(pasted.nodeIds).toEqual(['n1', 'n2']);
    expect(pasted.nodes[0]).toMatchObject({ id: 'n1', type: 'award_points', position: { x: 40, y: 140 } });
    expect(pasted.edges).toEqual([{ id: 'e1', source: 'n1', sourceHandle: 'next', target: 'n2' }]);
  });

  it('does not share config objects with the original', () => {
    const clipboard = copySelection(graph, new Set(['a']))!;
    clipboard.nodes[0]!.data.points = 5;
    expect(graph.nodes[1]!.data.points).toBe(100);
  });

  it('reads back only a clipboard of ours', () => {
    const clipboard = copySelection(graph, new Set(['t']))!;
    expect(readClipboard(JSON.stringify(clipboard))).toEqual(clipboard);
    expect(readClipboard('not json')).toBeNull();
    expect(readClipboard(JSON.stringify({ kind: 'other' }))).toBeNull();
    expect(readClipboard(null)).toBeNull();
  });
});
