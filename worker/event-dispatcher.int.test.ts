import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { emitEvent } from '../db/events/emit-event';
import { newId } from '../db/ids';
import { eventOutbox, journeys, journeyVersions, loyaltyAccounts } from '../db/schema';
import { pauseJourney, resumeJourney, stopJourney } from '../server/journeys/journey-lifecycle';
import { publishJourney } from '../server/journeys/publish-journey';
import { routeEvent, type RoutableEvent } from '../server/journeys/route-event';
import { runningRunsOfCustomer } from '../server/temporal/running-runs';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import { compileJourney } from '../workflows/journey/compiler';
import type { JourneyGraph } from '../workflows/journey/graph';
import { journeyRunWorkflowId } from '../workflows/journey/run-id';
import { startEventDispatcher, type EventDispatcherOptions } from './event-dispatcher';

// The outbox dispatcher against the real Postgres and Temporal dev server, with a real
// worker running the interpreter. Each test has its own workspace, and its dispatchers
// claim only that workspace's rows, so other test files' events are left alone.
let stack: JourneyTestStack;
let db: Database;
beforeAll(async () => {
  stack = await startJourneyTestStack();
  db = stack.database.db;
});
afterAll(() => stack?.stop());

const at = (y: number) => ({ x: 0, y });

function graphWithTrigger(type: string, config: Record<string, unknown>, points = 10): JourneyGraph {
  return {
    nodes: [
      { id: 'trigger', type, position: at(0), data: config },
      {
        id: 'award',
        type: 'award_points',
        position: at(100),
        data: { amount: 'fixed', points, expiresInMonths: null, reason: 'Thanks' },
      },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' }],
  };
}

/** A live journey, as publishing leaves it (version 1). */
async function liveJourney(workspaceId: string, graph: JourneyGraph, settings: Record<string, unknown> = {}) {
  const journeyId = newId('jrn');
  const compiled = compileJourney(graph, {
    journeyId,
    workspaceId,
    version: 1,
    templateIds: new Set(),
    rewardIds: new Set(),
    tierIds: new Set(),
    settings,
  });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  await db
    .insert(journeys)
    .values({ id: journeyId, workspaceId, name: 'IT', status: 'live', draftGraph: graph, liveVersion: 1 });
  await db.insert(journeyVersions).values({
    id: newId('jver'),
    workspaceId,
    journeyId,
    version: 1,
    graph,
    program: compiled.program,
  });
  return journeyId;
}

async function track(
  workspaceId: string,
  customerId: string | null,
  name: string,
  properties: Record<string, unknown> = {},
  occurredAt = new Date(),
) {
  const { eventId } = await emitEvent(db, {
    workspaceId,
    customerId,
    name,
    properties,
    messageId: randomUUID(),
    source: 'api',
    occurredAt,
  });
  return eventId;
}

async function outboxRow(eventId: string) {
  const [row] = await db.select().from(eventOutbox).where(eq(eventOutbox.eventId, eventId));
  return row!;
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

const delivered = (eventId: string) => waitFor(async () => (await outboxRow(eventId)).deliveredAt && true);

function dispatcher(workspaceId: string, options: Partial<EventDispatcherOptions> = {}) {
  return startEventDispatcher({
    db,
    client: stack.client,
    taskQueue: stack.taskQueue,
    pollIntervalMs: 200,
    workspaceIds: [workspaceId],
    ...options,
  });
}

async function balanceOf(workspaceId: string, customerId: string): Promise<number> {
  const [row] = await db
    .select({ balance: loyaltyAccounts.balance })
    .from(loyaltyAccounts)
    .where(and(eq(loyaltyAccounts.workspaceId, workspaceId), eq(loyaltyAccounts.customerId, customerId)));
  return row?.balance ?? 0;
}

/** Closed runs are what is left of the run ids; each `journeyRun` execution of one workflow id. */
async function executionsOf(workflowId: string): Promise<string[]> {
  const statuses: string[] = [];
  for await (const run of stack.client.workflow.list({ query: `WorkflowId = '${workflowId}'` }))
    statuses.push(run.status.name);
  return statuses;
}

describe('event-triggered journeys', () => {
  it('runs for a matching event, not for one its filters leave out, and notes events without a customer', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: trigger');
    const customer = await createTestCustomer(db, workspaceId);
    const journeyId = await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_event', {
        eventName: 'Order Completed',
        filters: [{ property: 'total', operator: 'greater_or_equal', value: 50 }],
      }),
      { reentry: 'after_exit' },
    );
    const small = await track(workspaceId, customer.id, 'Order Completed', { total: 20 });
    const anonymous = await track(workspaceId, null, 'Order Completed', { total: 99 });
    const running = dispatcher(workspaceId);
    try {
      await delivered(small);
      await delivered(anonymous);
      expect((await outboxRow(anonymous)).lastError).toMatch(/no known customer/);
      expect(
        await executionsOf(
          journeyRunWorkflowId({ workspaceId, journeyId, customerId: customer.id, entryKey: 'run' }),
        ),
      ).toEqual([]);

      const big = await track(workspaceId, customer.id, 'Order Completed', { total: 80 });
      await delivered(big);
      await waitFor(async () => (await balanceOf(workspaceId, customer.id)) === 10);
      expect(await outboxRow(big)).toMatchObject({ attempts: 0, lastError: null });
    } finally {
      await running.stop();
    }
  });

  it('hands the run its trigger event and maps loyalty events to their triggers', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: loyalty triggers');
    const customer = await createTestCustomer(db, workspaceId);
    const upgrades = await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_tier_changed', { direction: 'upgrade', tierId: '' }),
    );
    await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_tier_changed', { direction: 'downgrade', tierId: '' }, 500),
    );
    const deps = { db, client: stack.client, taskQueue: stack.taskQueue };
    const event: RoutableEvent = {
      eventId: await track(workspaceId, customer.id, 'tier_changed', {
        direction: 'upgrade',
        toTierId: 'tier_x',
      }),
      workspaceId,
      customerId: customer.id,
      name: 'tier_changed',
      properties: { direction: 'upgrade', toTierId: 'tier_x' },
      occurredAt: new Date(),
    };
    const outcome = await routeEvent(deps, event);
    expect(outcome.started).toEqual([
      journeyRunWorkflowId({ workspaceId, journeyId: upgrades, customerId: customer.id, entryKey: 'run' }),
    ]);
    expect(outcome.skipped).toEqual([expect.objectContaining({ reason: 'filters' })]);
    const handle = stack.client.workflow.getHandle(outcome.started[0]!);
    const input =
      (await handle.describe()) &&
      (await handle.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]
        ?.data;
    const started = JSON.parse(Buffer.from(input!).toString()) as { triggerEvent: unknown };
    expect(started.triggerEvent).toEqual({
      id: event.eventId,
      name: 'tier_changed',
      properties: { direction: 'upgrade', toTierId: 'tier_x' },
      occurredAt: event.occurredAt.toISOString(),
    });
  });
});

/** A task queue nobody polls: runs started there stay running, which is what these tests need. */
const idleQueue = () => `idle-${randomUUID()}`;

describe('re-entry policies', () => {
  it('once: a second event is refused and still counts as delivered', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: once');
    const customer = await createTestCustomer(db, workspaceId);
    const journeyId = await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_event', { eventName: 'Signed Up', filters: [] }),
      {
        reentry: 'once',
      },
    );
    const running = dispatcher(workspaceId);
    try {
      const first = await track(workspaceId, customer.id, 'Signed Up');
      await delivered(first);
      await waitFor(async () => (await balanceOf(workspaceId, customer.id)) === 10);
      const second = await track(workspaceId, customer.id, 'Signed Up');
      await delivered(second);
      expect(await outboxRow(second)).toMatchObject({ attempts: 0, lastError: null });
      const id = journeyRunWorkflowId({ workspaceId, journeyId, customerId: customer.id, entryKey: 'once' });
      expect(await executionsOf(id)).toHaveLength(1);
      expect(await balanceOf(workspaceId, customer.id)).toBe(10);
    } finally {
      await running.stop();
    }
  });

  it('once per period: the same week is refused, the next week starts (in the workspace zone)', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: per period');
    const customer = await createTestCustomer(db, workspaceId);
    const journeyId = await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_event', { eventName: 'Visited', filters: [] }),
      {
        reentry: 'once_per_period',
        reentryPeriod: 'week',
      },
    );
    const running = dispatcher(workspaceId);
    try {
      // Europe/Berlin (the workspace default): Sunday 23:30 UTC is Monday 00:30, week 49.
      const events = [
        await track(workspaceId, customer.id, 'Visited', {}, new Date('2026-11-24T10:00:00Z')),
        await track(workspaceId, customer.id, 'Visited', {}, new Date('2026-11-29T22:30:00Z')),
        await track(workspaceId, customer.id, 'Visited', {}, new Date('2026-11-29T23:30:00Z')),
      ];
      for (const event of events) await delivered(event);
      const id = (entryKey: string) =>
        journeyRunWorkflowId({ workspaceId, journeyId, customerId: customer.id, entryKey });
      expect(await executionsOf(id('2026-W48'))).toHaveLength(1);
      expect(await executionsOf(id('2026-W49'))).toHaveLength(1);
      await waitFor(async () => (await balanceOf(workspaceId, customer.id)) === 20);
    } finally {
      await running.stop();
    }
  });

  it('after exit: enters again once the first run has ended', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: after exit');
    const customer = await createTestCustomer(db, workspaceId);
    const journeyId = await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_event', { eventName: 'Reviewed', filters: [] }),
      {
        reentry: 'after_exit',
      },
    );
    const id = journeyRunWorkflowId({ workspaceId, journeyId, customerId: customer.id, entryKey: 'run' });
    const running = dispatcher(workspaceId);
    try {
      await delivered(await track(workspaceId, customer.id, 'Reviewed'));
      await stack.client.workflow.getHandle(id).result();
      await delivered(await track(workspaceId, customer.id, 'Reviewed'));
      await stack.client.workflow.getHandle(id).result();
      const bothDone = async () => {
        const statuses = await executionsOf(id);
        return statuses.length === 2 && statuses.every((status) => status === 'COMPLETED');
      };
      await waitFor(bothDone);
      // Both runs share the workflow id; each keys its award by its own execution chain, so
      // the second award is not taken for a repeat of the first.
      await waitFor(async () => (await balanceOf(workspaceId, customer.id)) === 20);
    } finally {
      await running.stop();
    }
  });

  it('after exit: refused while the customer’s run is still going', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: after exit, running');
    const customer = await createTestCustomer(db, workspaceId);
    await liveJourney(workspaceId, graphWithTrigger('trigger_event', { eventName: 'Opened', filters: [] }), {
      reentry: 'after_exit',
    });
    const deps = { db, client: stack.client, taskQueue: idleQueue() };
    const event = async (): Promise<RoutableEvent> => ({
      eventId: await track(workspaceId, customer.id, 'Opened'),
      workspaceId,
      customerId: customer.id,
      name: 'Opened',
      properties: {},
      occurredAt: new Date(),
    });
    const first = await routeEvent(deps, await event());
    expect(first.started).toHaveLength(1);
    const second = await routeEvent(deps, await event());
    expect(second).toMatchObject({ started: [], refused: first.started });
    await stack.client.workflow.getHandle(first.started[0]!).terminate('exited');
    const third = await routeEvent(deps, await event());
    expect(third.started).toEqual(first.started);
    await stack.client.workflow.getHandle(first.started[0]!).terminate('test over');
  });
});

describe('lifecycle', () => {
  it('a paused journey admits no one; resumed, it does again', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: pause');
    const customer = await createTestCustomer(db, workspaceId);
    const journeyId = await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_event', { eventName: 'Clicked', filters: [] }),
    );
    const deps = { db, temporal: async () => stack.temporal };
    const target = { workspaceId, journeyId };
    expect(await pauseJourney(deps, target)).toEqual({ status: 'paused', temporalWarning: null });
    const running = dispatcher(workspaceId);
    try {
      await delivered(await track(workspaceId, customer.id, 'Clicked'));
      expect(await balanceOf(workspaceId, customer.id)).toBe(0);
      expect(await resumeJourney(deps, target)).toEqual({ status: 'live', temporalWarning: null });
      await delivered(await track(workspaceId, customer.id, 'Clicked'));
      await waitFor(async () => (await balanceOf(workspaceId, customer.id)) === 10);
    } finally {
      await running.stop();
    }
    await expect(resumeJourney(deps, { workspaceId, journeyId: 'jrn_missing' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('publishing a paused journey makes the new version current but keeps it paused', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: publish paused');
    const graph = graphWithTrigger('trigger_event', { eventName: 'Joined', filters: [] });
    const journeyId = await liveJourney(workspaceId, graph);
    const deps = { db, temporal: async () => stack.temporal };
    await pauseJourney(deps, { workspaceId, journeyId });
    expect(await publishJourney(deps, { workspaceId, journeyId, graph })).toMatchObject({
      ok: true,
      version: 2,
    });
    const [journey] = await db
      .select({ status: journeys.status, liveVersion: journeys.liveVersion })
      .from(journeys)
      .where(eq(journeys.id, journeyId));
    expect(journey).toEqual({ status: 'paused', liveVersion: 2 });
  });

  it('stop cancels every running run of the journey and admits no one after', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: stop');
    const [anna, ben] = [
      await createTestCustomer(db, workspaceId),
      await createTestCustomer(db, workspaceId),
    ];
    const journeyId = await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_event', { eventName: 'Browsed', filters: [] }),
    );
    const running = dispatcher(workspaceId, { taskQueue: idleQueue() });
    try {
      await delivered(await track(workspaceId, anna.id, 'Browsed'));
      await delivered(await track(workspaceId, ben.id, 'Browsed'));
      // Visibility trails the starts by a moment.
      for (const customer of [anna, ben])
        await waitFor(
          async () =>
            (await runningRunsOfCustomer(stack.client, { workspaceId, customerId: customer.id })).length ===
            1,
        );

      const result = await stopJourney(
        { db, temporal: async () => stack.temporal },
        { workspaceId, journeyId },
      );
      expect(result).toEqual({ status: 'stopped', temporalWarning: null, cancelled: 2 });
      for (const customer of [anna, ben]) {
        const id = journeyRunWorkflowId({ workspaceId, journeyId, customerId: customer.id, entryKey: 'run' });
        const history = await stack.client.workflow.getHandle(id).fetchHistory();
        expect(history.events?.some((event) => event.workflowExecutionCancelRequestedEventAttributes)).toBe(
          true,
        );
      }
      const late = await track(workspaceId, anna.id, 'Browsed');
      await delivered(late);
      const [journey] = await db
        .select({ status: journeys.status })
        .from(journeys)
        .where(eq(journeys.id, journeyId));
      expect(journey?.status).toBe('stopped');
    } finally {
      await running.stop();
    }
  });
});

describe('delivery', () => {
  it('keeps events pending with attempts and the error while Temporal is unreachable, then delivers them', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: outage');
    const customer = await createTestCustomer(db, workspaceId);
    await liveJourney(workspaceId, graphWithTrigger('trigger_event', { eventName: 'Paid', filters: [] }));
    // Nothing listens on port 1: every call fails as if Temporal were down.
    const down = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    const eventId = await track(workspaceId, customer.id, 'Paid');
    const quiet = { warn: () => {}, error: () => {} };
    const failing = dispatcher(workspaceId, { client: down, routeTimeoutMs: 1000, log: quiet });
    try {
      const row = await waitFor(async () => {
        const current = await outboxRow(eventId);
        return current.attempts >= 1 ? current : null;
      });
      expect(row.deliveredAt).toBeNull();
      expect(row.lastError).toMatch(/\S/);
      expect(row.availableAt.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await failing.stop();
      await down.connection.close().catch(() => {});
    }
    expect((await outboxRow(eventId)).deliveredAt).toBeNull();

    const healthy = dispatcher(workspaceId);
    try {
      await delivered(eventId);
      await waitFor(async () => (await balanceOf(workspaceId, customer.id)) === 10);
    } finally {
      await healthy.stop();
    }
  });

  it('is woken by NOTIFY at once, without waiting for its poll', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: notify');
    const customer = await createTestCustomer(db, workspaceId);
    const sleepy = dispatcher(workspaceId, { pollIntervalMs: 60_000 });
    try {
      // Let its first (empty) claim pass, so only a notification can wake it now.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const eventId = await track(workspaceId, customer.id, 'Pinged');
      await waitFor(async () => (await outboxRow(eventId)).deliveredAt, 5000);
    } finally {
      await sleepy.stop();
    }
  });

  it('two dispatchers deliver every event exactly once', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: two');
    const customers = await Promise.all(Array.from({ length: 8 }, () => createTestCustomer(db, workspaceId)));
    await liveJourney(workspaceId, graphWithTrigger('trigger_event', { eventName: 'Liked', filters: [] }), {
      reentry: 'once',
    });
    const eventIds: string[] = [];
    for (let round = 0; round < 3; round++)
      for (const customer of customers)
        eventIds.push(await track(workspaceId, customer.id, 'Liked', { round }));
    const routed = new Map<string, number>();
    const deps = { db, client: stack.client, taskQueue: stack.taskQueue };
    const counting = (event: RoutableEvent) => {
      routed.set(event.eventId, (routed.get(event.eventId) ?? 0) + 1);
      return routeEvent(deps, event);
    };
    const first = dispatcher(workspaceId, { route: counting, batchSize: 5 });
    const second = dispatcher(workspaceId, { route: counting, batchSize: 5 });
    try {
      for (const eventId of eventIds) await delivered(eventId);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    expect(routed.size).toBe(eventIds.length);
    expect([...routed.values()].every((count) => count === 1)).toBe(true);
    for (const customer of customers)
      await waitFor(async () => (await balanceOf(workspaceId, customer.id)) === 10);
  });

  it('signals a later event to the customer’s running runs, not to the run it starts', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: signal');
    const customer = await createTestCustomer(db, workspaceId);
    const journeyId = await liveJourney(
      workspaceId,
      graphWithTrigger('trigger_event', { eventName: 'Started Trial', filters: [] }),
    );
    const running = dispatcher(workspaceId, { taskQueue: idleQueue() });
    const id = journeyRunWorkflowId({ workspaceId, journeyId, customerId: customer.id, entryKey: 'run' });
    try {
      const trigger = await track(workspaceId, customer.id, 'Started Trial');
      await delivered(trigger);
      await waitFor(
        async () =>
          (await runningRunsOfCustomer(stack.client, { workspaceId, customerId: customer.id })).length === 1,
      );
      const later = await track(workspaceId, customer.id, 'Upgraded', { plan: 'pro' });
      await delivered(later);
      const history = await stack.client.workflow.getHandle(id).fetchHistory();
      const signals = (history.events ?? [])
        .map((event) => event.workflowExecutionSignaledEventAttributes)
        .filter((signal) => signal)
        .map((signal) => ({
          name: signal!.signalName,
          event: JSON.parse(Buffer.from(signal!.input!.payloads![0]!.data!).toString()) as { id: string },
        }));
      expect(signals).toEqual([
        {
          name: 'journeyEvent',
          event: expect.objectContaining({ id: later, name: 'Upgraded', properties: { plan: 'pro' } }),
        },
      ]);
    } finally {
      await running.stop();
      await stack.client.workflow
        .getHandle(id)
        .terminate('test over')
        .catch(() => {});
    }
  });

  it('lets a waiting run go on when the customer does what it waits for (wait for event, end to end)', async () => {
    const workspaceId = await createTestWorkspace(db, 'Dispatcher: wait for event');
    const customer = await createTestCustomer(db, workspaceId);
    const waiting: JourneyGraph = {
      nodes: [
        {
          id: 'trigger',
          type: 'trigger_event',
          position: at(0),
          data: { eventName: 'Cart Abandoned', filters: [] },
        },
        {
          id: 'wait',
          type: 'wait_for_event',
          position: at(100),
          data: {
            eventName: 'Order Completed',
            filters: [{ property: 'total', operator: 'greater_than', value: 10 }],
            timeout: { amount: 5, unit: 'minutes' },
          },
        },
        {
          id: 'award',
          type: 'award_points',
          position: at(200),
          data: { amount: 'fixed', points: 50, expiresInMonths: null, reason: 'Came back' },
        },
      ],
      edges: [
        { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
        { id: 'e2', source: 'wait', sourceHandle: 'received', target: 'award' },
      ],
    };
    const journeyId = await liveJourney(workspaceId, waiting);
    const id = journeyRunWorkflowId({ workspaceId, journeyId, customerId: customer.id, entryKey: 'run' });
    const running = dispatcher(workspaceId);
    try {
      await delivered(await track(workspaceId, customer.id, 'Cart Abandoned'));
      await waitFor(
        async () =>
          (await runningRunsOfCustomer(stack.client, { workspaceId, customerId: customer.id })).length === 1,
      );
      // Filtered out by the wait's own filter: the run keeps waiting.
      await delivered(await track(workspaceId, customer.id, 'Order Completed', { total: 5 }));
      await delivered(await track(workspaceId, customer.id, 'Order Completed', { total: 80 }));
      const state = (await stack.client.workflow.getHandle(id).result()) as {
        results: Record<string, unknown>;
      };
      // The event the wait received is the one its filter admits.
      expect(JSON.stringify(state.results['wait'])).toContain('"total":80');
      expect(await balanceOf(workspaceId, customer.id)).toBe(50);
    } finally {
      await running.stop();
      await stack.client.workflow
        .getHandle(id)
        .terminate('test over')
        .catch(() => {});
    }
  });
});
