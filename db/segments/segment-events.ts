import type { Executor } from '../client';
import { notifyEventOutbox } from '../events/emit-event';
import { newId } from '../ids';
import { segmentEnteredEventName } from '../../workflows/journey/event-trigger';
import { eventOutbox, events } from '../schema';

export { segmentEnteredEventName };
export const segmentExitedEventName = 'segment_exited';
/** Names the segment evaluation itself emits: routing them must not evaluate again (a loop). */
export const segmentEventNames: readonly string[] = [segmentEnteredEventName, segmentExitedEventName];

export interface MembershipChange {
  customerId: string;
  /** The start of the membership: of the new one (entered) or of the one that ended (exited). */
  enteredAt: Date;
}

/**
 * The message id of a membership change. A membership is (segment, customer, entered_at):
 * the exit names the entry it ends, so entering again later is a new pair of events, and
 * a replayed evaluation of the same change writes nothing new.
 */
export function segmentEventMessageId(
  name: typeof segmentEnteredEventName | typeof segmentExitedEventName,
  segmentId: string,
  change: MembershipChange,
): string {
  return `${name}:${segmentId}:${change.customerId}:${change.enteredAt.getTime()}`;
}

const chunkSize = 1_000;

/**
 * Stores `segment_entered` / `segment_exited` events with their outbox rows, as `emitEvent`
 * does, but a thousand per statement: evaluating a large segment for the first time enters
 * every member at once. Call it in the transaction that changed the memberships. One
 * NOTIFY for the lot (Postgres folds them at commit anyway).
 */
export async function emitSegmentEvents(
  db: Executor,
  input: {
    workspaceId: string;
    segment: { id: string; name: string };
    entered: MembershipChange[];
    exited: MembershipChange[];
    /** When the exits happened (the evaluation's time). */
    now: Date;
  },
): Promise<number> {
  const properties = { segmentId: input.segment.id, segmentName: input.segment.name };
  const rows = [
    ...input.entered.map((change) => ({
      name: segmentEnteredEventName,
      customerId: change.customerId,
      messageId: segmentEventMessageId(segmentEnteredEventName, input.segment.id, change),
      occurredAt: change.enteredAt,
    })),
    ...input.exited.map((change) => ({
      name: segmentExitedEventName,
      customerId: change.customerId,
      messageId: segmentEventMessageId(segmentExitedEventName, input.segment.id, change),
      occurredAt: input.now,
    })),
  ];
  let stored = 0;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const inserted = await db
      .insert(events)
      .values(
        rows.slice(start, start + chunkSize).map((row) => ({
          id: newId('evt'),
          workspaceId: input.workspaceId,
          customerId: row.customerId,
          type: 'track',
          name: row.name,
          properties,
          messageId: row.messageId,
          source: 'segments',
          occurredAt: row.occurredAt,
        })),
      )
      .onConflictDoNothing({ target: [events.workspaceId, events.messageId] })
      .returning({ id: events.id });
    if (inserted.length === 0) continue;
    await db
      .insert(eventOutbox)
      .values(inserted.map((row) => ({ eventId: row.id, workspaceId: input.workspaceId })));
    stored += inserted.length;
  }
  if (stored > 0) await notifyEventOutbox(db, input.workspaceId);
  return stored;
}
