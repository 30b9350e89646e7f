import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
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
 * Starts one customer's run of a journey. The deterministic id plus REJECT_DUPLICATE make
 * the server, not our code, refuse a second run for the same entry key: two scans racing
 * cannot both start one.
 */
export async function startJourneyRun(
  client: Client,
  taskQueue: string,
  run: { program: JourneyProgram; customerId: string; entryKey: string },
): Promise<StartRunOutcome> {
  const workflowId = journeyRunWorkflowId({
    workspaceId: run.program.workspaceId,
    journeyId: run.program.journeyId,
    customerId: run.customerId,
    entryKey: run.entryKey,
  });
  const input: JourneyRunInput = { program: run.program, customerId: run.customerId };
  try {
    await client.workflow.start<(input: JourneyRunInput) => Promise<unknown>>(journeyRunWorkflowType, {
      taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
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
