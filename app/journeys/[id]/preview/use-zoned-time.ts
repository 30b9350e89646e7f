'use client';

import { useFormatter } from 'next-intl';
import { useCallback } from 'react';

/** An instant in the previewed customer's own zone: that is when they would live it. */
export function useZonedTime(timeZone: string): (iso: string) => string {
  const format = useFormatter();
  return useCallback(
    (iso: string) =>
      format.dateTime(new Date(iso), {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone,
        timeZoneName: 'short',
      }),
    [format, timeZone],
  );
}
