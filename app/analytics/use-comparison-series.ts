'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { ChartSeries } from './report-chart';

/** The two series of a period comparison: `current` and `previous` fields of each point. */
export function useComparisonSeries(): ChartSeries[] {
  const t = useTranslations('analytics');
  return useMemo(
    () => [
      { key: 'current', name: t('periodShown') },
      { key: 'previous', name: t('periodBefore') },
    ],
    [t],
  );
}
