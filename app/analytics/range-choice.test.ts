import { describe, expect, it } from 'vitest';
import { parseRangeChoice, rangeChoiceQuery, resolveRange, todayIn } from './range-choice';

const params = (query: string) => new URLSearchParams(query);

describe('parseRangeChoice', () => {
  it('reads a preset and a custom range', () => {
    expect(parseRangeChoice(params('days=7'))).toEqual({ kind: 'preset', days: 7 });
    expect(parseRangeChoice(params('days=90'))).toEqual({ kind: 'preset', days: 90 });
    expect(parseRangeChoice(params('from=2026-11-01&to=2026-11-30'))).toEqual({
      kind: 'custom',
      from: '2026-11-01',
      to: '2026-11-30',
    });
  });

  it('falls back to the last 30 days for anything the reports would refuse', () => {
    for (const query of [
      '',
      'days=14',
      'days=abc',
      'from=2026-11-30&to=2026-11-01',
      'from=2026-11-01',
      'from=2026-13-01&to=2026-13-02',
      'from=2024-01-01&to=2026-01-01',
    ]) {
      expect(parseRangeChoice(params(query)), query).toEqual({ kind: 'preset', days: 30 });
    }
  });

  it('a custom range wins over a preset left in the URL', () => {
    expect(parseRangeChoice(params('days=7&from=2026-01-01&to=2026-01-01'))).toMatchObject({
      kind: 'custom',
    });
  });

  it('round-trips through the query string', () => {
    for (const choice of [
      { kind: 'preset', days: 7 },
      { kind: 'custom', from: '2026-02-01', to: '2026-02-28' },
    ] as const) {
      expect(parseRangeChoice(params(rangeChoiceQuery(choice)))).toEqual(choice);
    }
  });
});

describe('resolveRange', () => {
  it('a preset is the last n days including today', () => {
    expect(resolveRange({ kind: 'preset', days: 7 }, '2026-12-07')).toEqual({
      from: '2026-12-01',
      to: '2026-12-07',
    });
    expect(resolveRange({ kind: 'preset', days: 30 }, '2026-03-01')).toEqual({
      from: '2026-01-31',
      to: '2026-03-01',
    });
  });

  it('a custom range is itself', () => {
    expect(resolveRange({ kind: 'custom', from: '2026-01-01', to: '2026-01-31' }, '2026-12-07')).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
    });
  });
});

describe('todayIn', () => {
  it('is the day in the given zone, not in UTC', () => {
    const lateEvening = new Date('2026-12-07T23:30:00Z');
    expect(todayIn('UTC', lateEvening)).toBe('2026-12-07');
    expect(todayIn('Europe/Berlin', lateEvening)).toBe('2026-12-08');
    expect(todayIn('America/New_York', new Date('2026-12-08T03:00:00Z'))).toBe('2026-12-07');
  });
});
