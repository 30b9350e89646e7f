import { TZDate } from '@date-fns/tz';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestCustomer, createTestWorkspace } from '../../scripts/test/fixtures';
import { connectDatabase, type DatabaseHandle } from '../client';
import { ledgerEntries, loyaltyAccounts, pointLots } from '../schema';
import { awardPoints } from './award';
import { IdempotencyConflictError, LedgerInputError } from './errors';
import { setProgramExpiry } from './program';
import { ledgerTotals } from './testing/ledger-invariants';
import { newMember } from './testing/member';

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

  it('resolves expiry rules: the award’s own rule, else the program default, else never', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const base = { ...member, points: 10, reason: 'Purchase' };
    const never = await awardPoints(db, { ...base, idempotencyKey: 'no-program' });
    expect(never.expiresAt).toBeNull();

    await setProgramExpiry(db, {
      workspaceId: member.workspaceId,
      pointsExpiry: { kind: 'end_of_period', period: 'year' },
    });
    const byProgram = await awardPoints(db, { ...base, idempotencyKey: 'program' });
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.id, byProgram.entryId));
    // Test workspaces keep the default zone: midnight of the next 1 January in Berlin.
    const earnedYear = new TZDate(entry!.createdAt.getTime(), 'Europe/Berlin').getFullYear();
    expect(byProgram.expiresAt).toEqual(
      new Date(new TZDate(earnedYear + 1, 0, 1, 'Europe/Berlin').getTime()),
    );
    const own = await awardPoints(db, { ...base, expiry: { kind: 'never' }, idempotencyKey: 'own' });
    expect(own.expiresAt).toBeNull();
    const months = await awardPoints(db, {
      ...base,
      expiry: { kind: 'months', months: 2 },
      idempotencyKey: 'm',
    });
    const days = (months.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(58);
    expect(days).toBeLessThan(63);
  });

  it('links the earn entry to its order', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const result = await awardPoints(db, {
      ...member,
      points: 10,
      orderRef: 'A-1001',
      idempotencyKey: 'o',
      reason: 'r',
    });
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.id, result.entryId));
    expect(entry).toMatchObject({ kind: 'earn', orderRef: 'A-1001', balanceAfter: 10 });
    // The order is part of the request: the same key for another order is another request.
    await expect(
      awardPoints(db, { ...member, points: 10, orderRef: 'A-1002', idempotencyKey: 'o', reason: 'r' }),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('refuses both expiry forms at once, bad rules and reserved keys, naming the field', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const base = { ...member, points: 10, idempotencyKey: 'k', reason: 'r' };
    await expect(awardPoints(db, { ...base, expiry: { kind: 'never' }, expiresInMonths: 3 })).rejects.toThrow(
      /^expiry: give either expiry or expiresInMonths/,
    );
    await expect(awardPoints(db, { ...base, expiry: { kind: 'months', months: 0 } })).rejects.toThrow(
      /^expiry\.months: /,
    );
    await expect(awardPoints(db, { ...base, idempotencyKey: 'system:expire:lot_1' })).rejects.toThrow(
      /^idempotencyKey: /,
    );
    expect((await ledgerTotals(db, member.workspaceId, member.customerId)).entryCount).toBe(0);
  });
});
