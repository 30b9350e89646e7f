import { describe, expect, it } from 'vitest';
import type { JourneyGraph } from '../../../../workflows/journey/graph';
import { liveProblems, type WorkspaceChoices } from './live-problems';

const choices: WorkspaceChoices = {
  template: [
    { id: 'tpl_live', name: 'Happy birthday', published: true },
    { id: 'tpl_draft', name: 'New idea', published: false },
  ],
  reward: [],
  tier: [],
  segment: [],
};

function birthdayGraph(templateId: string): JourneyGraph {
  return {
    nodes: [
      { id: 't', type: 'trigger_birthday', position: { x: 0, y: 0 }, data: { hour: 9 } },
      { id: 'm', type: 'send_email', position: { x: 0, y: 100 }, data: { templateId } },
    ],
    edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 'm' }],
  };
}

const check = (graph: JourneyGraph) => liveProblems(graph, { journeyId: 'j', settings: {}, choices });

describe('live problems', () => {
  it('finds none in a journey that would publish', () => {
    expect(check(birthdayGraph('tpl_live'))).toEqual([]);
  });

  it('reports what the publisher would: a template that was never published, on its step', () => {
    expect(check(birthdayGraph('tpl_draft'))).toMatchObject([{ code: 'unpublished_template', nodeId: 'm' }]);
  });

  it('reports a missing template and an empty canvas', () => {
    expect(check(birthdayGraph('tpl_gone'))).toMatchObject([{ code: 'missing_reference', nodeId: 'm' }]);
    expect(check({ nodes: [], edges: [] })).toMatchObject([{ code: 'no_trigger' }]);
  });
});
