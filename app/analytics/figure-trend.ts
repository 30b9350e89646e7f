/**
 * Figures where a rise is bad news: more churn, more expired or refunded points, a larger
 * liability, more bounces. Everything else reads "up is good". Ids are those of
 * `db/analytics/kpis/*` (`Figure.id`).
 */
const lowerIsBetter = new Set([
  'churnRate',
  'pointsExpired',
  'pointsOtherDebits',
  'breakageRate',
  'outstandingPoints',
  'liability',
  'npsDetractors',
  'emailSkipped',
  'emailUnsubscribed',
  'emailBounced',
  'emailComplained',
]);

export type Tone = 'good' | 'bad' | 'neutral';

/** Whether a change is good news for the program, for colouring it. */
export function changeTone(id: string, change: number | null): Tone {
  if (change === null || change === 0) return 'neutral';
  const up = change > 0;
  return up !== lowerIsBetter.has(id) ? 'good' : 'bad';
}

/**
 * The change relative to the previous period in percent (+50 for 2 → 3); null when there is
 * nothing to compare with (no previous value, or 0). Percent figures compare in percentage
 * points instead, so the caller does not ask for this for them.
 */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return Math.round(((value - previous) / Math.abs(previous)) * 1000) / 10;
}
