import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { previousPeriod, type DateRange } from '../date-range';
import { num } from '../figure';
import { queryRows } from '../query';

export interface RewardPopularity {
  rewardId: string;
  name: string;
  pointsCost: number;
  active: boolean;
  /** Null: unlimited. Now, not at the period's end (stock has no history). */
  stockRemaining: number | null;
  redemptions: number;
  pointsSpent: number;
  previousRedemptions: number;
}

export const rewardPopularityFormula =
  'vouchers issued per reward in the period (redemptions), points spent on them; stock as it is now';

/** Every reward of the catalog, most redeemed in the period first. */
export async function rewardPopularity(
  db: Executor,
  workspaceId: string,
  range: DateRange,
): Promise<RewardPopularity[]> {
  const before = previousPeriod(range);
  const rows = await queryRows<Record<string, string | number | boolean | null>>(
    db,
    sql`
      select r.id, r.name, r.points_cost, r.active, r.stock_remaining,
        coalesce(sum(a.count) filter (where a.day >= ${range.from}::date), 0) as redemptions,
        coalesce(sum(a.amount) filter (where a.day >= ${range.from}::date), 0) as points_spent,
        coalesce(sum(a.count) filter (where a.day < ${range.from}::date), 0) as previous_redemptions
      from rewards r
      left join analytics_daily a on a.workspace_id = r.workspace_id and a.metric = 'rewards_issued'
        and a.dim1 = r.id and a.day between ${before.from}::date and ${range.to}::date
      where r.workspace_id = ${workspaceId}
      group by r.id
      order by redemptions desc, r.name`,
  );
  return rows.map((r) => ({
    rewardId: String(r.id),
    name: String(r.name),
    pointsCost: num(r.points_cost),
    active: Boolean(r.active),
    stockRemaining: r.stock_remaining === null ? null : num(r.stock_remaining),
    redemptions: num(r.redemptions),
    pointsSpent: num(r.points_spent),
    previousRedemptions: num(r.previous_redemptions),
  }));
}
