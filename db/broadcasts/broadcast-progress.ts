import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { broadcasts } from '../schema';
import type { Broadcast } from './create-broadcast';

/**
 * The fan-out's bookkeeping on the broadcast row. Every write filters by workspace and
 * by the statuses it may change, so a broadcast cancelled meanwhile is never revived.
 */

const activeStatuses = ['scheduled', 'running'] as const;

export async function loadBroadcast(
  db: Executor,
  workspaceId: string,
  broadcastId: string,
): Promise<Broadcast | null> {
  const [row] = await db
    .select()
    .from(broadcasts)
    .where(and(eq(broadcasts.workspaceId, workspaceId), eq(broadcasts.id, broadcastId)));
  return row ?? null;
}

/**
 * Before each page: `running` (with its start time, the first time) and no longer held.
 * Null when it is not active any more (cancelled, ended): the fan-out must stop.
 */
export async function markBroadcastRunning(
  db: Executor,
  workspaceId: string,
  broadcastId: string,
): Promise<Broadcast | null> {
  const [row] = await db
    .update(broadcasts)
    .set({
      status: 'running',
      statusReason: null,
      startedAt: sql`coalesce(${broadcasts.startedAt}, now())`,
    })
    .where(
      and(
        eq(broadcasts.workspaceId, workspaceId),
        eq(broadcasts.id, broadcastId),
        inArray(broadcasts.status, [...activeStatuses]),
      ),
    )
    .returning();
  return row ?? null;
}

/** Waiting for the journey (paused, or before its active window): the reason shows in the list. */
export async function holdBroadcast(
  db: Executor,
  workspaceId: string,
  broadcastId: string,
  reason: 'journey_paused' | 'journey_not_active_yet',
): Promise<boolean> {
  const rows = await db
    .update(broadcasts)
    .set({ statusReason: reason })
    .where(
      and(
        eq(broadcasts.workspaceId, workspaceId),
        eq(broadcasts.id, broadcastId),
        inArray(broadcasts.status, [...activeStatuses]),
      ),
    )
    .returning({ id: broadcasts.id });
  return rows.length > 0;
}

export interface PageProgress {
  /** The cursor the page started from: the write applies only if nobody moved it since. */
  fromCursor: string | null;
  /** The last member handled in id order. */
  toCursor: string | null;
  started: number;
  alreadyIn: number;
  skipped: number;
}

/**
 * Saves a page's cursor and adds its counts, if the cursor is still where this attempt
 * read it: an older attempt of the activity that is still running (its heartbeat timed
 * out, it has not noticed yet) cannot move it back or count a page twice. Also saved
 * when the broadcast was cancelled meanwhile, so its final counts are right.
 * Returns the row's status after the write, or null when the cursor had moved.
 */
export async function saveBroadcastProgress(
  db: Executor,
  workspaceId: string,
  broadcastId: string,
  page: PageProgress,
): Promise<Broadcast['status'] | null> {
  const [row] = await db
    .update(broadcasts)
    .set({
      cursor: page.toCursor,
      started: sql`${broadcasts.started} + ${page.started}`,
      alreadyIn: sql`${broadcasts.alreadyIn} + ${page.alreadyIn}`,
      skipped: sql`${broadcasts.skipped} + ${page.skipped}`,
    })
    .where(
      and(
        eq(broadcasts.workspaceId, workspaceId),
        eq(broadcasts.id, broadcastId),
        inArray(broadcasts.status, ['running', 'cancelled']),
        page.fromCursor === null ? isNull(broadcasts.cursor) : eq(broadcasts.cursor, page.fromCursor),
      ),
    )
    .returning({ status: broadcasts.status });
  return row?.status ?? null;
}

/** Ends an active broadcast; false when it had ended already (a cancel won, say). */
export async function endBroadcast(
  db: Executor,
  workspaceId: string,
  broadcastId: string,
  end: { status: 'completed' | 'cancelled' | 'failed'; reason: string | null },
): Promise<boolean> {
  const rows = await db
    .update(broadcasts)
    .set({ status: end.status, statusReason: end.reason, finishedAt: sql`now()` })
    .where(
      and(
        eq(broadcasts.workspaceId, workspaceId),
        eq(broadcasts.id, broadcastId),
        inArray(broadcasts.status, [...activeStatuses]),
      ),
    )
    .returning({ id: broadcasts.id });
  return rows.length > 0;
}
