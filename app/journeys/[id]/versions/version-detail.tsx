'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { Loading, QueryError } from '../../../_components/query-state';
import { useFormats } from '../../../_i18n/use-formats';
import { useTRPC } from '../../../_trpc/react';
import { ReadOnlyCanvas } from './read-only-canvas';
import { useReferenceNames } from './use-reference-names';
import { VersionDiff } from './version-diff';

/** One version: who published it and when, what changed against the one before, and its canvas. */
export function VersionDetail({ journeyId, version }: { journeyId: string; version: number }) {
  const t = useTranslations('versions');
  const format = useFormats();
  const trpc = useTRPC();
  const detail = useQuery(trpc.journeys.version.queryOptions({ id: journeyId, version }));
  const referenceNames = useReferenceNames();
  const marked = useMemo(
    () => ({
      added: new Set(detail.data?.diff.addedNodes.map((node) => node.id)),
      changed: new Set(detail.data?.diff.changedNodes.map((node) => node.id)),
    }),
    [detail.data],
  );

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  const data = detail.data;
  const when = format.dateTime(data.publishedAt);

  return (
    <div className="stack" data-testid="version-detail" data-version={data.version}>
      <div className="card">
        <div className="card__header">
          <h2>{t('detailTitle', { version: data.version })}</h2>
          <span className="muted">
            {data.publisher
              ? t('publishedBy', { when, name: data.publisher.name, email: data.publisher.email })
              : t('publishedAt', { when })}
          </span>
        </div>
        <div className="card__body">
          <h3>
            {data.previousVersion === null
              ? t('diffTitleFirst')
              : t('diffTitle', { previous: data.previousVersion })}
          </h3>
          <VersionDiff
            diff={data.diff}
            settingsChanges={data.settingsChanges}
            first={data.previousVersion === null}
            graph={data.graph}
            referenceNames={referenceNames}
          />
        </div>
      </div>
      <div className="card">
        <div className="card__header">
          <h2>{t('canvasTitle', { version: data.version })}</h2>
          <span className="muted">{t('canvasLegend')}</span>
        </div>
        <div
          className="editor__canvas"
          style={{ height: 520 }}
          data-testid="version-canvas"
          aria-label={t('canvasLabel', { version: data.version })}
        >
          <ReadOnlyCanvas
            graph={data.graph}
            referenceNames={referenceNames}
            addedIds={marked.added}
            changedIds={marked.changed}
          />
        </div>
      </div>
    </div>
  );
}
