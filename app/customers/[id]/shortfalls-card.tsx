'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useFormats } from '../../_i18n/use-formats';
import type { RouterOutputs } from '../../_trpc/outputs';

type Shortfall = RouterOutputs['customers']['get']['shortfalls'][number];

/**
 * Refunds that wanted back more points than were left: the ledger never goes negative, so
 * the admin settles these by hand (with a negative adjustment, or not at all).
 */
export function ShortfallsCard({ shortfalls }: { shortfalls: Shortfall[] }) {
  const t = useTranslations('customer');
  const format = useFormats();
  const formatter = useFormatter();
  // Amounts are kept in minor units; the currency says how many of them make one.
  const money = (amount: number, currency: string) => {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits;
    return formatter.number(amount / 10 ** (digits ?? 2), { style: 'currency', currency });
  };
  if (shortfalls.length === 0) return null;
  return (
    <section className="card" data-testid="shortfalls">
      <div className="card__header">
        <h2>{t('shortfalls')}</h2>
      </div>
      <div className="card__body muted">{t('shortfallsHelp')}</div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('shortfallColumns.date')}</th>
            <th>{t('shortfallColumns.order')}</th>
            <th className="num">{t('shortfallColumns.refund')}</th>
            <th className="num">{t('shortfallColumns.due')}</th>
            <th className="num">{t('shortfallColumns.taken')}</th>
            <th className="num">{t('shortfallColumns.shortfall')}</th>
          </tr>
        </thead>
        <tbody>
          {shortfalls.map((row) => (
            <tr key={row.entryId} data-testid="shortfall-row">
              <td className="nowrap">{format.dateTime(row.createdAt)}</td>
              <td className="mono">{row.orderRef}</td>
              <td className="num nowrap">{money(row.refundAmount, row.currency)}</td>
              <td className="num">{format.points(row.pointsDue)}</td>
              <td className="num">{format.points(row.pointsTaken)}</td>
              <td className="num points--negative">{format.points(row.shortfall)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
