'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import { useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';

const tabs = ['html', 'text', 'headers'] as const;
type Tab = (typeof tabs)[number];

export function InboxMessage({ messageId }: { messageId: string }) {
  const t = useTranslations('message');
  const tn = useTranslations('nav');
  const ti = useTranslations('inbox');
  const format = useFormats();
  const trpc = useTRPC();
  const message = useQuery(trpc.inbox.get.queryOptions({ id: messageId }));
  const [tab, setTab] = useState<Tab>('html');
  if (message.isPending) return <Loading />;
  if (message.isError) return <QueryError error={message.error} onRetry={() => void message.refetch()} />;
  const mail = message.data;

  return (
    <>
      <div className="breadcrumb">
        <Link href="/inbox">{tn('inbox')}</Link> /
      </div>
      <div className="page-header">
        <div className="page-header__title">
          <h1 data-testid="message-subject">{mail.subject || ti('noSubject')}</h1>
          <span className="page-header__subtitle">
            {t('fromTo', {
              from: mail.from ?? mail.envelopeFrom ?? t('unknownSender'),
              to: mail.to ?? mail.envelopeTo.join(', '),
              date: format.dateTime(mail.receivedAt),
            })}
          </span>
        </div>
      </div>
      <section className="card">
        <div className="tabs" role="tablist">
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`panel-${id}`}
              className="tabs__tab"
              onClick={() => setTab(id)}
              data-testid={`tab-${id}`}
            >
              {t(`tabs.${id}`)}
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
                title={t('htmlTitle')}
                data-testid="email-html"
              />
            ) : (
              <div className="card__body muted">{t('noHtml')}</div>
            ))}
          {tab === 'text' &&
            (mail.text ? (
              <pre className="email-text" data-testid="email-text">
                {mail.text}
              </pre>
            ) : (
              <div className="card__body muted">{t('noText')}</div>
            ))}
          {tab === 'headers' && (
            <table className="table" data-testid="email-headers">
              <thead>
                <tr>
                  <th>{t('columns.header')}</th>
                  <th>{t('columns.value')}</th>
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
