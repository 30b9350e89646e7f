'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { formatDateTime } from '../../_components/format';
import { Loading, QueryError } from '../../_components/query-state';
import { useTRPC } from '../../_trpc/react';

const tabs = [
  { id: 'html', label: 'HTML' },
  { id: 'text', label: 'Text' },
  { id: 'headers', label: 'Headers' },
] as const;
type Tab = (typeof tabs)[number]['id'];

export function InboxMessage({ messageId }: { messageId: string }) {
  const trpc = useTRPC();
  const message = useQuery(trpc.inbox.get.queryOptions({ id: messageId }));
  const [tab, setTab] = useState<Tab>('html');
  if (message.isPending) return <Loading />;
  if (message.isError) return <QueryError error={message.error} onRetry={() => void message.refetch()} />;
  const mail = message.data;

  return (
    <>
      <div className="breadcrumb">
        <Link href="/inbox">Inbox</Link> /
      </div>
      <div className="page-header">
        <div className="page-header__title">
          <h1 data-testid="message-subject">{mail.subject || '(no subject)'}</h1>
          <span className="page-header__subtitle">
            From {mail.from ?? mail.envelopeFrom ?? 'unknown'} to {mail.to ?? mail.envelopeTo.join(', ')} ·{' '}
            {formatDateTime(mail.receivedAt)}
          </span>
        </div>
      </div>
      <section className="card">
        <div className="tabs" role="tablist">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              className="tabs__tab"
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'html' &&
            (mail.html ? (
              // No allow-* flags: the email's scripts, forms and navigation stay inert.
              <iframe
                className="email-frame"
                sandbox=""
                srcDoc={mail.html}
                title="Email HTML"
                data-testid="email-html"
              />
            ) : (
              <div className="card__body muted">This message has no HTML part.</div>
            ))}
          {tab === 'text' &&
            (mail.text ? (
              <pre className="email-text" data-testid="email-text">
                {mail.text}
              </pre>
            ) : (
              <div className="card__body muted">This message has no text part.</div>
            ))}
          {tab === 'headers' && (
            <table className="table" data-testid="email-headers">
              <thead>
                <tr>
                  <th>Header</th>
                  <th>Value</th>
                </tr>
              </thead>
              <tbody>
                {mail.headers.map(([name, value], index) => (
                  <tr key={index}>
                    <td className="mono nowrap">{name}</td>
                    <td className="mono" style={{ overflowWrap: 'anywhere' }}>
                      {value}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
    </>
  );
}
