'use client';

import { useMemo } from 'react';
import { useDynamicTranslations } from './dynamic-translations';

/**
 * Statuses stored or reported as codes (journey `live`, run `COMPLETED`, ledger `earn`)
 * in the UI language. An unknown code (a newer Temporal, say) is shown as it is.
 */
export function useStatusLabels() {
  const t = useDynamicTranslations();
  return useMemo(() => {
    const label = (family: string) => (code: string) =>
      t.has(`status.${family}.${code}`) ? t(`status.${family}.${code}`) : code;
    return {
      journey: label('journey'),
      run: label('run'),
      message: label('message'),
      ledger: label('ledger'),
    };
  }, [t]);
}
