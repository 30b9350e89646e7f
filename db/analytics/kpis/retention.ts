import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { previousPeriod, type DateRange } from '../date-range';
import { figure, num, percent, round, type Figure } from '../figure';
import { queryRows } from '../query';

async function retained(db: Executor, workspaceId: string, range: DateRange) {
  const before = previousPeriod(range);
  // One pass over both periods' activity, grouped per member (a join of two distinct sets
  // planned badly at 100,000 orders: seconds instead of milliseconds).
  const [row] = await queryRows<{ base: string; kept: string }>(
    db,
    sql`
      select count(*) filter (where before) as base, count(*) filter (where before and now) as kept
      from (
        select d.customer_id, bool_or(d.day < ${range.from}::date) as before, bool_or(d.day >= ${range.from}::date) as now
        from analytics_customer_days d
        join loyalty_accounts la on la.workspace_id = d.workspace_id and la.customer_id = d.customer_id
        where d.workspace_id = ${workspaceId} and d.day between ${before.from}::date and ${range.to}::date
          and (d.orders > 0 or d.points_earned > 0 or d.points_spent > 0)
        group by d.customer_id
      ) activity`,
  );
  const base = num(row?.base);
  const kept = num(row?.kept);
  const retention = percent(kept, base);
  return { base, kept, retention, churn: retention === null ? null : round(100 - retention) };
}

/**
 * Retention: of the members active in the previous period, the share active again in this
 * one; churn is the rest. The comparison is the same pair one period earlier.
 */
export async function retentionKpis(db: Executor, workspaceId: string, range: DateRange): Promise<Figure[]> {
  const [now, before] = await Promise.all([
    retained(db, workspaceId, range),
    retained(db, workspaceId, previousPeriod(range)),
  ]);
  return [
    figure(
      'retainedMembers',
      'count',
      'members active in the previous period and again in this one',
      now.kept,
      before.kept,
    ),
    figure(
      'retentionRate',
      'percent',
      'members active in both periods ÷ members active in the previous period × 100',
      now.retention,
      before.retention,
    ),
    figure('churnRate', 'percent', '100 − retention rate', now.churn, before.churn),
  ];
}
