import { sql } from 'drizzle-orm';
import type { Transaction } from '../client';
import { notifyEventOutbox } from '../events/emit-event';

export interface PointsExpiredAccount {
  customerId: string;
  /** The account's first `expire` entry of the batch: names the event, so it is stored once. */
  firstEntryId: string;
  points: number;
  lots: number;
  /** The balance after the expiry. */
  balance: number;
}

/**
 * One `points_expired` event (with its outbox row) per account that lost points in an
 * expiry batch, written in the batch's transaction: the event exists exactly when the
 * expiry does. Its messageId is derived from the account's first expire entry, and a lot
 * expires once, so a re-run writes nothing twice. Set-based, like the expiry itself:
 * one statement for the whole batch.
 */
export async function emitPointsExpired(
  tx: Transaction,
  batch: { workspaceId: string; asOf: Date; accounts: readonly PointsExpiredAccount[] },
): Promise<number> {
  if (batch.accounts.length === 0) return 0;
  const rows = batch.accounts.map((a) => ({
    customer_id: a.customerId,
    entry_id: a.firstEntryId,
    points: a.points,
    lots: a.lots,
    balance: a.balance,
  }));
  const written = (await tx.execute(sql`
    with stored as (
      insert into events (id, workspace_id, customer_id, type, name, properties, message_id, source, occurred_at)
      select 'evt_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 20), ${batch.workspaceId}, x.customer_id,
        'track', 'points_expired',
        jsonb_build_object('points', x.points, 'lots', x.lots, 'balanceAfter', x.balance,
          'asOf', ${batch.asOf.toISOString()}::text),
        'points_expired:' || x.entry_id, 'loyalty', statement_timestamp()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as x(customer_id text, entry_id text, points integer, lots integer, balance integer)
      on conflict (workspace_id, message_id) do nothing
      returning id
    )
    insert into event_outbox (event_id, workspace_id) select id, ${batch.workspaceId} from stored
    returning event_id
  `)) as unknown as unknown[];
  // Wakes the outbox dispatcher at commit, as emitEvent does for single events.
  if (written.length > 0) await notifyEventOutbox(tx, batch.workspaceId);
  return written.length;
}
