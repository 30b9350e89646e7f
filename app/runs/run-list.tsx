'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { formatDateTime } from '../_components/format';
import { Loading, QueryError } from '../_components/query-state';
import { RunStatusBadge } from '../_components/status-badge';
import { useTRPC } from '../_trpc/react';

export function RunList({ journeyId }: { journeyId: string | undefined }) {
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
          <h1>Runs</h1>
          <span className="page-header__subtitle">
            One run per customer who entered a journey, read live from Temporal.
          </span>
        </div>
      </div>
      <div className="toolbar">
        <label htmlFor="run-journey-filter" className="field__label">
          Journey
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
          <option value="">All journeys</option>
          {journeys.data?.map((journey) => (
            <option key={journey.id} value={journey.id}>
              {journey.name}
            </option>
          ))}
        </select>
        {runs.isFetching && !runs.isPending && <span className="spinner" aria-label="Refreshing" />}
      </div>
      <div className="card">
        {runs.isPending ? (
          <Loading label="Loading runs from Temporal…" />
        ) : runs.isError ? (
          <div className="card__body">
            <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
          </div>
        ) : runs.data.length === 0 ? (
          <div className="empty-state">
            <h2>No runs yet</h2>
            <p>Runs appear here when customers enter a live journey, e.g. with “Run trigger now”.</p>
          </div>
        ) : (
          <table className="table" data-testid="run-table">
            <thead>
              <tr>
                <th>Journey</th>
                <th>Customer</th>
                <th>Current step</th>
                <th>Status</th>
                <th>Started</th>
                <th>Ended</th>
                <th aria-label="Links" />
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => (
                <tr key={`${run.workflowId}/${run.runId}`} data-testid="run-row">
                  <td>
                    {run.journey ? (
                      <Link href={`/journeys/${run.journey.id}`}>{run.journey.name ?? run.journey.id}</Link>
                    ) : (
                      <span className="muted">Unknown</span>
                    )}
                    {run.journeyVersion !== null && (
                      <span className="cell-secondary">v{run.journeyVersion}</span>
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
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td title={run.step?.id}>{run.step?.label ?? '—'}</td>
                  <td>
                    <RunStatusBadge status={run.status} />
                  </td>
                  <td className="nowrap">{formatDateTime(run.startTime)}</td>
                  <td className="nowrap">{formatDateTime(run.closeTime)}</td>
                  <td className="nowrap">
                    {run.temporalUiUrl && (
                      <a href={run.temporalUiUrl} target="_blank" rel="noreferrer">
                        History ↗
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
