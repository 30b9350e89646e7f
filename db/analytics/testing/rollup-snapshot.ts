import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { queryRows } from '../query';

/**
 * The workspace's rollups as sorted text rows, once as refreshed and once computed from the
 * source tables right now (`analytics_scratch_*` in the triggers migration). Rows that sum to
 * zero (a message that moved from queued to sent) are left out of the refreshed side.
 */
export async function rollupSnapshot(db: Executor, workspaceId: string) {
  const [daily, scratchDaily, days, scratchDays] = await Promise.all([
    queryRows<{ r: string }>(
      db,
      sql`select concat_ws('|', metric, day, dim1, dim2, count, amount) as r from analytics_daily
          where workspace_id = ${workspaceId} and (count <> 0 or amount <> 0) order by 1`,
    ),
    queryRows<{ r: string }>(
      db,
      sql`select concat_ws('|', metric, day, dim1, dim2, count, amount) as r from analytics_scratch_daily(${workspaceId})
          where count <> 0 or amount <> 0 order by 1`,
    ),
    queryRows<{ r: string }>(
      db,
      sql`select concat_ws('|', customer_id, day, orders, revenue, refunded, points_earned, points_spent) as r
          from analytics_customer_days where workspace_id = ${workspaceId} order by 1`,
    ),
    queryRows<{ r: string }>(
      db,
      sql`select concat_ws('|', customer_id, day, orders, revenue, refunded, points_earned, points_spent) as r
          from analytics_scratch_customer_days(${workspaceId}) order by 1`,
    ),
  ]);
  const text = (rows: { r: string }[]) => rows.map((row) => row.r);
  return {
    refreshed: { daily: text(daily), customerDays: text(days) },
    fromScratch: { daily: text(scratchDaily), customerDays: text(scratchDays) },
  };
}
