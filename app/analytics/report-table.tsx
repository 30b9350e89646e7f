'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { reportTables, type ReportTableName } from '../../server/analytics/report-tables';
import { missing } from '../_i18n/use-formats';
import { useReportColumns, type ReportColumnId } from './csv-headers';
import styles from './analytics.module.css';
import { useFigureFormat } from './use-figure-format';

/** A row of a report table: what the table's column getters take. */
export type ReportRow<Table extends ReportTableName> = Parameters<(typeof reportTables)[Table][number][1]>[0];

type Cell = string | number | boolean | null;

const moneyColumns = new Set<ReportColumnId>(['revenue', 'previousRevenue', 'attributedRevenue']);
const percentColumns = new Set<ReportColumnId>(['openRate', 'clickRate', 'conversionRate', 'share']);
const textColumns = new Set<ReportColumnId>([
  'tier',
  'fromTier',
  'toTier',
  'segment',
  'reward',
  'name',
  'journey',
  'step',
  'output',
]);
// A tier column's '' is "no tier" (members below the first threshold, or a deleted tier).
const tierColumns = new Set<ReportColumnId>(['tier', 'fromTier', 'toTier']);

/**
 * A report table with exactly the columns of its CSV (server/analytics/report-tables.ts),
 * so the page and the download never disagree; numbers formatted for the UI language.
 */
export function ReportTable<Table extends ReportTableName>({
  table,
  rows,
  currency,
  rowKey,
  rowLink,
}: {
  table: Table;
  rows: ReportRow<Table>[];
  currency: string;
  rowKey: (row: ReportRow<Table>) => string;
  /** Where the row's first cell leads (a journey's own report), if anywhere. */
  rowLink?: (row: ReportRow<Table>) => string;
}) {
  const t = useTranslations('analytics');
  const format = useFigureFormat(currency);
  const columns = useReportColumns(table);
  const getters = reportTables[table] as unknown as readonly (readonly [
    ReportColumnId,
    (row: ReportRow<Table>) => Cell,
  ])[];

  const cellText = (id: ReportColumnId, value: Cell): string => {
    if (value === null) return id === 'stockRemaining' ? t('unlimited') : missing;
    if (typeof value === 'boolean') return value ? t('yes') : t('no');
    if (typeof value === 'string') {
      if (value !== '') return value;
      return tierColumns.has(id) ? t('noTier') : t('outsideJourneys');
    }
    if (moneyColumns.has(id)) return format.money(value);
    if (percentColumns.has(id)) return format.percent(value);
    return format.count(value);
  };

  if (rows.length === 0) {
    return (
      <p className="muted card__body" data-testid={`table-${table}-empty`}>
        {t('noRows')}
      </p>
    );
  }
  return (
    <div className={styles.tableScroll}>
      <table className="table" data-testid={`table-${table}`}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} className={textColumns.has(column.id) ? undefined : 'num'}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} data-testid={`row-${table}`}>
              {getters.map(([id, get], index) => (
                <td key={id} className={textColumns.has(id) ? undefined : 'num'}>
                  {rowLink && index === 0 ? (
                    <Link href={rowLink(row)}>{cellText(id, get(row))}</Link>
                  ) : (
                    cellText(id, get(row))
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
