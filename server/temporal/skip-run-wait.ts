import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { canSkipWait, type RunState } from '../../workflows/journey/interpreter';
import { JourneyStepKey } from '../../workflows/journey/search-attributes';
import { skipWaitSignal } from '../../workflows/journey/signals';
import { describeWorkspaceRun, queryWithin } from './workspace-run';

export const skipRunWaitInputSchema = z.object({
  workspaceId: z.string().min(1),
  workflowId: z.string().min(1).max(500),
  /** The step the admin saw waiting: a run that moved on since ignores the request. */
  stepId: z.string().min(1).max(200),
  /** Who asked, recorded on the run; an account id once there are accounts. */
  by: z.string().min(1).max(200).default('admin'),
});

export type SkipRunWaitInput = z.input<typeof skipRunWaitInputSchema>;

/**
 * Why a skip was refused, with the input field it concerns. `not_found` also covers a run of
 * another workspace, so an id guessed from elsewhere reveals nothing.
 */
export class SkipRunWaitError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_running' | 'not_waiting',
    readonly field: 'workflowId' | 'stepId',
    message: string,
  ) {
    super(message);
    this.name = 'SkipRunWaitError';
  }
}

export interface SkipRunWaitResult {
  workflowId: string;
  /** The execution signalled (the one checked, not a later run reusing the workflow id). */
  runId: string;
  /**
   * `checked`: the run's state was read and it waits at the step, so the wait ends now.
   * `unconfirmed`: no worker answered the state query in time; the signal is queued and the
   * run ends the wait when a worker picks it up, if it still waits at that step.
   */
  confirmation: 'checked' | 'unconfirmed';
}

/** How long to wait for a worker to answer the state query before signalling unconfirmed. */
const stateQueryTimeoutMs = 5_000;

/**
 * The runs inspector's "skip wait": ends the delay or event wait a run is in now (a delay
 * goes on by `next`, a wait for an event by `timeout`), recorded on the run as `admin skip`
 * with who asked. The run must belong to the workspace: its WorkspaceId search attribute is
 * the workspace and its JourneyId one of the workspace's journeys.
 */
export async function skipRunWait(
  deps: { client: Client; db: Database },
  input: SkipRunWaitInput,
): Promise<SkipRunWaitResult> {
  const { workspaceId, workflowId, stepId, by } = skipRunWaitInputSchema.parse(input);
  const notFound = () =>
    new SkipRunWaitError('not_found', 'workflowId', `No journey run "${workflowId}" in this workspace.`);

  const description = await describeWorkspaceRun(deps, workspaceId, workflowId);
  if (!description) throw notFound();
  const attributes = description.typedSearchAttributes;
  if (description.status.name !== 'RUNNING') {
    throw new SkipRunWaitError(
      'not_running',
      'workflowId',
      `Run "${workflowId}" is ${description.status.name.toLowerCase()}: it has no wait to skip.`,
    );
  }
  const notWaiting = () =>
    new SkipRunWaitError('not_waiting', 'stepId', `Run "${workflowId}" is not waiting at step "${stepId}".`);
  // The step the interpreter last recorded; a cheap check that needs no worker.
  if (attributes.get(JourneyStepKey) !== stepId) throw notWaiting();

  // The execution checked, so a later run reusing the workflow id is never signalled.
  const handle = deps.client.workflow.getHandle(workflowId, description.runId);
  const state = await queryWithin(() => handle.query<RunState>('runState'), stateQueryTimeoutMs);
  if (state && !canSkipWait(state, stepId)) throw notWaiting();
  await handle.signal(skipWaitSignal, { stepId, by });
  return { workflowId, runId: description.runId, confirmation: state ? 'checked' : 'unconfirmed' };
}
