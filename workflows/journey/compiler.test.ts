import { describe, expect, it } from 'vitest';
import { compileJourney, type CompileContext } from './compiler';
import type { JourneyGraph } from './graph';
import { birthdayGraph } from './testing/birthday-graph';

const context: CompileContext = {
  journeyId: 'jrn_1',
  workspaceId: 'ws_1',
  version: 3,
  templateIds: new Set(['tpl_birthday']),
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
        settings: { reentry: 'once_per_year' },
        entry: 'award',
        steps: {
          award: {
            id: 'award',
            type: 'award_points',
            config: { points: 100, expiresInMonths: 12, reason: 'Birthday bonus' },
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
    expect(errorsOf(graph).map((e) => e.code)).toContain('no_trigger');
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
      expect.objectContaining({ code: 'several_triggers', nodeId: 'trigger2' }),
    );
  });

  it('marks a node that is not connected', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.edges = graph.edges.filter((e) => e.id !== 'e2');
    expect(errorsOf(graph)).toEqual([expect.objectContaining({ code: 'unreachable_node', nodeId: 'email' })]);
  });

  it('marks a trigger that leads nowhere', () => {
    const graph: JourneyGraph = { nodes: [birthdayGraph('x').nodes[0]!], edges: [] };
    expect(errorsOf(graph)).toEqual([
      expect.objectContaining({ code: 'trigger_not_connected', nodeId: 'trigger' }),
    ]);
  });

  it.each([0, -5, 2.5])('refuses %s points on the award node, naming the field', (points) => {
    expect(errorsOf(birthdayGraph('tpl_birthday', { points }))).toEqual([
      expect.objectContaining({ code: 'invalid_config', nodeId: 'award', field: 'points' }),
    ]);
  });

  it('refuses a template that does not exist in the workspace', () => {
    expect(errorsOf(birthdayGraph('tpl_other_workspace'))).toEqual([
      expect.objectContaining({ code: 'missing_reference', nodeId: 'email', field: 'templateId' }),
    ]);
  });

  it('refuses an email node with no template chosen', () => {
    expect(errorsOf(birthdayGraph(''))).toEqual([
      expect.objectContaining({ code: 'invalid_config', nodeId: 'email', field: 'templateId' }),
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
    const byEdge = Object.fromEntries(errorsOf(graph).map((e) => [e.edgeId, e.code]));
    expect(byEdge).toMatchObject({
      dup: 'duplicate_output',
      'bad-handle': 'unknown_output',
      dangling: 'dangling_edge',
      'into-trigger': 'edge_into_trigger',
    });
  });

  it('refuses a loop without a wait in it', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.edges.push({ id: 'back', source: 'email', sourceHandle: 'next', target: 'award' });
    const loopNodes = errorsOf(graph)
      .filter((e) => e.code === 'loop_without_wait')
      .map((e) => e.nodeId)
      .sort();
    expect(loopNodes).toEqual(['award', 'email']);
  });

  it('refuses an unknown node type and a malformed graph with a path to the problem', () => {
    const graph = birthdayGraph('tpl_birthday');
    graph.nodes.push({ id: 'mystery', type: 'teleport', position: { x: 0, y: 0 }, data: {} });
    expect(errorsOf(graph)).toContainEqual(
      expect.objectContaining({ code: 'unknown_node_type', nodeId: 'mystery' }),
    );
    expect(errorsOf({ nodes: [{ id: 'x' }], edges: [] })[0]).toMatchObject({
      code: 'invalid_graph',
      message: expect.stringContaining('graph.nodes.0.type'),
    });
  });
});
