import { describe, expect, it } from 'vitest';
import { reviewDay } from './review-period';

describe('reviewDay', () => {
  it('is the first local day of a month, quarter or year in the workspace zone', () => {
    // 31 Dec 23:30 UTC is already 1 Jan 00:30 in Berlin.
    const now = new Date('2025-12-31T23:30:00Z');
    expect(reviewDay(now, 'Europe/Berlin', 'year')).toEqual({
      isReviewDay: true,
      periodStart: new Date('2025-12-31T23:00:00Z'),
      periodKey: '2026-01-01',
    });
    expect(reviewDay(now, 'UTC', 'year')).toMatchObject({ isReviewDay: false, periodKey: '2025-01-01' });
    expect(reviewDay(now, 'America/New_York', 'month')).toMatchObject({
      isReviewDay: false,
      periodKey: '2025-12-01',
      periodStart: new Date('2025-12-01T05:00:00Z'),
    });
  });

  it('starts quarters in January, April, July and October', () => {
    expect(reviewDay(new Date('2025-04-01T10:00:00Z'), 'UTC', 'quarter')).toMatchObject({
      isReviewDay: true,
      periodKey: '2025-04-01',
    });
    expect(reviewDay(new Date('2025-05-01T10:00:00Z'), 'UTC', 'quarter')).toMatchObject({
      isReviewDay: false,
      periodKey: '2025-04-01',
    });
    expect(reviewDay(new Date('2025-05-01T10:00:00Z'), 'UTC', 'month')).toMatchObject({ isReviewDay: true });
    expect(reviewDay(new Date('2025-04-02T10:00:00Z'), 'UTC', 'quarter').isReviewDay).toBe(false);
  });

  it('takes local midnight across a DST change', () => {
    // Berlin switches to summer time on 30 March 2025: 1 April starts at 22:00 UTC the day before.
    expect(reviewDay(new Date('2025-04-01T08:00:00Z'), 'Europe/Berlin', 'month').periodStart).toEqual(
      new Date('2025-03-31T22:00:00Z'),
    );
  });

  it('refuses an unknown zone', () => {
    expect(() => reviewDay(new Date(), 'Mars/Olympus', 'year')).toThrow(RangeError);
  });
});
