import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/** One claimed outbox row with its event, ready to route. */
export interface ClaimedEvent {
  eventId: string;
  workspaceId: string;
  customerId: string | null;
  name: string;
  properties: Record<string, unknown>;
  occurredAt: Date;
  /** Failed deliveries so far (0 on the first try). */
  attempts: number;
}

/** Retries wait 2 s, 4 s, 8 s … and never longer than five minutes. */
export const maxBackoffSeconds = 300;

export function backoffSeconds(attempts: number): number {
  return Math.min(maxBackoffSeconds, 2 ** Math.max(1, Math.min(attempts, 20)));
}

const maxErrorLength = 2000;

/**
 * Claims up to `limit` deliverable rows, oldest first, for `leaseSeconds`: the claim moves
 * `available_at` past the lease in the same statement that locks the rows
 * (`FOR UPDATE SKIP LOCKED`), so concurrent dispatchers each take different rows and no
 * transaction stays open while Temporal is called. A dispatcher that dies mid-batch
 * leaves its rows to be claimed again when the lease runs out; routing twice is harmless
 * (starts are refused by workflow id, runs ignore event ids they have seen).
 */
export async function claimOutboxBatch(
  db: Executor,
  options: {
    limit: number;
    leaseSeconds: number;
    /** Only these workspaces' rows (tests sharing a database; a dispatcher dedicated to tenants). */
    workspaceIds?: readonly string[];
  },
): Promise<ClaimedEvent[]> {
  if (options.workspaceIds?.length === 0) return [];
  const onlyWorkspaces = options.workspaceIds
    ? sql`and workspace_id in (${sql.join(
        options.workspaceIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const rows = (await db.execute(sql`
    with picked as (
      select event_id from event_outbox
      where delivered_at is null and available_at <= now() ${onlyWorkspaces}
      order by available_at, created_at, event_id
      limit ${options.limit}
      for update skip locked
    )
    update event_outbox o
    set available_at = now() + make_interval(secs => ${options.leaseSeconds})
    from picked, events e
    where o.event_id = picked.event_id and e.id = o.event_id and e.workspace_id = o.workspace_id
    returning o.event_id, o.workspace_id, o.attempts, o.created_at,
      e.customer_id, e.name, e.properties, e.occurred_at
  `)) as unknown as Array<{
    event_id: string;
    workspace_id: string;
    attempts: number;
    created_at: string | Date;
    customer_id: string | null;
    name: string;
    properties: Record<string, unknown> | null;
    occurred_at: string | Date;
  }>;
  // RETURNING has no order of its own: route in the order the events were stored.
  return rows
    .sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime())
    .map((row) => ({
      eventId: row.event_id,
      workspaceId: row.workspace_id,
      customerId: row.customer_id,
      name: row.name,
      properties: row.properties ?? {},
      occurredAt: new Date(row.occurred_at),
      attempts: row.attempts,
    }));
}

/**
 * Done with a row. `note` says why nothing was routed (an event without a customer); it is
 * kept in `last_error`, which on a delivered row is a remark, not a failure.
 */
export async function markOutboxDelivered(
  db: Executor,
  row: { eventId: string; workspaceId: string },
  note: string | null = null,
): Promise<void> {
  await db.execute(sql`
    update event_outbox
    set delivered_at = now(), last_error = ${note}
    where event_id = ${row.eventId} and workspace_id = ${row.workspaceId} and delivered_at is null
  `);
}

/** A failed delivery: counted, its error kept, and the row offered again after the backoff. */
export async function markOutboxFailed(
  db: Executor,
  row: { eventId: string; workspaceId: string },
  error: string,
): Promise<{ attempts: number; retryInSeconds: number }> {
  const [updated] = (await db.execute(sql`
    update event_outbox
    set attempts = attempts + 1,
        last_error = ${error.slice(0, maxErrorLength)},
        available_at = now() + make_interval(secs => least(${maxBackoffSeconds}, power(2, least(greatest(attempts + 1, 1), 20))))
    where event_id = ${row.eventId} and workspace_id = ${row.workspaceId} and delivered_at is null
    returning attempts
  `)) as unknown as Array<{ attempts: number }>;
  const attempts = updated?.attempts ?? 0;
  return { attempts, retryInSeconds: backoffSeconds(attempts) };
}

/**
 * Hands claimed rows back untried, attempts unchanged. `behind`: not before that row is
 * due again (it failed), so a customer's later events do not overtake their failed one.
 */
export async function releaseOutboxRows(
  db: Executor,
  rows: ReadonlyArray<{ eventId: string; workspaceId: string }>,
  behind?: { eventId: string; workspaceId: string },
): Promise<void> {
  if (rows.length === 0) return;
  const pairs = sql.join(
    rows.map((row) => sql`(${row.eventId}, ${row.workspaceId})`),
    sql`, `,
  );
  const availableAt = behind
    ? sql`coalesce((select available_at from event_outbox
        where event_id = ${behind.eventId} and workspace_id = ${behind.workspaceId}), now())`
    : sql`now()`;
  await db.execute(sql`
    update event_outbox set available_at = ${availableAt}
    where (event_id, workspace_id) in (${pairs}) and delivered_at is null
  `);
}

/** Rows still waiting for delivery, for health pages and tests. */
export async function countPendingOutbox(db: Executor, workspaceId: string): Promise<number> {
  const [row] = (await db.execute(sql`
    select count(*)::int as count from event_outbox
    where workspace_id = ${workspaceId} and delivered_at is null
  `)) as unknown as Array<{ count: number }>;
  return row?.count ?? 0;
}
