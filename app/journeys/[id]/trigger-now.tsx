'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useErrorText } from '../../_i18n/use-error-text';
import { useTRPC } from '../../_trpc/react';

/** "Run trigger now" for a live birthday journey: today's birthdays enter at once. */
export function TriggerNowButton({ journeyId }: { journeyId: string }) {
  const t = useTranslations('triggerNow');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useMutation(
    trpc.journeys.runTriggerNow.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.runs.list.pathFilter()),
    }),
  );
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => run.mutate({ id: journeyId })}
        disabled={run.isPending}
        title={t('hint')}
        data-testid="run-trigger-now"
      >
        {run.isPending ? t('running') : t('run')}
      </button>
      {run.data && (
        <span className="trigger-result" data-testid="trigger-result" role="status">
          {run.data.matched === 0 ? (
            t('noBirthdays')
          ) : (
            <>
              {t.rich('result', {
                started: run.data.started,
                already: run.data.alreadyStarted,
                // The counts keep test ids of their own: specs read them as numbers.
                startedCount: (chunks) => <span data-testid="trigger-started">{chunks}</span>,
                alreadyCount: (chunks) => <span data-testid="trigger-already-started">{chunks}</span>,
              })}{' '}
              <Link href={`/runs?journey=${journeyId}`}>{t('viewRuns')}</Link>
            </>
          )}
        </span>
      )}
      {run.error && (
        <span className="field__error" role="alert" data-testid="trigger-error" title={run.error.message}>
          {errorText(run.error)}
        </span>
      )}
    </>
  );
}
