import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStepPassActivities } from '../activities/step-passes';
import { newId } from '../db/ids';
import { stepPassCounts } from '../db/journeys/step-passes';
import { journeyRunEnds, journeyStepPasses, journeyStepSkips, journeys } from '../db/schema';
import { parseEnv } from '../config/env';
import { journeyStepCounts } from '../server/journeys/step-counts';
import { startJourneyRun } from '../server/temporal/start-journey-run';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import {
  startJourneyTestStack,
  untilWaitingForEvent,
  type JourneyTestStack,
} from '../scripts/test/journey-worker';
import { compileJourney } from './journey/compiler';
import type { JourneyGraph } from './journey/graph';
import { journeyEventSignal } from './journey/signals';

// Runs record the steps they pass when they pause and when they end: the canvas' counts and
// the journey reports read them. Real dev server, real worker, real Postgres.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

/** Manual trigger → award → wait for "Go" (an hour) → exit. */
const graph: JourneyGraph = {
  nodes: [
    { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
    {
      id: 'award',
      type: 'award_points',
      position: { x: 0, y: 100 },
      data: { points: 5, expiresInMonths: null, reason: 'Passes' },
    },
    {
      id: 'wait',
      type: 'wait_for_event',
      position: { x: 0, y: 200 },
      data: { eventName: 'Go', filters: [], timeout: { amount: 1, unit: 'hours' } },
    },
    { id: 'done', type: 'exit', position: { x: 0, y: 300 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' },
    { id: 'e2', source: 'award', sourceHandle: 'next', target: 'wait' },
    { id: 'e3', source: 'wait', sourceHandle: 'received', target: 'done' },
  ],
};

describe('step passes', () => {
  it('are recorded where the run pauses and when it ends, once each', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Step passes IT');
    const customer = await createTestCustomer(db, workspaceId);
    const journeyId = newId('jrn');
    const compiled = compileJourney(graph, {
      journeyId,
      workspaceId,
      version: 1,
      templateIds: new Set(),
      rewardIds: new Set(),
      tierIds: new Set(),
    });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    // Started as the app starts runs: with the search attributes the Runs page and the canvas count by.
    const started = await startJourneyRun(stack.client, stack.taskQueue, {
      program: compiled.program,
      customerId: customer.id,
      entryKey: 'it',
    });
    const workflowId = started.workflowId;
    const handle = stack.client.workflow.getHandle(workflowId);
    const passes = () =>
      db
        .select({
          pathIndex: journeyStepPasses.pathIndex,
          stepId: journeyStepPasses.stepId,
          output: journeyStepPasses.output,
        })
        .from(journeyStepPasses)
        .where(
          and(eq(journeyStepPasses.workspaceId, workspaceId), eq(journeyStepPasses.journeyId, journeyId)),
        )
        .orderBy(asc(journeyStepPasses.pathIndex));

    // Waiting for "Go": the award it passed on the way is recorded as it starts to wait
    // (the query may answer a moment before the record is written).
    await untilWaitingForEvent(stack.client, workflowId);
    await expect
      .poll(passes, { timeout: 10_000 })
      .toEqual([{ pathIndex: 0, stepId: 'award', output: 'next' }]);

    // The canvas' figures: one customer waiting at "wait" now, one passed "award", one entered.
    await db.insert(journeys).values({ id: journeyId, workspaceId, name: 'Passes', draftGraph: graph });
    const deps = { db, env: parseEnv({}), temporal: async () => stack.temporal };
    const counts = () =>
      journeyStepCounts(deps, { workspaceId, journeyId, stepIds: ['award', 'wait', 'done'] });
    // Visibility trails by about a second.
    await expect.poll(async () => (await counts())?.here, { timeout: 10_000 }).toEqual({ wait: 1 });
    expect(await counts()).toMatchObject({
      passed: { award: { runs: 1, byOutput: { next: 1 } } },
      entered: 1,
    });
    expect(await journeyStepCounts(deps, { workspaceId: 'another', journeyId, stepIds: [] })).toBeNull();

    await handle.signal(journeyEventSignal, {
      id: newId('evt'),
      name: 'Go',
      properties: {},
      occurredAt: new Date().toISOString(),
    });
    await handle.result();
    const recorded = await passes();
    // The run's idempotency base: under "again after exit" the workflow id plus its first run id.
    const [{ runId } = { runId: '' }] = await db
      .select({ runId: journeyStepPasses.runId })
      .from(journeyStepPasses)
      .where(eq(journeyStepPasses.journeyId, journeyId))
      .limit(1);
    expect(runId).toBe(`${workflowId}@${(await handle.describe()).runId}`);
    expect(recorded).toEqual([
      { pathIndex: 0, stepId: 'award', output: 'next' },
      { pathIndex: 1, stepId: 'wait', output: 'received' },
      { pathIndex: 2, stepId: 'done', output: 'exit' },
    ]);

    // How it ended, for reports: through the exit step, entered when the run started.
    const [ended] = await db.select().from(journeyRunEnds).where(eq(journeyRunEnds.runId, runId));
    expect(ended).toMatchObject({ outcome: 'exit_node', customerId: customer.id, journeyVersion: 1 });
    expect(ended!.enteredAt.getTime()).toBeLessThanOrEqual(ended!.endedAt.getTime());

    // A retried record (the local activity's retry after a lost answer) writes nothing twice.
    await createStepPassActivities({ db }).recordStepPasses({
      workspaceId,
      journeyId,
      journeyVersion: 1,
      runId,
      fromIndex: 1,
      passes: [
        { stepId: 'wait', output: 'received' },
        { stepId: 'done', output: 'exit' },
      ],
      at: new Date().toISOString(),
    });
    expect(await passes()).toEqual(recorded);

    expect(await stepPassCounts(db, { workspaceId, journeyId })).toEqual(
      expect.arrayContaining([
        { stepId: 'award', output: 'next', passes: 1, runs: 1 },
        { stepId: 'wait', output: 'received', passes: 1, runs: 1 },
        { stepId: 'done', output: 'exit', passes: 1, runs: 1 },
      ]),
    );
  });

  it('records the reasons of skips with the passes, once each', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Step skips IT');
    const customer = await createTestCustomer(db, workspaceId);
    const journeyId = newId('jrn');
    // The customer has no "renewal" date: the delay goes on at once and says why.
    const skipping: JourneyGraph = {
      nodes: [
        { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
        {
          id: 'delay',
          type: 'delay',
          position: { x: 0, y: 100 },
          data: { mode: 'until_date_attribute', attribute: 'renewal', offsetDays: -7, time: '10:00' },
        },
        { id: 'done', type: 'exit', position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'delay' },
        { id: 'e2', source: 'delay', sourceHandle: 'next', target: 'done' },
      ],
    };
    const compiled = compileJourney(skipping, {
      journeyId,
      workspaceId,
      version: 1,
      templateIds: new Set(),
      rewardIds: new Set(),
      tierIds: new Set(),
    });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const started = await startJourneyRun(stack.client, stack.taskQueue, {
      program: compiled.program,
      customerId: customer.id,
      entryKey: 'it-skips',
    });
    const handle = stack.client.workflow.getHandle(started.workflowId);
    const state = await handle.result();
    expect(state.skips).toEqual([{ stepId: 'delay', reason: 'missing_date_attribute' }]);
    const skips = () =>
      db
        .select({
          runId: journeyStepSkips.runId,
          skipIndex: journeyStepSkips.skipIndex,
          stepId: journeyStepSkips.stepId,
          reason: journeyStepSkips.reason,
          journeyVersion: journeyStepSkips.journeyVersion,
        })
        .from(journeyStepSkips)
        .where(and(eq(journeyStepSkips.workspaceId, workspaceId), eq(journeyStepSkips.journeyId, journeyId)));
    const runId = `${started.workflowId}@${(await handle.describe()).runId}`;
    const recorded = await skips();
    expect(recorded).toEqual([
      { runId, skipIndex: 0, stepId: 'delay', reason: 'missing_date_attribute', journeyVersion: 1 },
    ]);

    // A retried record writes the skip once.
    await createStepPassActivities({ db }).recordStepPasses({
      workspaceId,
      journeyId,
      journeyVersion: 1,
      runId,
      fromIndex: 0,
      passes: [],
      at: new Date().toISOString(),
      skipsFromIndex: 0,
      skips: [{ stepId: 'delay', reason: 'missing_date_attribute' }],
    });
    expect(await skips()).toEqual(recorded);
  });

  it('refuses a malformed record, naming the field', async () => {
    await expect(
      createStepPassActivities({ db: stack.database.db }).recordStepPasses({
        workspaceId: 'ws',
        journeyId: 'j',
        journeyVersion: 0,
        runId: 'r',
        fromIndex: 0,
        passes: [],
        at: 'now',
      }),
    ).rejects.toThrow(/journeyVersion[\s\S]*at|at[\s\S]*journeyVersion/);
  });
});
