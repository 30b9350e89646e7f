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

/** Members per tier at the period's end, who moved between tiers, and revenue by tier. */
export function TiersReport() {
  const t = useTranslations('analytics');
  const trpc = useTRPC();
  const { range } = useReportRange();
  const currency = useReportCurrency();
  const format = useFigureFormat(currency);
  const comparison = useComparisonSeries();
  const report = useQuery({
    ...trpc.analytics.tiers.queryOptions(range ?? pendingRange),
    ...reportQueryOptions(range),
  });

  if (!range || report.isPending) return <Loading />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  const { distribution, movements, revenue } = report.data;
  const tierName = (name: string | null) => name ?? t('noTier');

  return (
    <div className="stack" data-testid="analytics-tiers">
      <ReportCard
        title={t('tiers.distribution')}
        formula={t('tiers.distributionFormula')}
        actions={<CsvButton table="tierDistribution" range={range} />}
        testId="report-tier-distribution"
      >
        <ReportChart
          data={distribution.map((d) => ({
            name: tierName(d.name),
            current: d.members,
            previous: d.previousMembers,
          }))}
          series={comparison}
          format={(v) => format.count(v)}
          testId="chart-tier-distribution"
        />
        <ReportTable
          table="tierDistribution"
          rows={distribution}
          currency={currency}
          rowKey={(r) => r.tierId}
        />
      </ReportCard>
      <ReportCard
        title={t('tiers.movements')}
        formula={t('tiers.movementsFormula')}
        actions={<CsvButton table="tierMovements" range={range} />}
        testId="report-tier-movements"
      >
        {movements.length === 0 ? (
          <p className="card__body muted">{t('tiers.noMovements')}</p>
        ) : (
          <ReportTable
            table="tierMovements"
            rows={movements}
            currency={currency}
            rowKey={(r) => `${r.fromTierId}→${r.toTierId}`}
          />
        )}
      </ReportCard>
      <ReportCard
        title={t('tiers.revenue')}
        formula={t('tiers.revenueFormula')}
        actions={<CsvButton table="tierRevenue" range={range} />}
        testId="report-tier-revenue"
      >
        <ReportChart
          data={revenue.map((r) => ({
            name: tierName(r.name),
            current: r.revenue,
            previous: r.previousRevenue,
          }))}
          series={comparison}
          format={(v) => format.money(v)}
          testId="chart-tier-revenue"
        />
        <ReportTable table="tierRevenue" rows={revenue} currency={currency} rowKey={(r) => r.tierId} />
      </ReportCard>
    </div>
  );
}
