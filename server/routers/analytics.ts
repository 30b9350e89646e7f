import { z } from 'zod';
import { withDateRange, type DateRange } from '../../db/analytics/date-range';
import { emailReport } from '../../db/analytics/kpis/email';
import { memberKpis } from '../../db/analytics/kpis/members';
import { npsKpis } from '../../db/analytics/kpis/nps';
import { pointKpis } from '../../db/analytics/kpis/points';
import { purchaseKpis } from '../../db/analytics/kpis/purchases';
import { retentionKpis } from '../../db/analytics/kpis/retention';
import { rewardPopularity } from '../../db/analytics/kpis/rewards';
import { segmentRevenue } from '../../db/analytics/kpis/segments';
import { tierReport } from '../../db/analytics/kpis/tiers';
import { rollupsRefreshedAt } from '../../db/analytics/refresh-rollups';
import {
  analyticsSettingsSchema,
  getAnalyticsSettings,
  saveAnalyticsSettings,
} from '../../db/analytics/settings';
import type { Executor } from '../../db/client';
import { journeyReport, journeysReport, type JourneyReportDeps } from '../analytics/journey-reports';
import { opaqueIdSchema } from '../ids';
import { csvColumns, reportTables, type ReportTableName } from '../analytics/report-tables';
import { toCsv } from '../analytics/to-csv';
import { TRPCError } from '@trpc/server';
import { createTRPCRouter, editProcedure, readProcedure } from '../trpc';

const rangeInput = withDateRange({});
const emailInput = withDateRange({ clickWindowDays: z.number().int().min(1).max(90).optional() });
/** Goal conversion counts within this many days after entry. */
const windowDays = z.number().int().min(1).max(90).default(7);
const journeysInput = withDateRange({ windowDays });
const journeyInput = withDateRange({
  journeyId: opaqueIdSchema,
  version: z.number().int().min(1).optional(),
  windowDays,
});
const csvInput = withDateRange({
  table: z.enum(Object.keys(reportTables) as [ReportTableName, ...ReportTableName[]]),
  /** For `emailFunnel`: per template (default) or per journey. */
  by: z.enum(['template', 'journey']).default('template'),
  /** Translated column headers by column id; missing ones are written as the id. */
  headers: z.record(z.string().max(60), z.string().max(120)).optional(),
  /** For `journeySteps` and `journeySkips`: the journey and version; for every journey table the conversion window. */
  journeyId: opaqueIdSchema.optional(),
  version: z.number().int().min(1).optional(),
  windowDays,
});

/** Every loyalty figure of the dashboard, each with its previous period and formula. */
async function overview(db: Executor, workspaceId: string, range: DateRange) {
  const [refreshedAt, members, retention, purchases, points, nps] = await Promise.all([
    rollupsRefreshedAt(db, workspaceId),
    memberKpis(db, workspaceId, range),
    retentionKpis(db, workspaceId, range),
    purchaseKpis(db, workspaceId, range),
    pointKpis(db, workspaceId, range),
    npsKpis(db, workspaceId, range),
  ]);
  return { refreshedAt, members, retention, purchases, points, nps };
}

async function tableRows(
  ctx: JourneyReportDeps & { workspaceId: string },
  input: z.infer<typeof csvInput>,
): Promise<unknown[]> {
  const { db, workspaceId } = ctx;
  switch (input.table) {
    case 'figures': {
      const o = await overview(db, workspaceId, input);
      return [...o.members, ...o.retention, ...o.purchases, ...o.points, ...o.nps];
    }
    case 'tierDistribution':
      return (await tierReport(db, workspaceId, input)).distribution;
    case 'tierMovements':
      return (await tierReport(db, workspaceId, input)).movements;
    case 'tierRevenue':
      return (await tierReport(db, workspaceId, input)).revenue;
    case 'segmentRevenue':
      return segmentRevenue(db, workspaceId, input);
    case 'rewards':
      return rewardPopularity(db, workspaceId, input);
    case 'emailFunnel': {
      const report = await emailReport(db, workspaceId, input);
      return input.by === 'journey' ? report.byJourney : report.byTemplate;
    }
    case 'journeyVersions':
      return (await journeysReport(ctx, workspaceId, input, input.windowDays)).rows;
    case 'journeySteps':
    case 'journeySkips': {
      if (!input.journeyId) return [];
      const report = await journeyReport(ctx, workspaceId, { ...input, journeyId: input.journeyId });
      return (input.table === 'journeySteps' ? report?.steps : report?.skips) ?? [];
    }
  }
}

/**
 * Analytics over the rollups (`db/analytics/`): figures are as fresh as the last refresh
 * (`refreshedAt`, every 60 s in the worker). Ranges are whole days in the workspace's zone,
 * both ends included, at most 731 days; each figure comes with the previous period of equal length.
 */
export const analyticsRouter = createTRPCRouter({
  overview: readProcedure
    .input(rangeInput)
    .query(({ ctx, input }) => overview(ctx.db, ctx.workspaceId, input)),
  tiers: readProcedure
    .input(rangeInput)
    .query(({ ctx, input }) => tierReport(ctx.db, ctx.workspaceId, input)),
  segments: readProcedure
    .input(rangeInput)
    .query(({ ctx, input }) => segmentRevenue(ctx.db, ctx.workspaceId, input)),
  rewards: readProcedure
    .input(rangeInput)
    .query(({ ctx, input }) => rewardPopularity(ctx.db, ctx.workspaceId, input)),
  email: readProcedure
    .input(emailInput)
    .query(({ ctx, input }) =>
      emailReport(ctx.db, ctx.workspaceId, input, { clickWindowDays: input.clickWindowDays }),
    ),
  /** Per journey version: entered, live active, ended by outcome, goal conversion in the window. */
  journeys: readProcedure
    .input(journeysInput)
    .query(({ ctx, input }) => journeysReport(ctx, ctx.workspaceId, input, input.windowDays)),
  /** One journey: its versions, one version's passes per step and output, and its random splits compared. */
  journey: readProcedure.input(journeyInput).query(async ({ ctx, input }) => {
    const report = await journeyReport(ctx, ctx.workspaceId, input);
    if (!report) throw new TRPCError({ code: 'NOT_FOUND', message: 'no such journey' });
    return report;
  }),
  settings: readProcedure.query(({ ctx }) => getAnalyticsSettings(ctx.db, ctx.workspaceId)),
  /** Cost per point (the liability's price) and the click attribution window. */
  updateSettings: editProcedure
    .input(analyticsSettingsSchema)
    .mutation(({ ctx, input }) => saveAnalyticsSettings(ctx.db, ctx.workspaceId, input)),
  /** One table as RFC 4180 CSV with formula-injection guard, named for download. */
  csv: readProcedure.input(csvInput).query(async ({ ctx, input }) => {
    const rows = await tableRows(ctx, input);
    const suffix =
      input.table === 'emailFunnel'
        ? `-${input.by}`
        : (input.table === 'journeySteps' || input.table === 'journeySkips') && input.journeyId
          ? `-${input.journeyId}${input.version ? `-v${input.version}` : ''}`
          : '';
    return {
      filename: `${input.table}${suffix}-${input.from}-${input.to}.csv`,
      csv: toCsv(rows, csvColumns(input.table, input.headers), { bom: true }),
    };
  }),
});
