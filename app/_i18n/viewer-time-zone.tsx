'use client';

import { NextIntlClientProvider, useLocale, useTimeZone } from 'next-intl';
import type { ReactNode } from 'react';
import { useBrowserTimeZone } from './browser-time-zone';

/**
 * Times are shown in the viewer's zone (DESIGN: stored in UTC, shown in the viewer's
 * zone). The server renders in the workspace's zone, the only one it knows; in the browser
 * this nested provider switches every formatter below it to the browser's zone. Messages
 * and formats are inherited from the provider above.
 */
export function ViewerTimeZone({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const timeZone = useBrowserTimeZone(useTimeZone() ?? 'UTC');
  return (
    <NextIntlClientProvider locale={locale} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
