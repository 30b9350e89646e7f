'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { QueryListCard } from '../_components/query-state';
import { RunStatusBadge } from '../_components/status-badge';
import { missing, useFormats } from '../_i18n/use-formats';
import { useTRPC } from '../_trpc/react';
import { useStepLabel } from './use-step-label';

export function RunList({ journeyId }: { journeyId: string | undefined }) {
  const t = useTranslations('runs');
  const format = useFormats();
  const stepLabel = useStepLabel();
  const trpc = useTRPC();
  const router = useRouter();
  const journeys = useQuery(trpc.journeys.list.queryOptions());
  const runs = useQuery(
    trpc.runs.list.queryOptions({ journeyId, limit: 200 }, { refetchInterval: 5000, staleTime: 0 }),
  );

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      <div className="toolbar">
        <label htmlFor="run-journey-filter" className="field__label">
          {t('journeyFilter')}
        </label>
        <select
          id="run-journey-filter"
          className="select"
          value={journeyId ?? ''}
          onChange={(event) =>
            router.replace(
              event.target.value ? `/runs?journey=${encodeURIComponent(event.target.value)}` : '/runs',
            )
          }
          data-testid="run-journey-filter"
        >
          <option value="">{t('allJourneys')}</option>
          {journeys.data?.map((journey) => (
            <option key={journey.id} value={journey.id}>
              {journey.name}
            </option>
          ))}
        </select>
        {runs.isFetching && !runs.isPending && <span className="spinner" aria-label={t('refreshing')} />}
      </div>
      <QueryListCard
        query={runs}
        empty={{ title: t('emptyTitle'), text: t('emptyText'), testId: 'runs-empty' }}
        loadingLabel={t('loading')}
      >
        {(rows) => (
          <table className="table" data-testid="run-table">
            <thead>
              <tr>
                <th>{t('columns.journey')}</th>
                <th>{t('columns.customer')}</th>
                <th>{t('columns.step')}</th>
                <th>{t('columns.status')}</th>
                <th>{t('columns.started')}</th>
                <th>{t('columns.ended')}</th>
                <th aria-label={t('columns.links')} />
              </tr>
            </thead>
            <tbody>
              {rows.map((run) => (
                <tr key={`${run.workflowId}/${run.runId}`} data-testid="run-row">
                  <td>
                    {run.journey ? (
                      <Link href={`/journeys/${run.journey.id}`}>{run.journey.name ?? run.journey.id}</Link>
                    ) : (
                      <span className="muted">{t('unknownJourney')}</span>
                    )}
                    {run.journeyVersion !== null && (
                      <span className="cell-secondary">{t('version', { version: run.journeyVersion })}</span>
                    )}
                  </td>
                  <td>
                    {run.customer ? (
                      <>
                        <Link href={`/customers/${run.customer.id}`} data-testid="run-customer">
                          {run.customer.name ?? run.customer.email ?? run.customer.id}
                        </Link>
                        {run.customer.name && run.customer.email && (
                          <span className="cell-secondary">{run.customer.email}</span>
                        )}
                      </>
                    ) : (
                      <span className="muted">{missing}</span>
                    )}
                  </td>
                  <td title={run.step?.id} data-testid="run-step">
                    {run.step ? stepLabel(run.step) : missing}
                  </td>
                  <td>
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td className="nowrap">{format.dateTime(run.startTime)}</td>
                  <td className="nowrap">{format.dateTime(run.closeTime)}</td>
                  <td className="nowrap">
                    {run.temporalUiUrl && (
                      <a href={run.temporalUiUrl} target="_blank" rel="noreferrer">
                        {t('history')}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryListCard>
    </>
  );
}
