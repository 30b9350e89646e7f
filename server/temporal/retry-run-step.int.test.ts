import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { journeys, ledgerEntries, loyaltyAccounts } from '../../db/schema';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../../scripts/test/journey-worker';
import { failedStepQuery } from '../../workflows/journey/failed-step';
import { JourneyAttentionKey } from '../../workflows/journey/search-attributes';
import { journeyRunWorkflowType } from '../../workflows/journey/run-id';
import { flowProgram } from '../../workflows/journey/testing/flow-program';
import type { JourneyRunInput } from '../../workflows/journey-run';
import { searchRuns } from '../runs/search-runs';
import { parseEnv } from '../../config/env';
import { retryRunStep, RetryRunStepError } from './retry-run-step';
import { startJourneyRun } from './start-journey-run';

// "Retry a failed step" through the real worker and Temporal dev server: the award fails for
// good twice (a permanent error), the run waits instead of failing, the runs list finds it,
// the admin retries, and the points are awarded exactly once.
let stack: JourneyTestStack;
let failuresLeft = 0;

beforeAll(async () => {
  stack = await startJourneyTestStack({
    overrideActivities: (real) => ({
      async awardPoints(input) {
        if (failuresLeft > 0) {
          failuresLeft--;
          throw ApplicationFailure.nonRetryable(
            'The loyalty program is paused for maintenance',
            'ProgramPaused',
          );
        }
        return real.awardPoints(input);
      },
    }),
  });
}, 60_000);
afterAll(() => stack?.stop());

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function failingRun() {
  const db = stack.database.db;
  const workspaceId = await createTestWorkspace(db, 'Retry step IT');
  const customer = await createTestCustomer(db, workspaceId);
  const journeyId = newId('jrn');
  await db.insert(journeys).values({
    id: journeyId,
    workspaceId,
    name: 'Bonus',
    status: 'live',
    draftGraph: { nodes: [], edges: [] },
    liveVersion: 1,
  });
  const program = {
    ...flowProgram({
      award: { type: 'award_points', config: { points: 7, expiresInMonths: null, reason: 'bonus' } },
    }),
    journeyId,
    workspaceId,
  };
  const start = await startJourneyRun(stack.client, stack.taskQueue, {
    program,
    customerId: customer.id,
    entryKey: 'once',
  });
  const handle = stack.client.workflow.getHandle(start.workflowId);
  const failed = await until(
    () => handle.query(failedStepQuery),
    (f) => f !== null,
  );
  return { workspaceId, customerId: customer.id, workflowId: start.workflowId, handle, failed };
}

const deps = () => ({ client: stack.client, db: stack.database.db });

async function pointsOf(workspaceId: string, customerId: string) {
  return stack.database.db
    .select({ points: ledgerEntries.points })
    .from(ledgerEntries)
    .innerJoin(loyaltyAccounts, eq(loyaltyAccounts.id, ledgerEntries.accountId))
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
}

describe('retry a failed step', () => {
  it('keeps the run waiting at the failed step, lists it, and completes it once retried', async () => {
    failuresLeft = 2;
    const { workspaceId, customerId, workflowId, handle, failed } = await failingRun();
    expect(failed).toMatchObject({
      stepId: 'award',
      activity: 'awardPoints',
      message: 'The loyalty program is paused for maintenance',
    });
    expect((await handle.describe()).status.name).toBe('RUNNING');

    // The runs list's "failed step" filter finds it (visibility is eventually consistent).
    const env = parseEnv({});
    const listed = await until(
      () =>
        searchRuns(
          { db: stack.database.db, env, temporal: async () => stack.temporal },
          { workspaceId, search: { failedStep: true }, pageSize: 20 },
        ),
      (page) => page.rows.length > 0,
    );
    expect(listed.rows.map((r) => r.workflowId)).toEqual([workflowId]);

    // A retry that fails again waits again; the next one succeeds.
    await retryRunStep(deps(), { workspaceId, workflowId, stepId: 'award', by: 'ops@example.com' });
    await until(
      () => handle.query(failedStepQuery),
      (f) => f !== null && f.failedAt !== failed!.failedAt,
    );
    await retryRunStep(deps(), { workspaceId, workflowId, stepId: 'award', by: 'ops@example.com' });
    await handle.result();
    expect(await pointsOf(workspaceId, customerId)).toEqual([{ points: 7 }]);
    const description = await handle.describe();
    expect(description.status.name).toBe('COMPLETED');
    expect(description.typedSearchAttributes.get(JourneyAttentionKey)).toBeUndefined();
  });

  it('refuses other workspaces, other steps, and runs that are not waiting at a failed step', async () => {
    failuresLeft = 1;
    const { workspaceId, workflowId, handle } = await failingRun();
    const other = await createTestWorkspace(stack.database.db, 'Elsewhere');
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (e: unknown) => (e instanceof RetryRunStepError ? `${e.code}:${e.field}` : String(e)),
      );
    expect(
      await codeOf(retryRunStep(deps(), { workspaceId: other, workflowId, stepId: 'award', by: 'x' })),
    ).toBe('not_found:workflowId');
    expect(await codeOf(retryRunStep(deps(), { workspaceId, workflowId, stepId: 'other', by: 'x' }))).toBe(
      'not_failed:stepId',
    );
    await retryRunStep(deps(), { workspaceId, workflowId, stepId: 'award', by: 'x' });
    await handle.result();
    expect(await codeOf(retryRunStep(deps(), { workspaceId, workflowId, stepId: 'award', by: 'x' }))).toBe(
      'not_failed:stepId',
    );
  });
});

describe('a failed step nobody retries', () => {
  it('fails the run with the step’s reason once the retry window has passed', async () => {
    failuresLeft = 1;
    const db = stack.database.db;
    const workspaceId = await createTestWorkspace(db, 'Retry window IT');
    const customer = await createTestCustomer(db, workspaceId);
    const program = {
      ...flowProgram({
        award: { type: 'award_points', config: { points: 3, expiresInMonths: null, reason: 'bonus' } },
      }),
      journeyId: 'jrn_window',
      workspaceId,
    };
    const input: JourneyRunInput = { program, customerId: customer.id, failedStepRetryWindowMs: 1_500 };
    const handle = await stack.client.workflow.start<(input: JourneyRunInput) => Promise<unknown>>(
      journeyRunWorkflowType,
      {
        taskQueue: stack.taskQueue,
        workflowId: `retry-window-${workspaceId}`,
        args: [input],
      },
    );
    const error = await handle.result().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause?.message).toBe(
      'Step "award" failed and was not retried within 2 seconds: The loyalty program is paused for maintenance',
    );
    expect(await pointsOf(workspaceId, customer.id)).toEqual([]);
  });
});
