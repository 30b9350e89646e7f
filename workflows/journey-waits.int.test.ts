import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import type { RunState } from './journey/interpreter';
import type { JourneyProgram } from './journey/program';
import { CustomerIdKey } from './journey/search-attributes';
import { journeyEventSignal, type JourneyEvent } from './journey/signals';
import { flowProgram } from './journey/testing/flow-program';
import { runStateQuery } from './journey-run';

// Waits, events and goals through the real worker and Temporal dev server, with real
// (short) timers. Events are signalled directly; the outbox dispatcher has its own tests.
let stack: JourneyTestStack;
let workspaceId: string;
beforeAll(async () => {
  stack = await startJourneyTestStack();
  workspaceId = await createTestWorkspace(stack.database.db, 'Waits IT');
});
afterAll(() => stack?.stop());

const award = (points: number) => ({
  type: 'award_points',
  config: { points, expiresInMonths: null, reason: 'IT' },
});
const event = (id: string, name: string, properties: Record<string, unknown> = {}): JourneyEvent => ({
  id,
  name,
  properties,
  occurredAt: new Date().toISOString(),
});

async function start(program: JourneyProgram, customerId: string, options: { historyLimit?: number } = {}) {
  return stack.client.workflow.start('journeyRun', {
    taskQueue: stack.taskQueue,
    workflowId: `journey:${workspaceId}:${program.journeyId}:${customerId}:${newId('run')}`,
    args: [{ program: { ...program, workspaceId }, customerId, ...options }],
    typedSearchAttributes: [{ key: CustomerIdKey, value: customerId }],
  });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('journey runs that wait', () => {
  const waitProgram = (
    timeout: { amount: number; unit: 'seconds' | 'hours' } = { amount: 3, unit: 'seconds' },
  ) =>
    flowProgram({
      wait: {
        type: 'wait_for_event',
        config: {
          eventName: 'Order Completed',
          filters: [{ property: 'total', operator: 'greater_or_equal', value: 50 }],
          timeout,
        },
        next: { received: 'thanks', timeout: 'nudge' },
      },
      thanks: award(50),
      nudge: award(5),
    });

  it('goes on by received when a matching event is signalled, by timeout when none comes', async () => {
    // The buyer's wait is long, so a loaded machine's signals cannot arrive after its timeout;
    // the idle customer's is short, so the test sees it time out.
    const journeyId = newId('jrn');
    const buyerProgram = { ...waitProgram({ amount: 1, unit: 'hours' }), journeyId };
    const idleProgram = { ...waitProgram(), journeyId };
    const [buyer, idle] = await Promise.all([
      createTestCustomer(stack.database.db, workspaceId, { timeZone: 'Asia/Tokyo' }),
      createTestCustomer(stack.database.db, workspaceId),
    ]);
    const [buying, idling] = await Promise.all([start(buyerProgram, buyer.id), start(idleProgram, idle.id)]);
    const waiting = await until(
      () => buying.query(runStateQuery),
      (s) => s.waiting !== null,
    );
    expect(waiting.waiting).toMatchObject({ kind: 'event', stepId: 'wait', eventName: 'Order Completed' });
    // The profile is loaded once at the start and kept in the state.
    expect(waiting.context?.profile?.timeZone).toBe('Asia/Tokyo');
    await buying.signal(journeyEventSignal, event('evt_small', 'Order Completed', { total: 10 }));
    await buying.signal(journeyEventSignal, event('evt_big', 'Order Completed', { total: 75 }));

    const bought = (await buying.result()) as RunState;
    expect(bought.path).toEqual([
      { stepId: 'wait', output: 'received' },
      { stepId: 'thanks', output: 'next' },
    ]);
    expect(bought.results['wait']).toMatchObject({ id: 'evt_big' });
    expect(bought.seenEventIds).toEqual(['evt_small', 'evt_big']);

    const startedAt = Date.now();
    const idled = (await idling.result()) as RunState;
    expect(idled.path).toEqual([
      { stepId: 'wait', output: 'timeout' },
      { stepId: 'nudge', output: 'next' },
    ]);
    expect(Date.now() - startedAt).toBeLessThan(10_000);
  });

  it('ends a sleeping run at its goal event', async () => {
    const program = {
      ...flowProgram(
        {
          nap: {
            type: 'delay',
            config: { mode: 'duration', duration: { amount: 1, unit: 'hours' } },
            next: { next: 'late' },
          },
          late: award(1),
        },
        { goal: { eventName: 'Subscription Started', filters: [] } },
      ),
      journeyId: newId('jrn'),
    };
    const customer = await createTestCustomer(stack.database.db, workspaceId);
    const handle = await start(program, customer.id);
    await until(
      () => handle.query(runStateQuery),
      (s) => s.waiting?.kind === 'sleep',
    );
    await handle.signal(journeyEventSignal, event('evt_other', 'Page Viewed'));
    await handle.signal(journeyEventSignal, event('evt_goal', 'Subscription Started'));
    const state = (await handle.result()) as RunState;
    expect(state).toMatchObject({ status: 'completed', exitedBy: 'goal', path: [] });
  });

  it('handles the same event id once', async () => {
    const program = {
      ...flowProgram({
        first: {
          type: 'wait_for_event',
          config: { eventName: 'Ping', filters: [], timeout: { amount: 30, unit: 'seconds' } },
          next: { received: 'second' },
        },
        second: {
          type: 'wait_for_event',
          config: { eventName: 'Ping', filters: [], timeout: { amount: 30, unit: 'seconds' } },
          next: { received: 'done' },
        },
        done: award(1),
      }),
      journeyId: newId('jrn'),
    };
    const customer = await createTestCustomer(stack.database.db, workspaceId);
    const handle = await start(program, customer.id);
    await until(
      () => handle.query(runStateQuery),
      (s) => s.waiting?.stepId === 'first',
    );
    await handle.signal(journeyEventSignal, event('evt_1', 'Ping'));
    const atSecond = await until(
      () => handle.query(runStateQuery),
      (s) => s.waiting?.stepId === 'second',
    );
    expect(atSecond.path).toEqual([{ stepId: 'first', output: 'received' }]);
    // The dispatcher delivering evt_1 again must not move the run on.
    await handle.signal(journeyEventSignal, event('evt_1', 'Ping'));
    const still = await handle.query(runStateQuery);
    expect(still.waiting?.stepId).toBe('second');
    expect(still.seenEventIds).toEqual(['evt_1']);
    await handle.signal(journeyEventSignal, event('evt_2', 'Ping'));
    const state = (await handle.result()) as RunState;
    expect(state.results['second']).toMatchObject({ id: 'evt_2' });
    expect(state.path.map((p) => p.stepId)).toEqual(['first', 'second', 'done']);
  });

  it('continues as new when the history grows, carrying the state and the seen event ids', async () => {
    // The wait never times out during the test (a short timeout raced a loaded machine's
    // signals and ended the run early); the run is terminated at the end.
    const program = {
      ...flowProgram({
        listen: {
          type: 'wait_for_event',
          config: { eventName: 'Ping', filters: [], timeout: { amount: 1, unit: 'hours' } },
          next: { received: 'listen', timeout: 'done' },
        },
        done: award(3),
      }),
      journeyId: newId('jrn'),
    };
    const customer = await createTestCustomer(stack.database.db, workspaceId);
    const handle = await start(program, customer.id, { historyLimit: 25 });
    const firstRunId = handle.firstExecutionRunId;
    for (let i = 0; i < 8; i += 1) {
      await until(
        () => handle.query(runStateQuery),
        (s) => s.waiting?.stepId === 'listen' && s.seenEventIds.length === i,
      );
      await handle.signal(journeyEventSignal, event(`ping_${i}`, 'Ping'));
    }
    // A redelivery of an event seen before the continue-as-new is still ignored after it.
    // Signals are handled in order, so once ping_8 is seen, ping_0's redelivery was too.
    await handle.signal(journeyEventSignal, event('ping_0', 'Ping'));
    await handle.signal(journeyEventSignal, event('ping_8', 'Ping'));
    const state = await until(
      () => handle.query(runStateQuery),
      (s) => s.seenEventIds.length === 9 && s.waiting?.stepId === 'listen',
    );
    expect(state.seenEventIds).toEqual(Array.from({ length: 9 }, (_, i) => `ping_${i}`));
    expect(state.path.filter((p) => p.output === 'received')).toHaveLength(9);
    const latest = await stack.client.workflow.getHandle(handle.workflowId).describe();
    expect(latest.runId).not.toBe(firstRunId);
    // The event router finds runs by these: the new run must keep them.
    expect(latest.typedSearchAttributes.get(CustomerIdKey)).toBe(customer.id);
    await stack.client.workflow.getHandle(handle.workflowId).terminate('test done');
  });

  it('computes a local-time delay in the customer zone inside the workflow sandbox', async () => {
    const program = {
      ...flowProgram({
        morning: {
          type: 'delay',
          config: { mode: 'until_time', time: '09:00', weekdays: [1] },
          next: { next: 'late' },
        },
        late: award(1),
      }),
      journeyId: newId('jrn'),
    };
    const customer = await createTestCustomer(stack.database.db, workspaceId, {
      timeZone: 'America/New_York',
    });
    const handle = await start(program, customer.id);
    const state = await until(
      () => handle.query(runStateQuery),
      (s) => s.waiting !== null,
    );
    const wakeAt = new Date(state.waiting?.kind === 'sleep' ? state.waiting.until : 0);
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(wakeAt);
    expect(local).toBe('Mon 09:00');
    expect(wakeAt.getTime()).toBeGreaterThan(Date.now());
    await handle.terminate('test done');
  });
});
