'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import { useTRPC } from '../../_trpc/react';
import styles from '../analytics.module.css';
import { CsvButton } from '../csv-button';
import { ReportCard } from '../report-card';
import { ReportChart } from '../report-chart';
import { rangeChoiceQuery } from '../range-choice';
import { pendingRange, reportQueryOptions } from '../report-query-options';
import { ReportTable } from '../report-table';
import { useFigureFormat } from '../use-figure-format';
import { useReportCurrency, useReportRange } from '../use-report-range';
import { WindowDaysInput } from './window-days-input';

/** Every journey version with runs entered in the period: how many entered, how they ended, who converted. */
export function JourneysReport() {
  const t = useTranslations('analytics');
  const trpc = useTRPC();
  const { range, choice } = useReportRange();
  const currency = useReportCurrency();
  const format = useFigureFormat(currency);
  const [windowDays, setWindowDays] = useState(7);
  const report = useQuery({
    ...trpc.analytics.journeys.queryOptions({ ...(range ?? pendingRange), windowDays }),
    ...reportQueryOptions(range),
  });

  if (!range || report.isPending) return <Loading />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  const { rows, liveAvailable } = report.data;
  const series = [
    { key: 'entered', name: t('csv.entered') },
    { key: 'completed', name: t('csv.completed') },
    { key: 'goal', name: t('csv.goal') },
    { key: 'converted', name: t('csv.converted') },
  ];
  const data = rows.map((r) => ({
    name: t('journeys.chartLabel', { name: r.name ?? r.journeyId, version: r.version }),
    entered: r.entered,
    completed: r.completed,
    goal: r.goal,
    converted: r.converted ?? 0,
  }));

  return (
    <div className="stack" data-testid="analytics-journeys">
      <ReportCard
        title={t('journeys.title')}
        formula={t('journeys.formula', { days: report.data.windowDays })}
        actions={<CsvButton table="journeyVersions" range={range} journey={{ windowDays }} />}
        testId="report-journeys"
      >
        <div className="card__body">
          <WindowDaysInput value={windowDays} onChange={setWindowDays} />
          {!liveAvailable && <p className="muted">{t('journeys.liveUnavailable')}</p>}
        </div>
        <ReportChart data={data} series={series} format={(v) => format.count(v)} testId="chart-journeys" />
        <ReportTable
          table="journeyVersions"
          rows={rows}
          currency={currency}
          rowKey={(r) => `${r.journeyId}:${r.version}`}
          rowLink={(r) =>
            `/analytics/journeys/${r.journeyId}?${rangeChoiceQuery(choice)}&version=${r.version}`
          }
        />
        <p className={`${styles.formula} card__body`}>{t('journeys.skipsNote')}</p>
      </ReportCard>
    </div>
  );
}
