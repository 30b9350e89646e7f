import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { newId } from '../ids';
import { findJourneyForEntry } from '../journeys/journey-for-entry';
import { broadcasts, segments } from '../schema';
import { broadcastInputSchema, type BroadcastInput } from './broadcast-input';
import { BroadcastInputError, BroadcastRequestConflictError } from './errors';

export type Broadcast = typeof broadcasts.$inferSelect;

/**
 * Records a broadcast of a segment into a live "Manual or API" journey, in status
 * `scheduled`; the caller then starts its workflow. The segment's member count is kept as
 * what the marketer confirmed. A repeated request key returns the first broadcast
 * (`created: false`), so a double submit never enters the segment twice.
 */
export async function createBroadcast(
  db: Executor,
  workspaceId: string,
  rawInput: BroadcastInput,
): Promise<{ broadcast: Broadcast; created: boolean }> {
  const input = broadcastInputSchema.parse(rawInput);

  const repeated = await findByRequestKey(db, workspaceId, input.requestKey);
  if (repeated) return { broadcast: sameRequestOrThrow(repeated, input), created: false };

  const journey = await findJourneyForEntry(db, workspaceId, input.journeyId);
  if (!journey) throw new BroadcastInputError('journeyId', 'journey_not_found', 'no such journey');
  if (journey.status !== 'live' || !journey.program) {
    throw new BroadcastInputError(
      'journeyId',
      'journey_not_live',
      `the journey is ${journey.status}, not live`,
    );
  }
  if (journey.program.trigger.type !== 'trigger_manual') {
    throw new BroadcastInputError(
      'journeyId',
      'journey_not_manual',
      'only journeys whose trigger is "Manual or API" take broadcasts',
    );
  }
  const [segment] = await db
    .select({ id: segments.id, memberCount: segments.memberCount })
    .from(segments)
    .where(and(eq(segments.workspaceId, workspaceId), eq(segments.id, input.segmentId)));
  if (!segment) throw new BroadcastInputError('segmentId', 'segment_not_found', 'no such segment');

  const [inserted] = await db
    .insert(broadcasts)
    .values({
      id: newId('bc'),
      workspaceId,
      journeyId: input.journeyId,
      segmentId: segment.id,
      ratePerSecond: input.ratePerSecond,
      memberCount: segment.memberCount,
      createdBy: input.note,
      requestKey: input.requestKey,
      scheduledFor: input.scheduledFor ?? null,
    })
    // Two submits racing past the lookup above: the unique key lets one in.
    .onConflictDoNothing({ target: [broadcasts.workspaceId, broadcasts.requestKey] })
    .returning();
  if (inserted) return { broadcast: inserted, created: true };
  const winner = await findByRequestKey(db, workspaceId, input.requestKey);
  if (!winner) throw new Error('The broadcast with this request key vanished.');
  return { broadcast: sameRequestOrThrow(winner, input), created: false };
}

async function findByRequestKey(db: Executor, workspaceId: string, requestKey: string) {
  const [row] = await db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.workspaceId, workspaceId), eq(broadcasts.requestKey, requestKey)));
  return row ?? null;
}

function sameRequestOrThrow(
  existing: Broadcast,
  input: { journeyId: string; segmentId: string; ratePerSecond: number; requestKey: string },
): Broadcast {
  if (
    existing.journeyId !== input.journeyId ||
    existing.segmentId !== input.segmentId ||
    existing.ratePerSecond !== input.ratePerSecond
  ) {
    throw new BroadcastRequestConflictError(input.requestKey);
  }
  return existing;
}
