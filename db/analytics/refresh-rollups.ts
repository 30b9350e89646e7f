import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../client';

/** Advisory-lock key shared by every refresh, so two never fold the same queue at once. */
const refreshLockKey = 7_310_009;

/**
 * A fold this large (a seed, a backlog after the worker was down) leaves the queues full of
 * dead rows that every later refresh's DELETE would scan until autovacuum comes round:
 * measured, 725,000 of them made folding 500 new deltas slower than a full scan of the
 * events. Above it, the refresh vacuums the queues and rollups itself.
 */
const largeFoldDeltas = 10_000;

export interface RefreshResult {
  /** False when another refresh held the lock and `wait` was false: nothing was done. */
  ran: boolean;
  /** Pending delta rows folded into the rollups. */
  dailyDeltas: number;
  customerDayDeltas: number;
  refreshedAt: Date;
}

/**
 * Adds the pending deltas (written by the source tables' triggers, see
 * `db/migrations/0021_analytics_triggers.sql`) into the rollups, for one workspace or all.
 *
 * One transaction: the pending rows are deleted and their sums added with
 * INSERT … ON CONFLICT DO UPDATE in the same statement, so a crash applies nothing, and a
 * delta applied once is gone, so running twice adds nothing. Rows of transactions that commit
 * later are not visible to the DELETE and wait for the next refresh; unlike a timestamp
 * watermark, nothing slips through a commit-order gap. The advisory lock serialises
 * refreshes (worker processes, the bench, tests); `wait: false` skips instead of queueing.
 */
export async function refreshRollups(
  db: Database,
  workspaceId?: string,
  options: { wait?: boolean } = {},
): Promise<RefreshResult> {
  const scope = workspaceId ?? null;
  const result = await db.transaction(async (tx): Promise<RefreshResult> => {
    if (options.wait === false) {
      const [lock] = (await tx.execute(
        sql`select pg_try_advisory_xact_lock(${refreshLockKey}) as locked`,
      )) as unknown as { locked: boolean }[];
      if (!lock?.locked) return { ran: false, dailyDeltas: 0, customerDayDeltas: 0, refreshedAt: new Date() };
    } else {
      await tx.execute(sql`select pg_advisory_xact_lock(${refreshLockKey})`);
    }

    const [daily] = (await tx.execute(sql`
      with consumed as (
        delete from analytics_pending_daily
        where ${scope}::text is null or workspace_id = ${scope}
        returning *
      ), applied as (
        insert into analytics_daily (workspace_id, metric, day, dim1, dim2, count, amount)
        select workspace_id, metric, day, dim1, dim2, sum(count), sum(amount)
        from consumed group by 1, 2, 3, 4, 5
        on conflict (workspace_id, metric, day, dim1, dim2) do update
          set count = analytics_daily.count + excluded.count,
              amount = analytics_daily.amount + excluded.amount
        returning 1
      ), state as (
        insert into analytics_refresh_state (workspace_id, refreshed_at, last_seq, deltas_applied)
        select workspace_id, now(), max(seq), count(*) from consumed group by workspace_id
        on conflict (workspace_id) do update
          set refreshed_at = excluded.refreshed_at,
              last_seq = greatest(analytics_refresh_state.last_seq, excluded.last_seq),
              deltas_applied = analytics_refresh_state.deltas_applied + excluded.deltas_applied
        returning 1
      )
      select (select count(*) from consumed)::int as deltas,
             (select count(*) from applied)::int as applied,
             (select count(*) from state)::int as workspaces
    `)) as unknown as { deltas: number }[];

    const [customerDays] = (await tx.execute(sql`
      with consumed as (
        delete from analytics_pending_customer_days
        where ${scope}::text is null or workspace_id = ${scope}
        returning *
      ), applied as (
        insert into analytics_customer_days
          (workspace_id, customer_id, day, orders, revenue, refunded, points_earned, points_spent)
        select workspace_id, customer_id, day, sum(orders), sum(revenue), sum(refunded), sum(points_earned), sum(points_spent)
        from consumed group by 1, 2, 3
        on conflict (workspace_id, customer_id, day) do update
          set orders = analytics_customer_days.orders + excluded.orders,
              revenue = analytics_customer_days.revenue + excluded.revenue,
              refunded = analytics_customer_days.refunded + excluded.refunded,
              points_earned = analytics_customer_days.points_earned + excluded.points_earned,
              points_spent = analytics_customer_days.points_spent + excluded.points_spent
        returning 1
      )
      select (select count(*) from consumed)::int as deltas, (select count(*) from applied)::int as applied
    `)) as unknown as { deltas: number }[];

    // The freshness mark: a workspace's figures include everything committed before the
    // later of its own row and the all-workspaces row ('*').
    const [mark] = (await tx.execute(sql`
      insert into analytics_refresh_state (workspace_id, refreshed_at)
      values (${scope ?? '*'}, now())
      on conflict (workspace_id) do update set refreshed_at = excluded.refreshed_at
      returning refreshed_at
    `)) as unknown as { refreshed_at: string | Date }[];

    return {
      ran: true,
      dailyDeltas: Number(daily?.deltas ?? 0),
      customerDayDeltas: Number(customerDays?.deltas ?? 0),
      refreshedAt: new Date(mark!.refreshed_at),
    };
  });
  if (result.dailyDeltas + result.customerDayDeltas > largeFoldDeltas) {
    // Outside the transaction (VACUUM cannot run in one); it takes no lock that blocks writers.
    await db.execute(
      sql`vacuum (analyze) analytics_pending_daily, analytics_pending_customer_days, analytics_daily, analytics_customer_days`,
    );
  }
  return result;
}

/** When the workspace's figures were last brought up to date; null: never. */
export async function rollupsRefreshedAt(db: Executor, workspaceId: string): Promise<Date | null> {
  const [row] = (await db.execute(sql`
    select max(refreshed_at) as at from analytics_refresh_state where workspace_id in (${workspaceId}, '*')
  `)) as unknown as { at: string | Date | null }[];
  return row?.at ? new Date(row.at) : null;
}
