import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Transaction } from '../client';
import { databaseNow } from '../database-now';
import { emitPointsExpired } from './points-expired-events';
import { parseLedgerRequest, systemKeyPrefix, workspaceIdField } from './request-fields';

export const expireRequestSchema = z.object({
  workspaceId: workspaceIdField,
  /** The cut-off: lots with `expires_at <= asOf` expire. Default: the database's `now()`. */
  asOf: z.date().optional(),
  /** Resume after this account id (accounts are walked in id order); null starts at the first. */
  afterAccountId: z.string().min(1).nullable().default(null),
  /** Accounts per transaction: large enough for set-based SQL to pay off, small enough to hold locks briefly. */
  maxAccounts: z.number().int().min(1).max(5_000).default(500),
});

export type ExpireRequest = z.input<typeof expireRequestSchema>;

export interface ExpiredAccount {
  accountId: string;
  customerId: string;
  points: number;
  lots: number;
  /** The balance after the expiry. */
  balance: number;
  /** The account's first `expire` entry of this batch (lowest id): the `points_expired` event is named after it. */
  firstEntryId: string;
}

export interface ExpireBatchResult {
  asOf: Date;
  expiredLots: number;
  expiredPoints: number;
  /** Who lost points; each got a `points_expired` event in the batch's transaction. */
  accounts: ExpiredAccount[];
  /** Pass as `afterAccountId` for the next batch; null when no due lots are left after this one. */
  nextAfterAccountId: string | null;
}

export interface ExpireHooks {
  /**
   * Runs inside the batch's transaction after the expiry and its `points_expired` events
   * are written, so whatever it writes commits or rolls back with them.
   */
  onExpired?: (tx: Transaction, batch: { asOf: Date; accounts: ExpiredAccount[] }) => Promise<void>;
}

/**
 * Expires the due lots of up to `maxAccounts` accounts of one workspace, in one
 * transaction: the accounts are locked FOR UPDATE in id order (the lock every ledger
 * write takes, so balances stay exact and concurrent batches cannot deadlock), then one
 * set-based statement writes one `expire` entry per lot (key `system:expire:<lot>`, so a
 * lot expires once), its lot consumption, empties the lots and lowers the balances;
 * then one `points_expired` event per account (`emitPointsExpired`). Call again with `nextAfterAccountId` until it is null.
 */
export async function expireDueLots(
  db: Database,
  input: ExpireRequest,
  hooks: ExpireHooks = {},
): Promise<ExpireBatchResult> {
  const request = parseLedgerRequest(expireRequestSchema, input);
  return db.transaction(async (tx) => {
    const asOf = request.asOf ?? (await databaseNow(tx));
    const cutoff = asOf.toISOString();
    const after = request.afterAccountId === null ? sql`` : sql`and account_id > ${request.afterAccountId}`;
    const locked = (await tx.execute(sql`
      select id from loyalty_accounts
      where workspace_id = ${request.workspaceId} and id in (
        select distinct account_id from point_lots
        where workspace_id = ${request.workspaceId} and points_remaining > 0
          and expires_at is not null and expires_at <= ${cutoff}::timestamptz ${after}
        order by account_id
        limit ${request.maxAccounts}
      )
      order by id
      for update
    `)) as unknown as Array<{ id: string }>;
    if (locked.length === 0)
      return { asOf, expiredLots: 0, expiredPoints: 0, accounts: [], nextAfterAccountId: null };

    // A new statement, so it reads the lots as they are now that the accounts are locked.
    const accounts = (await tx.execute(sql`
      with due as materialized (
        select l.id as lot_id, l.account_id, l.points_remaining as points,
          'led_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 20) as entry_id,
          a.balance - sum(l.points_remaining) over (
            partition by l.account_id order by l.expires_at, l.created_at, l.id
            rows between unbounded preceding and current row
          ) as balance_after
        from point_lots l
        join loyalty_accounts a on a.id = l.account_id
        where l.workspace_id = ${request.workspaceId}
          and l.account_id in ${locked.map((row) => row.id)}
          and l.points_remaining > 0 and l.expires_at is not null and l.expires_at <= ${cutoff}::timestamptz
      ), entries as (
        insert into ledger_entries
          (id, workspace_id, account_id, kind, points, balance_after, idempotency_key, request_hash, reason, source,
           created_at)
        select entry_id, ${request.workspaceId}, account_id, 'expire', -points, balance_after,
          ${`${systemKeyPrefix}expire:`} || lot_id,
          encode(sha256(convert_to('expire:' || lot_id, 'UTF8')), 'hex'),
          'Points expired',
          jsonb_build_object('lotId', lot_id, 'asOf', ${cutoff}::text),
          statement_timestamp()
        from due
      ), consumed as (
        insert into lot_consumptions (entry_id, lot_id, workspace_id, points)
        select entry_id, lot_id, ${request.workspaceId}, points from due
      ), emptied as (
        update point_lots set points_remaining = 0 from due where point_lots.id = due.lot_id
      ), per_account as (
        select account_id, sum(points)::integer as points, count(*)::integer as lots, min(entry_id) as first_entry_id
        from due group by account_id
      )
      update loyalty_accounts set balance = loyalty_accounts.balance - per_account.points, updated_at = now()
      from per_account where loyalty_accounts.id = per_account.account_id
      returning loyalty_accounts.id as "accountId", loyalty_accounts.customer_id as "customerId",
        per_account.points, per_account.lots, loyalty_accounts.balance, per_account.first_entry_id as "firstEntryId"
    `)) as unknown as ExpiredAccount[];
    accounts.sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
    await emitPointsExpired(tx, { workspaceId: request.workspaceId, asOf, accounts });

    if (hooks.onExpired && accounts.length > 0) await hooks.onExpired(tx, { asOf, accounts });
    return {
      asOf,
      expiredLots: accounts.reduce((sum, account) => sum + account.lots, 0),
      expiredPoints: accounts.reduce((sum, account) => sum + account.points, 0),
      accounts,
      nextAfterAccountId: locked.length === request.maxAccounts ? locked.at(-1)!.id : null,
    };
  });
}
