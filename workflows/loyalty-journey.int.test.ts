import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../db/ids';
import { loyaltyAccounts, rewards, vouchers } from '../db/schema';
import { createTestCustomer, createTestWorkspace } from '../scripts/test/fixtures';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import { compileJourney } from './journey/compiler';
import type { JourneyGraph } from './journey/graph';
import type { RunState } from './journey/interpreter';

// The loyalty nodes through the real worker: a formula award over the trigger event with
// the tier multiplier, a balance condition, a free voucher and a deduction.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

function orderGraph(rewardId: string): JourneyGraph {
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

describe('a journey with loyalty nodes, end to end', () => {
  it('awards by formula, branches on the balance, issues a voucher and deducts', async () => {
    const { db } = stack.database;
    const workspaceId = await createTestWorkspace(db, 'Loyalty nodes IT');
    const rewardId = newId('rwd');
    await db.insert(rewards).values({
      id: rewardId,
      workspaceId,
      name: 'Free tote bag',
      kind: 'free_product',
      productSku: 'TOTE-1',
      pointsCost: 500,
    });
    const journeyId = newId('jrn');
    const compiled = compileJourney(orderGraph(rewardId), {
      journeyId,
      workspaceId,
      version: 1,
      templateIds: new Set(),
      rewardIds: new Set([rewardId]),
      tierIds: new Set(),
    });
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));

    const big = await createTestCustomer(db, workspaceId);
    const small = await createTestCustomer(db, workspaceId);
    const run = (customerId: string, total: number) =>
      stack.client.workflow.execute('journeyRun', {
        taskQueue: stack.taskQueue,
        workflowId: `journey:${workspaceId}:${journeyId}:${customerId}:it`,
        args: [
          {
            program: compiled.program,
            customerId,
            triggerEvent: { name: 'Order Completed', properties: { total } },
          },
        ],
      }) as Promise<RunState>;
    const [bigRun, smallRun] = await Promise.all([run(big.id, 80.5), run(small.id, 20)]);

    expect(bigRun.status).toBe('completed');
    expect(bigRun.path).toEqual([
      { stepId: 'award', output: 'next' },
      { stepId: 'rich', output: 'yes' },
      { stepId: 'gift', output: 'issued' },
      { stepId: 'fee', output: 'deducted' },
    ]);
    expect(bigRun.results['award']).toMatchObject({ status: 'awarded', points: 160 });
    const voucher = bigRun.results['gift'] as { code: string };
    expect(voucher.code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    expect(smallRun.path).toEqual([
      { stepId: 'award', output: 'next' },
      { stepId: 'rich', output: 'no' },
    ]);

    const balances = await db
      .select({ customerId: loyaltyAccounts.customerId, balance: loyaltyAccounts.balance })
      .from(loyaltyAccounts)
      .where(eq(loyaltyAccounts.workspaceId, workspaceId));
    expect(Object.fromEntries(balances.map((row) => [row.customerId, row.balance]))).toEqual({
      [big.id]: 150,
      [small.id]: 40,
    });
    const held = await db
      .select({ code: vouchers.code })
      .from(vouchers)
      .where(and(eq(vouchers.workspaceId, workspaceId), eq(vouchers.customerId, big.id)));
    expect(held).toEqual([{ code: voucher.code }]);
  });
});
