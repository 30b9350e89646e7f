'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import { RunStatusBadge } from '../../_components/status-badge';
import { missing, useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';
import { useStepLabel } from '../../runs/use-step-label';

/** The customer's journey runs (newest first, from Temporal's visibility), each linking to its detail. */
export function RunsCard({ customerId }: { customerId: string }) {
  const t = useTranslations('customerRuns');
  const tr = useTranslations('runs');
  const format = useFormats();
  const stepLabel = useStepLabel();
  const trpc = useTRPC();
  const [tokens, setTokens] = useState<Array<string | null>>([null]);
  const runs = useQuery(
    trpc.runs.search.queryOptions(
      { filter: { customerIds: [customerId] }, pageSize: 20, pageToken: tokens[tokens.length - 1] ?? null },
      { refetchInterval: 10_000 },
    ),
  );
  return (
    <section className="card" data-testid="customer-runs">
      <div className="card__header">
        <h2>{t('title')}</h2>
        {runs.data?.nextPageToken && (
          <button
            type="button"
            className="button"
            onClick={() => runs.data?.nextPageToken && setTokens([...tokens, runs.data.nextPageToken])}
          >
            {t('older')}
          </button>
        )}
        {tokens.length > 1 && (
          <button type="button" className="button" onClick={() => setTokens(tokens.slice(0, -1))}>
            {t('newer')}
          </button>
        )}
      </div>
      {runs.isPending ? (
        <Loading />
      ) : runs.isError ? (
        <div className="card__body">
          <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
        </div>
      ) : runs.data.rows.length === 0 ? (
        <div className="card__body muted">{t('empty')}</div>
      ) : (
        <table className="table" data-testid="customer-run-table">
          <thead>
            <tr>
              <th>{tr('columns.journey')}</th>
              <th>{tr('columns.status')}</th>
              <th>{tr('columns.step')}</th>
              <th>{tr('columns.started')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.data.rows.map((run) => (
              <tr key={`${run.workflowId}/${run.runId}`} data-testid="customer-run-row">
                <td>
                  <Link
                    href={`/runs/${encodeURIComponent(run.workflowId)}?run=${encodeURIComponent(run.runId)}`}
                  >
                    {run.journey?.name ?? run.journey?.id ?? tr('unknownJourney')}
                  </Link>
                  {run.journeyVersion !== null && (
                    <span className="cell-secondary">{tr('version', { version: run.journeyVersion })}</span>
                  )}
                </td>
                <td>
                  <RunStatusBadge status={run.status} />
                </td>
                <td title={run.step?.id}>{run.step ? stepLabel(run.step) : missing}</td>
                <td className="nowrap">{format.dateTime(run.startTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
