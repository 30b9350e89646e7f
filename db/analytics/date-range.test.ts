import { describe, expect, it } from 'vitest';
import { dateRangeSchema, previousPeriod, rangeLength } from './date-range';

describe('date ranges', () => {
  it('compares with the period of equal length just before', () => {
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-10-02',
      to: '2026-10-31',
    });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
    });
    expect(rangeLength({ from: '2024-02-01', to: '2024-03-01' })).toBe(30);
  });

  it('refuses a reversed, too long or malformed range, naming the field', () => {
    const issues = (input: unknown) =>
      dateRangeSchema.safeParse(input).error?.issues.map((i) => i.path.join('.')) ?? [];
    expect(issues({ from: '2026-11-02', to: '2026-11-01' })).toEqual(['to']);
    expect(issues({ from: '2024-01-01', to: '2026-01-01' })).toEqual(['to']);
    expect(issues({ from: '2026-13-01', to: '2026-11-01' })).toEqual(['from']);
    expect(issues({ from: '2026-11-01', to: '2026-11-01' })).toEqual([]);
  });
});
