'use client';

import { useQuery } from '@tanstack/react-query';
import { useNow, useTranslations } from 'next-intl';
import Link from 'next/link';
import { QueryListCard } from '../_components/query-state';
import { useFormats } from '../_i18n/use-formats';
import { useTRPC } from '../_trpc/react';

export function InboxList() {
  const t = useTranslations('inbox');
  const format = useFormats();
  // Received times read as "2 minutes ago" and keep counting while the page stays open.
  const now = useNow({ updateInterval: 30 * 1000 });
  const trpc = useTRPC();
  const messages = useQuery(trpc.inbox.list.queryOptions(undefined, { refetchInterval: 5000, staleTime: 0 }));

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      <QueryListCard
        query={messages}
        empty={{ title: t('emptyTitle'), text: t('emptyText'), testId: 'inbox-empty' }}
      >
        {(rows) => (
          <table className="table" data-testid="inbox-table">
            <thead>
              <tr>
                <th>{t('columns.to')}</th>
                <th>{t('columns.subject')}</th>
                <th>{t('columns.received')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((message) => (
                <tr key={message.id} data-testid="inbox-row">
                  <td>{message.to ?? message.envelopeTo.join(', ')}</td>
                  <td>
                    <Link href={`/inbox/${encodeURIComponent(message.id)}`}>
                      {message.subject || t('noSubject')}
                    </Link>
                  </td>
                  <td className="nowrap" title={format.dateTime(message.receivedAt)}>
                    {format.relativePast(message.receivedAt, now)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryListCard>
    </>
  );
}
