import { CancelledFailure, WorkflowNotFoundError } from '@temporalio/client';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { journeys, journeyVersions } from '../../db/schema';
import type { TemporalHandle } from '../temporal/client';
import { runningRunsOfJourney } from '../temporal/running-runs';
import { isDateTrigger } from '../../workflows/journey/date-trigger';
import { ensureDateTriggerSchedule, pauseTriggerSchedule } from '../temporal/trigger-schedules';

type JourneyStatus = (typeof journeys.$inferSelect)['status'];

export interface LifecycleDeps {
  db: Database;
  temporal: () => Promise<TemporalHandle>;
}

export interface LifecycleTarget {
  workspaceId: string;
  journeyId: string;
}

export interface LifecycleResult {
  status: JourneyStatus;
  /**
   * Set when the database change is made but Temporal could not be told (its trigger
   * schedule, or cancelling runs). Repeating the action finishes the job.
   */
  temporalWarning: string | null;
}

export interface StopResult extends LifecycleResult {
  /** Running runs asked to cancel. */
  cancelled: number;
}

/**
 * Pause: no new entries (the dispatcher and the birthday scan only admit `live` journeys;
 * the trigger schedule is paused too), while runs in flight go on. Repeating it is a no-op.
 */
export async function pauseJourney(deps: LifecycleDeps, target: LifecycleTarget): Promise<LifecycleResult> {
  const status = await transition(deps.db, target, ['live', 'paused'], 'paused');
  const temporalWarning = await tellTemporal(deps, async ({ client }) => {
    await pauseTriggerSchedule(client, target.journeyId);
  });
  return { status, temporalWarning };
}

/** Resume a paused journey: it admits new entries again, its birthday schedule ticks again. */
export async function resumeJourney(deps: LifecycleDeps, target: LifecycleTarget): Promise<LifecycleResult> {
  const status = await transition(deps.db, target, ['paused', 'live'], 'live');
  const triggerType = await liveTriggerType(deps.db, target);
  const temporalWarning = await tellTemporal(deps, async ({ client, settings }) => {
    if (isDateTrigger(triggerType)) await ensureDateTriggerSchedule(client, settings.taskQueue, target);
  });
  return { status, temporalWarning };
}

/**
 * Stop: no new entries, and every running run of the journey (any version) is asked to
 * cancel. The status changes first, so no run starts after the listing; a run started in
 * the moment before (an event being routed, a birthday scan mid-page) may not be listed yet
 * by Temporal's visibility store: stopping again cancels it. Publishing makes it live again.
 */
export async function stopJourney(deps: LifecycleDeps, target: LifecycleTarget): Promise<StopResult> {
  const status = await transition(deps.db, target, ['live', 'paused', 'stopped'], 'stopped');
  let cancelled = 0;
  const temporalWarning = await tellTemporal(deps, async ({ client }) => {
    await pauseTriggerSchedule(client, target.journeyId);
    const workflowIds = new Set((await runningRunsOfJourney(client, target)).map((run) => run.workflowId));
    for (const workflowId of workflowIds) {
      try {
        // By workflow id alone: a run that continued as new is cancelled in its latest form.
        await client.workflow.getHandle(workflowId).cancel();
        cancelled++;
      } catch (error) {
        // Ended (or already cancelled) since the listing: nothing left to stop.
        if (!(error instanceof WorkflowNotFoundError || error instanceof CancelledFailure)) throw error;
      }
    }
  });
  return { status, temporalWarning, cancelled };
}

/** Moves the journey to `to` if it is in one of `from`, atomically; else says why not. */
async function transition(
  db: Database,
  target: LifecycleTarget,
  from: JourneyStatus[],
  to: JourneyStatus,
): Promise<JourneyStatus> {
  const [moved] = await db
    .update(journeys)
    .set({ status: to, updatedAt: new Date() })
    .where(
      and(
        eq(journeys.id, target.journeyId),
        eq(journeys.workspaceId, target.workspaceId),
        inArray(journeys.status, from),
      ),
    )
    .returning({ status: journeys.status });
  if (moved) return moved.status;
  const [current] = await db
    .select({ status: journeys.status })
    .from(journeys)
    .where(and(eq(journeys.id, target.journeyId), eq(journeys.workspaceId, target.workspaceId)));
  if (!current) throw new TRPCError({ code: 'NOT_FOUND', message: 'This journey does not exist.' });
  throw new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: `A ${current.status} journey cannot be ${to === 'live' ? 'resumed' : to}; it must be ${from.join(' or ')}.`,
  });
}

async function liveTriggerType(db: Database, target: LifecycleTarget): Promise<string | null> {
  const [row] = await db
    .select({ program: journeyVersions.program })
    .from(journeys)
    .innerJoin(
      journeyVersions,
      and(eq(journeyVersions.journeyId, journeys.id), eq(journeyVersions.version, journeys.liveVersion)),
    )
    .where(and(eq(journeys.id, target.journeyId), eq(journeys.workspaceId, target.workspaceId)));
  return row?.program.trigger.type ?? null;
}

async function tellTemporal(
  deps: LifecycleDeps,
  action: (handle: TemporalHandle) => Promise<void>,
): Promise<string | null> {
  try {
    await action(await deps.temporal());
    return null;
  } catch (error) {
    return `Temporal could not be reached${error instanceof Error ? `: ${error.message}` : '.'} Repeat the action once it is back.`;
  }
}
