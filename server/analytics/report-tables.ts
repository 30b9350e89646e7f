import type { EmailFunnelRow } from '../../db/analytics/kpis/email';
import type { RewardPopularity } from '../../db/analytics/kpis/rewards';
import type { SegmentRevenue } from '../../db/analytics/kpis/segments';
import type { TierMove, TierRevenue, TierShare } from '../../db/analytics/kpis/tiers';
import type { Figure } from '../../db/analytics/figure';
import type { StepOutputFigures, StepSkipFigures } from '../../db/analytics/journeys/journey-report';
import type { JourneyVersionRow } from './journey-reports';
import type { CsvColumn } from './to-csv';

/**
 * The columns of every exportable analytics table. Headers are ids (`analytics.csv.<id>` in the
 * catalogs); the caller may pass them translated. The UI shows the same columns.
 */
export const reportTables = {
  figures: [
    ['figure', (r: Figure) => r.id],
    ['value', (r: Figure) => r.value],
    ['previous', (r: Figure) => r.previous],
    ['change', (r: Figure) => r.change],
    ['unit', (r: Figure) => r.unit],
    ['formula', (r: Figure) => r.formula],
  ],
  tierDistribution: [
    ['tier', (r: TierShare) => r.name ?? ''],
    ['members', (r: TierShare) => r.members],
    ['previousMembers', (r: TierShare) => r.previousMembers],
  ],
  tierMovements: [
    ['fromTier', (r: TierMove) => r.fromName ?? ''],
    ['toTier', (r: TierMove) => r.toName ?? ''],
    ['members', (r: TierMove) => r.members],
  ],
  tierRevenue: [
    ['tier', (r: TierRevenue) => r.name ?? ''],
    ['orders', (r: TierRevenue) => r.orders],
    ['revenue', (r: TierRevenue) => r.revenue],
    ['previousRevenue', (r: TierRevenue) => r.previousRevenue],
  ],
  segmentRevenue: [
    ['segment', (r: SegmentRevenue) => r.name],
    ['members', (r: SegmentRevenue) => r.members],
    ['buyers', (r: SegmentRevenue) => r.buyers],
    ['orders', (r: SegmentRevenue) => r.orders],
    ['revenue', (r: SegmentRevenue) => r.revenue],
    ['previousRevenue', (r: SegmentRevenue) => r.previousRevenue],
  ],
  rewards: [
    ['reward', (r: RewardPopularity) => r.name],
    ['pointsCost', (r: RewardPopularity) => r.pointsCost],
    ['redemptions', (r: RewardPopularity) => r.redemptions],
    ['previousRedemptions', (r: RewardPopularity) => r.previousRedemptions],
    ['pointsSpent', (r: RewardPopularity) => r.pointsSpent],
    ['stockRemaining', (r: RewardPopularity) => r.stockRemaining],
    ['active', (r: RewardPopularity) => r.active],
  ],
  emailFunnel: [
    ['name', (r: EmailFunnelRow) => r.name ?? r.id],
    ['runsEmailed', (r: EmailFunnelRow) => r.runsEmailed],
    ['sent', (r: EmailFunnelRow) => r.sent],
    ['delivered', (r: EmailFunnelRow) => r.delivered],
    ['skipped', (r: EmailFunnelRow) => r.skipped],
    ['opened', (r: EmailFunnelRow) => r.opened],
    ['clicked', (r: EmailFunnelRow) => r.clicked],
    ['openRate', (r: EmailFunnelRow) => r.openRate],
    ['clickRate', (r: EmailFunnelRow) => r.clickRate],
    ['unsubscribed', (r: EmailFunnelRow) => r.unsubscribed],
    ['bounced', (r: EmailFunnelRow) => r.bounced],
    ['complained', (r: EmailFunnelRow) => r.complained],
    ['attributedOrders', (r: EmailFunnelRow) => r.attributedOrders],
    ['attributedRevenue', (r: EmailFunnelRow) => r.attributedRevenue],
  ],
  journeyVersions: [
    ['journey', (r: JourneyVersionRow) => r.name ?? r.journeyId],
    ['version', (r: JourneyVersionRow) => r.version],
    ['entered', (r: JourneyVersionRow) => r.entered],
    ['activeNow', (r: JourneyVersionRow) => r.live?.active ?? null],
    ['completed', (r: JourneyVersionRow) => r.completed],
    ['goal', (r: JourneyVersionRow) => r.goal],
    ['exitNode', (r: JourneyVersionRow) => r.exitNode],
    ['failed', (r: JourneyVersionRow) => r.failed],
    ['converted', (r: JourneyVersionRow) => r.converted],
    ['conversionRate', (r: JourneyVersionRow) => r.conversionRate],
  ],
  journeySteps: [
    ['step', (r: StepOutputFigures) => r.stepId],
    ['output', (r: StepOutputFigures) => r.output],
    ['passes', (r: StepOutputFigures) => r.passes],
    ['runs', (r: StepOutputFigures) => r.runs],
    ['share', (r: StepOutputFigures) => r.share],
  ],
  journeySkips: [
    ['step', (r: StepSkipFigures) => r.stepId],
    ['reason', (r: StepSkipFigures) => r.reason],
    ['skips', (r: StepSkipFigures) => r.skips],
    ['runs', (r: StepSkipFigures) => r.runs],
    ['share', (r: StepSkipFigures) => r.share],
  ],
} as const;

export type ReportTableName = keyof typeof reportTables;

/** The table's columns with headers from `headers` (translated by the caller) or the ids. */
export function csvColumns<Row>(
  table: ReportTableName,
  headers: Record<string, string> = {},
): CsvColumn<Row>[] {
  return (
    reportTables[table] as unknown as readonly (readonly [
      string,
      (row: Row) => string | number | boolean | null,
    ])[]
  ).map(([id, value]) => ({ header: headers[id] ?? id, value }));
}
