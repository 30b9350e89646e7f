import { CancelledFailure, WorkflowNotFoundError } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { newId } from '../../db/ids';
import { journeys } from '../../db/schema';
import { journeyEventSignal, type JourneyEvent } from '../../workflows/journey/signals';
import type { TemporalHandle } from '../temporal/client';
import { workspaceRun } from './run-detail';
import { runVisibilityQuery } from './visibility-query';

type Deps = { db: Database; temporal: () => Promise<TemporalHandle> };

/** The run exists but is closed: nothing to cancel or signal. */
export class RunNotRunningError extends Error {
  constructor(
    readonly workflowId: string,
    readonly status: string,
  ) {
    super(`The run "${workflowId}" is not running (${status.toLowerCase()}).`);
    this.name = 'RunNotRunningError';
  }
}

async function runningRun(deps: Deps, workspaceId: string, workflowId: string) {
  const run = await workspaceRun(deps, workspaceId, workflowId);
  if (run.description.status.name !== 'RUNNING')
    throw new RunNotRunningError(workflowId, run.description.status.name);
  return run;
}

/** Asks the run to cancel: the workflow ends at its next await, its activities are cancelled. */
export async function cancelRun(
  deps: Deps,
  input: { workspaceId: string; workflowId: string },
): Promise<void> {
  const { handle } = await runningRun(deps, input.workspaceId, input.workflowId);
  await handle.cancel();
}

export const manualEventSchema = z.object({
  name: z.string().trim().min(1, 'name must not be empty.').max(200, 'name is longer than 200 characters.'),
  properties: z
    .record(z.string(), z.unknown())
    .refine(
      (p) => JSON.stringify(p).length <= 32_000,
      'properties are larger than 32,000 characters of JSON.',
    ),
});

/**
 * Sends the run an event of its customer, as the outbox dispatcher does for stored events:
 * it may satisfy the wait the run is in or reach its goal. Not stored in `events` (it is
 * for this one run, not a fact of the customer that triggers journeys); a fresh id, so it
 * is never taken for a redelivery.
 */
export async function sendRunEvent(
  deps: Deps,
  input: { workspaceId: string; workflowId: string; event: z.infer<typeof manualEventSchema> },
): Promise<{ eventId: string }> {
  const event: JourneyEvent = {
    id: newId('mev'),
    name: input.event.name,
    properties: input.event.properties,
    occurredAt: new Date().toISOString(),
  };
  const { handle } = await runningRun(deps, input.workspaceId, input.workflowId);
  await handle.signal(journeyEventSignal, event);
  return { eventId: event.id };
}

/** The journey is not in this workspace. */
export class JourneyNotFoundError extends Error {
  readonly field = 'journeyId';
  constructor(readonly journeyId: string) {
    super(`No journey "${journeyId}" in this workspace.`);
    this.name = 'JourneyNotFoundError';
  }
}

/**
 * Cancels every running run of one journey version, paging through visibility. By
 * workflow id, so a run that continued as new is cancelled in its latest form.
 * Idempotent: a run that ended meanwhile is skipped, and a repeat finds fewer. Visibility
 * trails by about a second: a run started in that moment may be missed (repeat it).
 */
export async function cancelJourneyVersionRuns(
  deps: Deps,
  input: { workspaceId: string; journeyId: string; version: number },
): Promise<{ cancelled: number }> {
  const [journey] = await deps.db
    .select({ id: journeys.id })
    .from(journeys)
    .where(and(eq(journeys.id, input.journeyId), eq(journeys.workspaceId, input.workspaceId)));
  if (!journey) throw new JourneyNotFoundError(input.journeyId);
  const { client } = await deps.temporal();
  const query = runVisibilityQuery(
    input.workspaceId,
    { journeyId: input.journeyId, version: input.version },
    'running',
  );
  const workflowIds = new Set<string>();
  for await (const execution of client.workflow.list({ query, pageSize: 500 }))
    workflowIds.add(execution.workflowId);
  let cancelled = 0;
  for (const workflowId of workflowIds) {
    try {
      await client.workflow.getHandle(workflowId).cancel();
      cancelled++;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError || error instanceof CancelledFailure)) throw error;
    }
  }
  return { cancelled };
}
