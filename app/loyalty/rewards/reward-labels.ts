'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { RewardKind } from '../../../db/rewards/reward-kinds';
import { missing } from '../../_i18n/use-formats';

/** Digits after the decimal point of a currency: 2 for EUR, 0 for JPY. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** A reward kind in the UI language ("Fixed discount" / "Rabatt (Betrag)"). */
export function useRewardKindLabel(): (kind: RewardKind) => string {
  const t = useTranslations('rewards.kinds');
  return useCallback(
    (kind: RewardKind) => {
      switch (kind) {
        case 'discount_fixed':
          return t('discount_fixed');
        case 'discount_percent':
          return t('discount_percent');
        case 'free_product':
          return t('free_product');
        case 'gift_card':
          return t('gift_card');
        case 'cashback':
          return t('cashback');
        case 'experience':
          return t('experience');
      }
    },
    [t],
  );
}

/** What a reward is worth: money in the workspace currency, a percentage, or a dash. */
export function useRewardValueText(currency: string): (kind: RewardKind, value: number | null) => string {
  const format = useFormatter();
  return useCallback(
    (kind: RewardKind, value: number | null) => {
      if (value === null) return missing;
      if (kind === 'discount_percent') return format.number(value / 100, { style: 'percent' });
      return format.number(value / 10 ** currencyDigits(currency), { style: 'currency', currency });
    },
    [format, currency],
  );
}
