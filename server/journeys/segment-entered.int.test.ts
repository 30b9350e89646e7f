import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { emitEvent } from '../../db/events/emit-event';
import { newId } from '../../db/ids';
import { events, journeys, journeyVersions, loyaltyAccounts, segmentMemberships } from '../../db/schema';
import { createSegment } from '../../db/segments/save-segment';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../../scripts/test/journey-worker';
import { startEventDispatcher } from '../../worker/event-dispatcher';
import { compileJourney } from '../../workflows/journey/compiler';
import type { JourneyGraph } from '../../workflows/journey/graph';
import {
  expirePointsWorkflowType,
  type DailyLoyaltyResult,
  type ExpirePointsInput,
} from '../../workflows/expiry-contract';

// Segments end to end on the real Postgres, Temporal dev server and worker: an event puts
// a customer into a segment, the `segment_entered` event starts the journey listening to
// it, once; the daily job re-evaluates segments.
let stack: JourneyTestStack;
let db: Database;
beforeAll(async () => {
  stack = await startJourneyTestStack();
  db = stack.database.db;
});
afterAll(() => stack?.stop());

async function liveSegmentJourney(workspaceId: string, segmentId: string): Promise<string> {
  const journeyId = newId('jrn');
  const graph: JourneyGraph = {
    nodes: [
      { id: 'trigger', type: 'trigger_segment_entered', position: { x: 0, y: 0 }, data: { segmentId } },
      {
        id: 'award',
        type: 'award_points',
        position: { x: 0, y: 100 },
        data: { amount: 'fixed', points: 25, expiresInMonths: null, reason: 'Welcome to VIP' },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
  };
  const compiled = compileJourney(graph, {
    journeyId,
    workspaceId,
    version: 1,
    templateIds: new Set(),
    rewardIds: new Set(),
    tierIds: new Set(),
    segmentIds: new Set([segmentId]),
  });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  await db
    .insert(journeys)
    .values({ id: journeyId, workspaceId, name: 'VIP', status: 'live', draftGraph: graph, liveVersion: 1 });
  await db
    .insert(journeyVersions)
    .values({ id: newId('jver'), workspaceId, journeyId, version: 1, graph, program: compiled.program });
  return journeyId;
}

async function balanceOf(workspaceId: string, customerId: string): Promise<number> {
  const [row] = await db
    .select({ balance: loyaltyAccounts.balance })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
  return row?.balance ?? 0;
}

async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const track = (workspaceId: string, customerId: string, name: string) =>
  emitEvent(db, { workspaceId, customerId, name, properties: {}, messageId: randomUUID(), source: 'api' });

describe('segment_entered trigger', () => {
  it('an event that puts a customer into a segment starts the journey once', async () => {
    const workspaceId = await createTestWorkspace(db, 'Segments: trigger');
    const customer = await createTestCustomer(db, workspaceId);
    const bystander = await createTestCustomer(db, workspaceId);
    const segment = await createSegment(db, workspaceId, {
      name: 'Buyers',
      rules: {
        match: 'all',
        rules: [{ subject: 'event', eventName: 'order_placed', count: 'at_least', times: 1 }],
      },
    });
    await liveSegmentJourney(workspaceId, segment.id);
    const dispatcher = startEventDispatcher({
      db,
      client: stack.client,
      taskQueue: stack.taskQueue,
      pollIntervalMs: 200,
      workspaceIds: [workspaceId],
    });
    try {
      await track(workspaceId, customer.id, 'order_placed');
      await track(workspaceId, bystander.id, 'page_viewed');
      await waitFor(async () => (await balanceOf(workspaceId, customer.id)) === 25);
      // A second order: still a member, no second entry, no second run.
      await track(workspaceId, customer.id, 'order_placed');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    } finally {
      await dispatcher.stop();
    }
    expect(await balanceOf(workspaceId, customer.id)).toBe(25);
    expect(await balanceOf(workspaceId, bystander.id)).toBe(0);
    const entered = await db
      .select({ customerId: events.customerId, properties: events.properties })
      .from(events)
      .where(
        and(eq(events.workspaceId, workspaceId), inArray(events.name, ['segment_entered', 'segment_exited'])),
      );
    expect(entered).toEqual([
      { customerId: customer.id, properties: { segmentId: segment.id, segmentName: 'Buyers' } },
    ]);
    const members = await db
      .select({ customerId: segmentMemberships.customerId })
      .from(segmentMemberships)
      .where(eq(segmentMemberships.segmentId, segment.id));
    expect(members).toEqual([{ customerId: customer.id }]);
  });
});

describe('the daily job', () => {
  it('re-evaluates the segments of the workspace', async () => {
    const workspaceId = await createTestWorkspace(db, 'Segments: daily');
    await createTestCustomer(db, workspaceId, { locale: 'de' });
    await createTestCustomer(db, workspaceId, { locale: 'en' });
    await createSegment(db, workspaceId, {
      name: 'German',
      rules: { rules: [{ subject: 'attribute', field: 'locale', operator: 'equals', value: 'de' }] },
    });
    const result = await stack.client.workflow.execute<
      (input: ExpirePointsInput) => Promise<DailyLoyaltyResult>
    >(expirePointsWorkflowType, {
      taskQueue: stack.taskQueue,
      workflowId: `segments-daily-${randomUUID()}`,
      args: [{ workspaceId }],
    });
    expect(result.segments).toEqual({ segments: 1, entered: 1, exited: 0 });
  });
});
