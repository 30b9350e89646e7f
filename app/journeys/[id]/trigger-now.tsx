'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../../_trpc/react';

/** "Run trigger now" for a live birthday journey: today's birthdays enter at once. */
export function TriggerNowButton({ journeyId }: { journeyId: string }) {
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
        title="Enter every customer whose birthday is today, whatever their local hour"
        data-testid="run-trigger-now"
      >
        {run.isPending ? 'Running trigger…' : '▶ Run trigger now'}
      </button>
      {run.data && (
        <span className="trigger-result" data-testid="trigger-result" role="status">
          {run.data.matched === 0 ? (
            'No birthdays today.'
          ) : (
            <>
              <span data-testid="trigger-started">{run.data.started}</span> started ·{' '}
              <span data-testid="trigger-already-started">{run.data.alreadyStarted}</span> already started{' '}
              <Link href={`/runs?journey=${journeyId}`}>View runs</Link>
            </>
          )}
        </span>
      )}
      {run.error && (
        <span className="field__error" role="alert" data-testid="trigger-error">
          {run.error.message}
        </span>
      )}
    </>
  );
}
