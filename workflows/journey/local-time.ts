import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

/** A local wall-clock time, `HH:MM` (24 h). */
export const localTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'enter a time as HH:MM (00:00–23:59)');

/** Days of the week, 0 = Sunday … 6 = Saturday (as `Date#getDay`); empty means every day. */
export const weekdaysSchema = z
  .array(z.number().int().min(0, 'a weekday is 0–6').max(6, 'a weekday is 0–6'))
  .max(7)
  .default([]);

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  return !Number.isNaN(new TZDate(0, timeZone).getTime());
}

/**
 * The first instant strictly after `now` whose local time in `timeZone` is `time` on one of
 * `weekdays` (any day when empty). A local time that does not exist that day (the hour
 * skipped when clocks go forward) is moved forward by the gap, as clocks do.
 */
export function nextLocalTime(
  now: string,
  timeZone: string,
  time: string,
  weekdays: readonly number[],
): string {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const nowMs = Date.parse(now);
  const local = new TZDate(nowMs, zone);
  for (let day = 0; day <= 7; day += 1) {
    const candidate = new TZDate(
      local.getFullYear(),
      local.getMonth(),
      local.getDate() + day,
      hours,
      minutes,
      0,
      zone,
    );
    if (candidate.getTime() <= nowMs) continue;
    if (weekdays.length > 0 && !weekdays.includes(candidate.getDay())) continue;
    return new Date(candidate.getTime()).toISOString();
  }
  // Unreachable: within eight days every weekday occurs after `now`.
  throw new RangeError(`no ${time} on weekdays ${weekdays.join(',')} after ${now}`);
}

/**
 * A date attribute as an instant: an ISO instant as is, a calendar date (`YYYY-MM-DD`) at
 * `time` in `timeZone`; then `offsetDays` calendar days later (negative: earlier). Null when
 * the value is missing or not a date.
 */
export function dateAttributeInstant(
  value: unknown,
  offsetDays: number,
  time: string,
  timeZone: string,
): string | null {
  const zone = isKnownTimeZone(timeZone) ? timeZone : 'UTC';
  if (typeof value !== 'string' || value.trim() === '') return null;
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (dateOnly) {
    const [, y, m, d] = dateOnly.map(Number) as [number, number, number, number];
    const [hours, minutes] = time.split(':').map(Number) as [number, number];
    const at = new TZDate(y, m - 1, d + offsetDays, hours, minutes, 0, zone);
    return Number.isNaN(at.getTime()) ? null : new Date(at.getTime()).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const instant = Date.parse(value);
  if (Number.isNaN(instant)) return null;
  const local = new TZDate(instant, zone);
  const shifted = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + offsetDays,
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    zone,
  );
  return new Date(shifted.getTime()).toISOString();
}
