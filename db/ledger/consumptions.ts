import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import type { Consumption } from './consumption-plan';
import type { LedgerEntryRow } from './idempotency';

/**
 * The lots an entry took points from, in the order it took them: the order's own lots
 * first for a refund, then first-expiring-first, as `consumeLots` does. Replays return
 * this, so a retried request sees the same result as the first one.
 */
export async function consumptionsOf(db: Executor, entry: LedgerEntryRow): Promise<Consumption[]> {
  const rows = await db.execute(sql`
    select c.lot_id as "lotId", c.points
    from lot_consumptions c
    join point_lots l on l.id = c.lot_id
    join ledger_entries earned on earned.id = l.entry_id
    where c.workspace_id = ${entry.workspaceId} and c.entry_id = ${entry.id}
    order by coalesce(earned.order_ref = ${entry.orderRef}, false) desc,
      l.expires_at asc nulls last, l.created_at asc, l.id asc
  `);
  return rows as unknown as Consumption[];
}
