'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { QueryError, Loading } from '../../_components/query-state';
import { useFormats } from '../../_i18n/use-formats';
import type { RouterOutputs } from '../../_trpc/outputs';
import { useTRPC } from '../../_trpc/react';

type VersionSummary = RouterOutputs['templates']['get']['versions'][number];
export type TemplateVersion = RouterOutputs['templates']['version'];

const MjmlEditor = dynamic(() => import('./mjml-editor'), { ssr: false });

/** Published versions, newest first; one opens read-only, and can be copied into the draft. */
export function VersionHistory({
  templateId,
  versions,
  liveVersion,
  onCopy,
}: {
  templateId: string;
  versions: VersionSummary[];
  liveVersion: number | null;
  onCopy: (version: TemplateVersion) => void;
}) {
  const t = useTranslations('emails.studio.history');
  const format = useFormats();
  const [open, setOpen] = useState<number | null>(null);

  return (
    <section className="card studio__history" data-testid="version-history">
      <div className="card__header">
        <h2>{t('title')}</h2>
      </div>
      {versions.length === 0 ? (
        <div className="card__body muted" data-testid="no-versions">
          {t('empty')}
        </div>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t('version')}</th>
              <th>{t('subject')}</th>
              <th>{t('publishedBy')}</th>
              <th>{t('publishedAt')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr key={version.version} data-testid="version-row">
                <td>
                  {t('versionLabel', { version: version.version })}
                  {version.version === liveVersion && (
                    <span className="badge badge--earn" data-testid="version-live">
                      {' '}
                      {t('live')}
                    </span>
                  )}
                </td>
                <td>{version.subject}</td>
                <td>{version.publishedBy ?? t('unknown')}</td>
                <td className="nowrap">{format.dateTime(version.publishedAt)}</td>
                <td>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => setOpen(open === version.version ? null : version.version)}
                    aria-expanded={open === version.version}
                    data-testid="view-version"
                  >
                    {open === version.version ? t('hide') : t('view')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open !== null && (
        <VersionView
          templateId={templateId}
          version={open}
          onCopy={(version) => {
            if (!window.confirm(t('copyConfirm', { version: version.version }))) return;
            onCopy(version);
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}

function VersionView({
  templateId,
  version,
  onCopy,
}: {
  templateId: string;
  version: number;
  onCopy: (version: TemplateVersion) => void;
}) {
  const t = useTranslations('emails.studio.history');
  const trpc = useTRPC();
  const query = useQuery(trpc.templates.version.queryOptions({ id: templateId, version }));
  if (query.isPending) return <Loading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  return (
    <div className="card__body studio__version" data-testid="version-view">
      <div className="studio__version-header">
        <strong>{t('viewing', { version: data.version })}</strong>
        <span className="muted">{data.subject}</span>
        <button
          type="button"
          className="button button--small"
          onClick={() => onCopy(data)}
          data-testid="copy-version"
        >
          {t('copy')}
        </button>
      </div>
      <MjmlEditor value={data.mjml} readOnly problems={[]} label={t('source')} testId="version-source" />
    </div>
  );
}
