'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { useErrorText } from '../../_i18n/use-error-text';
import { useFormats } from '../../_i18n/use-formats';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useTRPC } from '../../_trpc/react';

/** What the admin types to confirm; the server refuses anything else (`confirm: "ERASE"`). */
const confirmWord = 'ERASE';

/**
 * GDPR for one customer: download everything we hold as a JSON file, and erase the
 * customer (personal data removed, points and orders kept on an anonymous tombstone,
 * running journeys cancelled). Erasing asks for who and why, and for ERASE typed out, so no
 * stray click removes a person. An erased customer's card shows when, by whom and what went.
 */
export function PrivacyCard({ customerId }: { customerId: string }) {
  const t = useTranslations('gdpr');
  const format = useFormats();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.gdpr.status.queryOptions({ customerId }));
  const [confirming, setConfirming] = useState(false);
  const [requestedBy, setRequestedBy] = useState('');
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');

  const download = useMutation({
    mutationFn: () =>
      // Fresh on every click: an export is a snapshot of now, never a cached one.
      queryClient.fetchQuery({ ...trpc.gdpr.export.queryOptions({ customerId }), staleTime: 0, gcTime: 0 }),
    onSuccess: (data) => {
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `customer-${customerId}-${data.generatedAt.slice(0, 10)}.json`;
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
    },
  });

  const erase = useMutation(
    trpc.gdpr.erase.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        setTyped('');
        await Promise.all([
          queryClient.invalidateQueries(trpc.gdpr.status.queryFilter({ customerId })),
          queryClient.invalidateQueries(trpc.customers.get.queryFilter({ id: customerId })),
        ]);
      },
    }),
  );
  const errors = useInputErrors(erase.error);
  const requestedByError = errors.field('requestedBy');
  // The only rule beyond length: the reason must not repeat the address it erases.
  const reasonIssue = erase.error?.data?.inputIssues?.find((issue) => issue.path === 'reason');
  const reasonError = reasonIssue?.kind === 'invalid' ? t('reasonHasEmail') : errors.field('reason');
  const formError = errors.field('confirm') ?? errors.other;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (erase.isPending || typed !== confirmWord) return;
    erase.mutate({ customerId, confirm: confirmWord, requestedBy, reason });
  }

  const erasure = status.data?.erasure ?? null;
  const runs = erase.data?.runs;

  return (
    <section className="card" data-testid="privacy-card">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      <div className="card__body stack">
        {status.data?.erasedAt && (
          <div className="alert alert--warning" role="status" data-testid="privacy-erased">
            <strong>{t('erasedTitle')}</strong>
            <p>
              {erasure
                ? t('erasedBy', {
                    date: format.dateTime(erasure.erasedAt),
                    requestedBy: erasure.requestedBy,
                    reason: erasure.reason,
                  })
                : t('erasedAt', { date: format.dateTime(status.data.erasedAt) })}
            </p>
            {erasure && (
              <p className="field__help" data-testid="privacy-erased-summary">
                {t('erasedSummary', {
                  events: erasure.summary.events,
                  messages: erasure.summary.messages,
                  entries: erasure.summary.ledgerEntriesKept,
                })}
              </p>
            )}
          </div>
        )}
        {runs && (
          <p
            className={runs.warning ? 'field__error' : 'field__help'}
            role="status"
            data-testid="privacy-runs"
          >
            {runs.warning ? t('runsWarning') : t('runsCancelled', { count: runs.cancelled })}
          </p>
        )}
        <p className="muted">{t('explain')}</p>
        <div className="workspace-form__actions">
          <button
            type="button"
            className="button button--small"
            disabled={download.isPending}
            onClick={() => download.mutate()}
            data-testid="privacy-download"
          >
            {download.isPending ? t('downloading') : t('download')}
          </button>
          {!status.data?.erasedAt && !confirming && (
            <button
              type="button"
              className="button button--small button--danger"
              disabled={status.isPending}
              onClick={() => setConfirming(true)}
              data-testid="privacy-erase-open"
            >
              {t('erase')}
            </button>
          )}
        </div>
        {download.isError && (
          <p className="field__error" role="alert">
            {errorText(download.error as { data?: { code?: string } | null })}
          </p>
        )}
        {confirming && !status.data?.erasedAt && (
          <form
            className="alert alert--error"
            role="alertdialog"
            aria-labelledby="privacy-erase-title"
            onSubmit={submit}
            noValidate
            data-testid="privacy-erase-dialog"
          >
            <strong id="privacy-erase-title">{t('confirmTitle')}</strong>
            <p>{t('confirmExplain')}</p>
            <FormField id="privacy-requested-by" label={t('requestedBy')} error={requestedByError}>
              <input
                id="privacy-requested-by"
                className={invalidClass(requestedByError, 'input')}
                value={requestedBy}
                maxLength={200}
                onChange={(event) => setRequestedBy(event.target.value)}
                aria-invalid={requestedByError ? true : undefined}
                data-testid="privacy-requested-by"
              />
            </FormField>
            <FormField
              id="privacy-reason"
              label={t('reason')}
              error={reasonError}
              help={t('reasonHelp')}
              errorTestId="privacy-reason-error"
            >
              <input
                id="privacy-reason"
                className={invalidClass(reasonError, 'input')}
                value={reason}
                maxLength={500}
                onChange={(event) => setReason(event.target.value)}
                aria-invalid={reasonError ? true : undefined}
                data-testid="privacy-reason"
              />
            </FormField>
            <FormField id="privacy-confirm" label={t('confirmLabel', { word: confirmWord })} error={null}>
              <input
                id="privacy-confirm"
                className="input mono"
                value={typed}
                autoComplete="off"
                placeholder={confirmWord}
                onChange={(event) => setTyped(event.target.value)}
                data-testid="privacy-confirm"
              />
            </FormField>
            <div className="workspace-form__actions">
              <button
                type="submit"
                className="button button--danger"
                disabled={erase.isPending || typed !== confirmWord}
                data-testid="privacy-erase-submit"
              >
                {erase.isPending ? t('erasing') : t('eraseConfirm')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setConfirming(false);
                  setTyped('');
                  erase.reset();
                }}
              >
                {t('cancel')}
              </button>
              {formError && (
                <span className="field__error" role="alert" data-testid="privacy-erase-error">
                  {formError}
                </span>
              )}
            </div>
          </form>
        )}
      </div>
    </section>
  );
}
