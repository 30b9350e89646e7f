import { TZDate } from '@date-fns/tz';
import { format, getISOWeek, getISOWeekYear } from 'date-fns';
import type { JourneyProgram } from './program';

/**
 * How a new run of a journey is started so that Temporal itself enforces the re-entry
 * policy: the entry key ends the workflow id (`journeyRunWorkflowId`) and the id-reuse
 * policy says whether a closed run with that id may be followed by another.
 *
 * - `once`: key `once`, never reused.
 * - `once_per_period`: key = the period of the entry time in the workspace's zone
 *   (`2026-11-23`, `2026-W48`, `2026-11`, `2026`), never reused.
 * - `after_exit`: key `run`, reuse allowed once the previous run has closed; a start while
 *   it still runs fails (conflict policy FAIL), which is the rule working.
 *
 * Temporal forgets closed runs after the namespace's retention period, so "once" holds
 * for that long (days to months by configuration), not forever.
 */
export interface EntryPlan {
  entryKey: string;
  reusePolicy: 'REJECT_DUPLICATE' | 'ALLOW_DUPLICATE';
}

export function entryPlanFor(settings: JourneyProgram['settings'], at: Date, timeZone: string): EntryPlan {
  switch (settings.reentry) {
    case 'once':
      return { entryKey: 'once', reusePolicy: 'REJECT_DUPLICATE' };
    case 'after_exit':
      return { entryKey: 'run', reusePolicy: 'ALLOW_DUPLICATE' };
    case 'once_per_year':
      return { entryKey: periodKey('year', at, timeZone), reusePolicy: 'REJECT_DUPLICATE' };
    case 'once_per_period':
      return { entryKey: periodKey(settings.reentryPeriod, at, timeZone), reusePolicy: 'REJECT_DUPLICATE' };
  }
}

/** The calendar period `at` falls in, in `timeZone`; weeks are ISO weeks (Monday first, `2026-W01`). */
export function periodKey(period: 'day' | 'week' | 'month' | 'year', at: Date, timeZone: string): string {
  const local = new TZDate(at.getTime(), timeZone);
  switch (period) {
    case 'day':
      return format(local, 'yyyy-MM-dd');
    case 'week':
      return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`;
    case 'month':
      return format(local, 'yyyy-MM');
    case 'year':
      return format(local, 'yyyy');
  }
}

/** Whether the journey's active window admits an entry at `at` (bounds: from inclusive, until exclusive). */
export function isWithinActiveWindow(settings: JourneyProgram['settings'], at: Date): boolean {
  if (settings.activeFrom && at.getTime() < Date.parse(settings.activeFrom)) return false;
  if (settings.activeUntil && at.getTime() >= Date.parse(settings.activeUntil)) return false;
  return true;
}
