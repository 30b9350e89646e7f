'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '../../_i18n/use-error-text';
import { useTRPC } from '../../_trpc/react';

type Action = 'pause' | 'resume' | 'stop';

/**
 * Pause, resume and stop for a published journey, each confirmed in place first (stop
 * cancels every run in flight, so it is worth a second click). The outcome is reported
 * through `onNotice`, in the editor's message area.
 */
export function LifecycleButtons({
  journeyId,
  status,
  onNotice,
}: {
  journeyId: string;
  status: string;
  onNotice: (notice: { tone: 'success' | 'error' | 'warning'; text: string }) => void;
}) {
  const t = useTranslations('journeyLifecycle');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<Action | null>(null);

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.journeys.get.queryFilter({ id: journeyId })),
      queryClient.invalidateQueries(trpc.journeys.list.queryFilter()),
      queryClient.invalidateQueries(trpc.runs.list.pathFilter()),
    ]);
  const onError = (error: { data?: { code?: string } | null }) =>
    onNotice({ tone: 'error', text: t('failed', { error: errorText(error) }) });
  const done = (text: string, temporalWarning: string | null) => {
    setConfirming(null);
    if (temporalWarning) console.warn(temporalWarning);
    onNotice(temporalWarning ? { tone: 'warning', text: t('temporalWarning') } : { tone: 'success', text });
    void refresh();
  };

  const pause = useMutation(
    trpc.journeys.pause.mutationOptions({
      onSuccess: (result) => done(t('paused'), result.temporalWarning),
      onError,
    }),
  );
  const resume = useMutation(
    trpc.journeys.resume.mutationOptions({
      onSuccess: (result) => done(t('resumed'), result.temporalWarning),
      onError,
    }),
  );
  const stop = useMutation(
    trpc.journeys.stop.mutationOptions({
      onSuccess: (result) => done(t('stopped', { count: result.cancelled }), result.temporalWarning),
      onError,
    }),
  );
  const labels: Record<Action, string> = {
    pause: t('action.pause'),
    resume: t('action.resume'),
    stop: t('action.stop'),
  };
  const questions: Record<Action, string> = {
    pause: t('confirm.pause'),
    resume: t('confirm.resume'),
    stop: t('confirm.stop'),
  };
  const busy = pause.isPending || resume.isPending || stop.isPending;
  const run = (action: Action) => ({ pause, resume, stop })[action].mutate({ id: journeyId });

  if (status !== 'live' && status !== 'paused') return null;

  if (confirming) {
    return (
      <span className="lifecycle-confirm" role="group" data-testid={`confirm-${confirming}`}>
        <span>{questions[confirming]}</span>
        <button
          type="button"
          className={confirming === 'stop' ? 'button button--small button--danger' : 'button button--small'}
          onClick={() => run(confirming)}
          disabled={busy}
          data-testid={`confirm-${confirming}-button`}
        >
          {busy ? t('working') : labels[confirming]}
        </button>
        <button
          type="button"
          className="button button--small"
          onClick={() => setConfirming(null)}
          disabled={busy}
        >
          {t('cancel')}
        </button>
      </span>
    );
  }
  return (
    <>
      {status === 'live' ? (
        <button
          type="button"
          className="button"
          onClick={() => setConfirming('pause')}
          data-testid="pause-journey"
        >
          {labels.pause}
        </button>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => setConfirming('resume')}
          data-testid="resume-journey"
        >
          {labels.resume}
        </button>
      )}
      <button
        type="button"
        className="button"
        onClick={() => setConfirming('stop')}
        data-testid="stop-journey"
      >
        {labels.stop}
      </button>
    </>
  );
}
