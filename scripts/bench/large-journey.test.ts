import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../workflows/journey/compiler';
import { largeJourneyGraph } from './large-journey';

describe('the large journey of the editor bench', () => {
  it('has the asked number of steps and publishes', () => {
    const graph = largeJourneyGraph(300);
    expect(graph.nodes).toHaveLength(300);
    const compiled = compileJourney(graph, {
      journeyId: 'j',
      workspaceId: 'w',
      version: 1,
      templateIds: new Set(),
      rewardIds: new Set(),
      tierIds: new Set(),
    });
    expect(compiled.ok ? [] : compiled.errors).toEqual([]);
  });
});
