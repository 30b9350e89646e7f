import { describe, expect, it } from 'vitest';
import { pathHighlight } from './path-highlight';

const edges = [
  { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'check' },
  { id: 'yes', source: 'check', sourceHandle: 'yes', target: 'mail' },
  { id: 'no', source: 'check', sourceHandle: 'no', target: 'mail' },
  { id: 'e3', source: 'mail', sourceHandle: null, target: 'out' },
];
const steps = [
  { stepId: 'trigger', output: 'next' },
  { stepId: 'check', output: 'no' },
  { stepId: 'mail', output: 'next' },
  { stepId: 'out', output: null },
];

describe('pathHighlight', () => {
  it('marks the steps up to the current one and the connections by the output taken', () => {
    expect(pathHighlight(steps, edges, 2)).toEqual({
      stepIds: ['trigger', 'check', 'mail'],
      edgeIds: ['e1', 'no'],
      currentStepId: 'mail',
    });
  });

  it('takes a connection without a handle as the only output, and the first step alone has no edges', () => {
    expect(pathHighlight(steps, edges, 3).edgeIds).toEqual(['e1', 'no', 'e3']);
    expect(pathHighlight(steps, edges, 0)).toEqual({
      stepIds: ['trigger'],
      edgeIds: [],
      currentStepId: 'trigger',
    });
  });
});
