'use client';

import { useMemo } from 'react';
import { useDynamicTranslations } from './dynamic-translations';

/** Values a formula may name: the liability's cost per point and the email click window. */
export interface FormulaValues {
  cost: number;
  days: number;
}

/**
 * A report figure's name and formula in the UI language. Figures are data (`Figure.id` from
 * db/analytics/kpis), so their keys (`analytics.kpi.<id>.label` / `.formula`) are built here;
 * app/i18n-catalog.test.ts checks both exist for every id the KPI modules can answer. An id
 * without words (a figure newer than this build) shows its id and the server's English formula.
 */
export function useFigureText() {
  const t = useDynamicTranslations();
  return useMemo(
    () => ({
      label: (id: string): string => {
        const key = `analytics.kpi.${id}.label`;
        return t.has(key) ? t(key) : id;
      },
      formula: (id: string, english: string, values: FormulaValues): string => {
        const key = `analytics.kpi.${id}.formula`;
        return t.has(key) ? t(key, { ...values }) : english;
      },
    }),
    [t],
  );
}
