import { describe, expect, it } from 'vitest';
import { compileJourney } from './compiler';
import { anniversaryRuleOf, isDateTrigger } from './date-trigger';
import type { JourneyGraph } from './graph';
import { findNodeType } from './nodes';

const node = findNodeType('trigger_date_anniversary')!;

function graphWith(trigger: Record<string, unknown>): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger_date_anniversary', position: { x: 0, y: 0 }, data: trigger },
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 120 },
        data: { points: 50, expiresInMonths: null, reason: 'Anniversary' },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
  };
}

const compile = (graph: JourneyGraph, settings?: unknown) =>
  compileJourney(graph, {
    journeyId: 'jrn_1',
    workspaceId: 'ws_1',
    version: 1,
    templateIds: new Set<string>(),
    rewardIds: new Set<string>(),
    tierIds: new Set<string>(),
    settings,
  });

describe('date anniversary trigger', () => {
  it('accepts birthday, sign-up and an attribute path, with an offset of at most two months', () => {
    expect(node.parseConfig({ dateField: 'signup', offsetDays: -3, hour: 9 })).toEqual({
      ok: true,
      config: { dateField: 'signup', attribute: '', offsetDays: -3, hour: 9 },
    });
    expect(node.parseConfig({ dateField: 'attribute', attribute: 'contract.start', hour: 0 }).ok).toBe(true);
    expect(node.parseConfig({ dateField: 'birthday', offsetDays: 61, hour: 9 })).toMatchObject({
      ok: false,
      issues: [{ field: 'offsetDays', kind: 'max', limit: 60 }],
    });
    expect(node.parseConfig({ dateField: 'birthday', offsetDays: -61, hour: 9 })).toMatchObject({
      ok: false,
      issues: [{ field: 'offsetDays', kind: 'min', limit: -60 }],
    });
    expect(node.parseConfig({ dateField: 'birthday', offsetDays: 1.5, hour: 9 })).toMatchObject({
      ok: false,
      issues: [{ field: 'offsetDays', kind: 'not_whole' }],
    });
  });

  it('names the attribute field when it is missing or not a dotted path', () => {
    expect(node.parseConfig({ dateField: 'attribute', attribute: '  ', hour: 9 })).toMatchObject({
      ok: false,
      issues: [{ field: 'attribute', kind: 'required' }],
    });
    expect(node.parseConfig({ dateField: 'attribute', attribute: 'contract..start', hour: 9 })).toMatchObject(
      {
        ok: false,
        issues: [{ field: 'attribute', kind: 'invalid' }],
      },
    );
    expect(node.parseConfig({ dateField: 'anniversary', hour: 9 })).toMatchObject({
      ok: false,
      issues: [{ field: 'dateField', kind: 'not_allowed' }],
    });
  });

  it('summarises the offset as a direction and a number of days', () => {
    expect(node.summaryValues({ dateField: 'birthday', offsetDays: -3, hour: 9 })).toEqual({
      dateField: 'birthday',
      attribute: '',
      when: 'before',
      days: 3,
      hour: 9,
    });
    expect(node.summaryValues({ dateField: 'signup', offsetDays: 0, hour: 9 })).toMatchObject({ when: 'on' });
  });

  it('compiles to one run per anniversary year, whatever the re-entry setting says', () => {
    const result = compile(graphWith({ dateField: 'signup', offsetDays: 7, hour: 10 }), { reentry: 'once' });
    expect(result.ok && result.program.settings.reentry).toBe('once_per_year');
    const broken = compile(graphWith({ dateField: 'attribute', attribute: '', hour: 10 }));
    expect(broken.ok ? [] : broken.errors).toContainEqual(
      expect.objectContaining({ code: 'invalid_config', nodeId: 'trigger', field: 'attribute' }),
    );
  });

  it('reads the birthday trigger as the birthday anniversary without offset', () => {
    expect(isDateTrigger('trigger_birthday')).toBe(true);
    expect(isDateTrigger('trigger_date_anniversary')).toBe(true);
    expect(isDateTrigger('trigger_event')).toBe(false);
    expect(isDateTrigger(null)).toBe(false);
    expect(anniversaryRuleOf({ type: 'trigger_birthday', config: { hour: 7 } })).toEqual({
      dateField: 'birthday',
      attribute: '',
      offsetDays: 0,
      hour: 7,
    });
    expect(anniversaryRuleOf({ type: 'trigger_event', config: {} })).toBeNull();
  });
});
