'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { reportTables, type ReportTableName } from '../../server/analytics/report-tables';

/** A column id of any exportable table (`reportTables`), worded at `analytics.csv.<id>`. */
export type ReportColumnId = {
  [Table in ReportTableName]: (typeof reportTables)[Table][number][0];
}[ReportTableName];

/** The table's columns in the order the CSV writes them, with their headers in the UI language. */
export function useReportColumns(table: ReportTableName): { id: ReportColumnId; header: string }[] {
  const t = useTranslations('analytics.csv');
  return useMemo(
    () =>
      (reportTables[table] as readonly (readonly [ReportColumnId, unknown])[]).map(([id]) => ({
        id,
        header: t(id),
      })),
    [t, table],
  );
}
