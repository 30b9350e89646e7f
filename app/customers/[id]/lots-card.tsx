'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '../../_i18n/use-formats';
import type { RouterOutputs } from '../../_trpc/outputs';

type Lot = RouterOutputs['customers']['get']['lots'][number];

const statusBadge: Record<Lot['status'], string> = {
  open: 'badge badge--earn',
  used_up: 'badge',
  expired: 'badge badge--expire',
};

/** Every credit the customer received and what is left of it, in the order they came. */
export function LotsCard({ lots }: { lots: Lot[] }) {
  const t = useTranslations('customer');
  const format = useFormats();
  return (
    <section className="card">
      <div className="card__header">
        <h2>{t('lots')}</h2>
        <span className="muted">{t('lotCount', { count: lots.length })}</span>
      </div>
      {lots.length === 0 ? (
        <div className="card__body muted">{t('noLots')}</div>
      ) : (
        <table className="table" data-testid="lot-table">
          <thead>
            <tr>
              <th>{t('lotColumns.earnedAt')}</th>
              <th className="num">{t('lotColumns.earned')}</th>
              <th className="num">{t('lotColumns.remaining')}</th>
              <th>{t('lotColumns.expires')}</th>
              <th>{t('lotColumns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {lots.map((lot) => (
              <tr key={lot.id} data-testid="lot-row">
                <td className="nowrap">{format.dateTime(lot.createdAt)}</td>
                <td className="num" data-testid="lot-earned">
                  {format.points(lot.pointsEarned)}
                </td>
                <td className="num" data-testid="lot-remaining">
                  {format.points(lot.pointsRemaining)}
                </td>
                <td className="nowrap">{lot.expiresAt ? format.date(lot.expiresAt) : t('never')}</td>
                <td>
                  <span className={statusBadge[lot.status]} data-testid="lot-status" data-status={lot.status}>
                    {lot.status === 'open'
                      ? t('lotStatus.open')
                      : lot.status === 'used_up'
                        ? t('lotStatus.used_up')
                        : t('lotStatus.expired')}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
