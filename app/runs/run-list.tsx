'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { runStatuses, type RunStatus } from '../../server/runs/visibility-query';
import { QueryListCard } from '../_components/query-state';
import { RunStatusBadge } from '../_components/status-badge';
import { missing, useFormats } from '../_i18n/use-formats';
import { useAccess } from '../_components/use-access';
import { useTRPC } from '../_trpc/react';
import { BulkCancelDialog } from './run-dialogs';
import { useStepLabel } from './use-step-label';

interface Filter {
  journeyId?: string;
  version?: number;
  customer?: string;
  step?: string;
  failedStep?: boolean;
  status?: RunStatus;
  startedFrom?: string;
  startedTo?: string;
}

/** A `datetime-local` value (the viewer's time) as an ISO instant, or undefined. */
function instant(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const pageSize = 50;

export function RunList({ journeyId }: { journeyId: string | undefined }) {
  const t = useTranslations('runs');
  const ts = useTranslations('status.run');
  const format = useFormats();
  const stepLabel = useStepLabel();
  const trpc = useTRPC();
  const { isAdmin } = useAccess();
  const router = useRouter();
  const journeys = useQuery(trpc.journeys.list.queryOptions());
  const [draft, setDraft] = useState({
    version: '',
    customer: '',
    step: '',
    from: '',
    to: '',
    failedStep: false,
  });
  const [applied, setApplied] = useState<Omit<Filter, 'journeyId' | 'status'>>({});
  const [status, setStatus] = useState<RunStatus | undefined>(undefined);
  // Tokens of the pages before the current one (the first page has none).
  const [tokens, setTokens] = useState<Array<string | null>>([null]);
  const [bulkCancel, setBulkCancel] = useState(false);
  const filter: Filter = { ...applied, journeyId, status };
  const pageToken = tokens[tokens.length - 1] ?? null;
  const runs = useQuery(
    trpc.runs.search.queryOptions({ filter, pageSize, pageToken }, { refetchInterval: 5000, staleTime: 0 }),
  );
  const counts = useQuery(
    trpc.runs.counts.queryOptions({ filter: { ...filter, status: undefined } }, { refetchInterval: 5000 }),
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    const version = Number.parseInt(draft.version, 10);
    setApplied({
      version: Number.isInteger(version) && version > 0 ? version : undefined,
      customer: draft.customer.trim() || undefined,
      step: draft.step.trim() || undefined,
      failedStep: draft.failedStep || undefined,
      startedFrom: instant(draft.from),
      startedTo: instant(draft.to),
    });
    setTokens([null]);
  }

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
        {isAdmin && journeyId && applied.version !== undefined && (
          <button
            type="button"
            className="button button--danger"
            onClick={() => setBulkCancel(true)}
            data-testid="run-bulk-cancel"
          >
            {t('bulkCancel.open', { version: applied.version })}
          </button>
        )}
      </div>
      <form className="toolbar run-filters" onSubmit={apply} data-testid="run-filters">
        <label className="run-filters__field">
          <span className="field__label">{t('journeyFilter')}</span>
          <select
            className="select"
            value={journeyId ?? ''}
            onChange={(event) => {
              setTokens([null]);
              router.replace(
                event.target.value ? `/runs?journey=${encodeURIComponent(event.target.value)}` : '/runs',
              );
            }}
            data-testid="run-journey-filter"
          >
            <option value="">{t('allJourneys')}</option>
            {journeys.data?.map((journey) => (
              <option key={journey.id} value={journey.id}>
                {journey.name}
              </option>
            ))}
          </select>
        </label>
        <label className="run-filters__field">
          <span className="field__label">{t('filters.version')}</span>
          <input
            className="input run-filters__narrow"
            type="number"
            min={1}
            value={draft.version}
            onChange={(event) => setDraft({ ...draft, version: event.target.value })}
            data-testid="run-version-filter"
          />
        </label>
        <label className="run-filters__field">
          <span className="field__label">{t('filters.customer')}</span>
          <input
            className="input"
            type="search"
            placeholder={t('filters.customerPlaceholder')}
            maxLength={200}
            value={draft.customer}
            onChange={(event) => setDraft({ ...draft, customer: event.target.value })}
            data-testid="run-customer-filter"
          />
        </label>
        <label className="run-filters__field">
          <span className="field__label">{t('filters.step')}</span>
          <input
            className="input run-filters__narrow"
            placeholder={t('filters.stepPlaceholder')}
            maxLength={200}
            value={draft.step}
            onChange={(event) => setDraft({ ...draft, step: event.target.value })}
            data-testid="run-step-filter"
          />
        </label>
        <label className="run-filters__field">
          <span className="field__label">{t('filters.startedFrom')}</span>
          <input
            className="input"
            type="datetime-local"
            value={draft.from}
            onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            data-testid="run-from-filter"
          />
        </label>
        <label className="run-filters__field">
          <span className="field__label">{t('filters.startedTo')}</span>
          <input
            className="input"
            type="datetime-local"
            value={draft.to}
            onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            data-testid="run-to-filter"
          />
        </label>
        <label className="run-filters__check">
          <input
            type="checkbox"
            checked={draft.failedStep}
            onChange={(event) => setDraft({ ...draft, failedStep: event.target.checked })}
            data-testid="run-failed-step-filter"
          />
          {t('filters.failedStep')}
        </label>
        <button type="submit" className="button" data-testid="run-filter-apply">
          {t('filters.apply')}
        </button>
        {runs.isFetching && !runs.isPending && <span className="spinner" aria-label={t('refreshing')} />}
      </form>
      <div className="run-status-tabs" role="tablist" aria-label={t('columns.status')}>
        {[undefined, ...runStatuses].map((value) => (
          <button
            key={value ?? 'all'}
            type="button"
            role="tab"
            aria-selected={status === value}
            className={`run-status-tab${status === value ? ' run-status-tab--active' : ''}`}
            onClick={() => {
              setStatus(value);
              setTokens([null]);
            }}
            data-testid={`run-status-tab-${value ?? 'all'}`}
          >
            {value ? ts(temporalName(value)) : t('allStatuses')}{' '}
            <span className="run-status-tab__count" data-testid={`run-count-${value ?? 'all'}`}>
              {counts.data ? format.points(value ? counts.data[value] : counts.data.total) : missing}
            </span>
          </button>
        ))}
      </div>
      {runs.data?.customerMatchesCut && <p className="field__help">{t('customerMatchesCut')}</p>}
      <QueryListCard
        query={{ ...runs, data: runs.data?.rows }}
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
                    <Link
                      href={`/runs/${encodeURIComponent(run.workflowId)}?run=${encodeURIComponent(run.runId)}`}
                      data-testid="run-inspect"
                    >
                      {t('inspect')}
                    </Link>{' '}
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
      <div className="run-pager">
        <button
          type="button"
          className="button"
          disabled={tokens.length <= 1}
          onClick={() => setTokens(tokens.slice(0, -1))}
          data-testid="run-page-previous"
        >
          {t('previousPage')}
        </button>
        <button
          type="button"
          className="button"
          disabled={!runs.data?.nextPageToken}
          onClick={() => runs.data?.nextPageToken && setTokens([...tokens, runs.data.nextPageToken])}
          data-testid="run-page-next"
        >
          {t('nextPage')}
        </button>
      </div>
      {bulkCancel && journeyId && applied.version !== undefined && (
        <BulkCancelDialog
          journeyId={journeyId}
          journeyName={journeys.data?.find((j) => j.id === journeyId)?.name ?? journeyId}
          version={applied.version}
          onClose={() => setBulkCancel(false)}
        />
      )}
    </>
  );
}

/** The `status.run` catalog is keyed by Temporal's status names. */
export function temporalName(
  status: RunStatus,
): 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TERMINATED' | 'TIMED_OUT' {
  return status === 'timed_out'
    ? 'TIMED_OUT'
    : (status.toUpperCase() as Uppercase<Exclude<RunStatus, 'timed_out'>>);
}
