import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { newId } from '../ids';
import { eventOutbox, events } from '../schema';

export interface DomainEvent {
  workspaceId: string;
  customerId: string | null;
  name: string;
  properties: Record<string, unknown>;
  /** Derived from what happened (e.g. `tier_changed:<change id>`), so emitting twice stores it once. */
  messageId: string;
  source: string;
  occurredAt?: Date;
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
      type: 'track',
      name: event.name,
      properties: event.properties,
      messageId: event.messageId,
      source: event.source,
      occurredAt: event.occurredAt ?? sql`now()`,
    })
    .onConflictDoNothing({ target: [events.workspaceId, events.messageId] })
    .returning({ id: events.id });
  if (inserted.length === 0) return { eventId: '', created: false };
  await db.insert(eventOutbox).values({ eventId: id, workspaceId: event.workspaceId });
  return { eventId: id, created: true };
}
