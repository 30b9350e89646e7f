'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';

/**
 * A journey setting's name for the diff, by its top-level key (`quietHours.startHour` →
 * "Quiet hours › startHour"). Spelled out key by key so the catalog check sees each one;
 * a setting added later without words here shows its key.
 */
export function useSettingLabel(): (path: string) => string {
  const t = useTranslations('versions');
  return useCallback(
    (path: string) => {
      const [head = '', ...rest] = path.split('.');
      const labels: Record<string, string> = {
        reentry: t('settingsFields.reentry'),
        reentryPeriod: t('settingsFields.reentryPeriod'),
        goal: t('settingsFields.goal'),
        activeFrom: t('settingsFields.activeFrom'),
        activeUntil: t('settingsFields.activeUntil'),
        quietHours: t('settingsFields.quietHours'),
        emailCap: t('settingsFields.emailCap'),
        maxLatenessMinutes: t('settingsFields.maxLatenessMinutes'),
      };
      const field = labels[head] ?? head;
      if (rest.length === 0) return field;
      const tail = rest.map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : part)).join(' › ');
      return t('fieldPath', { field, rest: tail });
    },
    [t],
  );
}
