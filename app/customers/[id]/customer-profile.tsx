'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { fullName } from '../../_components/full-name';
import { Loading, QueryError } from '../../_components/query-state';
import { MessageStatusBadge } from '../../_components/status-badge';
import { useStatusLabels } from '../../_i18n/status-labels';
import { missing, useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';
import { AdjustPointsForm } from './adjust-points-form';
import { ConsentCard } from './consent-card';
import { LotsCard } from './lots-card';
import { MemberLinkCard } from './member-link-card';
import { PrivacyCard } from './privacy-card';
import { RunsCard } from './runs-card';
import { ShortfallsCard } from './shortfalls-card';
import { TierHistoryCard } from './tier-history-card';
import { VouchersCard } from './vouchers-card';
import { RequireAccess } from '../../_components/require-access';

export function CustomerProfile({ customerId }: { customerId: string }) {
  const t = useTranslations('customer');
  const tc = useTranslations('common');
  const tcs = useTranslations('customers');
  const tn = useTranslations('nav');
  const tg = useTranslations('gdpr');
  const format = useFormats();
  const statusLabels = useStatusLabels();
  const trpc = useTRPC();
  const profile = useQuery(trpc.customers.get.queryOptions({ id: customerId }));
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <QueryError error={profile.error} onRetry={() => void profile.refetch()} />;
  const { customer, balance, entries, lots, shortfalls, messages } = profile.data;
  // An erased customer is a tombstone: no name or address left to show.
  const name = customer.erasedAt ? tg('erasedName') : fullName(customer) || customer.email || tc('unnamed');

  return (
    <>
      <div className="breadcrumb">
        <Link href="/customers">{tn('customers')}</Link> /
      </div>
      <div className="page-header">
        <div className="page-header__title">
          <h1 data-testid="customer-name">{name}</h1>
          <span className="page-header__subtitle" data-testid="customer-email">
            {customer.email ?? tcs('noEmail')}
          </span>
        </div>
      </div>
      <div className="grid-2">
        <div className="stack">
          <section className="card">
            <div className="card__header">
              <h2>{t('balanceTitle')}</h2>
            </div>
            <div className="card__body">
              <span className="balance" data-testid="customer-balance">
                {format.points(balance)}
              </span>
              <span className="balance__unit">{t('pointsUnit', { count: balance })}</span>
            </div>
          </section>
          <RequireAccess access="edit">
            <AdjustPointsForm customerId={customer.id} />
          </RequireAccess>
          <ShortfallsCard shortfalls={shortfalls} />
          <MemberLinkCard customerId={customer.id} />
          <ConsentCard customerId={customer.id} email={customer.email} />
          <RequireAccess access="admin">
            <PrivacyCard customerId={customer.id} />
          </RequireAccess>
          <section className="card">
            <div className="card__header">
              <h2>{t('profile')}</h2>
            </div>
            <div className="card__body">
              <dl className="definition-list">
                <dt>{t('birthday')}</dt>
                <dd>{format.calendarDate(customer.birthday)}</dd>
                <dt>{t('timeZone')}</dt>
                <dd>{customer.timeZone}</dd>
                <dt>{t('language')}</dt>
                <dd data-testid="customer-language" data-locale={customer.locale}>
                  {format.language(customer.locale)}
                </dd>
                <dt>{t('consent')}</dt>
                <dd>{customer.marketingConsent ? tc('yes') : tc('no')}</dd>
                <dt>{t('shopId')}</dt>
                <dd className="mono">{customer.externalId}</dd>
                <dt>{t('since')}</dt>
                <dd>{format.date(customer.createdAt)}</dd>
              </dl>
            </div>
          </section>
        </div>
        <div className="stack">
          <section className="card">
            <div className="card__header">
              <h2>{t('ledger')}</h2>
              <span className="muted">{t('entries', { count: entries.length })}</span>
            </div>
            {entries.length === 0 ? (
              <div className="card__body muted">{t('noEntries')}</div>
            ) : (
              <table className="table" data-testid="ledger-table">
                <thead>
                  <tr>
                    <th>{t('ledgerColumns.date')}</th>
                    <th>{t('ledgerColumns.kind')}</th>
                    <th className="num">{t('ledgerColumns.points')}</th>
                    <th className="num">{t('ledgerColumns.balanceAfter')}</th>
                    <th>{t('ledgerColumns.reason')}</th>
                    <th>{t('ledgerColumns.expires')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id} data-testid="ledger-entry">
                      <td className="nowrap">{format.dateTime(entry.createdAt)}</td>
                      <td>
                        <span
                          className={`badge badge--${entry.kind}`}
                          data-testid="ledger-kind"
                          data-kind={entry.kind}
                        >
                          {statusLabels.ledger(entry.kind)}
                        </span>
                      </td>
                      <td className={`num ${entry.points >= 0 ? 'points--positive' : 'points--negative'}`}>
                        {format.signedPoints(entry.points)}
                      </td>
                      <td className="num">{format.points(entry.balanceAfter)}</td>
                      <td>{entry.reason}</td>
                      <td className="nowrap">
                        {entry.lot
                          ? entry.lot.expiresAt
                            ? format.date(entry.lot.expiresAt)
                            : t('never')
                          : missing}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <LotsCard lots={lots} />
          <VouchersCard customerId={customer.id} />
          <TierHistoryCard customerId={customer.id} />
          <RunsCard customerId={customer.id} />
          <section className="card">
            <div className="card__header">
              <h2>{t('messages')}</h2>
            </div>
            {messages.length === 0 ? (
              <div className="card__body muted">{t('noMessages')}</div>
            ) : (
              <table className="table" data-testid="message-table">
                <thead>
                  <tr>
                    <th>{t('messageColumns.date')}</th>
                    <th>{t('messageColumns.template')}</th>
                    <th>{t('messageColumns.subject')}</th>
                    <th>{t('messageColumns.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {messages.map((message) => (
                    <tr key={message.id}>
                      <td className="nowrap">{format.dateTime(message.sentAt ?? message.createdAt)}</td>
                      <td>{message.templateName ?? missing}</td>
                      <td>
                        {message.subject ?? missing}
                        {message.error && <span className="cell-secondary">{message.error}</span>}
                      </td>
                      <td>
                        <MessageStatusBadge status={message.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
