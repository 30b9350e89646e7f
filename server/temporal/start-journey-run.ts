import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { TriggerEvent } from '../../workflows/journey/activities-contract';
import type { JourneyProgram } from '../../workflows/journey/program';
import { journeyRunWorkflowId, journeyRunWorkflowType } from '../../workflows/journey/run-id';
import {
  CustomerIdKey,
  JourneyIdKey,
  JourneyStepKey,
  JourneyVersionKey,
  WorkspaceIdKey,
} from '../../workflows/journey/search-attributes';
import type { JourneyRunInput } from '../../workflows/journey-run';

export type StartRunOutcome = { started: true; workflowId: string } | { started: false; workflowId: string };

/**
 * Starts one customer's run of a journey. The deterministic id plus the reuse policy make
 * the server, not our code, refuse a second run for the same entry key: two scans or two
 * dispatchers racing cannot both start one. `started: false` is that refusal.
 */
export async function startJourneyRun(
  client: Client,
  taskQueue: string,
  run: {
    program: JourneyProgram;
    customerId: string;
    entryKey: string;
    /** The event that entered the customer (event triggers); formulas and templates read it. */
    triggerEvent?: TriggerEvent;
    /**
     * REJECT_DUPLICATE (default): one run per entry key ever (within the namespace's
     * retention). ALLOW_DUPLICATE: again once the previous run with this id has closed
     * (re-entry after exit); while it runs, the start is refused all the same.
     */
    reusePolicy?: 'REJECT_DUPLICATE' | 'ALLOW_DUPLICATE';
    /**
     * Date triggers: the instant the run was due (the trigger's local hour that day). The
     * run skips its steps when it starts later than the journey's maximum lateness after it.
     */
    dueAt?: string;
  },
): Promise<StartRunOutcome> {
  const workflowId = journeyRunWorkflowId({
    workspaceId: run.program.workspaceId,
    journeyId: run.program.journeyId,
    customerId: run.customerId,
    entryKey: run.entryKey,
  });
  const input: JourneyRunInput = {
    program: run.program,
    customerId: run.customerId,
    ...(run.triggerEvent ? { triggerEvent: run.triggerEvent } : {}),
    ...(run.dueAt ? { dueAt: run.dueAt } : {}),
  };
  try {
    await client.workflow.start<(input: JourneyRunInput) => Promise<unknown>>(journeyRunWorkflowType, {
      taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: run.reusePolicy ?? 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: WorkspaceIdKey, value: run.program.workspaceId },
        { key: JourneyIdKey, value: run.program.journeyId },
        { key: JourneyVersionKey, value: run.program.version },
        { key: CustomerIdKey, value: run.customerId },
        { key: JourneyStepKey, value: 'starting' },
      ],
    });
    return { started: true, workflowId };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { started: false, workflowId };
    throw error;
  }
}
