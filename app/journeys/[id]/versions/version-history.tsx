'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { Loading, QueryError } from '../../../_components/query-state';
import { JourneyStatusBadge } from '../../../_components/status-badge';
import { missing, useFormats } from '../../../_i18n/use-formats';
import { useTRPC } from '../../../_trpc/react';
import { DiffCounts } from './diff-counts';
import { VersionDetail } from './version-detail';

/** Every published version of one journey, newest first; the chosen one shown below. */
export function VersionHistory({ journeyId }: { journeyId: string }) {
  const t = useTranslations('versions');
  const tn = useTranslations('nav');
  const format = useFormats();
  const trpc = useTRPC();
  const list = useQuery(trpc.journeys.versions.queryOptions({ id: journeyId }));
  const [chosen, setChosen] = useState<number | null>(null);

  if (list.isPending) return <Loading label={t('loading')} />;
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const { journey, versions } = list.data;
  // The newest version until the marketer picks another.
  const shown = chosen ?? versions[0]?.version ?? null;

  return (
    <>
      <div className="breadcrumb">
        <Link href="/journeys">{tn('journeys')}</Link> /{' '}
        <Link href={`/journeys/${journey.id}`}>{journey.name}</Link> /
      </div>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle', { name: journey.name })}</span>
        </div>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <JourneyStatusBadge status={journey.status} />
          <Link href={`/journeys/${journey.id}`} className="button" data-testid="back-to-editor">
            {t('backToEditor')}
          </Link>
        </div>
      </div>
      <div className="card" style={{ marginBottom: 20 }}>
        {versions.length === 0 ? (
          <div className="empty-state" data-testid="versions-empty">
            <h2>{t('emptyTitle')}</h2>
            <p>{t('emptyText')}</p>
          </div>
        ) : (
          <table className="table" data-testid="versions-table">
            <thead>
              <tr>
                <th>{t('columns.version')}</th>
                <th>{t('columns.publishedAt')}</th>
                <th>{t('columns.publisher')}</th>
                <th>{t('columns.changes')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr
                  key={version.version}
                  data-testid="version-row"
                  data-version={version.version}
                  data-shown={version.version === shown}
                >
                  <td>
                    <strong>{t('version', { version: version.version })}</strong>{' '}
                    {version.live && <span className="badge badge--live">{t('live')}</span>}
                  </td>
                  <td>{format.dateTime(version.publishedAt)}</td>
                  <td data-testid="version-publisher">
                    {version.publisher ? (
                      <span title={version.publisher.email}>{version.publisher.name}</span>
                    ) : (
                      <span className="muted">{missing}</span>
                    )}
                  </td>
                  <td data-testid="version-counts">
                    <DiffCounts
                      counts={version.counts}
                      settingsChanged={version.settingsChanged}
                      first={version.version === versions.at(-1)?.version}
                    />
                  </td>
                  <td style={{ textAlign: 'right' }}>
                    <button
                      type="button"
                      className={
                        version.version === shown
                          ? 'button button--small button--primary'
                          : 'button button--small'
                      }
                      onClick={() => setChosen(version.version)}
                      aria-pressed={version.version === shown}
                      data-testid={`view-version-${version.version}`}
                    >
                      {version.version === shown ? t('shown') : t('view')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {shown !== null && <VersionDetail key={shown} journeyId={journey.id} version={shown} />}
    </>
  );
}
