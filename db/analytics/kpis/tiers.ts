import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';
import { previousPeriod, type DateRange } from '../date-range';
import { num } from '../figure';
import { queryRows } from '../query';

/** '' stands for "no tier" (below every threshold) in every tier column. */
export interface TierShare {
  tierId: string;
  name: string | null;
  members: number;
  previousMembers: number;
}

export interface TierMove {
  fromTierId: string;
  fromName: string | null;
  toTierId: string;
  toName: string | null;
  members: number;
}

export interface TierRevenue {
  tierId: string;
  name: string | null;
  orders: number;
  revenue: number;
  previousRevenue: number;
}

export interface TierReport {
  /** Members per tier at the end of the period (and of the previous one). */
  distribution: TierShare[];
  /** Tier changes in the period, from → to. */
  movements: TierMove[];
  /** Orders and revenue by the tier the member held when the order was placed. */
  revenue: TierRevenue[];
  formulas: { distribution: string; movements: string; revenue: string };
}

async function tierNames(
  db: Executor,
  workspaceId: string,
): Promise<Map<string, { name: string; threshold: number }>> {
  const rows = await queryRows<{ id: string; name: string; threshold: number }>(
    db,
    sql`select id, name, threshold from tiers where workspace_id = ${workspaceId}`,
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, threshold: r.threshold }]));
}

async function distributionAt(db: Executor, workspaceId: string, day: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ tier: string; members: string }>(
    db,
    sql`
      select tier, sum(delta) as members from (
        select dim2 as tier, count as delta from analytics_daily
          where workspace_id = ${workspaceId} and metric = 'tier_moves' and day <= ${day}::date
        union all
        select dim1, -count from analytics_daily
          where workspace_id = ${workspaceId} and metric = 'tier_moves' and day <= ${day}::date
        union all
        select '', count from analytics_daily
          where workspace_id = ${workspaceId} and metric = 'members_joined' and day <= ${day}::date
      ) moves group by tier`,
  );
  return new Map(rows.map((r) => [r.tier, num(r.members)]));
}

/**
 * Tier distribution (every member starts without a tier; each tier change moves one member
 * from → to), the movement matrix of the period, and revenue by the tier held at order time.
 */
export async function tierReport(db: Executor, workspaceId: string, range: DateRange): Promise<TierReport> {
  const before = previousPeriod(range);
  const [names, now, then, moves, revenue] = await Promise.all([
    tierNames(db, workspaceId),
    distributionAt(db, workspaceId, range.to),
    distributionAt(db, workspaceId, before.to),
    queryRows<{ from_tier: string; to_tier: string; members: string }>(
      db,
      sql`
        select dim1 as from_tier, dim2 as to_tier, sum(count) as members from analytics_daily
        where workspace_id = ${workspaceId} and metric = 'tier_moves'
          and day between ${range.from}::date and ${range.to}::date
        group by 1, 2 having sum(count) <> 0 order by 1, 2`,
    ),
    queryRows<{ tier: string; orders: string; revenue: string; previous_revenue: string }>(
      db,
      sql`
        select dim1 as tier,
          coalesce(sum(count) filter (where day >= ${range.from}::date), 0) as orders,
          coalesce(sum(amount) filter (where day >= ${range.from}::date), 0) as revenue,
          coalesce(sum(amount) filter (where day < ${range.from}::date), 0) as previous_revenue
        from analytics_daily
        where workspace_id = ${workspaceId} and metric = 'orders_by_tier'
          and day between ${before.from}::date and ${range.to}::date
        group by 1`,
    ),
  ]);
  const name = (id: string) => (id === '' ? null : (names.get(id)?.name ?? null));
  // Every tier of the program, highest threshold first, then "no tier"; plus tiers deleted since.
  const tierIds = [...names.entries()].sort((a, b) => b[1].threshold - a[1].threshold).map(([id]) => id);
  for (const id of [...now.keys(), ...then.keys()]) if (id !== '' && !tierIds.includes(id)) tierIds.push(id);
  tierIds.push('');
  const byTier = new Map(revenue.map((r) => [r.tier, r]));
  return {
    distribution: tierIds.map((tierId) => ({
      tierId,
      name: name(tierId),
      members: now.get(tierId) ?? 0,
      previousMembers: then.get(tierId) ?? 0,
    })),
    movements: moves.map((m) => ({
      fromTierId: m.from_tier,
      fromName: name(m.from_tier),
      toTierId: m.to_tier,
      toName: name(m.to_tier),
      members: num(m.members),
    })),
    revenue: tierIds.map((tierId) => {
      const r = byTier.get(tierId);
      return {
        tierId,
        name: name(tierId),
        orders: num(r?.orders),
        revenue: num(r?.revenue),
        previousRevenue: num(r?.previous_revenue),
      };
    }),
    formulas: {
      distribution: 'members signed up by the period’s end, moved by every tier change up to then',
      movements: 'tier changes in the period, counted by from-tier and to-tier',
      revenue: 'order amounts in the period by the tier the member held when the order was placed',
    },
  };
}
