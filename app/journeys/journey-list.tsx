'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { formatDateTime } from '../_components/format';
import { Loading, QueryError } from '../_components/query-state';
import { JourneyStatusBadge } from '../_components/status-badge';
import { useTRPC } from '../_trpc/react';
import { NewJourneyForm } from './new-journey-form';

export function JourneyList() {
  const trpc = useTRPC();
  const journeys = useQuery(trpc.journeys.list.queryOptions());
  const [creating, setCreating] = useState(false);

  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>Journeys</h1>
          <span className="page-header__subtitle">
            Automations that greet, reward and email your customers.
          </span>
        </div>
        {!creating && (
          <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
            New journey
          </button>
        )}
      </div>
      {creating && <NewJourneyForm onCancel={() => setCreating(false)} />}
      <div className="card">
        {journeys.isPending ? (
          <Loading />
        ) : journeys.isError ? (
          <div className="card__body">
            <QueryError error={journeys.error} onRetry={() => void journeys.refetch()} />
          </div>
        ) : journeys.data.length === 0 ? (
          <div className="empty-state">
            <h2>No journeys yet</h2>
            <p>Create one, then drag a trigger and a few steps onto its canvas.</p>
          </div>
        ) : (
          <table className="table" data-testid="journey-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th className="num">Live version</th>
                <th>Last updated</th>
              </tr>
            </thead>
            <tbody>
              {journeys.data.map((journey) => (
                <tr key={journey.id}>
                  <td>
                    <Link href={`/journeys/${journey.id}`}>{journey.name}</Link>
                  </td>
                  <td>
                    <JourneyStatusBadge status={journey.status} />
                  </td>
                  <td className="num">{journey.liveVersion ? `v${journey.liveVersion}` : '—'}</td>
                  <td className="nowrap">{formatDateTime(journey.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
