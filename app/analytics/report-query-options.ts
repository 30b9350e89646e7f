import { keepPreviousData } from '@tanstack/react-query';
import type { DateRange } from '../../db/analytics/date-range';

/**
 * Query options shared by the reports: no request before the period is known (the workspace
 * zone decides "today"), and the last answer stays on screen while a new period loads, so
 * the page does not flash a spinner on every range change.
 */
export function reportQueryOptions(range: DateRange | null) {
  return { enabled: range !== null, placeholderData: keepPreviousData };
}

/** A stand-in input while the period is unknown; never sent (`enabled: false`). */
export const pendingRange: DateRange = { from: '1970-01-01', to: '1970-01-01' };
