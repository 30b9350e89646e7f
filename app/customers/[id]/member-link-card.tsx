'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';

/**
 * Support sends a customer the link to their own page; it is signed and expires like the
 * links in emails, so it is created on request rather than shown permanently.
 */
export function MemberLinkCard({ customerId }: { customerId: string }) {
  const t = useTranslations('customer.memberLink');
  const format = useFormats();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const create = useMutation(trpc.customers.memberLink.mutationOptions());
  const link = create.data;
  return (
    <section className="card" data-testid="member-link-card">
      <div className="card__header">
        <h2>{t('title')}</h2>
        <button
          type="button"
          className="button button--small"
          disabled={create.isPending}
          onClick={() => create.mutate({ customerId })}
          data-testid="member-link-create"
        >
          {link ? t('again') : t('create')}
        </button>
      </div>
      <div className="card__body">
        {link ? (
          <>
            <input
              className="input mono"
              readOnly
              value={link.url}
              onFocus={(event) => event.target.select()}
              aria-label={t('title')}
              data-testid="member-link-url"
            />
            <p className="field__help">
              {t('validUntil', { date: format.date(link.expiresAt) })}{' '}
              <a href={link.url} target="_blank" rel="noreferrer" data-testid="member-link-open">
                {t('open')}
              </a>
            </p>
          </>
        ) : (
          <p className="muted">{t('explain')}</p>
        )}
        {create.isError && <p className="field__error">{errorText(create.error)}</p>}
      </div>
    </section>
  );
}
