'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { Comparison } from '../../../db/analytics/journeys/split-comparison';
import type { Interval } from '../../../db/analytics/journeys/proportions';
import { missing } from '../../_i18n/use-formats';

/**
 * Conversion figures of the A/B comparison in the UI language: rates (0–1) as percentages,
 * differences in percentage points, p-values to two significant digits, and the verdict in
 * plain words, so a marketer reads "not enough evidence yet" rather than a p-value alone.
 */
export function useComparisonText() {
  const t = useTranslations('analytics.journeys');
  const format = useFormatter();
  return useMemo(() => {
    const rate = (value: number | null) =>
      value === null ? missing : format.number(value, { style: 'percent', maximumFractionDigits: 1 });
    const interval = (value: Interval | null) =>
      value ? t('intervalRange', { low: rate(value.low), high: rate(value.high) }) : missing;
    const points = (value: number) =>
      format.number(value * 100, { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
    const p = (value: number | null) =>
      value === null ? missing : format.number(value, { maximumSignificantDigits: 2 });
    const difference = (c: Comparison | null) =>
      c?.difference == null || !c.interval
        ? missing
        : t('difference', {
            difference: points(c.difference),
            low: points(c.interval.low),
            high: points(c.interval.high),
            p: p(c.p),
          });
    /** "Branch 2 converts better: 12.4 % vs 8.1 % …" for `branch` against `other`. */
    const verdict = (
      c: Comparison,
      branch: string,
      other: string,
      rates: { rate: number | null; reference: number | null },
    ) => {
      if (c.p === null || rates.rate === null || rates.reference === null)
        return t('noData', { branch, other });
      const values = { branch, other, rate: rate(rates.rate), reference: rate(rates.reference), p: p(c.p) };
      if (c.verdict === 'better') return t('better', values);
      if (c.verdict === 'worse') return t('worse', values);
      return t('unclear', values);
    };
    return { rate, interval, difference, verdict };
  }, [t, format]);
}
