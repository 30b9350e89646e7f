import { z } from 'zod';

/** The longest range a report may span: two years and a leap day. */
export const maxRangeDays = 731;

const isoDate = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/**
 * A report period: whole local days of the workspace, `from` and `to` both included
 * (1 Nov – 30 Nov is `{ from: '2026-11-01', to: '2026-11-30' }`). `withDateRange` adds
 * more fields to it; the range check names the field `to`.
 */
export function withDateRange<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object({ from: isoDate, to: isoDate, ...shape }).superRefine((value, ctx) => {
    const range = value as unknown as DateRange;
    const days = daysBetween(range.from, range.to);
    if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    else if (days + 1 > maxRangeDays)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `must be at most ${maxRangeDays} days after from`,
      });
  });
}

export const dateRangeSchema = withDateRange({});

export interface DateRange {
  from: string;
  to: string;
}

function dayNumber(isoDay: string): number {
  return Date.parse(`${isoDay}T00:00:00Z`) / 86_400_000;
}

function isoDay(dayNo: number): string {
  return new Date(dayNo * 86_400_000).toISOString().slice(0, 10);
}

/** `to` minus `from` in days (0 for a one-day range). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days in the range, both ends included. */
export function rangeLength(range: DateRange): number {
  return daysBetween(range.from, range.to) + 1;
}

/** The period of equal length that ends the day before `range` starts: the comparison period. */
export function previousPeriod(range: DateRange): DateRange {
  const length = rangeLength(range);
  const from = dayNumber(range.from);
  return { from: isoDay(from - length), to: isoDay(from - 1) };
}

/** Shifts a day by whole days. */
export function addDays(day: string, days: number): string {
  return isoDay(dayNumber(day) + days);
}
