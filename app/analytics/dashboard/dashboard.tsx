'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { Figure } from '../../../db/analytics/figure';
import { Loading, QueryError } from '../../_components/query-state';
import { useFigureText } from '../../_i18n/use-figure-text';
import { useFormats } from '../../_i18n/use-formats';
import { useTRPC } from '../../_trpc/react';
import styles from '../analytics.module.css';
import { ReportChart } from '../report-chart';
import { pendingRange, reportQueryOptions } from '../report-query-options';
import { useComparisonSeries } from '../use-comparison-series';
import { CsvButton } from '../csv-button';
import { FigureCard } from '../figure-card';
import { ReportSettings } from '../report-settings';
import { useFigureFormat } from '../use-figure-format';
import { useReportCurrency, useReportRange } from '../use-report-range';

/** The points figures the chart compares, in the order points flow: in, then out. */
const pointFlow = ['pointsIssued', 'pointsRedeemed', 'pointsExpired', 'pointsOtherDebits'];

/**
 * The loyalty program at a glance: every figure of `analytics.overview` for the period,
 * against the period before, each with its formula, grouped as a marketer reads them.
 */
export function Dashboard() {
  const t = useTranslations('analytics.dashboard');
  const ta = useTranslations('analytics');
  const trpc = useTRPC();
  const format = useFormats();
  const text = useFigureText();
  const { range } = useReportRange();
  const currency = useReportCurrency();
  const figureFormat = useFigureFormat(currency);
  const overview = useQuery({
    ...trpc.analytics.overview.queryOptions(range ?? pendingRange),
    ...reportQueryOptions(range),
  });
  const comparison = useComparisonSeries();
  const settings = useQuery(trpc.analytics.settings.queryOptions());
  const formulaValues = {
    cost: settings.data?.costPerPoint ?? 1,
    days: settings.data?.clickAttributionDays ?? 7,
  };

  if (!range || overview.isPending) return <Loading />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;

  const data = overview.data;
  const sections: { key: string; title: string; figures: Figure[] }[] = [
    { key: 'members', title: t('sections.members'), figures: data.members },
    { key: 'retention', title: t('sections.retention'), figures: data.retention },
    { key: 'purchases', title: t('sections.purchases'), figures: data.purchases },
    { key: 'points', title: t('sections.points'), figures: data.points },
    { key: 'nps', title: t('sections.nps'), figures: data.nps },
  ];
  const points = pointFlow
    .map((id) => data.points.find((f) => f.id === id))
    .filter((f): f is Figure => f !== undefined)
    .map((f) => ({ name: text.label(f.id), current: f.value ?? 0, previous: f.previous ?? 0 }));

  return (
    <div className="stack" data-testid="analytics-dashboard" aria-busy={overview.isFetching}>
      <div className={styles.refreshed}>
        <p className="muted" data-testid="analytics-refreshed">
          {data.refreshedAt
            ? t('refreshedAt', { time: format.dateTime(new Date(data.refreshedAt)) })
            : t('neverRefreshed')}
        </p>
        <CsvButton table="figures" range={range} />
      </div>
      {sections.map((section) => (
        <section key={section.key} className="card" data-testid={`figures-${section.key}`}>
          <div className="card__header">
            <h2>{section.title}</h2>
          </div>
          <div className={styles.figureGrid}>
            {section.figures.map((figure) => (
              <FigureCard key={figure.id} figure={figure} currency={currency} formulaValues={formulaValues} />
            ))}
          </div>
        </section>
      ))}
      <section className="card">
        <div className="card__header">
          <h2>{t('pointFlow')}</h2>
        </div>
        <ReportChart
          data={points}
          series={comparison}
          format={(v) => figureFormat.count(v)}
          testId="chart-point-flow"
        />
      </section>
      <ReportSettings />
      <p className="muted">{ta('rollupNote')}</p>
    </div>
  );
}
