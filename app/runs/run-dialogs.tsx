'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { FormField, invalidClass } from '../_components/form-field';
import { useErrorText } from '../_i18n/use-error-text';
import { useInputErrors } from '../_i18n/use-input-errors';
import { useTRPC } from '../_trpc/react';
import { Dialog } from '../_components/dialog';

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

/**
 * One run action behind a question: the explanation, the action's error if it failed, and
 * confirm/back; closes once the action succeeded.
 */
function ConfirmRunAction({
  title,
  testId,
  explain,
  confirmLabel,
  pendingLabel,
  backLabel,
  danger,
  action,
  onClose,
}: {
  title: string;
  testId: string;
  explain: string;
  confirmLabel: string;
  pendingLabel: string;
  backLabel: string;
  danger: boolean;
  action: {
    mutateAsync: () => Promise<unknown>;
    isPending: boolean;
    error: Parameters<ReturnType<typeof useErrorText>>[0] | null;
  };
  onClose: () => void;
}) {
  const errorText = useErrorText();
  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (await action.mutateAsync().catch(() => null)) onClose();
  }
  return (
    <Dialog title={title} testId={`${testId}-dialog`} onClose={onClose}>
      <form onSubmit={confirm} noValidate>
        <p>{explain}</p>
        {action.error && (
          <p className="field__error" role="alert" data-testid={`${testId}-error`}>
            {errorText(action.error)}
          </p>
        )}
        <div className="workspace-form__actions">
          <button
            type="submit"
            className={danger ? 'button button--danger' : 'button'}
            disabled={action.isPending}
            data-testid={`${testId}-confirm`}
          >
            {action.isPending ? pendingLabel : confirmLabel}
          </button>
          <button type="button" className="button" onClick={onClose}>
            {backLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Cancel this run?": the run stops at once; what it did so far stays done. */
export function CancelRunDialog({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const t = useTranslations('runDetail.cancelDialog');
  const trpc = useTRPC();
  const invalidate = useInvalidateRuns();
  const cancel = useMutation(trpc.runs.cancel.mutationOptions({ onSuccess: invalidate }));
  return (
    <ConfirmRunAction
      title={t('title')}
      testId="run-cancel"
      explain={t('explain')}
      confirmLabel={t('confirm')}
      pendingLabel={t('cancelling')}
      backLabel={t('back')}
      danger
      action={{ ...cancel, mutateAsync: () => cancel.mutateAsync({ workflowId }) }}
      onClose={onClose}
    />
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
  const trpc = useTRPC();
  const invalidate = useInvalidateRuns();
  const skip = useMutation(trpc.runs.skipWait.mutationOptions({ onSuccess: invalidate }));
  return (
    <ConfirmRunAction
      title={t('title')}
      testId="run-skip"
      explain={t('explain', { step: stepId })}
      confirmLabel={t('confirm')}
      pendingLabel={t('skipping')}
      backLabel={t('back')}
      danger={false}
      action={{ ...skip, mutateAsync: () => skip.mutateAsync({ workflowId, stepId }) }}
      onClose={onClose}
    />
  );
}

/** "Retry this step?": the failed step runs again, with the same idempotency key. */
export function RetryStepDialog({
  workflowId,
  stepId,
  onClose,
}: {
  workflowId: string;
  stepId: string;
  onClose: () => void;
}) {
  const t = useTranslations('runDetail.retryDialog');
  const trpc = useTRPC();
  const invalidate = useInvalidateRuns();
  const retry = useMutation(trpc.runs.retryStep.mutationOptions({ onSuccess: invalidate }));
  return (
    <ConfirmRunAction
      title={t('title')}
      testId="run-retry"
      explain={t('explain', { step: stepId })}
      confirmLabel={t('confirm')}
      pendingLabel={t('retrying')}
      backLabel={t('back')}
      danger={false}
      action={{ ...retry, mutateAsync: () => retry.mutateAsync({ workflowId, stepId }) }}
      onClose={onClose}
    />
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
