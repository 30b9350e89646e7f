import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
import { getLiveProgram } from '../db/journeys/live-program';
import { newId } from '../db/ids';
import { journeys, ledgerEntries, loyaltyAccounts } from '../db/schema';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import {
  startJourneyTestStack,
  untilWaitingForEvent,
  type JourneyTestStack,
} from '../scripts/test/journey-worker';
import { publishJourney } from '../server/journeys/publish-journey';
import { listRuns } from '../server/runs/list-runs';
import { startJourneyRun } from '../server/temporal/start-journey-run';
import { emptyGraph, type JourneyGraph } from './journey/graph';
import type { RunState } from './journey/interpreter';
import { journeyEventSignal } from './journey/signals';

// Publishing while runs of the older version wait: each run finishes on the program it
// started with (its workflow input), and the Runs list shows each run's version from the
// `JourneyVersion` search attribute. Real dev server, real worker, real publish.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

/** Manual trigger → wait for "Go" (an hour) → award `points`; the timeout ends the run. */
function waitThenAward(points: number): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger_manual', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'wait',
        type: 'wait_for_event',
        position: { x: 0, y: 120 },
        data: { eventName: 'Go', filters: [], timeout: { amount: 1, unit: 'hours' } },
      },
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 240 },
        data: { points, expiresInMonths: null, reason: `Version with ${points}` },
      },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'received', target: 'award' },
    ],
  };
}

const untilWaiting = (workflowId: string) => untilWaitingForEvent(stack.client, workflowId);

describe('a new version published while runs of the old one wait', () => {
  it('finishes each run on the version it started on, and lists each with its version', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Versions in flight IT');
    const journeyId = newId('jrn');
    await db
      .insert(journeys)
      .values({ id: journeyId, workspaceId, name: 'Two versions', draftGraph: emptyGraph });
    const deps = { db, temporal: async () => stack.temporal };
    const first = await createTestCustomer(db, workspaceId);
    const second = await createTestCustomer(db, workspaceId);

    expect(await publishJourney(deps, { workspaceId, journeyId, graph: waitThenAward(10) })).toMatchObject({
      ok: true,
      version: 1,
    });
    const v1 = (await getLiveProgram(db, workspaceId, journeyId))!;
    const run1 = await startJourneyRun(stack.client, stack.taskQueue, {
      program: v1,
      customerId: first.id,
      entryKey: 'run',
    });
    await untilWaiting(run1.workflowId);

    expect(await publishJourney(deps, { workspaceId, journeyId, graph: waitThenAward(20) })).toMatchObject({
      ok: true,
      version: 2,
    });
    const v2 = (await getLiveProgram(db, workspaceId, journeyId))!;
    expect(v2.version).toBe(2);
    const run2 = await startJourneyRun(stack.client, stack.taskQueue, {
      program: v2,
      customerId: second.id,
      entryKey: 'run',
    });
    await untilWaiting(run2.workflowId);

    // Both wait; the Runs list (visibility trails by a moment) shows versions 1 and 2.
    const env = parseEnv({});
    let rows: Awaited<ReturnType<typeof listRuns>> = [];
    for (let i = 0; i < 100 && rows.filter((r) => r.step?.id === 'wait').length < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      rows = await listRuns({ db, env, temporal: deps.temporal }, { workspaceId, journeyId, limit: 10 });
    }
    const versionOf = (workflowId: string) => rows.find((r) => r.workflowId === workflowId);
    expect(versionOf(run1.workflowId)).toMatchObject({
      journeyVersion: 1,
      status: 'RUNNING',
      step: { id: 'wait', nodeType: 'wait_for_event' },
    });
    expect(versionOf(run2.workflowId)).toMatchObject({ journeyVersion: 2, status: 'RUNNING' });

    // Release both: each awards what its own version says.
    const go = (id: string) => ({ id, name: 'Go', properties: {}, occurredAt: new Date().toISOString() });
    await stack.client.workflow.getHandle(run1.workflowId).signal(journeyEventSignal, go(newId('evt')));
    await stack.client.workflow.getHandle(run2.workflowId).signal(journeyEventSignal, go(newId('evt')));
    const [state1, state2] = (await Promise.all([
      stack.client.workflow.getHandle(run1.workflowId).result(),
      stack.client.workflow.getHandle(run2.workflowId).result(),
    ])) as [RunState, RunState];
    expect(state1.path).toEqual([
      { stepId: 'wait', output: 'received' },
      { stepId: 'award', output: 'next' },
    ]);
    expect(state2.path).toEqual(state1.path);

    const awarded = await db
      .select({ customerId: loyaltyAccounts.customerId, points: ledgerEntries.points })
      .from(ledgerEntries)
      .innerJoin(loyaltyAccounts, eq(loyaltyAccounts.id, ledgerEntries.accountId))
      .where(eq(ledgerEntries.workspaceId, workspaceId));
    expect(Object.fromEntries(awarded.map((a) => [a.customerId, a.points]))).toEqual({
      [first.id]: 10,
      [second.id]: 20,
    });

    // Closed runs keep their version in the list.
    for (let i = 0; i < 100; i++) {
      rows = await listRuns({ db, env, temporal: deps.temporal }, { workspaceId, journeyId, limit: 10 });
      if (rows.filter((r) => r.status === 'COMPLETED').length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Object.fromEntries(rows.map((r) => [r.workflowId, [r.journeyVersion, r.status]]))).toEqual({
      [run1.workflowId]: [1, 'COMPLETED'],
      [run2.workflowId]: [2, 'COMPLETED'],
    });
  });
});
