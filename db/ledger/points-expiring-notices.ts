import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../client';
import { loyaltyPrograms } from '../schema';
import { parseLedgerRequest, workspaceIdField } from './request-fields';
import { notifyEventOutbox } from '../events/emit-event';

/** Without a program row the column's default applies: notice two weeks ahead. */
export const defaultExpiringNoticeDays = 14;

const noticeRequestSchema = z.object({
  workspaceId: workspaceIdField,
  /** The job's clock: lots expiring after it, up to its local date plus the notice days, are announced. */
  asOf: z.date(),
  afterAccountId: z.string().min(1).nullable().default(null),
  maxAccounts: z.number().int().min(1).max(5_000).default(1_000),
});

export interface ExpiringNoticeBatch {
  /** Null: the workspace turned the notice off; nothing was looked at. */
  noticeDays: number | null;
  accounts: number;
  /** Events written by this batch (0 for notices given before). */
  events: number;
  nextAfterAccountId: string | null;
}

/** How many days ahead the workspace announces expiring points; null: never. */
export async function getExpiringNoticeDays(db: Executor, workspaceId: string): Promise<number | null> {
  const [row] = await db
    .select({ days: loyaltyPrograms.expiringNoticeDays })
    .from(loyaltyPrograms)
    .where(eq(loyaltyPrograms.workspaceId, workspaceId));
  return row ? row.days : defaultExpiringNoticeDays;
}

/**
 * Announces points that are about to expire: one `points_expiring` event per account and
 * local expiry date (workspace zone), for lots expiring after `asOf` and no later than
 * the end of the local day `noticeDays` ahead, with the points expiring that day. The
 * messageId `points_expiring:<accountId>:<YYYY-MM-DD>` makes a re-run (or the next day's
 * run, which still sees the same date in its window) store nothing twice; a window rather
 * than "exactly N days ahead" means a day the job missed is caught up by the next run.
 * Events and outbox rows of a batch are one statement, so one transaction. Walks accounts
 * in id order; call again with `nextAfterAccountId` until it is null.
 */
export async function emitPointsExpiringNotices(
  db: Executor,
  input: z.input<typeof noticeRequestSchema>,
): Promise<ExpiringNoticeBatch> {
  const request = parseLedgerRequest(noticeRequestSchema, input);
  const noticeDays = await getExpiringNoticeDays(db, request.workspaceId);
  if (noticeDays === null) return { noticeDays, accounts: 0, events: 0, nextAfterAccountId: null };
  const asOf = request.asOf.toISOString();
  const horizon = sql`(((${asOf}::timestamptz at time zone w.time_zone)::date + ${noticeDays + 1}::integer)::timestamp
    at time zone w.time_zone)`;
  const after = request.afterAccountId === null ? sql`` : sql`and l.account_id > ${request.afterAccountId}`;
  const accounts = (await db.execute(sql`
    select distinct l.account_id as id
    from point_lots l join workspaces w on w.id = l.workspace_id
    where l.workspace_id = ${request.workspaceId} and l.points_remaining > 0
      and l.expires_at > ${asOf}::timestamptz and l.expires_at < ${horizon} ${after}
    order by l.account_id
    limit ${request.maxAccounts}
  `)) as unknown as Array<{ id: string }>;
  if (accounts.length === 0) return { noticeDays, accounts: 0, events: 0, nextAfterAccountId: null };

  const written = (await db.execute(sql`
    with due as (
      select l.account_id, a.customer_id, a.balance,
        to_char((l.expires_at at time zone w.time_zone)::date, 'YYYY-MM-DD') as expires_on,
        sum(l.points_remaining)::integer as points, min(l.expires_at) as expires_at
      from point_lots l
      join loyalty_accounts a on a.id = l.account_id and a.workspace_id = l.workspace_id
      join workspaces w on w.id = l.workspace_id
      where l.workspace_id = ${request.workspaceId}
        and l.account_id in ${accounts.map((a) => a.id)}
        and l.points_remaining > 0 and l.expires_at > ${asOf}::timestamptz and l.expires_at < ${horizon}
      group by l.account_id, a.customer_id, a.balance, expires_on
    ), stored as (
      insert into events (id, workspace_id, customer_id, type, name, properties, message_id, source, occurred_at)
      select 'evt_' || substr(replace(gen_random_uuid()::text, '-', ''), 1, 20), ${request.workspaceId}, customer_id,
        'track', 'points_expiring',
        jsonb_build_object('points', points, 'expiresOn', expires_on, 'expiresAt', expires_at,
          'balance', balance, 'noticeDays', ${noticeDays}::integer),
        'points_expiring:' || account_id || ':' || expires_on, 'loyalty', statement_timestamp()
      from due
      on conflict (workspace_id, message_id) do nothing
      returning id
    )
    insert into event_outbox (event_id, workspace_id) select id, ${request.workspaceId} from stored
    returning event_id
  `)) as unknown as unknown[];
  // Wakes the outbox dispatcher at commit, as emitEvent does for single events.
  if (written.length > 0) await notifyEventOutbox(db, request.workspaceId);
  return {
    noticeDays,
    accounts: accounts.length,
    events: written.length,
    nextAfterAccountId: accounts.length === request.maxAccounts ? accounts.at(-1)!.id : null,
  };
}
