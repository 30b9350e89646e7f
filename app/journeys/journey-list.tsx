'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { QueryListCard } from '../_components/query-state';
import { useAccess } from '../_components/use-access';
import { JourneyStatusBadge } from '../_components/status-badge';
import { missing, useFormats } from '../_i18n/use-formats';
import { useTRPC } from '../_trpc/react';
import { JourneyGallery } from './gallery/journey-gallery';
import { NewJourneyForm } from './new-journey-form';

export function JourneyList() {
  const t = useTranslations('journeys');
  const format = useFormats();
  const trpc = useTRPC();
  const journeys = useQuery(trpc.journeys.list.queryOptions());
  // Run figures come from Temporal: fetched apart, refreshed while the page is open.
  const figures = useQuery(trpc.journeys.listFigures.queryOptions(undefined, { refetchInterval: 15_000 }));
  const figuresById = new Map(figures.data?.figures.map((f) => [f.id, f]));
  const count = (value: number | null | undefined) =>
    value === null || value === undefined ? missing : format.count(value);
  const [creating, setCreating] = useState(false);
  const { canEdit } = useAccess();

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
        {!creating && canEdit && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => setCreating(true)}
            data-testid="new-journey"
          >
            {t('newJourney')}
          </button>
        )}
      </div>
      {creating && (
        <>
          <NewJourneyForm onCancel={() => setCreating(false)} />
          <JourneyGallery />
        </>
      )}
      <QueryListCard
        query={journeys}
        empty={{ title: t('emptyTitle'), text: t('emptyText'), testId: 'journeys-empty' }}
      >
        {(rows) => (
          <table className="table" data-testid="journey-table">
            <thead>
              <tr>
                <th>{t('columns.name')}</th>
                <th>{t('columns.status')}</th>
                <th className="num">{t('columns.liveVersion')}</th>
                <th className="num">{t('columns.entered')}</th>
                <th className="num">{t('columns.active')}</th>
                <th className="num">{t('columns.completed')}</th>
                <th>{t('columns.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((journey) => (
                <tr key={journey.id} data-testid="journey-row">
                  <td>
                    <Link href={`/journeys/${journey.id}`}>{journey.name}</Link>
                  </td>
                  <td>
                    <JourneyStatusBadge status={journey.status} />
                  </td>
                  <td className="num">
                    {journey.liveVersion ? t('version', { version: journey.liveVersion }) : missing}
                  </td>
                  <td className="num" data-testid="journey-entered">
                    {count(figuresById.get(journey.id)?.entered)}
                  </td>
                  <td className="num" data-testid="journey-active">
                    {count(figuresById.get(journey.id)?.active)}
                  </td>
                  <td className="num" data-testid="journey-completed">
                    {count(figuresById.get(journey.id)?.completed)}
                  </td>
                  <td className="nowrap">
                    {format.dateTime(journey.updatedAt)}
                    {figuresById.get(journey.id)?.lastEditedBy && (
                      <span className="cell-secondary" data-testid="journey-edited-by">
                        {' '}
                        {t('editedBy', { who: figuresById.get(journey.id)?.lastEditedBy ?? '' })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryListCard>
      {figures.data && !figures.data.runsAvailable && (
        <p className="field__help" data-testid="journey-figures-unavailable">
          {t('runsUnavailable')}
        </p>
      )}
    </>
  );
}
