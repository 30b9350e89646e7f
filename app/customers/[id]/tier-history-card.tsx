'use client';

import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { Loading, QueryError } from '../../_components/query-state';
import { useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';
import { formatTierValue } from '../../loyalty/tiers/tier-values';

/** The customer's tier, qualifying value and tier history, for the admin. Hidden without tiers. */
export function TierHistoryCard({ customerId }: { customerId: string }) {
  const t = useTranslations('tierHistory');
  const trpc = useTRPC();
  const format = useFormats();
  const numbers = useFormatter();
  const query = useQuery(trpc.tiers.forCustomer.queryOptions({ customerId }));
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const { progress, history, currency } = query.data;
  if (!progress.hasTiers && history.length === 0) return null;
  // Causes are stored as `<kind>:<detail>`; the kinds we write get words, anything else shows as stored.
  const causeText = (cause: string): string => {
    const [kind, ...rest] = cause.split(':');
    const detail = rest.join(':');
    if (kind === 'period_review') return t('causes.periodReview', { period: format.calendarDate(detail) });
    if (kind === 'order') return t('causes.order', { ref: detail });
    if (kind === 'journey') return t('causes.journey');
    return cause;
  };
  const value = (v: number) =>
    progress.basis === 'points'
      ? t('points', { value: formatTierValue(numbers, v, 'points', currency) })
      : formatTierValue(numbers, v, 'spend', currency);

  return (
    <section className="card" data-testid="tier-history-card">
      <div className="card__header">
        <h2>{t('title')}</h2>
        <span className="badge" data-testid="tier-current">
          {progress.tier?.name ?? t('noTier')}
        </span>
      </div>
      <div className="card__body">
        <p data-testid="tier-qualifying">
          {t('qualifying', { value: value(progress.qualifyingValue), months: progress.windowMonths })}
        </p>
        <p className="muted" data-testid="tier-next">
          {progress.nextTier && progress.gapToNext !== null
            ? t('gap', { value: value(progress.gapToNext), tier: progress.nextTier.name })
            : progress.tier
              ? t('topTier')
              : null}
        </p>
      </div>
      {history.length === 0 ? (
        <div className="card__body muted">{t('noHistory')}</div>
      ) : (
        <table className="table" data-testid="tier-history-table">
          <thead>
            <tr>
              <th>{t('columns.date')}</th>
              <th>{t('columns.change')}</th>
              <th className="num">{t('columns.value')}</th>
              <th>{t('columns.cause')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((row) => (
              <tr key={row.id} data-testid="tier-history-row" data-direction={row.direction}>
                <td className="nowrap">{format.dateTime(row.createdAt)}</td>
                <td>
                  <span className={`badge badge--tier-${row.direction}`}>
                    {row.direction === 'upgrade' ? t('directions.upgrade') : t('directions.downgrade')}
                  </span>{' '}
                  {t('fromTo', {
                    from: row.fromTier?.name ?? t('noTier'),
                    to: row.toTier?.name ?? t('noTier'),
                  })}
                </td>
                <td className="num">{value(row.qualifyingValue)}</td>
                <td>{causeText(row.cause)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
