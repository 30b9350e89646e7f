'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { QueryListCard } from '../_components/query-state';
import { useFormats } from '../_i18n/use-formats';
import { useTRPC } from '../_trpc/react';
import { RequireAccess } from '../_components/require-access';

/** The workspace's segments with their size and when they were last evaluated. */
export function SegmentList() {
  const t = useTranslations('segments');
  const format = useFormats();
  const trpc = useTRPC();
  const segments = useQuery(trpc.segments.list.queryOptions());
  return (
    <>
      <div className="page-header">
        <div className="page-header__title">
          <h1>{t('title')}</h1>
          <span className="page-header__subtitle">{t('subtitle')}</span>
        </div>
        <RequireAccess access="edit">
          <Link href="/segments/new" className="button button--primary" data-testid="segment-new">
            {t('new')}
          </Link>
        </RequireAccess>
      </div>
      <QueryListCard
        query={segments}
        empty={{ title: t('empty'), text: t('emptyText'), testId: 'segments-empty' }}
      >
        {(rows) => (
          <table className="table" data-testid="segment-table">
            <thead>
              <tr>
                <th>{t('columns.name')}</th>
                <th className="num">{t('columns.members')}</th>
                <th>{t('columns.evaluatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((segment) => (
                <tr key={segment.id} data-testid={`segment-row-${segment.id}`}>
                  <td>
                    <Link href={`/segments/${segment.id}`}>{segment.name}</Link>
                    {segment.description && <div className="muted">{segment.description}</div>}
                  </td>
                  <td className="num" data-testid="segment-member-count">
                    {format.points(segment.memberCount)}
                  </td>
                  <td className="nowrap">
                    {segment.evaluatedAt ? format.dateTime(segment.evaluatedAt) : t('neverEvaluated')}
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
