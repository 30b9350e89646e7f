import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { broadcasts, segments } from '../schema';

/** A journey's broadcasts, newest first, with their progress and the segment's name. */
export async function listBroadcasts(db: Executor, workspaceId: string, journeyId: string, limit = 50) {
  return db
    .select({
      id: broadcasts.id,
      segmentId: broadcasts.segmentId,
      segmentName: segments.name,
      ratePerSecond: broadcasts.ratePerSecond,
      status: broadcasts.status,
      statusReason: broadcasts.statusReason,
      memberCount: broadcasts.memberCount,
      started: broadcasts.started,
      alreadyIn: broadcasts.alreadyIn,
      skipped: broadcasts.skipped,
      note: broadcasts.createdBy,
      scheduledFor: broadcasts.scheduledFor,
      createdAt: broadcasts.createdAt,
      startedAt: broadcasts.startedAt,
      finishedAt: broadcasts.finishedAt,
    })
    .from(broadcasts)
    .innerJoin(segments, and(eq(segments.id, broadcasts.segmentId), eq(segments.workspaceId, workspaceId)))
    .where(and(eq(broadcasts.workspaceId, workspaceId), eq(broadcasts.journeyId, journeyId)))
    .orderBy(desc(broadcasts.createdAt))
    .limit(limit);
}

export type BroadcastListItem = Awaited<ReturnType<typeof listBroadcasts>>[number];
