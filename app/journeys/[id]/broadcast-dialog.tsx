'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../../_components/form-field';
import { useFormats } from '../../_i18n/use-formats';
import { useInputErrors } from '../../_i18n/use-input-errors';
import { useTRPC } from '../../_trpc/react';

const defaultRate = 50;

/** 128 random bits as hex; `crypto.randomUUID` is missing on plain-http hosts other than localhost. */
function newRequestKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}
const maxRate = 1000;

/**
 * "Broadcast" for a live "Manual or API" journey: pick a segment and a rate, then confirm
 * with the number of customers who will enter. The request key is made once per dialog,
 * so a double click or a retried request creates one broadcast, not two.
 */
export function BroadcastDialog({
  journeyId,
  onClose,
}: {
  journeyId: string;
  onClose: (created: boolean) => void;
}) {
  const t = useTranslations('broadcasts.dialog');
  const format = useFormats();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const segments = useQuery(trpc.broadcasts.segmentOptions.queryOptions());
  const [requestKey, setRequestKey] = useState(newRequestKey);
  const [segmentId, setSegmentId] = useState('');
  const [rateText, setRateText] = useState(String(defaultRate));
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [local, setLocal] = useState<{ segment?: string; rate?: string }>({});

  const create = useMutation(
    trpc.broadcasts.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries(trpc.broadcasts.list.queryFilter({ journeyId }));
        onClose(true);
      },
      onError: (error) => {
        setConfirming(false);
        // The server answered, so nothing is running under this key: the next try is a new
        // request. Without an answer (network) it may have been created: keep the key.
        if (error.data) setRequestKey(newRequestKey());
      },
    }),
  );
  const errors = useInputErrors(create.error);
  const issue = (path: string) =>
    create.error?.data?.inputIssues?.find((candidate) => candidate.path === path);
  const segmentError =
    local.segment ??
    (issue('segmentId')?.kind === 'invalid' ? t('segmentMissing') : errors.field('segmentId'));
  const rateError =
    local.rate ?? (errors.field('ratePerSecond') ? t('rateRange', { max: maxRate }) : undefined);
  const journeyError = issue('journeyId') ? t('journeyNotReady') : undefined;
  const noteError = errors.field('note');

  const segment = segments.data?.find((candidate) => candidate.id === segmentId);
  const rate = Number(rateText);

  function review(event: FormEvent) {
    event.preventDefault();
    const problems = {
      segment: segment ? undefined : t('segmentRequired'),
      rate:
        Number.isInteger(rate) && rate >= 1 && rate <= maxRate ? undefined : t('rateRange', { max: maxRate }),
    };
    setLocal(problems);
    if (problems.segment || problems.rate) return;
    setConfirming(true);
  }

  function send() {
    if (create.isPending) return;
    create.mutate({ journeyId, segmentId, ratePerSecond: rate, note, requestKey });
  }

  const seconds = segment ? Math.ceil(segment.memberCount / Math.max(1, rate)) : 0;
  return (
    <form className="broadcast-dialog card" onSubmit={review} noValidate data-testid="broadcast-dialog">
      <h2 className="broadcast-dialog__title">{t('title')}</h2>
      <p className="muted">{t('intro')}</p>
      {segments.data && segments.data.length === 0 && (
        <p className="field__help" data-testid="broadcast-no-segments">
          {t('noSegments')}
        </p>
      )}
      <FormField
        id="broadcast-segment"
        label={t('segment')}
        error={segmentError}
        errorTestId="broadcast-segment-error"
      >
        <select
          id="broadcast-segment"
          className={invalidClass(segmentError, 'select')}
          value={segmentId}
          disabled={confirming}
          onChange={(event) => setSegmentId(event.target.value)}
          data-testid="broadcast-segment"
        >
          <option value="">{segments.isPending ? t('loadingSegments') : t('chooseSegment')}</option>
          {segments.data?.map((option) => (
            <option key={option.id} value={option.id}>
              {t('segmentOption', { name: option.name, count: option.memberCount })}
            </option>
          ))}
        </select>
      </FormField>
      <FormField
        id="broadcast-rate"
        label={t('rate')}
        error={rateError}
        help={t('rateHelp')}
        errorTestId="broadcast-rate-error"
      >
        <input
          id="broadcast-rate"
          inputMode="numeric"
          className={invalidClass(rateError, 'input')}
          value={rateText}
          disabled={confirming}
          onChange={(event) => setRateText(event.target.value)}
          aria-invalid={rateError ? true : undefined}
          data-testid="broadcast-rate"
        />
      </FormField>
      <FormField id="broadcast-note" label={t('note')} error={noteError} help={t('noteHelp')}>
        <input
          id="broadcast-note"
          className={invalidClass(noteError, 'input')}
          value={note}
          maxLength={200}
          disabled={confirming}
          onChange={(event) => setNote(event.target.value)}
          data-testid="broadcast-note"
        />
      </FormField>
      {confirming && segment ? (
        <div className="alert alert--warning" role="alertdialog" data-testid="broadcast-confirm">
          <span data-testid="broadcast-confirm-text">
            {t('confirm', {
              count: segment.memberCount,
              countText: format.points(segment.memberCount),
              segment: segment.name,
              rate,
              seconds,
            })}
          </span>
          <button
            type="button"
            className="button button--primary button--small"
            onClick={send}
            disabled={create.isPending}
            data-testid="broadcast-send"
          >
            {create.isPending ? t('sending') : t('send', { count: segment.memberCount })}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => setConfirming(false)}
            disabled={create.isPending}
          >
            {t('back')}
          </button>
        </div>
      ) : (
        <div className="workspace-form__actions">
          <button type="submit" className="button button--primary" data-testid="broadcast-review">
            {t('review')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => onClose(false)}
            data-testid="broadcast-close"
          >
            {t('close')}
          </button>
        </div>
      )}
      {(journeyError ?? errors.other) && (
        <span className="field__error" role="alert" data-testid="broadcast-error">
          {journeyError ?? errors.other}
        </span>
      )}
    </form>
  );
}
