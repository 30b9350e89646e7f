import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseCustomer } from '../../db/gdpr/erase-customer';
import { exportCustomerData } from '../../db/gdpr/export-customer';
import { customerWithHistory } from '../../db/gdpr/testing/customer-with-history';
import { newId } from '../../db/ids';
import { journeys } from '../../db/schema';
import { startJourneyTestStack, type JourneyTestStack } from '../../scripts/test/journey-worker';
import { flowProgram } from '../../workflows/journey/testing/flow-program';
import { runStateQuery } from '../../workflows/journey-run';
import { cancelCustomerRuns, listCustomerRuns } from './customer-runs';
import { startJourneyRun } from './start-journey-run';

// GDPR and Temporal: the export lists the customer's runs from the visibility store, the
// erasure cancels the running ones, on the real dev server and worker.
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

describe('an erased customer’s journey runs', () => {
  it('are listed in the export, cancelled by the erasure, and a repeat cancels nothing', async () => {
    const db = stack.database.db;
    const person = await customerWithHistory(db, 'erase runs');
    const journeyId = newId('jrn');
    await db.insert(journeys).values({
      id: journeyId,
      workspaceId: person.workspaceId,
      name: 'Slow welcome',
      status: 'live',
      draftGraph: { nodes: [], edges: [] },
      liveVersion: 1,
    });
    const program = {
      ...flowProgram({
        nap: {
          type: 'delay',
          config: { mode: 'duration', duration: { amount: 1, unit: 'hours' } },
          next: { next: null },
        },
      }),
      journeyId,
      workspaceId: person.workspaceId,
    };
    const start = await startJourneyRun(stack.client, stack.taskQueue, {
      program,
      customerId: person.customerId,
      entryKey: 'once',
    });
    expect(start.started).toBe(true);
    const target = { workspaceId: person.workspaceId, customerId: person.customerId };
    // A run that is waiting (asleep in its delay), as runs of real customers mostly are.
    const asleep = await until(
      () => stack.client.workflow.getHandle(start.workflowId).query(runStateQuery),
      (state) => state.waiting?.kind === 'sleep',
    );
    expect(asleep.waiting?.kind).toBe('sleep');
    // Visibility trails the start by a moment.
    const listed = await until(
      () => listCustomerRuns(stack.client, target),
      (runs) => runs.some((run) => run.status === 'RUNNING'),
    );
    expect(listed).toEqual([
      expect.objectContaining({
        workflowId: start.workflowId,
        journeyId,
        journeyVersion: 1,
        status: 'RUNNING',
      }),
    ]);

    const exported = await exportCustomerData(db, person.workspaceId, person.customerId, {
      journeyRuns: () => listCustomerRuns(stack.client, target),
    });
    expect(exported.journeyRuns).toEqual({
      available: true,
      reason: null,
      runs: [
        expect.objectContaining({
          workflowId: start.workflowId,
          journeyId,
          journeyName: 'Slow welcome',
          status: 'RUNNING',
          closeTime: null,
        }),
      ],
    });

    const cancelRuns = (t: typeof target) => cancelCustomerRuns(stack.client, t);
    const erased = await eraseCustomer(
      db,
      { ...target, requestedBy: 'Dana', reason: 'Art. 17 request' },
      { cancelRuns },
    );
    expect(erased.runs).toEqual({ cancelled: 1, warning: null });
    const description = await until(
      () => stack.client.workflow.getHandle(start.workflowId).describe(),
      (d) => d.status.name !== 'RUNNING',
    );
    expect(description.status.name).toBe('CANCELLED');

    await until(
      () => listCustomerRuns(stack.client, target),
      (runs) => runs.every((run) => run.status !== 'RUNNING'),
    );
    const again = await eraseCustomer(
      db,
      { ...target, requestedBy: 'Dana', reason: 'Art. 17 request' },
      { cancelRuns },
    );
    expect(again).toMatchObject({
      replayed: true,
      summary: erased.summary,
      runs: { cancelled: 0, warning: null },
    });
  });

  it('an unreachable Temporal leaves the data erased and says so', async () => {
    const db = stack.database.db;
    const person = await customerWithHistory(db, 'erase temporal down');
    const result = await eraseCustomer(
      db,
      {
        workspaceId: person.workspaceId,
        customerId: person.customerId,
        requestedBy: 'Dana',
        reason: 'Art. 17',
      },
      {
        cancelRuns: async () => {
          throw new Error('connection refused');
        },
      },
    );
    expect(result.replayed).toBe(false);
    expect(result.runs).toEqual({ cancelled: 0, warning: expect.stringContaining('connection refused') });
  });
});
