import { TZDate } from '@date-fns/tz';

/**
 * The date math behind date-anniversary triggers ("3 days before the birthday, at 9:00
 * local time"). Pure: the caller passes the clock, so the scan, the runner and the tests
 * share it. Calendar arithmetic is done on UTC dates (no zone, no DST); only "what day and
 * hour is it for this customer" and "when is that hour" look at the customer's zone.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface AnniversaryRule {
  /** Days after the anniversary the run is due; negative: before it (−3 = three days before). */
  offsetDays: number;
  /** Local hour in the customer's zone from which the run is due. */
  hour: number;
  /**
   * The first anniversary that counts, in years after the date (default 0: the date's own
   * year counts, e.g. a renewal date the shop keeps current). A sign-up counts from 1: the
   * day someone signs up is not their anniversary. Years before the date never count.
   */
  minYears?: number;
}

export interface AnniversaryCheck {
  /** The customer's local calendar date and hour at `now`. */
  localDate: string;
  localHour: number;
  /** The anniversary a run today would celebrate (today minus the offset), `YYYY-MM-DD`. */
  anniversaryDate: string;
  /** True when today, in the customer's zone, is the anniversary shifted by the offset. */
  isDue: boolean;
  /** Years from the date to the anniversary (null when the date's year is not known). */
  years: number | null;
  /** The run's entry key: the local year of the anniversary (one run per anniversary). */
  entryKey: string;
  /** The instant of the rule's hour on today's local date: lateness is measured from it. */
  dueAt: string;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The calendar date a stored value stands for, in the customer's zone: a calendar date
 * (`YYYY-MM-DD`, a `date` column) as written, wherever the customer is; an instant (a
 * `timestamptz`, an ISO string with a time) on the local date it fell on. Null: not a date.
 */
export function localCalendarDate(value: unknown, timeZone: string): CalendarDate | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateIn(value.getTime(), timeZone);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (dateOnly) {
    const [year, month, day] = dateOnly.slice(1).map(Number) as [number, number, number];
    return isValidDate(year, month, day) ? { year, month, day } : null;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? null : dateIn(instant, timeZone);
}

/**
 * Is a run for this customer due today, in their zone? The anniversary a run today
 * celebrates is today minus `offsetDays`; a date on 29 February is celebrated on
 * 28 February in common years. With the date's year, anniversaries before `minYears` do
 * not count. Throws a RangeError naming an unknown zone.
 */
export function checkAnniversary(
  date: Pick<CalendarDate, 'month' | 'day'> & { year?: number },
  rule: AnniversaryRule,
  timeZone: string,
  now: Date,
): AnniversaryCheck {
  const local = new TZDate(now.getTime(), timeZone);
  if (Number.isNaN(local.getTime())) throw new RangeError(`Unknown time zone "${timeZone}"`);
  const today: CalendarDate = {
    year: local.getFullYear(),
    month: local.getMonth() + 1,
    day: local.getDate(),
  };
  const anniversary = addDays(today, -rule.offsetDays);
  const celebrated = celebratedOn(date, anniversary.year);
  const due = new TZDate(today.year, today.month - 1, today.day, rule.hour, 0, 0, 0, timeZone);
  const years = date.year === undefined ? null : anniversary.year - date.year;
  const onTheDay = anniversary.month === celebrated.month && anniversary.day === celebrated.day;
  return {
    localDate: formatDate(today),
    localHour: local.getHours(),
    anniversaryDate: formatDate(anniversary),
    isDue: onTheDay && (years === null || years >= (rule.minYears ?? 0)),
    years,
    entryKey: String(anniversary.year),
    dueAt: new Date(due.getTime()).toISOString(),
  };
}

/**
 * The month-days (`MM-DD`) whose anniversary, shifted by `offsetDays`, is today somewhere
 * on Earth at `now` (UTC−12 … UTC+14 spans up to three calendar dates), with 02-29 beside
 * 02-28, so the database can narrow a scan before the exact per-zone check. `widen` adds
 * the day before and after each: for instants stored in UTC (a sign-up time), whose UTC
 * date may be a day off the customer's local one.
 */
export function anniversaryCandidates(now: Date, offsetDays: number, widen = false): string[] {
  const days = new Set<string>();
  const spread = widen ? [-1, 0, 1] : [0];
  for (const offsetHours of [-12, 0, 14]) {
    const at = new Date(now.getTime() + offsetHours * 3600_000);
    const today: CalendarDate = {
      year: at.getUTCFullYear(),
      month: at.getUTCMonth() + 1,
      day: at.getUTCDate(),
    };
    for (const extra of spread) {
      const anniversary = addDays(today, extra - offsetDays);
      const monthDay = `${pad(anniversary.month)}-${pad(anniversary.day)}`;
      days.add(monthDay);
      if (monthDay === '02-28') days.add('02-29');
    }
  }
  return [...days].sort();
}

/** Calendar arithmetic without zones: `days` later (negative: earlier). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * dayMs);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function celebratedOn(date: Pick<CalendarDate, 'month' | 'day'>, year: number) {
  return date.month === 2 && date.day === 29 && !isLeapYear(year) ? { month: 2, day: 28 } : date;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isValidDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function dateIn(instant: number, timeZone: string): CalendarDate | null {
  const local = new TZDate(instant, timeZone);
  if (Number.isNaN(local.getTime())) return null;
  return { year: local.getFullYear(), month: local.getMonth() + 1, day: local.getDate() };
}

function formatDate(date: CalendarDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
