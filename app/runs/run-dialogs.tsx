'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormField, invalidClass } from '../_components/form-field';
import { useErrorText } from '../_i18n/use-error-text';
import { useInputErrors } from '../_i18n/use-input-errors';
import { useTRPC } from '../_trpc/react';

/** A modal with its title; Escape closes it, focus starts on the first field or button. */
function Dialog({
  title,
  testId,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('input, textarea, button')?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
  return (
    <div className="studio-dialog__backdrop">
      <div
        ref={ref}
        className="studio-dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${testId}-title`}
        data-testid={testId}
      >
        <div className="card__header">
          <h2 id={`${testId}-title`}>{title}</h2>
        </div>
        <div className="card__body">{children}</div>
      </div>
    </div>
  );
}

function useInvalidateRuns() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.runs.get.pathFilter()),
      queryClient.invalidateQueries(trpc.runs.search.pathFilter()),
      queryClient.invalidateQueries(trpc.runs.counts.pathFilter()),
      queryClient.invalidateQueries(trpc.runs.list.pathFilter()),
    ]);
}

/** "Cancel this run?": the run stops at once; what it did so far stays done. */
export function CancelRunDialog({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const t = useTranslations('runDetail.cancelDialog');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const invalidate = useInvalidateRuns();
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: invalidate }));
  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (await cancel.mutateAsync({ workflowId }).catch(() => null)) onClose();
  }
  return (
    <Dialog title={t('title')} testId="run-cancel-dialog" onClose={onClose}>
      <form onSubmit={confirm} noValidate>
        <p>{t('explain')}</p>
        {cancel.error && (
          <p className="field__error" role="alert" data-testid="run-cancel-error">
            {errorText(cancel.error)}
          </p>
        )}
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--danger"
            disabled={cancel.isPending}
            data-testid="run-cancel-confirm"
          >
            {cancel.isPending ? t('cancelling') : t('confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Skip this wait?": the run goes on now as if the wait had run out. */
export function SkipWaitDialog({
  workflowId,
  stepId,
  onClose,
}: {
  workflowId: string;
  stepId: string;
  onClose: () => void;
}) {
  const t = useTranslations('runDetail.skipDialog');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const invalidate = useInvalidateRuns();
  const skip = useMutation(trpc.runs.skipWait.mutationOptions({ onSuccess: invalidate }));
  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (await skip.mutateAsync({ workflowId, stepId }).catch(() => null)) onClose();
  }
  return (
    <Dialog title={t('title')} testId="run-skip-dialog" onClose={onClose}>
      <form onSubmit={confirm} noValidate>
        <p>{t('explain', { step: stepId })}</p>
        {skip.error && (
          <p className="field__error" role="alert" data-testid="run-skip-error">
            {errorText(skip.error)}
          </p>
        )}
        <div className="workspace-form__actions">
          <button type="submit" className="button" disabled={skip.isPending} data-testid="run-skip-confirm">
            {skip.isPending ? t('skipping') : t('confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * Sends the run one event of its customer (name + JSON properties): a matching wait goes
 * on, a goal ends the run, anything else is ignored by it.
 */
export function SendEventDialog({
  workflowId,
  suggestedName,
  onClose,
}: {
  workflowId: string;
  suggestedName: string | null;
  onClose: () => void;
}) {
  const t = useTranslations('runDetail.eventDialog');
  const trpc = useTRPC();
  const invalidate = useInvalidateRuns();
  const [name, setName] = useState(suggestedName ?? '');
  const [json, setJson] = useState('{}');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const send = useMutation(trpc.runs.sendEvent.mutationOptions({ onSuccess: invalidate }));
  const errors = useInputErrors(send.error);

  async function confirm(event: FormEvent) {
    event.preventDefault();
    let properties: unknown;
    try {
      properties = JSON.parse(json || '{}');
    } catch (error) {
      return setJsonError(t('jsonInvalid', { detail: (error as Error).message }));
    }
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties))
      return setJsonError(t('jsonNotObject'));
    setJsonError(null);
    const sent = await send
      .mutateAsync({ workflowId, event: { name, properties: properties as Record<string, unknown> } })
      .catch(() => null);
    if (sent) onClose();
  }

  const nameError = errors.field('event.name');
  const propertiesError = jsonError ?? errors.field('event.properties');
  return (
    <Dialog title={t('title')} testId="run-event-dialog" onClose={onClose}>
      <form onSubmit={confirm} noValidate>
        <p>{t('explain')}</p>
        <FormField id="run-event-name" label={t('name')} error={nameError} errorTestId="run-event-name-error">
          <input
            id="run-event-name"
            className={invalidClass(nameError, 'input')}
            value={name}
            maxLength={200}
            onChange={(event) => setName(event.target.value)}
            data-testid="run-event-name"
          />
        </FormField>
        <FormField
          id="run-event-properties"
          label={t('properties')}
          error={propertiesError}
          help={t('propertiesHelp')}
          errorTestId="run-event-properties-error"
        >
          <textarea
            id="run-event-properties"
            className={`${invalidClass(propertiesError, 'input')} run-json`}
            rows={6}
            value={json}
            onChange={(event) => setJson(event.target.value)}
            data-testid="run-event-properties"
          />
        </FormField>
        {errors.other && (
          <p className="field__error" role="alert" data-testid="run-event-error">
            {errors.other}
          </p>
        )}
        <div className="workspace-form__actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={send.isPending}
            data-testid="run-event-confirm"
          >
            {send.isPending ? t('sending') : t('confirm')}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {t('back')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Cancel every running run of version N?": says how many run now, then how many were cancelled. */
export function BulkCancelDialog({
  journeyId,
  journeyName,
  version,
  onClose,
}: {
  journeyId: string;
  journeyName: string;
  version: number;
  onClose: () => void;
}) {
  const t = useTranslations('runs.bulkCancel');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const invalidate = useInvalidateRuns();
  const counts = useQuery(trpc.runs.counts.queryOptions({ filter: { journeyId, version } }));
  const cancel = useMutation(trpc.runs.cancelVersion.mutationOptions({ onSuccess: invalidate }));
  return (
    <Dialog title={t('title', { version })} testId="run-bulk-cancel-dialog" onClose={onClose}>
      {cancel.data ? (
        <>
          <p role="status" data-testid="run-bulk-cancel-done">
            {t('done', { count: cancel.data.cancelled })}
          </p>
          <div className="workspace-form__actions">
            <button type="button" className="button" onClick={onClose}>
              {t('close')}
            </button>
          </div>
        </>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            cancel.mutate({ journeyId, version });
          }}
          noValidate
        >
          <p>{t('explain', { journey: journeyName, version })}</p>
          {counts.data && (
            <p data-testid="run-bulk-cancel-running">{t('running', { count: counts.data.running })}</p>
          )}
          {cancel.error && (
            <p className="field__error" role="alert">
              {errorText(cancel.error)}
            </p>
          )}
          <div className="workspace-form__actions">
            <button
              type="submit"
              className="button button--danger"
              disabled={cancel.isPending}
              data-testid="run-bulk-cancel-confirm"
            >
              {cancel.isPending ? t('cancelling') : t('confirm', { version })}
            </button>
            <button type="button" className="button" onClick={onClose}>
              {t('back')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
