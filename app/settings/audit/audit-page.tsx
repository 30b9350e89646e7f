'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import { useAccess } from '../../_components/use-access';
import { useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';

interface Filters {
  action: string;
  actorEmail: string;
  target: string;
}

const none: Filters = { action: '', actorEmail: '', target: '' };

/** Who did what in this workspace, newest first, with filters and "load more". */
export function AuditPage() {
  const t = useTranslations('audit');
  const format = useFormats();
  const trpc = useTRPC();
  const { role, isAdmin } = useAccess();
  const [draft, setDraft] = useState<Filters>(none);
  const [filters, setFilters] = useState<Filters>(none);
  const actions = useQuery(trpc.audit.actions.queryOptions(undefined, { enabled: isAdmin }));
  const input = {
    action: filters.action || undefined,
    actorEmail: filters.actorEmail || undefined,
    target: filters.target || undefined,
    limit: 50,
  };
  const rows = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(input, {
      enabled: isAdmin,
      getNextPageParam: (page) => page.nextCursor ?? undefined,
    }),
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    setFilters(draft);
  }

  if (role && !isAdmin) {
    return (
      <p className="card card__body muted" data-testid="audit-admins-only">
        {t('adminsOnly')}
      </p>
    );
  }
  const entries = rows.data?.pages.flatMap((page) => page.rows) ?? [];
  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      <form className="run-filters" onSubmit={apply} data-testid="audit-filters">
        <label className="run-filters__field">
          <span className="field__label">{t('filters.action')}</span>
          <select
            className="select"
            value={draft.action}
            onChange={(event) => setDraft({ ...draft, action: event.target.value })}
            data-testid="audit-action-filter"
          >
            <option value="">{t('filters.allActions')}</option>
            {actions.data?.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </label>
        <label className="run-filters__field">
          <span className="field__label">{t('filters.actor')}</span>
          <input
            className="input"
            type="search"
            maxLength={200}
            value={draft.actorEmail}
            onChange={(event) => setDraft({ ...draft, actorEmail: event.target.value })}
            data-testid="audit-actor-filter"
          />
        </label>
        <label className="run-filters__field">
          <span className="field__label">{t('filters.target')}</span>
          <input
            className="input"
            type="search"
            maxLength={500}
            value={draft.target}
            onChange={(event) => setDraft({ ...draft, target: event.target.value })}
            data-testid="audit-target-filter"
          />
        </label>
        <button type="submit" className="button" data-testid="audit-filter-apply">
          {t('filters.apply')}
        </button>
      </form>
      {rows.isPending ? (
        <Loading />
      ) : rows.isError ? (
        <QueryError error={rows.error} onRetry={() => void rows.refetch()} />
      ) : entries.length === 0 ? (
        <p className="card card__body muted" data-testid="audit-empty">
          {t('empty')}
        </p>
      ) : (
        <section className="card">
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th>{t('columns.at')}</th>
                <th>{t('columns.actor')}</th>
                <th>{t('columns.action')}</th>
                <th>{t('columns.target')}</th>
                <th>{t('columns.details')}</th>
                <th>{t('columns.ip')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-testid="audit-row">
                  <td className="nowrap">{format.dateTime(entry.at)}</td>
                  <td>{entry.actorEmail ?? t('unknownActor')}</td>
                  <td className="mono" data-testid="audit-action">
                    {entry.action}
                  </td>
                  <td className="mono">{entry.target ?? '—'}</td>
                  <td>
                    <details>
                      <summary>{t('show')}</summary>
                      <pre className="run-json">{JSON.stringify(entry.details, null, 2)}</pre>
                    </details>
                  </td>
                  <td className="mono nowrap">{entry.ipAddress ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {rows.hasNextPage && (
            <div className="card__body">
              <button
                type="button"
                className="button"
                disabled={rows.isFetchingNextPage}
                onClick={() => void rows.fetchNextPage()}
                data-testid="audit-more"
              >
                {t('more')}
              </button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
