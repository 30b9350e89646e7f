'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { earnRulesSchema } from '../../../db/program/earn-rules';
import { orderPoints } from '../../../db/program/order-points';
import { majorUnits, minorUnitsOf, numberOf, type SettingsDraft } from './settings-draft';

/**
 * "An order of 59.90 € earns 59 points", worked out as the shop's orders will be, from
 * the rule on screen (before it is saved), for an order value the marketer can change.
 * Exclusions need order lines, so the example is an order without excluded items.
 */
export function OrderExample({
  purchase,
  currency,
  exponent,
}: {
  purchase: SettingsDraft['purchase'];
  currency: string;
  exponent: number;
}) {
  const t = useTranslations('earning.example');
  const format = useFormatter();
  const [amountText, setAmountText] = useState(() =>
    // 59.90 €, or 5990 ¥ where there are no cents.
    majorUnits(exponent >= 2 ? 5990 * 10 ** (exponent - 2) : 5990, exponent),
  );
  const amount = minorUnitsOf(amountText, exponent);

  const result = useMemo(() => {
    if (amount === undefined || !Number.isSafeInteger(amount) || amount < 0) return null;
    const rules = earnRulesSchema.safeParse({
      purchase: {
        enabled: purchase.enabled,
        pointsPerUnit: numberOf(purchase.pointsPerUnit),
        rounding: purchase.rounding,
        bonuses: purchase.bonuses.map((bonus) => ({
          minOrderAmount: minorUnitsOf(bonus.minOrderAmount, exponent),
          points: numberOf(bonus.points),
        })),
      },
    });
    if (!rules.success) return null;
    return orderPoints(rules.data, { amount, currency });
  }, [amount, currency, exponent, purchase]);

  const money = (minor: number) =>
    format.number(minor / 10 ** exponent, { style: 'currency', currency, maximumFractionDigits: exponent });

  return (
    <div className="order-example" data-testid="order-example">
      <label className="field__label" htmlFor="example-amount">
        {t('amount', { currency })}
      </label>
      <input
        id="example-amount"
        className="input order-example__amount"
        type="number"
        inputMode="decimal"
        min={0}
        step={1 / 10 ** exponent}
        value={amountText}
        onChange={(event) => setAmountText(event.target.value)}
        data-testid="order-example-amount"
      />
      <p className="order-example__line" role="status" data-testid="order-example-line">
        {!purchase.enabled
          ? t('disabled')
          : result === null
            ? t('invalid')
            : result.bonusPoints > 0
              ? t('lineWithBonus', {
                  amount: money(amount ?? 0),
                  points: result.points,
                  bonus: result.bonusPoints,
                })
              : t('line', { amount: money(amount ?? 0), points: result.points })}
      </p>
    </div>
  );
}
