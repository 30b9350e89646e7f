'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { topicText } from '../../../db/compliance/topic-text';
import { Loading, QueryError } from '../../_components/query-state';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';
import { useAccess } from '../../_components/use-access';

/**
 * Consent at a glance for support ("why did she not get the newsletter?"): the marketing
 * consent with where and when it was given or withdrawn, the topics opted out of, and
 * whether the address is on the suppression list and why. Support can block the address
 * by hand or lift an entry; lifting a bounce or complaint asks once more, since mailing a
 * dead or complaining address hurts every customer's delivery.
 */
export function ConsentCard({ customerId, email }: { customerId: string; email: string | null }) {
  const t = useTranslations('compliance');
  const tc = useTranslations('common');
  const locale = useLocale();
  const format = useFormats();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const { canEdit } = useAccess();
  const queryClient = useQueryClient();
  const compliance = useQuery(trpc.suppressions.customer.queryOptions({ customerId }));
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const refresh = () => queryClient.invalidateQueries(trpc.suppressions.customer.queryFilter({ customerId }));
  const add = useMutation(trpc.suppressions.add.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.suppressions.remove.mutationOptions({
      onSuccess: async () => {
        setConfirmingRemoval(false);
        await refresh();
      },
    }),
  );

  const sourceLabels: Record<string, string> = {
    api: t('sources.api'),
    import: t('sources.import'),
    admin: t('sources.admin'),
    preference_page: t('sources.preference_page'),
    unsubscribe_page: t('sources.unsubscribe_page'),
    one_click_unsubscribe: t('sources.one_click_unsubscribe'),
    smtp_bounce: t('sources.smtp_bounce'),
    journey: t('sources.journey'),
  };
  const source = (value: string | null) =>
    value === null ? t('sources.unknown') : (sourceLabels[value.split(':')[0]!] ?? value);
  const reasonLabels = {
    unsubscribed: t('reasons.unsubscribed'),
    bounced: t('reasons.bounced'),
    complained: t('reasons.complained'),
    manual: t('reasons.manual'),
  };

  const data = compliance.data;
  const suppression = data?.suppression ?? null;
  const hard = suppression?.reason === 'bounced' || suppression?.reason === 'complained';
  const optedOut = data?.topics.filter((topic) => topic.optedOut) ?? [];
  const mutationError = add.error ?? remove.error;

  function lift() {
    if (!suppression) return;
    if (hard && !confirmingRemoval) {
      setConfirmingRemoval(true);
      return;
    }
    remove.mutate({ address: suppression.address, confirm: hard });
  }

  return (
    <section className="card" data-testid="consent-card">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body">
        {compliance.isError ? (
          <QueryError error={compliance.error} onRetry={() => void compliance.refetch()} />
        ) : !data ? (
          <Loading />
        ) : (
          <>
            <dl className="definition-list">
              <dt>{t('consent')}</dt>
              <dd data-testid="consent-state" data-consent={data.consent.granted}>
                {data.consent.granted ? t('granted') : t('notGranted')}
                {data.consent.at && (
                  <span className="muted">
                    {' '}
                    {t('changed', {
                      date: format.dateTime(data.consent.at),
                      source: source(data.consent.source),
                    })}
                  </span>
                )}
              </dd>
              <dt>{t('topics')}</dt>
              <dd data-testid="consent-topics">
                {optedOut.length === 0
                  ? t('allTopics')
                  : t('optedOutOf', {
                      topics: optedOut.map((topic) => topicText(topic.name, locale, topic.key)).join(', '),
                    })}
              </dd>
              <dt>{t('suppression')}</dt>
              <dd data-testid="consent-suppression" data-reason={suppression?.reason ?? 'none'}>
                {suppression ? (
                  <>
                    {t('suppressed', {
                      reason: reasonLabels[suppression.reason],
                      date: format.dateTime(suppression.updatedAt),
                      source: source(suppression.source),
                    })}
                    {suppression.detail && (
                      <span className="muted mono consent-detail">{suppression.detail}</span>
                    )}
                  </>
                ) : (
                  t('notSuppressed')
                )}
              </dd>
            </dl>
            {confirmingRemoval && (
              <p className="field__error">
                {t('confirmLift', { reason: reasonLabels[suppression?.reason ?? 'bounced'] })}
              </p>
            )}
            {email && canEdit && (
              <div className="consent-actions">
                {suppression ? (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={remove.isPending}
                    onClick={lift}
                    data-testid="consent-lift"
                  >
                    {confirmingRemoval ? t('liftConfirm') : t('lift')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={add.isPending}
                    onClick={() => add.mutate({ address: email })}
                    data-testid="consent-block"
                  >
                    {t('block')}
                  </button>
                )}
                {confirmingRemoval && (
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => setConfirmingRemoval(false)}
                  >
                    {tc('cancel')}
                  </button>
                )}
              </div>
            )}
            {mutationError && <p className="field__error">{errorText(mutationError)}</p>}
          </>
        )}
      </div>
    </section>
  );
}
