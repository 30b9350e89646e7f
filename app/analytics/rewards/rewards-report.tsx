'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { Loading, QueryError } from '../../_components/query-state';
import { useTRPC } from '../../_trpc/react';
import { CsvButton } from '../csv-button';
import { ReportCard } from '../report-card';
import { ReportChart } from '../report-chart';
import { pendingRange, reportQueryOptions } from '../report-query-options';
import { ReportTable } from '../report-table';
import { useComparisonSeries } from '../use-comparison-series';
import { useFigureFormat } from '../use-figure-format';
import { useReportCurrency, useReportRange } from '../use-report-range';

/** Which rewards members redeem, the points that went into them, and what is left in stock. */
export function RewardsReport() {
  const t = useTranslations('analytics.rewards');
  const trpc = useTRPC();
  const { range } = useReportRange();
  const currency = useReportCurrency();
  const format = useFigureFormat(currency);
  const comparison = useComparisonSeries();
  const rows = useQuery({
    ...trpc.analytics.rewards.queryOptions(range ?? pendingRange),
    ...reportQueryOptions(range),
  });

  if (!range || rows.isPending) return <Loading />;
  if (rows.isError) return <QueryError error={rows.error} onRetry={() => void rows.refetch()} />;
  return (
    <div className="stack" data-testid="analytics-rewards">
      <ReportCard
        title={t('title')}
        formula={t('formula')}
        actions={<CsvButton table="rewards" range={range} />}
        testId="report-rewards"
      >
        {rows.data.length === 0 ? (
          <p className="card__body muted">{t('empty')}</p>
        ) : (
          <>
            <ReportChart
              data={rows.data.map((r) => ({
                name: r.name,
                current: r.redemptions,
                previous: r.previousRedemptions,
              }))}
              series={comparison}
              format={(v) => format.count(v)}
              testId="chart-rewards"
            />
            <ReportTable table="rewards" rows={rows.data} currency={currency} rowKey={(r) => r.rewardId} />
          </>
        )}
      </ReportCard>
    </div>
  );
}
