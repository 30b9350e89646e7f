'use client';

import { useFormatter, useLocale } from 'next-intl';
import { useMemo } from 'react';

/** Shown where a date or value is missing; a dash reads the same in every language. */
export const missing = '—';

/**
 * Dates, times and numbers in the UI language and the viewer's time zone (both come from
 * the next-intl provider), so "23 Nov 2026, 16:37" becomes "23.11.2026, 16:37" in German.
 */
export function useFormats() {
  const format = useFormatter();
  const locale = useLocale();
  return useMemo(
    () => ({
      dateTime: (value: Date | null | undefined): string =>
        value ? format.dateTime(value, { dateStyle: 'medium', timeStyle: 'short' }) : missing,
      date: (value: Date | null | undefined): string =>
        value ? format.dateTime(value, { dateStyle: 'medium' }) : missing,
      /** A zone-less calendar date ("1990-05-17"), e.g. a birthday: the same day everywhere. */
      calendarDate: (value: string | null | undefined): string => {
        if (!value) return missing;
        const parsed = new Date(`${value}T00:00:00Z`);
        return Number.isNaN(parsed.getTime())
          ? value
          : format.dateTime(parsed, { dateStyle: 'medium', timeZone: 'UTC' });
      },
      /**
       * How long ago something happened ("3 minutes ago" / "vor 3 Minuten"), relative to a
       * `now` the caller ticks. That clock may lag a save made since its last tick; a past
       * event must then read "now", never "in 4 seconds".
       */
      relativePast: (value: Date, now: Date): string =>
        format.relativeTime(value, value.getTime() > now.getTime() ? value : now),
      points: (value: number): string => format.number(value, { maximumFractionDigits: 0 }),
      count: (value: number): string => format.number(value, { maximumFractionDigits: 0 }),
      signedPoints: (value: number): string =>
        format.number(value, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }),
      /** A language code ("de") named in the UI language ("German" / "Deutsch"). */
      language: (code: string): string => languageNames(locale).of(code) ?? code,
    }),
    [format, locale],
  );
}

// next-intl's formatter has no display names; Intl's own, in the same UI locale, does.
function languageNames(locale: string): Intl.DisplayNames {
  return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
}
