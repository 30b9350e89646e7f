import { describe, expect, it } from 'vitest';
import type { ReadFactsResult } from '../activities-contract';
import { compileJourney } from '../compiler';
import { eventTriggerOf } from '../event-trigger';
import { chooseBranch, condition } from './condition';
import { findNodeType } from './index';

const facts = (overrides: Partial<ReadFactsResult> = {}): ReadFactsResult => ({
  balance: 0,
  tier: null,
  tierThresholds: {},
  attributes: {},
  emails: {},
  ...overrides,
});

describe('segment entered trigger', () => {
  it('listens to segment_entered of its segment only', () => {
    expect(eventTriggerOf({ type: 'trigger_segment_entered', config: { segmentId: 'seg_vip' } })).toEqual({
      eventName: 'segment_entered',
      filters: [{ property: 'segmentId', operator: 'equals', value: 'seg_vip' }],
    });
    expect(eventTriggerOf({ type: 'trigger_segment_entered', config: { segmentId: '' } })).toBeNull();
  });

  it('needs a segment of the workspace to publish', () => {
    const graph = {
      nodes: [
        {
          id: 't',
          type: 'trigger_segment_entered',
          position: { x: 0, y: 0 },
          data: { segmentId: 'seg_vip' },
        },
        { id: 'x', type: 'exit', position: { x: 0, y: 100 }, data: {} },
      ],
      edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 'x' }],
    };
    const context = {
      journeyId: 'j',
      workspaceId: 'w',
      version: 1,
      templateIds: new Set<string>(),
      rewardIds: new Set<string>(),
      tierIds: new Set<string>(),
    };
    const missing = compileJourney(graph, context);
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.errors).toContainEqual(
        expect.objectContaining({ code: 'missing_reference', nodeId: 't', field: 'segmentId' }),
      );
    expect(compileJourney(graph, { ...context, segmentIds: new Set(['seg_vip']) }).ok).toBe(true);
    expect(findNodeType('trigger_segment_entered')?.kind).toBe('trigger');
  });
});

describe('condition on segment membership', () => {
  const config = condition.parseConfig({
    branches: [
      { rules: [{ subject: 'segment', operator: 'in', segmentId: 'seg_vip' }] },
      { rules: [{ subject: 'segment', operator: 'not_in', segmentId: 'seg_churn' }] },
    ],
  });
  if (!config.ok) throw new Error('config should parse');

  it('asks readFacts for the segments its rules name, and references them', () => {
    expect(condition.action?.(config.config)).toMatchObject({
      args: { segmentIds: ['seg_vip', 'seg_churn'] },
    });
    expect(condition.references(config.config).map((r) => r.kind)).toEqual(['segment', 'segment']);
  });

  it('decides by membership, with no skip reason', () => {
    const c = config.config as Parameters<typeof chooseBranch>[0];
    expect(chooseBranch(c, facts({ segments: { seg_vip: true, seg_churn: true } }), null)).toBe('branch_1');
    expect(chooseBranch(c, facts({ segments: { seg_vip: false, seg_churn: false } }), null)).toBe('branch_2');
    expect(chooseBranch(c, facts({ segments: { seg_vip: false, seg_churn: true } }), null)).toBe('otherwise');
    expect(condition.skipReasonAfter(config.config, facts({ segments: {} }))).toBeNull();
  });

  it('keeps results recorded before segments existed as they were: false, with the reason', () => {
    const c = config.config as Parameters<typeof chooseBranch>[0];
    expect(chooseBranch(c, facts(), null)).toBe('otherwise');
    expect(condition.skipReasonAfter(config.config, facts())).toBe('segment_membership_unavailable');
  });
});
