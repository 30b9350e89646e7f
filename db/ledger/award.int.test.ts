import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { ledgerEntries, loyaltyAccounts, pointLots } from '../schema';
import { awardPoints } from './award';
import { IdempotencyConflictError, LedgerInputError } from './errors';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 20 });
});
afterAll(() => handle.close());

async function invariants(accountCustomerId: string) {
  const { db } = handle;
  const [account] = await db
    .select()
    .from(loyaltyAccounts)
    .where(eq(loyaltyAccounts.customerId, accountCustomerId));
  const [entries] = await db
    .select({
      sum: sql<number>`coalesce(sum(${ledgerEntries.points}), 0)`.mapWith(Number),
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.accountId, account!.id));
  const [lots] = await db
    .select({ sum: sql<number>`coalesce(sum(${pointLots.pointsRemaining}), 0)`.mapWith(Number) })
    .from(pointLots)
    .where(eq(pointLots.accountId, account!.id));
  return { balance: account!.balance, entrySum: entries!.sum, entryCount: entries!.count, lotSum: lots!.sum };
}

describe('awardPoints', () => {
  it('writes an earn entry, a lot expiring in 12 months and the balance in one go', async () => {
    const ws = await createTestWorkspace(handle.db);
    const customer = await createTestCustomer(handle.db, ws);
    const result = await awardPoints(handle.db, {
      workspaceId: ws,
      customerId: customer.id,
      points: 100,
      expiresInMonths: 12,
      idempotencyKey: 'run-1:award',
      reason: 'Birthday',
    });
    expect(result).toMatchObject({ points: 100, balance: 100, replayed: false });
    const months = (result.expiresAt!.getTime() - Date.now()) / (1000 * 60 * 60 * 24 * 30.44);
    expect(months).toBeGreaterThan(11.9);
    expect(months).toBeLessThan(12.1);
    expect(await invariants(customer.id)).toEqual({
      balance: 100,
      entrySum: 100,
      entryCount: 1,
      lotSum: 100,
    });
  });

  it('applies a key once: the same request returns the first result', async () => {
    const ws = await createTestWorkspace(handle.db);
    const customer = await createTestCustomer(handle.db, ws);
    const request = {
      workspaceId: ws,
      customerId: customer.id,
      points: 50,
      expiresInMonths: null,
      idempotencyKey: 'same-key',
      reason: 'Signup',
    };
    const first = await awardPoints(handle.db, request);
    const again = await awardPoints(handle.db, request);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await invariants(customer.id)).toEqual({ balance: 50, entrySum: 50, entryCount: 1, lotSum: 50 });
  });

  it('refuses the same key with a different request', async () => {
    const ws = await createTestWorkspace(handle.db);
    const customer = await createTestCustomer(handle.db, ws);
    const base = {
      workspaceId: ws,
      customerId: customer.id,
      expiresInMonths: 12,
      idempotencyKey: 'k',
      reason: 'r',
    };
    await awardPoints(handle.db, { ...base, points: 10 });
    await expect(awardPoints(handle.db, { ...base, points: 11 })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    expect((await invariants(customer.id)).balance).toBe(10);
  });

  it('names the bad field and writes nothing on bad input', async () => {
    const ws = await createTestWorkspace(handle.db);
    const customer = await createTestCustomer(handle.db, ws);
    const base = {
      workspaceId: ws,
      customerId: customer.id,
      expiresInMonths: 12,
      idempotencyKey: 'k',
      reason: 'r',
    };
    await expect(awardPoints(handle.db, { ...base, points: 0 })).rejects.toThrow(
      /points: points must be greater than 0/,
    );
    await expect(awardPoints(handle.db, { ...base, points: 1.5 })).rejects.toBeInstanceOf(LedgerInputError);
    const other = await createTestWorkspace(handle.db);
    await expect(awardPoints(handle.db, { ...base, workspaceId: other, points: 5 })).rejects.toThrow(
      /customerId/,
    );
    const rows = await handle.db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, ws));
    expect(rows).toHaveLength(0);
  });

  it('keeps the balance exact under concurrent awards, and a key applies once under a race', async () => {
    const ws = await createTestWorkspace(handle.db);
    const customer = await createTestCustomer(handle.db, ws);
    const base = { workspaceId: ws, customerId: customer.id, expiresInMonths: 6, reason: 'Purchase' };
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        awardPoints(handle.db, { ...base, points: i + 1, idempotencyKey: `order-${i}` }),
      ),
    );
    const racers = await Promise.all(
      Array.from({ length: 10 }, () =>
        awardPoints(handle.db, { ...base, points: 7, idempotencyKey: 'raced' }),
      ),
    );
    expect(racers.filter((r) => !r.replayed)).toHaveLength(1);
    const expected = (25 * 26) / 2 + 7;
    expect(await invariants(customer.id)).toEqual({
      balance: expected,
      entrySum: expected,
      entryCount: 26,
      lotSum: expected,
    });
  });
});
