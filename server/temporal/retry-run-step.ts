import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { failedStepAttention } from '../../workflows/journey/attention';
import type { FailedStep } from '../../workflows/journey/failed-step';
import { JourneyAttentionKey } from '../../workflows/journey/search-attributes';
import { retryStepSignal } from '../../workflows/journey/signals';
import { describeWorkspaceRun, queryWithin } from './workspace-run';

export const retryRunStepInputSchema = z.object({
  workspaceId: z.string().min(1),
  workflowId: z.string().min(1).max(500),
  /** The failed step the admin saw: a run that moved on since ignores the request. */
  stepId: z.string().min(1).max(200),
  by: z.string().min(1).max(200),
});

export class RetryRunStepError extends Error {
  override readonly name = 'RetryRunStepError';
  constructor(
    readonly code: 'not_found' | 'not_failed',
    readonly field: 'workflowId' | 'stepId',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The runs inspector's "retry step": a run waiting at a step that failed for good runs that
 * step again, with the same idempotency key (what half-happened the first time is not done
 * twice). Only a run of this workspace, only while it waits at that failed step.
 */
export async function retryRunStep(
  deps: { client: Client; db: Database },
  input: z.input<typeof retryRunStepInputSchema>,
): Promise<{ workflowId: string; runId: string; confirmation: 'checked' | 'unconfirmed' }> {
  const { workspaceId, workflowId, stepId, by } = retryRunStepInputSchema.parse(input);
  const description = await describeWorkspaceRun(deps, workspaceId, workflowId);
  if (!description) {
    throw new RetryRunStepError(
      'not_found',
      'workflowId',
      `No journey run "${workflowId}" in this workspace.`,
    );
  }
  const notFailed = () =>
    new RetryRunStepError(
      'not_failed',
      'stepId',
      `Run "${workflowId}" is not waiting at a failed step "${stepId}".`,
    );
  if (
    description.status.name !== 'RUNNING' ||
    description.typedSearchAttributes.get(JourneyAttentionKey) !== failedStepAttention
  ) {
    throw notFailed();
  }
  const handle = deps.client.workflow.getHandle(workflowId, description.runId);
  const failed = await queryWithin(() => handle.query<FailedStep | null>('failedStep'));
  if (failed !== null && failed.stepId !== stepId) throw notFailed();
  await handle.signal(retryStepSignal, { stepId, by });
  return { workflowId, runId: description.runId, confirmation: failed ? 'checked' : 'unconfirmed' };
}
