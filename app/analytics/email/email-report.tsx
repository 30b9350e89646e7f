'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { EmailFunnelRow } from '../../../db/analytics/kpis/email';
import { Loading, QueryError } from '../../_components/query-state';
import { useTRPC } from '../../_trpc/react';
import styles from '../analytics.module.css';
import { CsvButton } from '../csv-button';
import { FigureCard } from '../figure-card';
import { ReportCard } from '../report-card';
import { ReportChart } from '../report-chart';
import { pendingRange, reportQueryOptions } from '../report-query-options';
import { ReportTable } from '../report-table';
import { useFigureFormat } from '../use-figure-format';
import { useReportCurrency, useReportRange } from '../use-report-range';

/**
 * Email per template and per journey: the funnel from sent to clicked, what went wrong
 * (unsubscribes, bounces, complaints), and the revenue of orders in the click window.
 */
export function EmailReport() {
  const t = useTranslations('analytics');
  const trpc = useTRPC();
  const { range } = useReportRange();
  const currency = useReportCurrency();
  const settings = useQuery(trpc.analytics.settings.queryOptions());
  // Without a window of its own the report uses the saved one, as the CSV does.
  const report = useQuery({
    ...trpc.analytics.email.queryOptions(range ?? pendingRange),
    ...reportQueryOptions(range),
  });

  if (!range || report.isPending) return <Loading />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  const { totals, byTemplate, byJourney, clickWindowDays } = report.data;
  const formulaValues = { cost: settings.data?.costPerPoint ?? 1, days: clickWindowDays };

  return (
    <div className="stack" data-testid="analytics-email">
      <ReportCard title={t('email.totals')} testId="report-email-totals">
        <p className={styles.formula}>{t('email.window', { days: clickWindowDays })}</p>
        <div className={styles.figureGrid}>
          {totals.map((figure) => (
            <FigureCard key={figure.id} figure={figure} currency={currency} formulaValues={formulaValues} />
          ))}
        </div>
        <p className={`${styles.formula} card__body`}>{t('email.noJourneyRuns')}</p>
      </ReportCard>
      <FunnelCard by="template" rows={byTemplate} currency={currency} />
      <FunnelCard by="journey" rows={byJourney} currency={currency} />
    </div>
  );
}

function FunnelCard({
  by,
  rows,
  currency,
}: {
  by: 'template' | 'journey';
  rows: EmailFunnelRow[];
  currency: string;
}) {
  const t = useTranslations('analytics');
  const format = useFigureFormat(currency);
  const { range } = useReportRange();
  const series = [
    { key: 'sent', name: t('csv.sent') },
    { key: 'delivered', name: t('csv.delivered') },
    { key: 'opened', name: t('csv.opened') },
    { key: 'clicked', name: t('csv.clicked') },
  ];
  const data = rows.map((r) => ({
    name: r.name ?? (r.id === '' ? t('outsideJourneys') : r.id),
    sent: r.sent,
    delivered: r.delivered,
    opened: r.opened,
    clicked: r.clicked,
  }));
  return (
    <ReportCard
      title={by === 'template' ? t('email.byTemplate') : t('email.byJourney')}
      formula={`${t('email.openedFormula')} ${t('email.rateFormula')}`}
      actions={range && <CsvButton table="emailFunnel" by={by} range={range} />}
      testId={`report-email-${by}`}
    >
      <ReportChart data={data} series={series} format={(v) => format.count(v)} testId={`chart-email-${by}`} />
      <ReportTable table="emailFunnel" rows={rows} currency={currency} rowKey={(r) => r.id} />
    </ReportCard>
  );
}
