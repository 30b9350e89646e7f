import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../../../../workflows/journey/graph';
import { autoLayout, defaultStepSize } from './auto-layout';

const at = { x: 500, y: 500 };
const graph: JourneyGraph = {
  nodes: [
    { id: 't', type: 'trigger_birthday', position: at, data: { hour: 9 } },
    { id: 'c', type: 'loyalty_condition', position: at, data: {} },
    { id: 'yes', type: 'award_points', position: at, data: { points: 100 } },
    { id: 'no', type: 'send_email', position: at, data: {} },
    { id: 'end', type: 'exit', position: at, data: {} },
  ],
  edges: [
    { id: 'e1', source: 't', sourceHandle: 'next', target: 'c' },
    { id: 'e2', source: 'c', sourceHandle: 'yes', target: 'yes' },
    { id: 'e3', source: 'c', sourceHandle: 'no', target: 'no' },
    { id: 'e4', source: 'yes', sourceHandle: 'next', target: 'end' },
    { id: 'e5', source: 'no', sourceHandle: 'next', target: 'end' },
  ],
};

describe('auto-layout', () => {
  it('puts each step below the one leading to it, without overlaps', async () => {
    const positions = await autoLayout(graph);
    const y = (id: string) => positions.get(id)!.y;
    expect(y('t')).toBeLessThan(y('c'));
    expect(y('c')).toBeLessThan(y('yes'));
    expect(y('yes')).toBe(y('no'));
    expect(y('yes')).toBeLessThan(y('end'));
    const { x: yesX } = positions.get('yes')!;
    const { x: noX } = positions.get('no')!;
    expect(Math.abs(yesX - noX)).toBeGreaterThanOrEqual(defaultStepSize.width);
  });

  it('keeps the outputs in their catalog order: yes left of no', async () => {
    const positions = await autoLayout(graph);
    expect(positions.get('yes')!.x).toBeLessThan(positions.get('no')!.x);
  });

  it('uses measured sizes and lays out a loop and a dangling edge without failing', async () => {
    const looped: JourneyGraph = {
      nodes: graph.nodes,
      edges: [
        ...graph.edges,
        { id: 'back', source: 'no', sourceHandle: 'next', target: 'c' },
        { id: 'dangling', source: 'yes', sourceHandle: 'next', target: 'gone' },
      ],
    };
    const positions = await autoLayout(looped, (id) =>
      id === 't' ? { width: 240, height: 300 } : undefined,
    );
    expect(positions.size).toBe(5);
    expect(positions.get('c')!.y).toBeGreaterThanOrEqual(300);
  });
});
