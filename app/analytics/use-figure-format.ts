'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { Figure } from '../../db/analytics/figure';
import { missing } from '../_i18n/use-formats';
import { currencyDigits } from '../loyalty/rewards/reward-labels';

/**
 * Report numbers in the UI language: counts, points, percentages (figures carry them as
 * 0–100), and money in minor units of the workspace currency. A change of a percentage is
 * written in percentage points, since "+5 %" of a rate would be ambiguous.
 */
export function useFigureFormat(currency: string) {
  const format = useFormatter();
  const t = useTranslations('analytics');
  return useMemo(() => {
    const digits = currencyDigits(currency);
    const money = (minor: number, signed = false) =>
      format.number(minor / 10 ** digits, {
        style: 'currency',
        currency,
        signDisplay: signed ? 'exceptZero' : 'auto',
      });
    const count = (value: number, signed = false) =>
      format.number(value, { maximumFractionDigits: 1, signDisplay: signed ? 'exceptZero' : 'auto' });
    const percent = (value: number) =>
      format.number(value / 100, { style: 'percent', maximumFractionDigits: 1 });
    const value = (unit: Figure['unit'], v: number | null): string => {
      if (v === null) return missing;
      switch (unit) {
        case 'money':
          return money(v);
        case 'percent':
          return percent(v);
        case 'count':
        case 'points':
          return count(v);
      }
    };
    const change = (unit: Figure['unit'], c: number | null): string => {
      if (c === null) return missing;
      switch (unit) {
        case 'money':
          return money(c, true);
        case 'percent':
          return t('percentPoints', { value: count(c, true) });
        case 'count':
        case 'points':
          return count(c, true);
      }
    };
    return { value, change, money, count, percent };
  }, [format, t, currency]);
}
