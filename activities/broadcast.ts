import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import { isGrpcServiceError, ServiceError, type Client } from '@temporalio/client';
import {
  endBroadcast,
  holdBroadcast,
  loadBroadcast,
  markBroadcastRunning,
  saveBroadcastProgress,
} from '../db/broadcasts/broadcast-progress';
import type { Database } from '../db/client';
import { findJourneyForEntry } from '../db/journeys/journey-for-entry';
import { segmentMemberPage } from '../db/segments/segment-members';
import { startJourneyRun } from '../server/temporal/start-journey-run';
import {
  broadcastEntryKey,
  type BroadcastActivities,
  type FanOutInput,
  type FanOutResult,
} from '../workflows/broadcast-contract';
import type { JourneyProgram } from '../workflows/journey/program';
import { isWithinActiveWindow } from '../workflows/journey/entry-key';
import { journeyProgramSchema } from '../workflows/journey/program';
import { createStartPacer } from './start-pacer';

/** The trigger event a broadcast run receives: templates can read `event.properties.broadcastId`. */
export const broadcastEventName = 'journey_broadcast';

/** gRPC INVALID_ARGUMENT: Temporal refused this one start for what it carries, not an outage. */
const invalidArgument = 3;

/** Members per page: about five seconds of starts, within bounds that keep a page's redo small. */
export function broadcastPageSize(ratePerSecond: number): number {
  return Math.min(500, Math.max(20, ratePerSecond * 5));
}

/** Starts in flight at once: enough to keep up with the rate over a start's round trip. */
export function broadcastConcurrency(ratePerSecond: number): number {
  return Math.min(16, Math.max(1, Math.ceil(ratePerSecond / 50)));
}

interface Counts {
  started: number;
  alreadyIn: number;
  skipped: number;
}

type Handled = 'started' | 'alreadyIn' | 'skipped';

/**
 * The fan-out behind a broadcast. Pages through the segment's members from the cursor saved
 * on the broadcast row, starts one run per member (workflow id with entry key
 * `broadcast-<id>`, REJECT_DUPLICATE: a repeated start is refused by Temporal and counted
 * `alreadyIn`, never a second run), paced to the broadcast's rate, and saves cursor and counts
 * after every page, so a retried attempt resumes after the last saved page. Before every
 * page it checks the broadcast (cancelled?) and the journey (paused: hold; stopped: cancel).
 * It hands back to the workflow after `maxPages`, so no single activity runs for hours.
 */
export function createBroadcastActivities(deps: {
  db: Database;
  temporal: Client;
  taskQueue: string;
  now?: () => Date;
}): BroadcastActivities {
  const now = deps.now ?? (() => new Date());
  const { db } = deps;
  return {
    async fanOutBroadcast(input: FanOutInput): Promise<FanOutResult> {
      const context = Context.current();
      const { workspaceId, broadcastId } = input;
      const calls: Counts = { started: 0, alreadyIn: 0, skipped: 0 };
      const result = (outcome: FanOutResult['outcome']): FanOutResult => ({ outcome, ...calls });

      const initial = await loadBroadcast(db, workspaceId, broadcastId);
      if (!initial) throw ApplicationFailure.nonRetryable(`Broadcast ${broadcastId} does not exist.`);
      if (initial.status === 'completed') return result('completed');
      if (initial.status !== 'scheduled' && initial.status !== 'running') return result('cancelled');
      const pacer = createStartPacer(initial.ratePerSecond);
      const pageSize = input.pageSize ?? broadcastPageSize(initial.ratePerSecond);
      const concurrency = broadcastConcurrency(initial.ratePerSecond);
      let cursor = initial.cursor;

      for (let page = 0; page < input.maxPages; page++) {
        const journey = await findJourneyForEntry(db, workspaceId, initial.journeyId);
        if (journey?.status === 'paused') {
          await holdBroadcast(db, workspaceId, broadcastId, 'journey_paused');
          return result('held');
        }
        const program = journey?.status === 'live' ? journey.program : null;
        if (!program || program.trigger.type !== 'trigger_manual') {
          const reason = !program ? 'journey_stopped' : 'journey_not_manual';
          await endBroadcast(db, workspaceId, broadcastId, { status: 'cancelled', reason });
          return result('cancelled');
        }
        const settings = journeyProgramSchema.shape.settings.parse(program.settings ?? {});
        const at = now();
        if (!isWithinActiveWindow(settings, at)) {
          if (settings.activeFrom && at.getTime() < Date.parse(settings.activeFrom)) {
            await holdBroadcast(db, workspaceId, broadcastId, 'journey_not_active_yet');
            return result('held');
          }
          await endBroadcast(db, workspaceId, broadcastId, {
            status: 'cancelled',
            reason: 'journey_window_closed',
          });
          return result('cancelled');
        }
        // Also the cancel check: a cancelled broadcast is not made running again.
        if (!(await markBroadcastRunning(db, workspaceId, broadcastId))) return result('cancelled');

        const members = await segmentMemberPage(db, {
          workspaceId,
          segmentId: initial.segmentId,
          afterCustomerId: cursor,
          limit: pageSize,
        });
        // A cancel in the app reaches the row at once, Temporal's cancel only with a (throttled)
        // heartbeat; a paused or stopped journey should admit nobody more either: watch both
        // during the page. The next page's checks then decide between hold and cancel.
        const watch = watchStop(async () => {
          const [row, current] = await Promise.all([
            loadBroadcast(db, workspaceId, broadcastId),
            findJourneyForEntry(db, workspaceId, initial.journeyId),
          ]);
          const active = row?.status === 'running' || row?.status === 'scheduled';
          return !active || current?.status !== 'live';
        });
        const outcome = await enterPage(members, {
          concurrency,
          take: () => pacer.take(),
          start: (customerId) =>
            startMember(deps, program, broadcastId, customerId, at, (error) =>
              context.log.warn('Broadcast skipped a member Temporal refused', {
                broadcastId,
                customerId,
                error: error instanceof Error ? error.message : String(error),
              }),
            ),
          // Heartbeats after every start (the SDK throttles them): they carry cancellation.
          onHandled: () => context.heartbeat({ cursor, ...calls }),
          cancelled: () => context.cancellationSignal.aborted || watch.cancelled(),
        }).finally(() => watch.stop());
        // Only the members before the first one not handled count and move the cursor: a
        // retry redoes the rest of the page, and any of them started already is refused.
        const status = await saveBroadcastProgress(db, workspaceId, broadcastId, {
          fromCursor: cursor,
          toCursor: outcome.lastHandled ?? cursor,
          ...outcome.counts,
        });
        if (status === null) {
          // An older attempt still running moved it: retry, which reads the cursor afresh.
          throw ApplicationFailure.retryable(
            'Another attempt of this broadcast moved its cursor; this one stops.',
            'BroadcastCursorMoved',
          );
        }
        calls.started += outcome.counts.started;
        calls.alreadyIn += outcome.counts.alreadyIn;
        calls.skipped += outcome.counts.skipped;
        cursor = outcome.lastHandled ?? cursor;
        context.heartbeat({ cursor, ...calls });
        if (outcome.error !== undefined) throw outcome.error;
        if (context.cancellationSignal.aborted) throw new CancelledFailure('Broadcast activity cancelled');
        if (status === 'cancelled') return result('cancelled');
        const wholePage = members.length === 0 || outcome.lastHandled === members.at(-1);
        if (wholePage && members.length < pageSize) {
          await endBroadcast(db, workspaceId, broadcastId, { status: 'completed', reason: null });
          return result('completed');
        }
      }
      return result('more');
    },

    async failBroadcast({ workspaceId, broadcastId, reason }) {
      await endBroadcast(db, workspaceId, broadcastId, { status: 'failed', reason: reason.slice(0, 500) });
    },
  };
}

async function startMember(
  deps: { temporal: Client; taskQueue: string },
  program: JourneyProgram,
  broadcastId: string,
  customerId: string,
  at: Date,
  onSkipped: (error: unknown) => void,
): Promise<Handled> {
  try {
    const outcome = await startJourneyRun(deps.temporal, deps.taskQueue, {
      program,
      customerId,
      entryKey: broadcastEntryKey(broadcastId),
      reusePolicy: 'REJECT_DUPLICATE',
      triggerEvent: { name: broadcastEventName, properties: { broadcastId }, occurredAt: at.toISOString() },
    });
    return outcome.started ? 'started' : 'alreadyIn';
  } catch (error) {
    const grpc = error instanceof ServiceError ? error.cause : error;
    if (isGrpcServiceError(grpc) && grpc.code === invalidArgument) {
      onSkipped(error);
      return 'skipped';
    }
    throw error;
  }
}

/** Asks `shouldStop` every second; `cancelled()` turns true once it said yes. */
function watchStop(shouldStop: () => Promise<boolean>, everyMs = 1_000) {
  let cancelled = false;
  const timer = setInterval(() => {
    shouldStop().then(
      (stop) => {
        if (stop) cancelled = true;
      },
      // A failed look is not a stop; the next page's checks look again.
      () => {},
    );
  }, everyMs);
  return { cancelled: () => cancelled, stop: () => clearInterval(timer) };
}

interface PageOutcome {
  counts: Counts;
  /** The last member of the handled prefix of the page; null: none handled. */
  lastHandled: string | null;
  stoppedByCancel: boolean;
  error?: unknown;
}

/**
 * Enters one page's members with up to `concurrency` starts in flight, each waiting for
 * its pacer slot. Stops taking new members on cancellation or the first failure; reports
 * the handled prefix (members in order, all done), which is what may be saved.
 */
export async function enterPage(
  members: string[],
  options: {
    concurrency: number;
    take: () => Promise<void>;
    start: (customerId: string) => Promise<Handled>;
    onHandled: () => void;
    cancelled: () => boolean;
  },
): Promise<PageOutcome> {
  const results: (Handled | undefined)[] = new Array(members.length);
  let next = 0;
  let stop = false;
  let stoppedByCancel = false;
  let failure: { error: unknown } | undefined;
  async function lane() {
    while (!stop && next < members.length) {
      if (options.cancelled()) {
        stop = stoppedByCancel = true;
        return;
      }
      const index = next++;
      await options.take();
      if (stop) return;
      try {
        results[index] = await options.start(members[index]!);
        options.onHandled();
      } catch (error) {
        failure ??= { error };
        stop = true;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, members.length) }, lane));
  const counts: Counts = { started: 0, alreadyIn: 0, skipped: 0 };
  let lastHandled: string | null = null;
  for (let index = 0; index < members.length; index++) {
    const handled = results[index];
    if (!handled) break;
    counts[handled]++;
    lastHandled = members[index]!;
  }
  return { counts, lastHandled, stoppedByCancel, ...(failure ? { error: failure.error } : {}) };
}
