import { WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { journeys } from '../../db/schema';
import { journeyRunWorkflowType } from '../../workflows/journey/run-id';
import { JourneyIdKey, WorkspaceIdKey } from '../../workflows/journey/search-attributes';

/**
 * A journey run of this workspace, described, or null: its WorkspaceId search attribute is
 * the workspace and its JourneyId one of the workspace's journeys. Null also for a run of
 * another workspace, so an id guessed from elsewhere reveals nothing.
 */
export async function describeWorkspaceRun(
  deps: { client: Client; db: Database },
  workspaceId: string,
  workflowId: string,
): Promise<WorkflowExecutionDescription | null> {
  let description;
  try {
    description = await deps.client.workflow.getHandle(workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return null;
    throw error;
  }
  const attributes = description.typedSearchAttributes;
  const journeyId = attributes.get(JourneyIdKey);
  if (
    description.type !== journeyRunWorkflowType ||
    attributes.get(WorkspaceIdKey) !== workspaceId ||
    !journeyId ||
    !(await isWorkspaceJourney(deps.db, workspaceId, journeyId))
  ) {
    return null;
  }
  return description;
}

async function isWorkspaceJourney(db: Database, workspaceId: string, journeyId: string): Promise<boolean> {
  const rows = await db
    .select({ id: journeys.id })
    .from(journeys)
    .where(and(eq(journeys.workspaceId, workspaceId), eq(journeys.id, journeyId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * A query's answer, or null when no worker answers within `timeoutMs`: a query needs a
 * worker, and a worker outage must not hang the admin's click.
 */
export async function queryWithin<T>(ask: () => Promise<T>, timeoutMs = 5_000): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    return await Promise.race([ask(), timeout]);
  } catch {
    // A query can fail for reasons unrelated to the action (a worker mid-deploy); the signal decides.
    return null;
  } finally {
    clearTimeout(timer);
  }
}
