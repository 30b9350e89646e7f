import { CancelledFailure, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { CustomerRunRecord } from '../../db/gdpr/customer-run-record';
import { journeyRunWorkflowType } from '../../workflows/journey/run-id';
import { JourneyIdKey, JourneyVersionKey } from '../../workflows/journey/search-attributes';
import { runningRunsOfCustomer } from './running-runs';

// Ids are spliced into the visibility query; ours are [A-Za-z0-9_-], anything else is refused.
const queryableId = /^[A-Za-z0-9_-]+$/;

function quote(value: string): string {
  if (!queryableId.test(value)) throw new Error(`Not an id that can be queried: ${JSON.stringify(value)}`);
  return `'${value}'`;
}

interface CustomerTarget {
  workspaceId: string;
  customerId: string;
}

/**
 * Every `journeyRun` of the customer that Temporal's visibility store still knows, running
 * or closed (closed runs are kept for the namespace's retention period), for the export.
 */
export async function listCustomerRuns(client: Client, target: CustomerTarget): Promise<CustomerRunRecord[]> {
  const query =
    `WorkspaceId = ${quote(target.workspaceId)} AND CustomerId = ${quote(target.customerId)}` +
    ` AND WorkflowType = ${quote(journeyRunWorkflowType)}`;
  const runs: CustomerRunRecord[] = [];
  for await (const execution of client.workflow.list({ query })) {
    runs.push({
      workflowId: execution.workflowId,
      runId: execution.runId,
      journeyId: execution.typedSearchAttributes.get(JourneyIdKey) ?? null,
      journeyVersion: execution.typedSearchAttributes.get(JourneyVersionKey) ?? null,
      status: execution.status.name,
      startTime: execution.startTime,
      closeTime: execution.closeTime ?? null,
    });
  }
  return runs;
}

/**
 * Asks every running run of the customer to cancel (an erased customer's runs must not go
 * on). By workflow id alone, as `stopJourney` does, so a run that continued as new is
 * cancelled in its latest form. Idempotent: a run that ended (or was cancelled) since the
 * listing is skipped, and a repeat finds nothing running. Visibility trails by about a
 * second: a run started in that moment is not listed; the erased customer cannot be
 * started again (`customers.erased_at`), so repeating the erasure catches it.
 */
export async function cancelCustomerRuns(client: Client, target: CustomerTarget): Promise<number> {
  const workflowIds = new Set((await runningRunsOfCustomer(client, target)).map((run) => run.workflowId));
  let cancelled = 0;
  for (const workflowId of workflowIds) {
    try {
      await client.workflow.getHandle(workflowId).cancel();
      cancelled++;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError || error instanceof CancelledFailure)) throw error;
    }
  }
  return cancelled;
}
