'use client';

import { useTranslations } from 'next-intl';
import type { SplitReport } from '../../../db/analytics/journeys/journey-report';
import { useFormats } from '../../_i18n/use-formats';
import { useNodeText } from '../../_i18n/use-node-text';
import styles from '../analytics.module.css';
import { ReportCard } from '../report-card';
import { ReportChart } from '../report-chart';
import { useComparisonText } from './use-comparison-text';

/**
 * One random split as an A/B test: conversion per branch and holdout with its interval, each
 * branch against the first and the holdout, and the verdicts in plain words.
 */
export function SplitCard({ split, stepName }: { split: SplitReport; stepName: string }) {
  const t = useTranslations('analytics.journeys');
  const columns = useTranslations('analytics.csv');
  const formats = useFormats();
  const nodeText = useNodeText();
  const text = useComparisonText();
  const { rows, treatedVsHoldout } = split.comparison;
  const name = (output: string) => nodeText.output('random_split', output);
  const first = rows.find((r) => r.output === 'branch_1');
  const holdout = rows.find((r) => r.output === 'holdout');
  const verdicts: string[] = [];
  for (const row of rows) {
    if (row.vsFirst && first)
      verdicts.push(
        text.verdict(row.vsFirst, name(row.output), name(first.output), {
          rate: row.rate,
          reference: first.rate,
        }),
      );
  }
  for (const row of rows) {
    if (row.vsHoldout && holdout)
      verdicts.push(
        text.verdict(row.vsHoldout, name(row.output), name(holdout.output), {
          rate: row.rate,
          reference: holdout.rate,
        }),
      );
  }
  if (treatedVsHoldout && holdout && rows.filter((r) => r.output !== 'holdout').length > 1) {
    const treated = rows.filter((r) => r.output !== 'holdout');
    const runs = treated.reduce((sum, r) => sum + r.runs, 0);
    const converted = treated.reduce((sum, r) => sum + r.converted, 0);
    verdicts.push(
      text.verdict(treatedVsHoldout, t('allBranches'), name(holdout.output), {
        rate: runs > 0 ? converted / runs : null,
        reference: holdout.rate,
      }),
    );
  }
  const data = rows.map((r) => ({ name: name(r.output), rate: (r.rate ?? 0) * 100 }));

  return (
    <ReportCard
      title={t('splitTitle', { step: stepName })}
      formula={t('splitFormula')}
      testId={`report-split-${split.stepId}`}
    >
      <ul className={styles.verdicts} data-testid="split-verdicts">
        {verdicts.map((verdict) => (
          <li key={verdict}>{verdict}</li>
        ))}
      </ul>
      <ReportChart
        data={data}
        series={[{ key: 'rate', name: t('rate') }]}
        format={(v) => text.rate(v / 100)}
        testId={`chart-split-${split.stepId}`}
        height={200}
      />
      <div className={styles.tableScroll}>
        <table className="table" data-testid="table-split">
          <thead>
            <tr>
              <th>{t('branch')}</th>
              <th className="num">{columns('runs')}</th>
              <th className="num">{columns('converted')}</th>
              <th className="num">{t('rate')}</th>
              <th className="num">{t('interval')}</th>
              <th className="num">{t('vsFirst')}</th>
              <th className="num">{t('vsHoldout')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.output} data-testid={`split-row-${row.output}`}>
                <td>{name(row.output)}</td>
                <td className="num">{formats.count(row.runs)}</td>
                <td className="num">{formats.count(row.converted)}</td>
                <td className="num">{text.rate(row.rate)}</td>
                <td className="num">{text.interval(row.interval)}</td>
                <td className="num">{text.difference(row.vsFirst)}</td>
                <td className="num">{text.difference(row.vsHoldout)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ReportCard>
  );
}
