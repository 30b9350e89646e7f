'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Loading, QueryError } from '../_components/query-state';
import { useTRPC } from '../_trpc/react';
import { NewWorkspaceForm } from './new-workspace-form';
import { WorkspaceRow } from './workspace-row';

/** The agency's brands: create one, rename one; switching happens in the header. */
export function WorkspaceList() {
  const t = useTranslations('workspaces');
  const trpc = useTRPC();
  const workspaces = useQuery(trpc.workspace.list.queryOptions());
  const [created, setCreated] = useState<string | null>(null);

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
      </div>
      <div className="stack">
        <section className="card">
          {workspaces.isPending ? (
            <Loading />
          ) : workspaces.isError ? (
            <div className="card__body">
              <QueryError error={workspaces.error} onRetry={() => void workspaces.refetch()} />
            </div>
          ) : (
            <table className="table" data-testid="workspace-table">
              <thead>
                <tr>
                  <th>{t('columns.name')}</th>
                  <th>{t('columns.language')}</th>
                  <th>{t('columns.timeZone')}</th>
                  <th>{t('columns.created')}</th>
                  <th className="num">
                    <span className="visually-hidden">{t('columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {workspaces.data.map((workspace) => (
                  <WorkspaceRow key={workspace.id} workspace={workspace} />
                ))}
              </tbody>
            </table>
          )}
        </section>
        {created && (
          <div className="alert alert--success" role="status" data-testid="workspace-created">
            {t('create.created', { name: created })}
          </div>
        )}
        <NewWorkspaceForm onCreated={setCreated} />
      </div>
    </>
  );
}
