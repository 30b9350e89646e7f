import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { journeys } from '../../db/schema';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../../scripts/test/journey-worker';
import { adminSkipReason, type RunState } from '../../workflows/journey/interpreter';
import { skipWaitSignal } from '../../workflows/journey/signals';
import { flowProgram } from '../../workflows/journey/testing/flow-program';
import { runStateQuery } from '../../workflows/journey-run';
import { skipRunWait, SkipRunWaitError } from './skip-run-wait';
import { startJourneyRun } from './start-journey-run';

// "Skip wait" through the real worker and Temporal dev server: a run asleep for 30 days
// goes on at once, and the checks refuse other workspaces, stale clicks and ended runs.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const award = {
  type: 'award_points',
  config: { points: 5, expiresInMonths: null, reason: 'after the wait' },
};

async function waitingRun(steps: Parameters<typeof flowProgram>[0]) {
  const db = stack.database.db;
  const workspaceId = await createTestWorkspace(db, 'Skip wait IT');
  const customer = await createTestCustomer(db, workspaceId);
  const journeyId = newId('jrn');
  await db.insert(journeys).values({
    id: journeyId,
    workspaceId,
    name: 'Slow journey',
    status: 'live',
    draftGraph: { nodes: [], edges: [] },
    liveVersion: 1,
  });
  const program = { ...flowProgram(steps), journeyId, workspaceId };
  const start = await startJourneyRun(stack.client, stack.taskQueue, {
    program,
    customerId: customer.id,
    entryKey: 'once',
  });
  const handle = stack.client.workflow.getHandle(start.workflowId);
  const state = await until(
    () => handle.query(runStateQuery),
    (s) => s.waiting !== null,
  );
  expect(state.waiting).not.toBeNull();
  return { workspaceId, workflowId: start.workflowId, handle };
}

const deps = () => ({ client: stack.client, db: stack.database.db });

async function refusal(promise: Promise<unknown>): Promise<Pick<SkipRunWaitError, 'code' | 'field'>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SkipRunWaitError);
  const { code, field } = error as SkipRunWaitError;
  return { code, field };
}

describe('skipRunWait', () => {
  it('ends a 30-day delay now: the run completes, the skip is recorded with who asked', async () => {
    const run = await waitingRun({
      nap: {
        type: 'delay',
        config: { mode: 'duration', duration: { amount: 30, unit: 'days' } },
        next: { next: 'after' },
      },
      after: award,
    });
    const result = await skipRunWait(deps(), {
      workspaceId: run.workspaceId,
      workflowId: run.workflowId,
      stepId: 'nap',
      by: 'ops@example.com',
    });
    expect(result).toMatchObject({ workflowId: run.workflowId, confirmation: 'checked' });
    const done = (await run.handle.result()) as RunState;
    expect(done.status).toBe('completed');
    expect(done.path).toEqual([
      { stepId: 'nap', output: 'next' },
      { stepId: 'after', output: 'next' },
    ]);
    expect(done.skips).toEqual([{ stepId: 'nap', reason: adminSkipReason }]);
    expect(done.skippedWaits).toEqual([{ stepId: 'nap', by: 'ops@example.com', at: expect.any(String) }]);
    expect(done.results['after']).toMatchObject({ status: 'awarded' });

    // The run ended: a repeated click is refused, naming the run.
    expect(
      await refusal(
        skipRunWait(deps(), { workspaceId: run.workspaceId, workflowId: run.workflowId, stepId: 'nap' }),
      ),
    ).toEqual({ code: 'not_running', field: 'workflowId' });
  });

  it('ends a wait for an event by its timeout output', async () => {
    const run = await waitingRun({
      wait: {
        type: 'wait_for_event',
        config: { eventName: 'Order Completed', filters: [], timeout: { amount: 14, unit: 'days' } },
        next: { received: null, timeout: 'nudge' },
      },
      nudge: award,
    });
    await skipRunWait(deps(), { workspaceId: run.workspaceId, workflowId: run.workflowId, stepId: 'wait' });
    const done = (await run.handle.result()) as RunState;
    expect(done.path.map((p) => `${p.stepId}:${p.output}`)).toEqual(['wait:timeout', 'nudge:next']);
    expect(done.skippedWaits).toEqual([{ stepId: 'wait', by: 'admin', at: expect.any(String) }]);
  });

  it('refuses another workspace and a stale step, and the run keeps waiting', async () => {
    const run = await waitingRun({
      nap: {
        type: 'delay',
        config: { mode: 'duration', duration: { amount: 30, unit: 'days' } },
        next: { next: null },
      },
    });
    const otherWorkspace = await createTestWorkspace(stack.database.db, 'Someone else');
    expect(
      await refusal(
        skipRunWait(deps(), { workspaceId: otherWorkspace, workflowId: run.workflowId, stepId: 'nap' }),
      ),
    ).toEqual({ code: 'not_found', field: 'workflowId' });
    expect(
      await refusal(
        skipRunWait(deps(), { workspaceId: run.workspaceId, workflowId: 'journey:nope', stepId: 'nap' }),
      ),
    ).toEqual({ code: 'not_found', field: 'workflowId' });
    expect(
      await refusal(
        skipRunWait(deps(), { workspaceId: run.workspaceId, workflowId: run.workflowId, stepId: 'other' }),
      ),
    ).toEqual({ code: 'not_waiting', field: 'stepId' });

    // A stale signal straight to the workflow (the check raced with the run moving on) is ignored too.
    await run.handle.signal(skipWaitSignal, { stepId: 'other', by: 'admin' });
    const state = await run.handle.query(runStateQuery);
    expect(state.waiting).toMatchObject({ kind: 'sleep', stepId: 'nap' });
    expect(state.skippedWaits).toBeUndefined();
    await run.handle.terminate('test over');
  });
});
