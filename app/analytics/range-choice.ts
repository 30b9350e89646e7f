import { addDays, daysBetween, maxRangeDays, type DateRange } from '../../db/analytics/date-range';

/** The preset lengths the range picker offers, in days ending today. */
export const presetDays = [7, 30, 90] as const;
export type PresetDays = (typeof presetDays)[number];

/**
 * What the viewer picked: a preset (always "the last n days", so a bookmarked link moves
 * with the calendar) or a fixed custom range. Kept in the URL so every report tab, a reload
 * and a shared link show the same period.
 */
export type RangeChoice = { kind: 'preset'; days: PresetDays } | { kind: 'custom'; from: string; to: string };

export const defaultRangeChoice: RangeChoice = { kind: 'preset', days: 30 };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string | null): value is string {
  return value !== null && isoDay.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** `?days=7` or `?from=2026-11-01&to=2026-11-30`; anything else (a hand-edited URL) falls back to 30 days. */
export function parseRangeChoice(params: { get(name: string): string | null }): RangeChoice {
  const from = params.get('from');
  const to = params.get('to');
  if (isDay(from) && isDay(to)) {
    const days = daysBetween(from, to);
    if (days >= 0 && days + 1 <= maxRangeDays) return { kind: 'custom', from, to };
  }
  const days = Number(params.get('days'));
  const preset = presetDays.find((d) => d === days);
  return preset ? { kind: 'preset', days: preset } : defaultRangeChoice;
}

/** The query string for a choice (without "?"), the inverse of `parseRangeChoice`. */
export function rangeChoiceQuery(choice: RangeChoice): string {
  const params =
    choice.kind === 'preset'
      ? new URLSearchParams({ days: String(choice.days) })
      : new URLSearchParams({ from: choice.from, to: choice.to });
  return params.toString();
}

/** The report period for a choice: a preset ends `today` (the workspace's day) and includes it. */
export function resolveRange(choice: RangeChoice, today: string): DateRange {
  if (choice.kind === 'custom') return { from: choice.from, to: choice.to };
  return { from: addDays(today, -(choice.days - 1)), to: today };
}

/** Today's date (YYYY-MM-DD) in an IANA zone: report days are the workspace's days, not the viewer's. */
export function todayIn(timeZone: string, now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
