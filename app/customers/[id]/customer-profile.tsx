'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatPoints,
  formatSignedPoints,
  fullName,
} from '../../_components/format';
import { Loading, QueryError } from '../../_components/query-state';
import { MessageStatusBadge } from '../../_components/status-badge';
import { useTRPC } from '../../_trpc/react';

export function CustomerProfile({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const profile = useQuery(trpc.customers.get.queryOptions({ id: customerId }));
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <QueryError error={profile.error} onRetry={() => void profile.refetch()} />;
  const { customer, balance, entries, messages } = profile.data;
  const name = fullName(customer) || customer.email;

  return (
    <>
      <div className="breadcrumb">
        <Link href="/customers">Customers</Link> /
      </div>
      <div className="page-header">
        <div className="page-header__title">
          <h1 data-testid="customer-name">{name}</h1>
          <span className="page-header__subtitle">{customer.email}</span>
        </div>
      </div>
      <div className="grid-2">
        <div className="stack">
          <section className="card">
            <div className="card__header">
              <h2>Points balance</h2>
            </div>
            <div className="card__body">
              <span className="balance" data-testid="customer-balance">
                {formatPoints(balance)}
              </span>
              <span className="balance__unit">points</span>
            </div>
          </section>
          <section className="card">
            <div className="card__header">
              <h2>Profile</h2>
            </div>
            <div className="card__body">
              <dl className="definition-list">
                <dt>Birthday</dt>
                <dd>{formatCalendarDate(customer.birthday)}</dd>
                <dt>Time zone</dt>
                <dd>{customer.timeZone}</dd>
                <dt>Language</dt>
                <dd>{customer.locale}</dd>
                <dt>Marketing consent</dt>
                <dd>{customer.marketingConsent ? 'Yes' : 'No'}</dd>
                <dt>Shop id</dt>
                <dd className="mono">{customer.externalId}</dd>
                <dt>Customer since</dt>
                <dd>{formatDate(customer.createdAt)}</dd>
              </dl>
            </div>
          </section>
        </div>
        <div className="stack">
          <section className="card">
            <div className="card__header">
              <h2>Ledger</h2>
              <span className="muted">{entries.length === 1 ? '1 entry' : `${entries.length} entries`}</span>
            </div>
            {entries.length === 0 ? (
              <div className="card__body muted">No points earned or spent yet.</div>
            ) : (
              <table className="table" data-testid="ledger-table">
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>Kind</th>
                    <th className="num">Points</th>
                    <th className="num">Balance after</th>
                    <th>Reason</th>
                    <th>Expires</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id} data-testid="ledger-entry">
                      <td className="nowrap">{formatDateTime(entry.createdAt)}</td>
                      <td>
                        <span className={`badge badge--${entry.kind}`} data-testid="ledger-kind">
                          {entry.kind}
                        </span>
                      </td>
                      <td className={`num ${entry.points >= 0 ? 'points--positive' : 'points--negative'}`}>
                        {formatSignedPoints(entry.points)}
                      </td>
                      <td className="num">{formatPoints(entry.balanceAfter)}</td>
                      <td>{entry.reason}</td>
                      <td className="nowrap">
                        {entry.lot ? (entry.lot.expiresAt ? formatDate(entry.lot.expiresAt) : 'Never') : '—'}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="card">
            <div className="card__header">
              <h2>Messages</h2>
            </div>
            {messages.length === 0 ? (
              <div className="card__body muted">No messages sent to this customer yet.</div>
            ) : (
              <table className="table" data-testid="message-table">
                <thead>
                  <tr>
                    <th>Date</th>
                    <th>Template</th>
                    <th>Subject</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {messages.map((message) => (
                    <tr key={message.id}>
                      <td className="nowrap">{formatDateTime(message.sentAt ?? message.createdAt)}</td>
                      <td>{message.templateName ?? '—'}</td>
                      <td>
                        {message.subject ?? '—'}
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
