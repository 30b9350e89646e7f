'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { DateRange } from '../../db/analytics/date-range';
import type { ReportTableName } from '../../server/analytics/report-tables';
import { QueryError } from '../_components/query-state';
import { useTRPC } from '../_trpc/react';
import { useReportColumns } from './csv-headers';

/**
 * Downloads one report table as CSV (`analytics.csv`): the server writes the same columns
 * the page shows, with the headers in the viewer's language, so the file is what they saw.
 */
export function CsvButton({
  table,
  range,
  by,
  journey,
}: {
  table: ReportTableName;
  range: DateRange;
  by?: 'template' | 'journey';
  /** For the journey tables: which journey and version, and the conversion window the page shows. */
  journey?: { journeyId?: string; version?: number; windowDays?: number };
}) {
  const t = useTranslations('analytics');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const columns = useReportColumns(table);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string } | null>(null);

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const headers = Object.fromEntries(columns.map((c) => [c.id, c.header]));
      // Fetched on click and never cached: a download must hold the figures of that moment.
      const { filename, csv } = await queryClient.fetchQuery({
        ...trpc.analytics.csv.queryOptions({ ...range, ...journey, table, by, headers }),
        staleTime: 0,
        gcTime: 0,
      });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      // The browser has taken the file once the click is handled; the URL can go after that.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(caught instanceof Error ? caught : { message: String(caught) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => void download()}
        disabled={busy}
        data-testid={`csv-${table}${by ? `-${by}` : ''}`}
      >
        {busy ? t('csvPreparing') : t('csvDownload')}
      </button>
      {error && <QueryError error={error} />}
    </>
  );
}
