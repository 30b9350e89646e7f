import { TZDate } from '@date-fns/tz';

export interface BirthdayCheck {
  /** The customer's local calendar date and hour at `now`. */
  localDate: string;
  localHour: number;
  /** True when today, in the customer's zone, is their birthday. */
  isBirthday: boolean;
  /** The re-entry key of a birthday journey: one run per local year. */
  entryKey: string;
}

/**
 * Is it the customer's birthday right now, in their own time zone? Birthdays on 29
 * February are celebrated on 28 February in common years. Pure: the caller passes the
 * clock, so the same code serves the workflow, the scan and tests.
 */
export function checkBirthday(birthday: string, timeZone: string, now: Date): BirthdayCheck {
  const local = new TZDate(now.getTime(), timeZone);
  if (Number.isNaN(local.getTime())) throw new RangeError(`Unknown time zone "${timeZone}"`);
  const year = local.getFullYear();
  const month = local.getMonth() + 1;
  const day = local.getDate();
  const [, bMonth, bDay] = birthday.split('-').map(Number) as [number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const celebratedDay = bMonth === 2 && bDay === 29 && !leap ? 28 : bDay;
  return {
    localDate: `${year}-${pad(month)}-${pad(day)}`,
    localHour: local.getHours(),
    isBirthday: month === bMonth && day === celebratedDay,
    entryKey: String(year),
  };
}

/**
 * The month-days ("MM-DD") that are "today" somewhere on Earth at `now` (UTC−12 … UTC+14
 * spans up to three calendar dates), including 02-29 when 28 February is among them, so
 * the database can narrow the scan before the exact per-zone check.
 */
export function birthdayCandidates(now: Date): string[] {
  const days = new Set<string>();
  for (const offsetHours of [-12, 0, 14]) {
    const d = new Date(now.getTime() + offsetHours * 3600_000);
    const monthDay = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    days.add(monthDay);
    if (monthDay === '02-28') days.add('02-29');
  }
  return [...days].sort();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
