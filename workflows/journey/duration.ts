import { TZDate } from '@date-fns/tz';
import { addDays, addWeeks } from 'date-fns';
import { z } from 'zod';

/** A span a marketer sets ("3 days"): delays and wait-for-event timeouts. */
/** Seconds are for tests and tight follow-ups; marketers mostly use hours and days. */
export const durationUnits = ['seconds', 'minutes', 'hours', 'days', 'weeks'] as const;
export type DurationUnit = (typeof durationUnits)[number];

export const durationSchema = z.object({
  amount: z
    .number({ error: 'enter a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000'),
  unit: z.enum(durationUnits),
});
export type Duration = z.output<typeof durationSchema>;

/**
 * `from` plus the duration. Days and weeks are calendar days in `timeZone`, so "1 day"
 * after 09:00 is 09:00 the next day across a daylight-saving change; minutes and hours are
 * exact. Pure: the caller passes the clock.
 */
export function addDuration(from: string, duration: Duration, timeZone = 'UTC'): string {
  const start = Date.parse(from);
  switch (duration.unit) {
    case 'seconds':
      return new Date(start + duration.amount * 1_000).toISOString();
    case 'minutes':
      return new Date(start + duration.amount * 60_000).toISOString();
    case 'hours':
      return new Date(start + duration.amount * 3_600_000).toISOString();
    case 'days':
      return new Date(addDays(new TZDate(start, timeZone), duration.amount).getTime()).toISOString();
    case 'weeks':
      return new Date(addWeeks(new TZDate(start, timeZone), duration.amount).getTime()).toISOString();
  }
}
