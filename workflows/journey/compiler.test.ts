import { describe, expect, it } from 'vitest';
import { defaultJourneySettings } from './settings';
import { compileJourney, type CompileContext } from './compiler';
import type { JourneyGraph } from './graph';
import { birthdayGraph } from './testing/birthday-graph';

const context: CompileContext = {
  journeyId: 'jrn_1',
  workspaceId: 'ws_1',
  version: 3,
  templateIds: new Set(['tpl_birthday']),
  rewardIds: new Set(['rwd_welcome']),
  tierIds: new Set(['tier_gold']),
};

function errorsOf(graph: unknown) {
  const result = compileJourney(graph, context);
  if (result.ok) throw new Error('expected the graph to be refused');
  return result.errors;
}

describe('compileJourney', () => {
  it('compiles the birthday journey into a program with explicit next steps', () => {
    const result = compileJourney(birthdayGraph('tpl_birthday'), context);
    expect(result).toEqual({
      ok: true,
      program: {
        journeyId: 'jrn_1',
        workspaceId: 'ws_1',
        version: 3,
        trigger: { nodeId: 'trigger', type: 'trigger_birthday', config: { hour: 9 } },
        settings: { ...defaultJourneySettings, reentry: 'once_per_year' },
        entry: 'award',
        steps: {
          award: {
            id: 'award',
            type: 'award_points',
            config: {
              amount: 'fixed',
              points: 100,
              formula: '',
              applyTierMultiplier: false,
              expiresInMonths: 12,
              reason: 'Birthday bonus',
            },
            next: { next: 'email' },
          },
          email: {
            id: 'email',
            type: 'send_email',
            config: { templateId: 'tpl_birthday' },
            next: { next: null },
          },
        },
      },
    });
  });

  it('refuses a graph without a trigger', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.nodes = graph.nodes.filter((n) => n.id !== 'trigger');
    graph.edges = graph.edges.filter((e) => e.source !== 'trigger');
    expect(errorsOf(graph)).toContainEqual(expect.objectContaining({ code: 'no_trigger', params: {} }));
  });

  it('refuses several triggers, marking the extra one', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.nodes.push({
      id: 'trigger2',
      type: 'trigger_birthday',
      position: { x: 300, y: 0 },
      data: { hour: 8 },
    });
    expect(errorsOf(graph)).toContainEqual(
      expect.objectContaining({
        code: 'several_triggers',
        nodeId: 'trigger2',
        params: { nodeType: 'trigger_birthday' },
      }),
    );
  });

  it('marks a node that is not connected', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.edges = graph.edges.filter((e) => e.id !== 'e2');
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({
        code: 'unreachable_node',
        nodeId: 'email',
        params: { nodeType: 'send_email' },
      }),
    ]);
  });

  it('refuses invalid journey settings, naming the setting', () => {
    const result = compileJourney(birthdayGraph('tpl_birthday'), {
      ...context,
      settings: { quietHours: { startHour: 22, endHour: 22 }, emailCap: { count: 0, periodHours: 24 } },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.code, e.field, e.params.issue])).toEqual([
      ['invalid_settings', 'emailCap.count', 'min'],
      ['invalid_settings', 'quietHours.endHour', 'invalid'],
    ]);
    const window = compileJourney(birthdayGraph('tpl_birthday'), {
      ...context,
      settings: { activeFrom: '2026-12-01T00:00:00Z', activeUntil: '2026-11-01T00:00:00Z' },
    });
    expect(!window.ok && window.errors.map((e) => e.field)).toEqual(['activeUntil']);
  });

  it('refuses rewards and tiers that do not exist in the workspace, and takes the ones that do', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.nodes.push(
      { id: 'gift', type: 'issue_reward', position: { x: 0, y: 360 }, data: { rewardId: 'rwd_gone' } },
      {
        id: 'vip',
        type: 'loyalty_condition',
        position: { x: 0, y: 480 },
        data: { subject: 'tier', minTierId: 'tier_gone' },
      },
    );
    graph.edges.push(
      { id: 'e3', source: 'email', sourceHandle: 'next', target: 'gift' },
      { id: 'e4', source: 'gift', sourceHandle: 'issued', target: 'vip' },
    );
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({
        code: 'missing_reference',
        nodeId: 'gift',
        field: 'rewardId',
        params: { nodeType: 'issue_reward', reference: 'reward' },
      }),
      expect.objectContaining({
        code: 'missing_reference',
        nodeId: 'vip',
        field: 'minTierId',
        params: { nodeType: 'loyalty_condition', reference: 'tier' },
      }),
    ]);
    graph.nodes[3]!.data = { rewardId: 'rwd_welcome' };
    graph.nodes[4]!.data = { subject: 'tier', minTierId: 'tier_gold' };
    expect(compileJourney(graph, context).ok).toBe(true);
  });

  it('marks a trigger that leads nowhere', () => {
    const graph: JourneyGraph = { nodes: [birthdayGraph('x').nodes[0]!], edges: [] };
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({
        code: 'trigger_not_connected',
        nodeId: 'trigger',
        params: { nodeType: 'trigger_birthday' },
      }),
    ]);
  });

  it.each([
    { points: 0, params: { issue: 'greater_than', limit: 0 } },
    { points: -5, params: { issue: 'greater_than', limit: 0 } },
    { points: 2.5, params: { issue: 'not_whole' } },
    { points: Number.NaN, params: { issue: 'not_a_number' } },
  ])('refuses $points points on the award node, naming the field and the rule', ({ points, params }) => {
    expect(errorsOf(birthdayGraph('tpl_birthday', { points }))).toEqual([
      {
        code: 'invalid_config',
        nodeId: 'award',
        field: 'points',
        params: { nodeType: 'award_points', ...params },
        message: expect.stringMatching(/^Award points: points must be/),
      },
    ]);
  });

  it('names the bound an out-of-range setting broke', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.nodes[1]!.data.expiresInMonths = 121;
    graph.nodes[0]!.data.hour = 24;
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({
        code: 'invalid_config',
        nodeId: 'trigger',
        field: 'hour',
        params: { nodeType: 'trigger_birthday', issue: 'max', limit: 23 },
      }),
      expect.objectContaining({
        code: 'invalid_config',
        nodeId: 'award',
        field: 'expiresInMonths',
        params: { nodeType: 'award_points', issue: 'max', limit: 120 },
      }),
    ]);
  });

  it('refuses a template that does not exist in the workspace', () => {
    expect(errorsOf(birthdayGraph('tpl_other_workspace'))).toEqual([
      expect.objectContaining({
        code: 'missing_reference',
        nodeId: 'email',
        field: 'templateId',
        params: { nodeType: 'send_email', reference: 'template' },
      }),
    ]);
  });

  it('refuses an email node with no template chosen', () => {
    expect(errorsOf(birthdayGraph(''))).toEqual([
      expect.objectContaining({
        code: 'invalid_config',
        nodeId: 'email',
        field: 'templateId',
        params: { nodeType: 'send_email', issue: 'required' },
      }),
    ]);
  });

  it('refuses duplicate outputs, unknown outputs, dangling edges and edges into the trigger', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.edges.push(
      { id: 'dup', source: 'award', sourceHandle: 'next', target: 'email' },
      { id: 'bad-handle', source: 'email', sourceHandle: 'yes', target: 'award' },
      { id: 'dangling', source: 'email', sourceHandle: 'next', target: 'ghost' },
      { id: 'into-trigger', source: 'email', sourceHandle: 'next', target: 'trigger' },
    );
    const byEdge = Object.fromEntries(
      errorsOf(graph).map((e) => [e.edgeId, { code: e.code, params: e.params }]),
    );
    expect(byEdge).toMatchObject({
      dup: { code: 'duplicate_output', params: { nodeType: 'award_points', handle: 'next' } },
      'bad-handle': { code: 'unknown_output', params: { nodeType: 'send_email', handle: 'yes' } },
      dangling: { code: 'dangling_edge', params: { nodeId: 'ghost' } },
      'into-trigger': { code: 'edge_into_trigger', params: { nodeType: 'trigger_birthday' } },
    });
  });

  it('refuses a loop without a wait in it', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.edges.push({ id: 'back', source: 'email', sourceHandle: 'next', target: 'award' });
    const loopNodes = errorsOf(graph)
      .filter((e) => e.code === 'loop_without_wait')
      .map((e) => [e.nodeId, e.params.nodeType])
      .sort();
    expect(loopNodes).toEqual([
      ['award', 'award_points'],
      ['email', 'send_email'],
    ]);
  });

  it('refuses an unknown node type and a malformed graph with a path to the problem', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.nodes.push({ id: 'mystery', type: 'teleport', position: { x: 0, y: 0 }, data: {} });
    expect(errorsOf(graph)).toContainEqual(
      expect.objectContaining({
        code: 'unknown_node_type',
        nodeId: 'mystery',
        params: { nodeType: 'teleport' },
      }),
    );
    expect(errorsOf({ nodes: [{ id: 'x' }], edges: [] })[0]).toMatchObject({
      code: 'invalid_graph',
      params: { path: 'nodes.0.type' },
      message: expect.stringContaining('graph.nodes.0.type'),
    });
  });
});
