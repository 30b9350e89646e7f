import { describe, expect, it } from 'vitest';
import { findNodeType } from '.';

const node = (type: string) => {
  const found = findNodeType(type);
  if (!found) throw new Error(`no node type ${type}`);
  return found;
};

describe('trigger nodes', () => {
  it('event: needs a name; filters are checked field by field', () => {
    const event = node('trigger_event');
    expect(event.parseConfig(event.defaultConfig)).toMatchObject({
      ok: false,
      issues: [{ field: 'eventName', kind: 'required' }],
    });
    expect(
      event.parseConfig({
        eventName: 'Order Completed',
        filters: [{ property: 'total', operator: 'greater_than' }],
      }),
    ).toMatchObject({ ok: false, issues: [{ field: 'filters.0.value' }] });
    expect(
      event.summaryValues({
        eventName: ' Order Completed ',
        filters: [{ property: 'total', operator: 'greater_than', value: 50 }],
      }),
    ).toEqual({ eventName: 'Order Completed', filters: 1 });
    expect(event.outputs({})).toEqual(['next']);
  });

  it('tier changed: any tier by default, a chosen tier is a reference checked at publish', () => {
    const tier = node('trigger_tier_changed');
    expect(tier.summaryValues(tier.defaultConfig)).toEqual({ direction: 'upgrade', anyTier: 'yes' });
    expect(tier.references({ direction: 'any', tierId: '' })).toEqual([]);
    expect(tier.references({ direction: 'downgrade', tierId: 'tier_1' })).toEqual([
      { kind: 'tier', id: 'tier_1', field: 'tierId' },
    ]);
    expect(tier.parseConfig({ direction: 'sideways', tierId: '' }).ok).toBe(false);
  });

  it('points expiring and manual: nothing to configure', () => {
    for (const type of ['trigger_points_expiring', 'trigger_manual']) {
      expect(node(type).kind).toBe('trigger');
      expect(node(type).parseConfig({}).ok).toBe(true);
      expect(node(type).summaryValues({})).toEqual({});
    }
  });
});
