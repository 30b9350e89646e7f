import { TZDate } from '@date-fns/tz';
import type { TierSettings } from '../program/tier-settings';

export interface ReviewDay {
  /** True when `now` falls on the first local day of a review period. */
  isReviewDay: boolean;
  /** Local midnight starting the period `now` is in, as an instant. */
  periodStart: Date;
  /** The period's first local date, "YYYY-MM-DD": names the review in history causes. */
  periodKey: string;
}

const firstMonthOf: Record<TierSettings['reviewPeriod'], (month: number) => number> = {
  month: (month) => month,
  quarter: (month) => month - (month % 3),
  year: () => 0,
};

/**
 * The review period of `now` in the workspace's time zone: months, quarters (Jan, Apr,
 * Jul, Oct) or calendar years, starting at local midnight. Pure, with the caller's clock.
 */
export function reviewDay(now: Date, timeZone: string, period: TierSettings['reviewPeriod']): ReviewDay {
  const local = new TZDate(now.getTime(), timeZone);
  if (Number.isNaN(local.getTime())) throw new RangeError(`Unknown time zone "${timeZone}"`);
  const year = local.getFullYear();
  const month = firstMonthOf[period](local.getMonth());
  const periodStart = new TZDate(year, month, 1, 0, 0, 0, 0, timeZone);
  return {
    isReviewDay: local.getMonth() === month && local.getDate() === 1,
    periodStart: new Date(periodStart.getTime()),
    periodKey: `${year}-${String(month + 1).padStart(2, '0')}-01`,
  };
}
