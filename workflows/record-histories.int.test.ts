import { access, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { temporal } from '@temporalio/proto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids';
import { emailTemplates, rewards } from '../db/schema';
import { insertStarterTemplates } from '../db/templates/starter-templates';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import { compileJourney } from './journey/compiler';
import type { JourneyGraph } from './journey/graph';
import type { RunState } from './journey/interpreter';
import { journeyEventSignal } from './journey/signals';
import { birthdayGraph } from './journey/testing/birthday-graph';
import { flowProgram } from './journey/testing/flow-program';
import { runStateQuery } from './journey-run';

/**
 * Records the workflow histories that `replay.int.test.ts` replays. Run it only when the
 * interpreter's behaviour changes on purpose and the new shape must be pinned too, with
 * the code whose histories you want to keep:
 *
 *   RECORD_HISTORIES=1 npx vitest run --project integration workflows/record-histories.int.test.ts
 *
 * It writes `workflows/fixtures/histories/<name>.json`; commit them. Never re-record an
 * existing fixture after changing workflow code: the old file is what proves old runs
 * still replay. Give new recordings new names (the `RECORD_SUFFIX` env var helps).
 */
const record = process.env.RECORD_HISTORIES === '1';
const suffix = process.env.RECORD_SUFFIX ? `-${process.env.RECORD_SUFFIX}` : '';
const dir = new URL('./fixtures/histories/', import.meta.url);

let stack: JourneyTestStack;
beforeAll(async () => {
  if (record) stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

async function runAndSave(name: string, workflowId: string, args: unknown): Promise<RunState> {
  const handle = await stack.client.workflow.start('journeyRun', {
    taskQueue: stack.taskQueue,
    workflowId,
    args: [args],
  });
  const state = (await handle.result()) as RunState;
  await save(name, workflowId, handle);
  return state;
}

async function save(
  name: string,
  workflowId: string,
  handle: { fetchHistory: () => Promise<unknown> },
): Promise<void> {
  const file = fileURLToPath(new URL(`${name}${suffix}.json`, dir));
  // Never replace a committed fixture: it stands for runs recorded with older code.
  if (
    await access(file).then(
      () => true,
      () => false,
    )
  ) {
    console.warn(`${file} exists; kept (set RECORD_SUFFIX to record a new one)`);
    return;
  }
  const history = (await handle.fetchHistory()) as Parameters<
    typeof temporal.api.history.v1.History.fromObject
  >[0];
  // protobufjs's object form (64-bit ids as strings, enums by name, bytes base64), not
  // `historyToJSON`: with the two protobufjs copies npm installed here, that throws
  // "type must be a Type". `replay.int.test.ts` reads it back with `History.fromObject`.
  const History = temporal.api.history.v1.History;
  const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  await writeFile(file, `${JSON.stringify({ workflowId, history: json }, null, 1)}\n`);
}

function loyaltyGraph(rewardId: string): JourneyGraph {
  const at = (y: number) => ({ x: 0, y });
  return {
    nodes: [
      { id: 'trigger', type: 'trigger_birthday', position: at(0), data: { hour: 9 } },
      {
        id: 'award',
        type: 'award_points',
        position: at(100),
        data: { amount: 'formula', points: 1, formula: 'floor(event.total) * 2', expiresInMonths: 12 },
      },
      {
        id: 'rich',
        type: 'loyalty_condition',
        position: at(200),
        data: { subject: 'balance', minBalance: 100 },
      },
      { id: 'gift', type: 'issue_reward', position: at(300), data: { rewardId, charge: false } },
      { id: 'fee', type: 'deduct_points', position: at(400), data: { points: 10, reason: 'Gift wrapping' } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'award' },
      { id: 'e2', source: 'award', sourceHandle: 'next', target: 'rich' },
      { id: 'e3', source: 'rich', sourceHandle: 'yes', target: 'gift' },
      { id: 'e4', source: 'gift', sourceHandle: 'issued', target: 'fee' },
    ],
  };
}

describe.skipIf(!record)('record journeyRun histories for the replay test', () => {
  it('records a run with the waits-and-events patch: split, wait, a duplicate event, a delay, a condition', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Replay fixtures v2');
    const customer = await createTestCustomer(db, workspaceId, { timeZone: 'Europe/Berlin' });
    const award = (points: number) => ({
      type: 'award_points',
      config: { points, expiresInMonths: null, reason: 'Fixture' },
    });
    const program = {
      ...flowProgram(
        {
          split: {
            type: 'random_split',
            config: { shares: [50, 50], holdout: 0 },
            next: { branch_1: 'wait', branch_2: 'wait' },
          },
          wait: {
            type: 'wait_for_event',
            config: { eventName: 'Order Completed', filters: [], timeout: { amount: 30, unit: 'seconds' } },
            next: { received: 'nap', timeout: 'nap' },
          },
          nap: {
            type: 'delay',
            config: { mode: 'duration', duration: { amount: 1, unit: 'seconds' } },
            next: { next: 'check' },
          },
          check: {
            type: 'condition',
            config: {
              branches: [{ rules: [{ subject: 'balance', operator: 'greater_or_equal', value: 0 }] }],
            },
            next: { branch_1: 'bonus' },
          },
          bonus: award(7),
        },
        { goal: { eventName: 'Never Happens', filters: [] } },
      ),
      workspaceId,
      journeyId: newId('jrn'),
    };
    const workflowId = `journey:${workspaceId}:${program.journeyId}:${customer.id}:v2`;
    const handle = await stack.client.workflow.start('journeyRun', {
      taskQueue: stack.taskQueue,
      workflowId,
      args: [{ program, customerId: customer.id }],
    });
    for (;;) {
      const state = await handle.query(runStateQuery);
      if (state.waiting?.stepId === 'wait') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const event = {
      id: 'evt_fixture',
      name: 'Order Completed',
      properties: { total: 10 },
      occurredAt: new Date().toISOString(),
    };
    await handle.signal(journeyEventSignal, event);
    await handle.signal(journeyEventSignal, event);
    const state = (await handle.result()) as RunState;
    expect(state.path.map((p) => p.stepId)).toEqual(['split', 'wait', 'nap', 'check', 'bonus']);
    await save('v2-split-wait-event-delay-condition', workflowId, handle);
  });

  it('records date-triggered runs with the max-lateness patch: one late (skipped), one in time', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Replay fixtures v3');
    const customer = await createTestCustomer(db, workspaceId, { timeZone: 'Europe/Berlin' });
    const program = {
      ...flowProgram(
        { award: { type: 'award_points', config: { points: 3, expiresInMonths: null, reason: 'Fixture' } } },
        { maxLatenessMinutes: 60 },
      ),
      trigger: {
        nodeId: 'trigger',
        type: 'trigger_date_anniversary',
        config: { dateField: 'birthday', hour: 9 },
      },
      workspaceId,
      journeyId: newId('jrn'),
    };
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();
    const late = await runAndSave(
      'v3-date-trigger-late',
      `journey:${workspaceId}:${program.journeyId}:${customer.id}:late`,
      { program, customerId: customer.id, dueAt: hoursAgo(3) },
    );
    expect(late).toMatchObject({ status: 'completed', skips: [{ stepId: 'award', reason: 'late' }] });
    const inTime = await runAndSave(
      'v3-date-trigger-in-time',
      `journey:${workspaceId}:${program.journeyId}:${customer.id}:in-time`,
      { program, customerId: customer.id, dueAt: hoursAgo(0.5) },
    );
    expect(inTime).toMatchObject({
      status: 'completed',
      skips: [],
      path: [{ stepId: 'award', output: 'next' }],
    });
  });

  it('records a birthday run (award → email) and a loyalty run (formula, condition, voucher, deduct)', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Replay fixtures');
    await insertStarterTemplates(db, workspaceId);
    const [template] = await db
      .select({ id: emailTemplates.id })
      .from(emailTemplates)
      .where(and(eq(emailTemplates.workspaceId, workspaceId), eq(emailTemplates.name, 'Happy birthday')));
    const rewardId = newId('rwd');
    await db.insert(rewards).values({
      id: rewardId,
      workspaceId,
      name: 'Free tote bag',
      kind: 'free_product',
      productSku: 'TOTE-1',
      pointsCost: 500,
    });
    const context = (journeyId: string) => ({
      journeyId,
      workspaceId,
      version: 1,
      templateIds: new Set([template!.id]),
      rewardIds: new Set([rewardId]),
      tierIds: new Set<string>(),
    });

    const birthdayJourney = newId('jrn');
    const birthday = compileJourney(birthdayGraph(template!.id), context(birthdayJourney));
    if (!birthday.ok) throw new Error(JSON.stringify(birthday.errors));
    const celebrant = await createTestCustomer(db, workspaceId, { firstName: 'Anna' });
    const birthdayState = await runAndSave(
      'birthday-award-email',
      `journey:${workspaceId}:${birthdayJourney}:${celebrant.id}:2026`,
      { program: birthday.program, customerId: celebrant.id },
    );
    expect(birthdayState.status).toBe('completed');

    const loyaltyJourney = newId('jrn');
    const loyalty = compileJourney(loyaltyGraph(rewardId), context(loyaltyJourney));
    if (!loyalty.ok) throw new Error(JSON.stringify(loyalty.errors));
    const member = await createTestCustomer(db, workspaceId);
    const loyaltyState = await runAndSave(
      'loyalty-formula-condition-reward-deduct',
      `journey:${workspaceId}:${loyaltyJourney}:${member.id}:it`,
      {
        program: loyalty.program,
        customerId: member.id,
        triggerEvent: { name: 'Order Completed', properties: { total: 80.5 } },
      },
    );
    expect(loyaltyState.path.map((p) => p.output)).toEqual(['next', 'yes', 'issued', 'deducted']);
  });
});
