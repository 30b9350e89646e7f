import { ScheduleOverlapPolicy } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { awardPoints } from '../db/ledger/award';
import { events, pointLots } from '../db/schema';
import { ledgerTotals, ledgerViolations } from '../db/ledger/testing/ledger-invariants';
import { newMember } from '../db/ledger/testing/member';
import { startJourneyTestStack, type JourneyTestStack } from '../scripts/test/journey-worker';
import { ensureExpirySchedule } from '../server/temporal/expiry-schedule';
import { expirePointsWorkflowType, type DailyLoyaltyResult, type ExpirePointsInput } from './expiry-contract';

// The expiry workflow through a real worker (bundled workflows, real activities) on the
// integration run's Temporal dev server and Postgres.
let stack: JourneyTestStack;
beforeAll(async () => {
  stack = await startJourneyTestStack();
});
afterAll(() => stack?.stop());

describe('expirePoints workflow', () => {
  it('expires the due lots of a workspace through the worker', async () => {
    const { db } = stack.database;
    const member = await newMember(db);
    await awardPoints(db, { ...member, points: 40, expiresInMonths: 1, idempotencyKey: 'soon', reason: 'r' });
    await awardPoints(db, {
      ...member,
      points: 2,
      expiresInMonths: null,
      idempotencyKey: 'never',
      reason: 'r',
    });
    const input: ExpirePointsInput = {
      workspaceId: member.workspaceId,
      asOf: new Date(Date.now() + 45 * 86_400_000).toISOString(),
    };
    // A week after the cut-off: inside the default 14 days of notice.
    const notice = await awardPoints(db, {
      ...member,
      points: 3,
      expiresInMonths: 6,
      idempotencyKey: 'week',
      reason: 'r',
    });
    await db
      .update(pointLots)
      .set({ expiresAt: new Date(Date.parse(input.asOf!) + 7 * 86_400_000) })
      .where(eq(pointLots.id, notice.lotId));
    const result = await stack.client.workflow.execute<
      (input: ExpirePointsInput) => Promise<DailyLoyaltyResult>
    >(expirePointsWorkflowType, {
      taskQueue: stack.taskQueue,
      workflowId: `expire-test-${randomUUID()}`,
      args: [input],
    });
    expect(result).toMatchObject({
      asOf: input.asOf,
      workspaces: 1,
      accounts: 1,
      lots: 1,
      points: 40,
      // The later steps ran against the same cut-off: one notice for the lot expiring a week after it.
      notices: { workspaces: 1, accounts: 1, events: 1 },
      tierReview: { accounts: 0, downgraded: 0 },
    });
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toMatchObject({
      balance: 5,
      lotSum: 5,
    });
    const emitted = await db
      .select({ name: events.name, properties: events.properties })
      .from(events)
      .where(eq(events.workspaceId, member.workspaceId))
      .orderBy(events.name);
    expect(emitted).toEqual([
      { name: 'points_expired', properties: expect.objectContaining({ points: 40, balanceAfter: 5 }) },
      { name: 'points_expiring', properties: expect.objectContaining({ points: 3 }) },
    ]);
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });

  it('ensures one daily 02:00 UTC schedule, idempotently, skipping overlaps', async () => {
    const scheduleId = `points-expiry-test-${randomUUID()}`;
    try {
      expect(await ensureExpirySchedule(stack.client, stack.taskQueue, { scheduleId })).toBe('created');
      expect(await ensureExpirySchedule(stack.client, 'moved-queue', { scheduleId })).toBe('updated');
      const description = await stack.client.schedule.getHandle(scheduleId).describe();
      expect(description.spec.calendars).toEqual([
        expect.objectContaining({
          hour: [{ start: 2, end: 2, step: 1 }],
          minute: [{ start: 0, end: 0, step: 1 }],
        }),
      ]);
      expect(description.spec.timezone ?? 'UTC').toBe('UTC');
      expect(description.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
      expect(description.action).toMatchObject({
        workflowType: expirePointsWorkflowType,
        taskQueue: 'moved-queue',
      });
    } finally {
      await stack.client.schedule.getHandle(scheduleId).delete();
    }
  });
});
