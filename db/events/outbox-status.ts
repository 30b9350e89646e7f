import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

export interface OutboxStatus {
  /** Events not yet routed to journeys. */
  pending: number;
  /** Of those, how many failed at least once (Temporal down, a routing error) and wait to be retried. */
  retrying: number;
  /** When the oldest pending event was stored: the dispatcher is behind by about this much. */
  oldestPendingAt: Date | null;
  /** The newest delivery: a quiet workspace has an old one, a stuck dispatcher a growing backlog too. */
  lastDeliveredAt: Date | null;
  /** The error of the most recent failed attempt among the pending rows, if any. */
  lastError: string | null;
}

/**
 * The event outbox of one workspace, for the system page. Pending rows are few (the partial
 * `event_outbox_pending` index); the last delivery reads the `event_outbox_delivered`
 * index, so neither scans a table that only grows.
 */
export async function outboxStatus(db: Executor, workspaceId: string): Promise<OutboxStatus> {
  const [pending] = (await db.execute(sql`
    select count(*)::int as pending,
           (count(*) filter (where attempts > 0))::int as retrying,
           min(created_at) as oldest,
           (array_agg(last_error order by available_at desc) filter (where last_error is not null))[1] as last_error
    from event_outbox
    where workspace_id = ${workspaceId} and delivered_at is null
  `)) as unknown as Array<{
    pending: number;
    retrying: number;
    oldest: string | Date | null;
    last_error: string | null;
  }>;
  const [delivered] = (await db.execute(sql`
    select delivered_at from event_outbox
    where workspace_id = ${workspaceId} and delivered_at is not null
    order by delivered_at desc
    limit 1
  `)) as unknown as Array<{ delivered_at: string | Date }>;
  return {
    pending: pending?.pending ?? 0,
    retrying: pending?.retrying ?? 0,
    oldestPendingAt: toDate(pending?.oldest ?? null),
    lastDeliveredAt: toDate(delivered?.delivered_at ?? null),
    lastError: pending?.last_error ?? null,
  };
}

// postgres.js returns timestamptz from raw `execute` as a Date or, in some setups, a string.
function toDate(value: string | Date | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}
