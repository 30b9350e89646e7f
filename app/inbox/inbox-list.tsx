'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatDateTime } from '../_components/format';
import { Loading, QueryError } from '../_components/query-state';
import { useTRPC } from '../_trpc/react';

export function InboxList() {
  const trpc = useTRPC();
  const messages = useQuery(trpc.inbox.list.queryOptions(undefined, { refetchInterval: 5000, staleTime: 0 }));

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>Inbox</h1>
          <span className="page-header__subtitle">
            Every email the app sent, caught by the development mail server instead of being delivered.
          </span>
        </div>
      </div>
      <div className="card">
        {messages.isPending ? (
          <Loading />
        ) : messages.isError ? (
          <div className="card__body">
            <QueryError error={messages.error} onRetry={() => void messages.refetch()} />
          </div>
        ) : messages.data.length === 0 ? (
          <div className="empty-state">
            <h2>No mail yet</h2>
            <p>Emails sent by journeys show up here within seconds.</p>
          </div>
        ) : (
          <table className="table" data-testid="inbox-table">
            <thead>
              <tr>
                <th>To</th>
                <th>Subject</th>
                <th>Received</th>
              </tr>
            </thead>
            <tbody>
              {messages.data.map((message) => (
                <tr key={message.id} data-testid="inbox-row">
                  <td>{message.to ?? message.envelopeTo.join(', ')}</td>
                  <td>
                    <Link href={`/inbox/${encodeURIComponent(message.id)}`}>
                      {message.subject || '(no subject)'}
                    </Link>
                  </td>
                  <td className="nowrap">{formatDateTime(message.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
