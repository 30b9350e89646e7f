import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Broadcast } from '../../db/broadcasts/create-broadcast';
import {
  broadcastWorkflowId,
  broadcastWorkflowType,
  type BroadcastInput,
} from '../../workflows/broadcast-contract';

/**
 * Starts the broadcast's workflow. Its id is derived from the broadcast, so starting it again
 * (a repeated create request) is refused by the server and changes nothing.
 */
export async function startBroadcastWorkflow(
  client: Client,
  taskQueue: string,
  broadcast: Pick<Broadcast, 'id' | 'workspaceId' | 'scheduledFor'>,
  options: Pick<BroadcastInput, 'pagesPerActivity' | 'holdPollMs' | 'pageSize'> = {},
): Promise<{ workflowId: string; started: boolean }> {
  const workflowId = broadcastWorkflowId(broadcast.workspaceId, broadcast.id);
  const input: BroadcastInput = {
    workspaceId: broadcast.workspaceId,
    broadcastId: broadcast.id,
    ...(broadcast.scheduledFor ? { notBefore: broadcast.scheduledFor.toISOString() } : {}),
    ...options,
  };
  try {
    await client.workflow.start<(input: BroadcastInput) => Promise<unknown>>(broadcastWorkflowType, {
      taskQueue,
      workflowId,
      args: [input],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowIdConflictPolicy: 'FAIL',
    });
    return { workflowId, started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
    throw error;
  }
}

/** Asks the broadcast's workflow to stop; one that ended already needs nothing. */
export async function cancelBroadcastWorkflow(
  client: Client,
  broadcast: Pick<Broadcast, 'id' | 'workspaceId'>,
): Promise<void> {
  try {
    await client.workflow.getHandle(broadcastWorkflowId(broadcast.workspaceId, broadcast.id)).cancel();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}
