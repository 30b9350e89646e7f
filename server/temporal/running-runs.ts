import type { Client } from '@temporalio/client';
import { journeyRunWorkflowType } from '../../workflows/journey/run-id';

export interface RunningRun {
  workflowId: string;
  runId: string;
}

// Ids are spliced into the visibility query; ours are [A-Za-z0-9_-], anything else is refused.
const queryableId = /^[A-Za-z0-9_-]+$/;

function quote(value: string): string {
  if (!queryableId.test(value)) throw new Error(`Not an id that can be queried: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

/**
 * The customer's `journeyRun`s that are running now, across the workspace's journeys, from
 * Temporal's visibility store. Visibility is eventually consistent: a run started a moment
 * ago (well under a second on the dev server, longer on a loaded cluster) may not be
 * listed yet, so an event arriving within that window does not reach it.
 */
export function runningRunsOfCustomer(
  client: Client,
  target: { workspaceId: string; customerId: string },
): Promise<RunningRun[]> {
  return listRunning(
    client,
    `WorkspaceId = ${quote(target.workspaceId)} AND CustomerId = ${quote(target.customerId)}`,
  );
}

/** Every running run of one journey (all versions), for stopping it. */
export function runningRunsOfJourney(
  client: Client,
  target: { workspaceId: string; journeyId: string },
): Promise<RunningRun[]> {
  return listRunning(
    client,
    `WorkspaceId = ${quote(target.workspaceId)} AND JourneyId = ${quote(target.journeyId)}`,
  );
}

async function listRunning(client: Client, filter: string): Promise<RunningRun[]> {
  const runs: RunningRun[] = [];
  const query = `${filter} AND ExecutionStatus = 'Running' AND WorkflowType = ${quote(journeyRunWorkflowType)}`;
  for await (const execution of client.workflow.list({ query })) {
    runs.push({ workflowId: execution.workflowId, runId: execution.runId });
  }
  return runs;
}
