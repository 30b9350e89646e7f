import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { previousPeriod, type DateRange } from '../date-range';
import { num } from '../figure';
import { queryRows } from '../query';

export interface SegmentRevenue {
  segmentId: string;
  name: string;
  members: number;
  buyers: number;
  orders: number;
  revenue: number;
  previousRevenue: number;
}

export const segmentRevenueFormula =
  'order amounts in the period of the segment’s current members (membership as evaluated now)';

/**
 * Revenue by segment. Segments keep only who is a member now (leavers' rows are deleted), so
 * a segment's revenue is its current members' orders in the period, for both periods.
 */
export async function segmentRevenue(
  db: Executor,
  workspaceId: string,
  range: DateRange,
): Promise<SegmentRevenue[]> {
  const before = previousPeriod(range);
  const rows = await queryRows<Record<string, string>>(
    db,
    sql`
      select s.id, s.name,
        (select count(*) from segment_memberships m where m.segment_id = s.id and m.workspace_id = s.workspace_id) as members,
        count(distinct d.customer_id) filter (where d.orders > 0 and d.day >= ${range.from}::date) as buyers,
        coalesce(sum(d.orders) filter (where d.day >= ${range.from}::date), 0) as orders,
        coalesce(sum(d.revenue) filter (where d.day >= ${range.from}::date), 0) as revenue,
        coalesce(sum(d.revenue) filter (where d.day < ${range.from}::date), 0) as previous_revenue
      from segments s
      left join segment_memberships m on m.segment_id = s.id and m.workspace_id = s.workspace_id
      left join analytics_customer_days d on d.workspace_id = s.workspace_id and d.customer_id = m.customer_id
        and d.day between ${before.from}::date and ${range.to}::date
      where s.workspace_id = ${workspaceId}
      group by s.id, s.name
      order by revenue desc, s.name`,
  );
  return rows.map((r) => ({
    segmentId: r.id!,
    name: r.name!,
    members: num(r.members),
    buyers: num(r.buyers),
    orders: num(r.orders),
    revenue: num(r.revenue),
    previousRevenue: num(r.previous_revenue),
  }));
}
