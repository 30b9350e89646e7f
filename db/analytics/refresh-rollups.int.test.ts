import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { newId } from '../ids';
import { awardPoints } from '../ledger/award';
import { spendPoints } from '../ledger/spend';
import { markSent } from '../messages/message-log';
import { claimMessage } from '../messages/testing/claim-message';
import { recordEngagement } from '../messages/record-engagement';
import { recordOrder } from '../orders/record-order';
import { ledgerEntries, messageLog, orders } from '../schema';
import { refreshRollups, rollupsRefreshedAt } from './refresh-rollups';
import { createKnownDataset, type KnownDataset } from './testing/known-dataset';
import { rollupSnapshot } from './testing/rollup-snapshot';

let handle: DatabaseHandle;
let data: KnownDataset;

beforeAll(async () => {
  handle = connectDatabase(inject('databaseUrl'), { max: 6 });
  data = await createKnownDataset(handle.db);
});
afterAll(() => handle.close());

async function expectEqualToScratch() {
  const { refreshed, fromScratch } = await rollupSnapshot(handle.db, data.workspaceId);
  expect(refreshed.daily.length).toBeGreaterThan(0);
  expect(refreshed).toEqual(fromScratch);
}

describe('refreshRollups', () => {
  it('folds the pending deltas in: the rollups equal a computation from scratch', async () => {
    const before = await rollupSnapshot(handle.db, data.workspaceId);
    expect(before.refreshed.daily).toEqual([]);
    const result = await refreshRollups(handle.db, data.workspaceId);
    expect(result.ran).toBe(true);
    expect(result.dailyDeltas).toBeGreaterThan(0);
    await expectEqualToScratch();
    expect(await rollupsRefreshedAt(handle.db, data.workspaceId)).toEqual(result.refreshedAt);
  });

  it('adds nothing when run again', async () => {
    const first = await rollupSnapshot(handle.db, data.workspaceId);
    const again = await refreshRollups(handle.db, data.workspaceId);
    expect(again).toMatchObject({ ran: true, dailyDeltas: 0, customerDayDeltas: 0 });
    expect(await rollupSnapshot(handle.db, data.workspaceId)).toEqual(first);
  });

  it('adds new and changed rows, including backdated ones, on the next refresh', async () => {
    const { workspaceId } = data;
    const late = await createTestCustomer(handle.db, workspaceId, {
      createdAt: new Date('2026-11-25T08:00:00Z'),
    });
    const id = newId('ord');
    // Recorded now, placed a month ago: a created_at watermark would never see it.
    await handle.db.insert(orders).values({
      id,
      workspaceId,
      customerId: late.id,
      orderRef: id,
      requestHash: 't',
      amount: 777,
      currency: 'EUR',
      qualifyingAmount: 777,
      pointsEarned: 0,
      placedAt: new Date('2026-10-25T12:00:00Z'),
    });
    // An order of A older than their first one: A's first order moves from 5 Oct to 20 Sep.
    const older = newId('ord');
    await handle.db.insert(orders).values({
      id: older,
      workspaceId,
      customerId: data.customers.a,
      orderRef: older,
      requestHash: 't',
      amount: 100,
      currency: 'EUR',
      qualifyingAmount: 100,
      pointsEarned: 0,
      placedAt: new Date('2026-09-20T12:00:00Z'),
    });
    await handle.db.insert(ledgerEntries).values({
      id: newId('le'),
      workspaceId,
      accountId: data.accounts.c,
      kind: 'redeem',
      points: -40,
      balanceAfter: 270,
      idempotencyKey: newId('k'),
      requestHash: 't',
      reason: 't',
      createdAt: new Date('2026-11-28T12:00:00Z'),
    });
    await handle.db.update(messageLog).set({ status: 'failed' }).where(eq(messageLog.id, data.messages.m2));
    const result = await refreshRollups(handle.db, workspaceId);
    expect(result.dailyDeltas).toBeGreaterThan(0);
    await expectEqualToScratch();
  });

  it('applies each delta once when refreshes run concurrently', async () => {
    const { workspaceId } = data;
    for (let i = 0; i < 20; i++)
      await createTestCustomer(handle.db, workspaceId, {
        createdAt: new Date(`2026-11-${10 + (i % 10)}T08:00:00Z`),
      });
    const results = await Promise.all([
      refreshRollups(handle.db, workspaceId),
      refreshRollups(handle.db),
      refreshRollups(handle.db, workspaceId, { wait: false }),
    ]);
    expect(results.filter((r) => r.ran).length).toBeGreaterThanOrEqual(2);
    await expectEqualToScratch();
  });

  it('vacuums the queues after a large fold, so the next refresh does not scan its dead rows', async () => {
    const workspaceId = await createTestWorkspace(handle.db, 'Large fold');
    // 10,001 deltas of a metric of its own, one per day, as a seed's backlog would leave.
    await handle.db.execute(sql`
      insert into analytics_pending_daily (workspace_id, metric, day, count)
      select ${workspaceId}, 'large_fold', date '2000-01-01' + g, 1 from generate_series(0, 10000) g`);
    const lastVacuum = async () => {
      const [row] = (await handle.db.execute(sql`
        select last_vacuum from pg_stat_user_tables where relname = 'analytics_pending_daily'`)) as unknown as {
        last_vacuum: string | Date | null;
      }[];
      return row?.last_vacuum ? new Date(row.last_vacuum).getTime() : 0;
    };
    const before = await lastVacuum();
    const result = await refreshRollups(handle.db, workspaceId);
    expect(result.dailyDeltas).toBe(10_001);
    expect(await lastVacuum()).toBeGreaterThan(before);
    const [folded] = (await handle.db.execute(sql`
      select count(*)::int as days, sum(count)::int as total from analytics_daily
      where workspace_id = ${workspaceId} and metric = 'large_fold'`)) as unknown as {
      days: number;
      total: number;
    }[];
    expect(folded).toEqual({ days: 10_001, total: 10_001 });
  });

  it('applies nothing of a refresh that fails', async () => {
    const { workspaceId } = data;
    await createTestCustomer(handle.db, workspaceId, { createdAt: new Date('2026-11-29T08:00:00Z') });
    const before = await rollupSnapshot(handle.db, workspaceId);
    await expect(
      handle.db.transaction(async (tx) => {
        await refreshRollups(tx as never, workspaceId);
        throw new Error('crash after folding');
      }),
    ).rejects.toThrow('crash after folding');
    expect(await rollupSnapshot(handle.db, workspaceId)).toEqual(before);
    await refreshRollups(handle.db, workspaceId);
    await expectEqualToScratch();
  });

  it('sees the app’s own write paths: orders with earn and tier, spends, sends, upserted engagements', async () => {
    const { workspaceId } = data;
    const buyer = await createTestCustomer(handle.db, workspaceId);
    await recordOrder(handle.db, {
      workspaceId,
      customerId: buyer.id,
      orderRef: newId('ref'),
      amount: 12_345,
      currency: 'EUR',
    });
    await awardPoints(handle.db, {
      workspaceId,
      customerId: buyer.id,
      points: 50,
      idempotencyKey: newId('k'),
      reason: 'test',
    });
    await spendPoints(handle.db, {
      workspaceId,
      customerId: buyer.id,
      points: 5,
      idempotencyKey: newId('k'),
      reason: 'test',
    });
    const row = await claimMessage(handle.db, {
      workspaceId,
      runId: `journey:${workspaceId}:${data.journeyId}:${buyer.id}:once`,
      stepId: 'send',
      customerId: buyer.id,
      templateId: data.templateId,
      toAddress: buyer.email,
      meta: { journeyId: data.journeyId, journeyVersion: 1 },
    });
    await markSent(handle.db, { workspaceId, id: row.id, subject: 'Hi', smtpResponse: '250 ok' });
    const at = new Date();
    await recordEngagement(handle.db, { kind: 'open', messageLogId: row.id, userAgent: 'Mozilla/5.0', at });
    await recordEngagement(handle.db, {
      kind: 'click',
      messageLogId: row.id,
      userAgent: 'Mozilla/5.0',
      at,
      url: 'https://shop.example/',
      linkIndex: 0,
    });
    await refreshRollups(handle.db, workspaceId);
    await expectEqualToScratch();
    const { refreshed } = await rollupSnapshot(handle.db, workspaceId);
    const today = refreshed.daily.filter((r) => r.startsWith('email_clicked|') && r.includes(data.journeyId));
    expect(today.length).toBeGreaterThan(0);
  });
});
