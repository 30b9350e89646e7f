import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { previousPeriod, type DateRange } from '../date-range';
import { figure, num, percent, type Figure } from '../figure';
import { queryRows } from '../query';
import { getAnalyticsSettings } from '../settings';

interface PointCounts {
  issued: number;
  redeemed: number;
  expired: number;
  otherDebits: number;
  outstanding: number;
}

async function pointCounts(db: Executor, workspaceId: string, range: DateRange): Promise<PointCounts> {
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`
      select
        coalesce(sum(amount) filter (where dim2 = 'credit' and day >= ${range.from}::date), 0) as issued,
        coalesce(-sum(amount) filter (where dim1 = 'redeem' and dim2 = 'debit' and day >= ${range.from}::date), 0) as redeemed,
        coalesce(-sum(amount) filter (where dim1 = 'expire' and dim2 = 'debit' and day >= ${range.from}::date), 0) as expired,
        coalesce(-sum(amount) filter (where dim1 not in ('redeem', 'expire') and dim2 = 'debit' and day >= ${range.from}::date), 0) as other_debits,
        coalesce(sum(amount), 0) as outstanding
      from analytics_daily
      where workspace_id = ${workspaceId} and metric = 'points' and day <= ${range.to}::date`,
  );
  return {
    issued: num(row?.issued),
    redeemed: num(row?.redeemed),
    expired: num(row?.expired),
    otherDebits: num(row?.other_debits),
    outstanding: num(row?.outstanding),
  };
}

/**
 * Points issued (every credit: earnings and positive adjustments), redeemed, expired, and
 * what that leaves: breakage (expired ÷ issued, observed in the period, not a forecast),
 * redemption rate, and the outstanding balance at the period's end priced at the
 * workspace's cost per point (`analytics_settings`, default 1 minor unit) as liability.
 */
export async function pointKpis(
  db: Executor,
  workspaceId: string,
  range: DateRange,
  options: { costPerPoint?: number } = {},
): Promise<Figure[]> {
  const [now, before, settings] = await Promise.all([
    pointCounts(db, workspaceId, range),
    pointCounts(db, workspaceId, previousPeriod(range)),
    getAnalyticsSettings(db, workspaceId),
  ]);
  const cost = options.costPerPoint ?? settings.costPerPoint;
  return [
    figure(
      'pointsIssued',
      'points',
      'sum of point credits (earn, positive adjustments)',
      now.issued,
      before.issued,
    ),
    figure('pointsRedeemed', 'points', 'points spent on rewards', now.redeemed, before.redeemed),
    figure('pointsExpired', 'points', 'points that expired', now.expired, before.expired),
    figure(
      'pointsOtherDebits',
      'points',
      'points taken back by refunds and negative adjustments',
      now.otherDebits,
      before.otherDebits,
    ),
    figure(
      'breakageRate',
      'percent',
      'points expired ÷ points issued × 100',
      percent(now.expired, now.issued),
      percent(before.expired, before.issued),
    ),
    figure(
      'redemptionRate',
      'percent',
      'points redeemed ÷ points issued × 100',
      percent(now.redeemed, now.issued),
      percent(before.redeemed, before.issued),
    ),
    figure(
      'outstandingPoints',
      'points',
      'sum of all point entries up to the period’s end (members’ balances)',
      now.outstanding,
      before.outstanding,
    ),
    figure(
      'liability',
      'money',
      `outstanding points × cost per point (${cost} minor units)`,
      Math.round(now.outstanding * cost),
      Math.round(before.outstanding * cost),
    ),
  ];
}
