import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { previousPeriod, type DateRange } from '../date-range';
import { figure, num, percent, ratio, type Figure } from '../figure';
import { queryRows } from '../query';

interface PurchaseCounts {
  memberOrders: number;
  memberRevenue: number;
  otherOrders: number;
  otherRevenue: number;
  buyers: number;
  repeatBuyers: number;
  lifetimeNetRevenue: number;
  lifetimeBuyers: number;
}

async function purchaseCounts(db: Executor, workspaceId: string, range: DateRange): Promise<PurchaseCounts> {
  const [[period], [lifetime]] = await Promise.all([
    // The period's buyers, one row each (a range of customer days, not the whole history).
    queryRows<Record<string, string>>(
      db,
      sql`
        with buyers as (
          select d.customer_id, la.id is not null as member, sum(d.orders) as orders, sum(d.revenue) as revenue
          from analytics_customer_days d
          left join loyalty_accounts la on la.workspace_id = d.workspace_id and la.customer_id = d.customer_id
          where d.workspace_id = ${workspaceId} and d.day between ${range.from}::date and ${range.to}::date
            and d.orders > 0
          group by d.customer_id, la.id
        )
        select
          coalesce(sum(orders) filter (where member), 0) as member_orders,
          coalesce(sum(revenue) filter (where member), 0) as member_revenue,
          coalesce(sum(orders) filter (where not member), 0) as other_orders,
          coalesce(sum(revenue) filter (where not member), 0) as other_revenue,
          count(*) as buyers,
          count(*) filter (where orders >= 2) as repeat_buyers
        from buyers`,
    ),
    // Lifetime sums from the daily rollup: first orders count each buyer once.
    queryRows<Record<string, string>>(
      db,
      sql`
        select
          coalesce(sum(amount) filter (where metric = 'orders_by_tier'), 0)
            - coalesce(sum(amount) filter (where metric = 'refunds'), 0) as net_revenue,
          coalesce(sum(count) filter (where metric = 'first_orders'), 0) as buyers
        from analytics_daily
        where workspace_id = ${workspaceId} and metric in ('orders_by_tier', 'refunds', 'first_orders')
          and day <= ${range.to}::date`,
    ),
  ]);
  return {
    memberOrders: num(period?.member_orders),
    memberRevenue: num(period?.member_revenue),
    otherOrders: num(period?.other_orders),
    otherRevenue: num(period?.other_revenue),
    buyers: num(period?.buyers),
    repeatBuyers: num(period?.repeat_buyers),
    lifetimeNetRevenue: num(lifetime?.net_revenue),
    lifetimeBuyers: num(lifetime?.buyers),
  };
}

/**
 * Orders and revenue (gross, minor units, by the day the order was placed), repeat purchase
 * rate, average order value of members (customers with a loyalty account now) against
 * everyone else, and customer lifetime value.
 *
 * CLV here is historical, not predicted: the net revenue (orders less refunds) of every
 * customer who ordered up to the end of the period, divided by the number of those
 * customers. It needs no churn or margin assumptions, and every input is on the screen.
 */
export async function purchaseKpis(db: Executor, workspaceId: string, range: DateRange): Promise<Figure[]> {
  const [now, before] = await Promise.all([
    purchaseCounts(db, workspaceId, range),
    purchaseCounts(db, workspaceId, previousPeriod(range)),
  ]);
  const orders = (c: PurchaseCounts) => c.memberOrders + c.otherOrders;
  const revenue = (c: PurchaseCounts) => c.memberRevenue + c.otherRevenue;
  return [
    figure('orders', 'count', 'orders placed in the period', orders(now), orders(before)),
    figure('revenue', 'money', 'sum of order amounts placed in the period', revenue(now), revenue(before)),
    figure(
      'repeatPurchaseRate',
      'percent',
      'customers with 2 or more orders ÷ customers with an order in the period × 100',
      percent(now.repeatBuyers, now.buyers),
      percent(before.repeatBuyers, before.buyers),
    ),
    figure(
      'aov',
      'money',
      'revenue ÷ orders',
      ratio(revenue(now), orders(now)),
      ratio(revenue(before), orders(before)),
    ),
    figure(
      'aovMembers',
      'money',
      'members’ revenue ÷ members’ orders',
      ratio(now.memberRevenue, now.memberOrders),
      ratio(before.memberRevenue, before.memberOrders),
    ),
    figure(
      'aovNonMembers',
      'money',
      'non-members’ revenue ÷ non-members’ orders',
      ratio(now.otherRevenue, now.otherOrders),
      ratio(before.otherRevenue, before.otherOrders),
    ),
    figure(
      'clv',
      'money',
      'net revenue (orders − refunds) of all customers who ordered up to the period’s end ÷ those customers',
      ratio(now.lifetimeNetRevenue, now.lifetimeBuyers),
      ratio(before.lifetimeNetRevenue, before.lifetimeBuyers),
    ),
  ];
}
