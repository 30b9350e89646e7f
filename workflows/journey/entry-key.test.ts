import { describe, expect, it } from 'vitest';
import { entryPlanFor, isWithinActiveWindow, periodKey } from './entry-key';
import { eventTriggerOf } from './event-trigger';
import { journeyProgramSchema } from './program';

const settings = (over: Record<string, unknown> = {}) =>
  journeyProgramSchema.shape.settings.parse({ ...over });

describe('periodKey', () => {
  it('takes the period in the workspace zone, not UTC', () => {
    // 23:30 UTC on Sunday 29 Nov 2026 is already Monday 30 Nov in Berlin: a new ISO week.
    const at = new Date('2026-11-29T23:30:00Z');
    expect(periodKey('day', at, 'Europe/Berlin')).toBe('2026-11-30');
    expect(periodKey('day', at, 'UTC')).toBe('2026-11-29');
    expect(periodKey('week', at, 'Europe/Berlin')).toBe('2026-W49');
    expect(periodKey('week', at, 'UTC')).toBe('2026-W48');
    expect(periodKey('month', new Date('2026-11-30T23:30:00Z'), 'Europe/Berlin')).toBe('2026-12');
    expect(periodKey('year', new Date('2026-12-31T23:30:00Z'), 'Europe/Berlin')).toBe('2027');
  });

  it('uses the ISO week-year at the turn of the year', () => {
    expect(periodKey('week', new Date('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(periodKey('week', new Date('2025-12-29T12:00:00Z'), 'UTC')).toBe('2026-W01');
  });
});

describe('entryPlanFor', () => {
  const at = new Date('2026-11-23T10:00:00Z');
  it('maps each re-entry policy to a key and an id-reuse policy', () => {
    expect(entryPlanFor(settings({ reentry: 'once' }), at, 'UTC')).toEqual({
      entryKey: 'once',
      reusePolicy: 'REJECT_DUPLICATE',
    });
    expect(entryPlanFor(settings({ reentry: 'once_per_period', reentryPeriod: 'week' }), at, 'UTC')).toEqual({
      entryKey: '2026-W48',
      reusePolicy: 'REJECT_DUPLICATE',
    });
    expect(entryPlanFor(settings({ reentry: 'after_exit' }), at, 'UTC')).toEqual({
      entryKey: 'run',
      reusePolicy: 'ALLOW_DUPLICATE',
    });
  });
});

describe('isWithinActiveWindow', () => {
  it('admits from the start (inclusive) until the end (exclusive)', () => {
    const window = settings({ activeFrom: '2026-11-01T00:00:00Z', activeUntil: '2026-12-01T00:00:00Z' });
    expect(isWithinActiveWindow(window, new Date('2026-10-31T23:59:59Z'))).toBe(false);
    expect(isWithinActiveWindow(window, new Date('2026-11-01T00:00:00Z'))).toBe(true);
    expect(isWithinActiveWindow(window, new Date('2026-12-01T00:00:00Z'))).toBe(false);
    expect(isWithinActiveWindow(settings(), new Date(0))).toBe(true);
  });
});

describe('eventTriggerOf', () => {
  it('maps each trigger type to the event it listens to', () => {
    expect(
      eventTriggerOf({
        type: 'trigger_event',
        config: {
          eventName: 'Order Completed',
          filters: [{ property: 'total', operator: 'greater_than', value: 50 }],
        },
      }),
    ).toEqual({
      eventName: 'Order Completed',
      filters: [{ property: 'total', operator: 'greater_than', value: 50 }],
    });
    expect(
      eventTriggerOf({ type: 'trigger_tier_changed', config: { direction: 'any', tierId: '' } }),
    ).toEqual({
      eventName: 'tier_changed',
      filters: [],
    });
    expect(
      eventTriggerOf({ type: 'trigger_tier_changed', config: { direction: 'upgrade', tierId: 'tier_gold' } }),
    ).toEqual({
      eventName: 'tier_changed',
      filters: [
        { property: 'direction', operator: 'equals', value: 'upgrade' },
        { property: 'toTierId', operator: 'equals', value: 'tier_gold' },
      ],
    });
    expect(eventTriggerOf({ type: 'trigger_points_expiring', config: {} })).toEqual({
      eventName: 'points_expiring',
      filters: [],
    });
    expect(eventTriggerOf({ type: 'trigger_manual', config: {} })).toBeNull();
    expect(eventTriggerOf({ type: 'trigger_birthday', config: { hour: 9 } })).toBeNull();
    expect(eventTriggerOf({ type: 'trigger_event', config: { eventName: '' } })).toBeNull();
  });
});
