import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { newId } from '../ids';
import { eventOutbox, events } from '../schema';

/** What `events.type` holds: a named occurrence, or a profile update (`identify`). */
export type EventType = 'track' | 'identify';

/** The channel the outbox dispatcher LISTENs on; the payload is the workspace id. */
export const eventOutboxChannel = 'event_outbox';

export interface DomainEvent {
  workspaceId: string;
  customerId: string | null;
  /** Defaults to `track`. */
  type?: EventType;
  name: string;
  properties: Record<string, unknown>;
  /** Derived from what happened (e.g. `tier_changed:<change id>`), so emitting twice stores it once. */
  messageId: string;
  source: string;
  occurredAt?: Date;
  /** The sender's user id (`customers.external_id`), for events that came through the tracking API. */
  userId?: string | null;
  /** The sender's anonymous id, for events whose user is not known yet. */
  anonymousId?: string | null;
}

/**
 * Stores an event and its outbox row. Call it inside the transaction that made the
 * change the event reports: then the event exists exactly when the change does, and the
 * dispatcher delivers it to journeys whenever Temporal is reachable. Answers whether it
 * was new (false: this messageId was stored before, nothing written).
 */
export async function emitEvent(
  db: Executor,
  event: DomainEvent,
): Promise<{ eventId: string; created: boolean }> {
  const id = newId('evt');
  const inserted = await db
    .insert(events)
    .values({
      id,
      workspaceId: event.workspaceId,
      customerId: event.customerId,
      type: event.type ?? 'track',
      name: event.name,
      properties: event.properties,
      messageId: event.messageId,
      source: event.source,
      userId: event.userId ?? null,
      anonymousId: event.anonymousId ?? null,
      occurredAt: event.occurredAt ?? sql`now()`,
    })
    .onConflictDoNothing({ target: [events.workspaceId, events.messageId] })
    .returning({ id: events.id });
  if (inserted.length === 0) return { eventId: '', created: false };
  await db.insert(eventOutbox).values({ eventId: id, workspaceId: event.workspaceId });
  await notifyEventOutbox(db, event.workspaceId);
  return { eventId: id, created: true };
}

/**
 * Wakes the dispatcher. NOTIFY inside a transaction is delivered at commit (and dropped on
 * rollback), and Postgres folds identical notifications of one transaction into one, so
 * a transaction emitting a thousand events wakes it once; outside a transaction it is sent at once.
 */
export async function notifyEventOutbox(db: Executor, workspaceId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${eventOutboxChannel}, ${workspaceId})`);
}
