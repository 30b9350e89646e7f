import { sql } from 'drizzle-orm';
import type { Executor } from '../../client';

export interface LedgerTotals {
  balance: number;
  entrySum: number;
  entryCount: number;
  lotSum: number;
}

/** The cached balance next to what it caches: the entries and the lots. Zeros without an account. */
export async function ledgerTotals(
  db: Executor,
  workspaceId: string,
  customerId: string,
): Promise<LedgerTotals> {
  const [row] = (await db.execute(sql`
    select a.balance,
      (select coalesce(sum(points), 0)::integer from ledger_entries e where e.account_id = a.id) as "entrySum",
      (select count(*)::integer from ledger_entries e where e.account_id = a.id) as "entryCount",
      (select coalesce(sum(points_remaining), 0)::integer from point_lots l where l.account_id = a.id) as "lotSum"
    from loyalty_accounts a
    where a.workspace_id = ${workspaceId} and a.customer_id = ${customerId}
  `)) as unknown as LedgerTotals[];
  return row ?? { balance: 0, entrySum: 0, entryCount: 0, lotSum: 0 };
}

/**
 * Every way a workspace's ledger can fail to add up, as readable lines (empty = sound):
 * balance = sum of entries = sum of lot remainders, never negative; every lot's remainder
 * is what it earned less what entries took from it; every entry that took points took
 * exactly its amount from lots; the cached balance is the last entry's `balance_after`.
 */
export async function ledgerViolations(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = (await db.execute(sql`
    select 'account ' || a.id || ': balance ' || a.balance || ' but entries sum to ' || s.entries as problem
    from loyalty_accounts a
    cross join lateral (select coalesce(sum(points), 0) as entries from ledger_entries e where e.account_id = a.id) s
    where a.workspace_id = ${workspaceId} and a.balance <> s.entries
    union all
    select 'account ' || a.id || ': balance ' || a.balance || ' but lots hold ' || s.lots
    from loyalty_accounts a
    cross join lateral (select coalesce(sum(points_remaining), 0) as lots from point_lots l where l.account_id = a.id) s
    where a.workspace_id = ${workspaceId} and a.balance <> s.lots
    union all
    select 'account ' || a.id || ': negative balance ' || a.balance
    from loyalty_accounts a where a.workspace_id = ${workspaceId} and a.balance < 0
    union all
    select 'lot ' || l.id || ': earned ' || l.points_earned || ', remaining ' || l.points_remaining || ', consumed ' || coalesce(c.points, 0)
    from point_lots l
    left join (select lot_id, sum(points) as points from lot_consumptions group by lot_id) c on c.lot_id = l.id
    where l.workspace_id = ${workspaceId} and l.points_earned - coalesce(c.points, 0) <> l.points_remaining
    union all
    select 'entry ' || e.id || ' (' || e.kind || ' ' || e.points || ') took ' || coalesce(c.points, 0) || ' from lots'
    from ledger_entries e
    left join (select entry_id, sum(points) as points from lot_consumptions group by entry_id) c on c.entry_id = e.id
    where e.workspace_id = ${workspaceId} and greatest(-e.points, 0) <> coalesce(c.points, 0)
    union all
    select 'account ' || a.id || ': balance ' || a.balance || ' but the last entry says ' || last.balance_after
    from loyalty_accounts a
    cross join lateral (
      select balance_after from ledger_entries e where e.account_id = a.id
      order by created_at desc, balance_after asc limit 1
    ) last
    where a.workspace_id = ${workspaceId} and a.balance <> last.balance_after
  `)) as unknown as Array<{ problem: string }>;
  return rows.map((row) => row.problem);
}
