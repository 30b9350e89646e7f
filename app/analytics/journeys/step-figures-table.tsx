'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '../../_i18n/use-formats';
import styles from '../analytics.module.css';
import { useFigureFormat } from '../use-figure-format';

/** A row of a per-step table: the step, what it is counted by, and its share of the runs. */
export interface StepFiguresRow {
  stepId: string;
  /** What the row is counted by: the output taken, or the reason of a skip. */
  label: { text: string; title?: string };
  count: number;
  runs: number;
  /** Null when there were no runs to share. */
  share: number | null;
}

/**
 * The per-step tables of a journey's report (passes per output, skips per reason): one
 * layout, so both read alike; the step shown by name, its figures formatted for the viewer.
 */
export function StepFiguresTable({
  testId,
  labelHeader,
  countHeader,
  rows,
  stepName,
  currency,
}: {
  testId: string;
  labelHeader: string;
  countHeader: string;
  rows: Array<StepFiguresRow & { key: string; testId: string }>;
  stepName: (stepId: string) => string;
  currency: string;
}) {
  const t = useTranslations('analytics');
  const formats = useFormats();
  const format = useFigureFormat(currency);
  return (
    <div className={styles.tableScroll}>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            <th>{t('csv.step')}</th>
            <th>{labelHeader}</th>
            <th className="num">{countHeader}</th>
            <th className="num">{t('csv.runs')}</th>
            <th className="num">{t('csv.share')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={row.testId}>
              <td>{stepName(row.stepId)}</td>
              <td title={row.label.title}>{row.label.text}</td>
              <td className="num">{formats.count(row.count)}</td>
              <td className="num">{formats.count(row.runs)}</td>
              <td className="num">{format.value('percent', row.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
