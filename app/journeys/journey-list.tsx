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
import { NewJourneyForm } from './new-journey-form';

export function JourneyList() {
  const t = useTranslations('journeys');
  const format = useFormats();
  const trpc = useTRPC();
  const journeys = useQuery(trpc.journeys.list.queryOptions());
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
      {creating && <NewJourneyForm onCancel={() => setCreating(false)} />}
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
                  <td className="nowrap">{format.dateTime(journey.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryListCard>
    </>
  );
}
