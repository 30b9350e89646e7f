import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../client';
import { previousPeriod, type DateRange } from '../date-range';
import { figure, num, percent, type Figure } from '../figure';
import { queryRows } from '../query';

/**
 * Members who were active in the range: they ordered, earned or spent points on at least
 * one day of it (a customer with a loyalty account; refunds alone are not activity).
 */
export function activeMembersIn(workspaceId: string, range: DateRange): SQL {
  return sql`
    select distinct d.customer_id from analytics_customer_days d
    join loyalty_accounts la on la.workspace_id = d.workspace_id and la.customer_id = d.customer_id
    where d.workspace_id = ${workspaceId} and d.day between ${range.from}::date and ${range.to}::date
      and (d.orders > 0 or d.points_earned > 0 or d.points_spent > 0)`;
}

interface MemberCounts {
  totalMembers: number;
  newMembers: number;
  newCustomers: number;
  activeMembers: number;
}

async function memberCounts(db: Executor, workspaceId: string, range: DateRange): Promise<MemberCounts> {
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`
      select
        coalesce(sum(count) filter (where metric = 'members_joined'), 0) as total_members,
        coalesce(sum(count) filter (where metric = 'members_joined' and day >= ${range.from}::date), 0) as new_members,
        coalesce(sum(count) filter (where metric = 'customers_created' and day >= ${range.from}::date), 0) as new_customers,
        (select count(*) from (${activeMembersIn(workspaceId, range)}) a) as active_members
      from analytics_daily
      where workspace_id = ${workspaceId} and metric in ('members_joined', 'customers_created')
        and day <= ${range.to}::date`,
  );
  return {
    totalMembers: num(row?.total_members),
    newMembers: num(row?.new_members),
    newCustomers: num(row?.new_customers),
    activeMembers: num(row?.active_members),
  };
}

/** Members, new members and the sign-up rate, active members and their share. */
export async function memberKpis(db: Executor, workspaceId: string, range: DateRange): Promise<Figure[]> {
  const [now, before] = await Promise.all([
    memberCounts(db, workspaceId, range),
    memberCounts(db, workspaceId, previousPeriod(range)),
  ]);
  return [
    figure(
      'members',
      'count',
      'customers with a loyalty account, signed up by the end of the period',
      now.totalMembers,
      before.totalMembers,
    ),
    figure('newMembers', 'count', 'members who signed up in the period', now.newMembers, before.newMembers),
    figure('newCustomers', 'count', 'customers created in the period', now.newCustomers, before.newCustomers),
    figure(
      'signupRate',
      'percent',
      'new members ÷ new customers × 100',
      percent(now.newMembers, now.newCustomers),
      percent(before.newMembers, before.newCustomers),
    ),
    figure(
      'activeMembers',
      'count',
      'members who ordered, earned or spent points in the period',
      now.activeMembers,
      before.activeMembers,
    ),
    figure(
      'activeRate',
      'percent',
      'active members ÷ members × 100',
      percent(now.activeMembers, now.totalMembers),
      percent(before.activeMembers, before.totalMembers),
    ),
  ];
}
