'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { Loading, QueryError } from '../../_components/query-state';
import { useNodeText } from '../../_i18n/use-node-text';
import { useTRPC } from '../../_trpc/react';
import { nodeCatalog } from '../../../workflows/journey/nodes';
import { CsvButton } from '../csv-button';
import { rangeChoiceQuery } from '../range-choice';
import { ReportCard } from '../report-card';
import { ReportChart } from '../report-chart';
import { pendingRange, reportQueryOptions } from '../report-query-options';
import { ReportTable } from '../report-table';
import { useFigureFormat } from '../use-figure-format';
import { useReportCurrency, useReportRange } from '../use-report-range';
import { SplitCard } from './split-card';
import { StepFiguresTable } from './step-figures-table';
import { useSkipReason } from './use-skip-reason';
import { WindowDaysInput } from './window-days-input';

/**
 * One journey's report: its versions' figures, then for one version the passes per step and
 * output with each output's share, and every random split compared as an A/B test.
 */
export function JourneyReport({ journeyId }: { journeyId: string }) {
  const t = useTranslations('analytics');
  const trpc = useTRPC();
  const params = useSearchParams();
  const { range, choice } = useReportRange();
  const currency = useReportCurrency();
  const format = useFigureFormat(currency);
  const nodeText = useNodeText();
  const skipReason = useSkipReason();
  const asked = Number(params.get('version'));
  const [version, setVersion] = useState<number | undefined>(
    Number.isInteger(asked) && asked > 0 ? asked : undefined,
  );
  const [windowDays, setWindowDays] = useState(7);
  const report = useQuery({
    ...trpc.analytics.journey.queryOptions({ ...(range ?? pendingRange), journeyId, version, windowDays }),
    ...reportQueryOptions(range),
  });

  if (!range || report.isPending) return <Loading />;
  if (report.isError) return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  const data = report.data;
  const shown = data.rows.find((r) => r.version === data.version);
  const stepName = (stepId: string) => {
    const type = data.stepTypes[stepId];
    const definition = nodeCatalog.find((node) => node.type === type);
    return definition ? t('journeys.stepName', { label: nodeText.label(definition), id: stepId }) : stepId;
  };
  const outputName = (stepId: string, output: string) =>
    nodeText.output(data.stepTypes[stepId] ?? '', output);
  const chart = data.steps.map((s) => ({
    name: t('journeys.stepOutput', { step: stepName(s.stepId), output: outputName(s.stepId, s.output) }),
    runs: s.runs,
  }));

  return (
    <div className="stack" data-testid="analytics-journey">
      <p>
        <Link href={`/analytics/journeys?${rangeChoiceQuery(choice)}`} data-testid="journey-report-back">
          {t('journeys.back')}
        </Link>
      </p>
      <ReportCard
        title={t('journeys.versionsTitle', { name: data.journey.name })}
        formula={t('journeys.formula', { days: data.windowDays })}
        testId="report-journey-versions"
      >
        <div className="card__body">
          <div className="inline-form">
            <WindowDaysInput value={windowDays} onChange={setWindowDays} />
            {data.publishedVersions.length > 0 && (
              <label className="field">
                <span className="field__label">{t('journeys.versionLabel')}</span>
                <select
                  value={data.version ?? ''}
                  onChange={(event) => setVersion(Number(event.target.value))}
                  data-testid="journey-report-version"
                >
                  {data.publishedVersions.map((v) => (
                    <option key={v} value={v}>
                      {t('journeys.versionOption', { version: v })}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {!data.liveAvailable && <p className="muted">{t('journeys.liveUnavailable')}</p>}
          {shown && shown.windowOpen > 0 && (
            <p className="muted" data-testid="journey-window-open">
              {t('journeys.windowOpen', { count: shown.windowOpen, days: data.windowDays })}
            </p>
          )}
        </div>
        <ReportTable
          table="journeyVersions"
          rows={data.rows}
          currency={currency}
          rowKey={(r) => String(r.version)}
        />
      </ReportCard>
      {data.version === null ? (
        <p className="muted">{t('journeys.noVersion')}</p>
      ) : (
        <>
          <ReportCard
            title={t('journeys.stepsTitle', { version: data.version })}
            formula={t('journeys.stepsFormula')}
            actions={
              <CsvButton
                table="journeySteps"
                range={range}
                journey={{ journeyId, version: data.version, windowDays }}
              />
            }
            testId="report-journey-steps"
          >
            <ReportChart
              data={chart}
              series={[{ key: 'runs', name: t('csv.runs') }]}
              format={(v) => format.count(v)}
              testId="chart-journey-steps"
            />
            {data.steps.length === 0 ? (
              <p className="muted card__body">{t('noRows')}</p>
            ) : (
              <StepFiguresTable
                testId="table-journey-steps"
                labelHeader={t('csv.output')}
                countHeader={t('csv.passes')}
                rows={data.steps.map((s) => ({
                  stepId: s.stepId,
                  runs: s.runs,
                  share: s.share,
                  key: `${s.stepId}:${s.output}`,
                  testId: `step-row-${s.stepId}-${s.output}`,
                  label: { text: outputName(s.stepId, s.output) },
                  count: s.passes,
                }))}
                stepName={stepName}
                currency={currency}
              />
            )}
          </ReportCard>
          <ReportCard
            title={t('journeys.skipsTitle', { version: data.version })}
            formula={t('journeys.skipsFormula')}
            actions={
              <CsvButton
                table="journeySkips"
                range={range}
                journey={{ journeyId, version: data.version, windowDays }}
              />
            }
            testId="report-journey-skips"
          >
            {data.skips.length === 0 ? (
              <p className="muted card__body" data-testid="journey-no-skips">
                {t('journeys.noSkips')}
              </p>
            ) : (
              <StepFiguresTable
                testId="table-journey-skips"
                labelHeader={t('csv.reason')}
                countHeader={t('csv.skips')}
                rows={data.skips.map((s) => ({
                  stepId: s.stepId,
                  runs: s.runs,
                  share: s.share,
                  key: `${s.stepId}:${s.reason}`,
                  testId: `skip-row-${s.stepId}`,
                  label: { text: skipReason(s.reason), title: s.reason },
                  count: s.skips,
                }))}
                stepName={stepName}
                currency={currency}
              />
            )}
          </ReportCard>
          {data.splits.length === 0 ? (
            <p className="muted" data-testid="journey-no-splits">
              {t('journeys.noSplits')}
            </p>
          ) : data.goalEvent === null ? (
            <p className="muted" data-testid="journey-no-goal">
              {t('journeys.noGoal')}
            </p>
          ) : (
            data.splits.map((split) => (
              <SplitCard key={split.stepId} split={split} stepName={stepName(split.stepId)} />
            ))
          )}
        </>
      )}
    </div>
  );
}
