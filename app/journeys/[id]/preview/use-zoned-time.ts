'use client';

import { useFormatter } from 'next-intl';
import { useCallback } from 'react';

/**
 * An instant in the previewed customer's own zone: that is when they would live it. The zone
 * is named once above the steps (Intl refuses a zone name together with date and time styles).
 */
export function useZonedTime(timeZone: string): (iso: string) => string {
  const format = useFormatter();
  return useCallback(
    (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', timeZone }),
    [format, timeZone],
  );
}
