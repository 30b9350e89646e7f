import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { ledgerEntries, pointLots } from '../schema';
import { awardPoints } from './award';
import { IdempotencyConflictError, InsufficientPointsError, LedgerInputError } from './errors';
import { spendPoints } from './spend';
import { ledgerTotals, ledgerViolations } from './testing/ledger-invariants';
import { newMember } from './testing/member';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 20 });
});
afterAll(() => handle.close());

describe('spendPoints', () => {
  it('takes points first-expiring-first, never-expiring last, ties by earning time', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const award = (key: string, points: number, expiry: Parameters<typeof awardPoints>[1]['expiry']) =>
      awardPoints(db, { ...member, points, expiry, idempotencyKey: key, reason: 'Purchase' });
    // Whatever today is: end of this month < 12 months < 13 months < never.
    const neverFirst = await award('a', 10, { kind: 'never' });
    const thirteenMonths = await award('b', 10, { kind: 'months', months: 13 });
    const monthEnd1 = await award('c', 10, { kind: 'end_of_period', period: 'month' });
    const twelveMonths = await award('d', 10, { kind: 'months', months: 12 });
    const monthEnd2 = await award('e', 10, { kind: 'end_of_period', period: 'month' });
    const neverLast = await award('f', 10, { kind: 'never' });
    expect(monthEnd1.expiresAt).toEqual(monthEnd2.expiresAt);

    const first = await spendPoints(db, { ...member, points: 25, idempotencyKey: 's1', reason: 'Voucher' });
    expect(first.consumed).toEqual([
      { lotId: monthEnd1.lotId, points: 10 },
      { lotId: monthEnd2.lotId, points: 10 },
      { lotId: twelveMonths.lotId, points: 5 },
    ]);
    const second = await spendPoints(db, { ...member, points: 30, idempotencyKey: 's2', reason: 'Voucher' });
    expect(second.consumed).toEqual([
      { lotId: twelveMonths.lotId, points: 5 },
      { lotId: thirteenMonths.lotId, points: 10 },
      { lotId: neverFirst.lotId, points: 10 },
      { lotId: neverLast.lotId, points: 5 },
    ]);
    expect(second.balance).toBe(5);
    const lots = await db.select().from(pointLots).where(eq(pointLots.workspaceId, member.workspaceId));
    expect(lots.find((lot) => lot.id === neverLast.lotId)?.pointsRemaining).toBe(5);
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });

  it('applies a key once: the same request returns the first result, another request is refused', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await awardPoints(db, {
      ...member,
      points: 100,
      expiresInMonths: 6,
      idempotencyKey: 'earn',
      reason: 'r',
    });
    const request = { ...member, points: 40, idempotencyKey: 'spend', reason: 'Reward' };
    const first = await spendPoints(db, request);
    expect(await spendPoints(db, request)).toEqual({ ...first, replayed: true });
    await expect(spendPoints(db, { ...request, points: 41 })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    // A key belongs to one write of any kind.
    await expect(spendPoints(db, { ...request, idempotencyKey: 'earn' })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toEqual({
      balance: 60,
      entrySum: 60,
      entryCount: 2,
      lotSum: 60,
    });
  });

  it('refuses a spend above the balance with "insufficient points" and writes nothing', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await awardPoints(db, {
      ...member,
      points: 10,
      expiresInMonths: null,
      idempotencyKey: 'earn',
      reason: 'r',
    });
    const error = await spendPoints(db, { ...member, points: 11, idempotencyKey: 'big', reason: 'r' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InsufficientPointsError);
    expect((error as Error).message).toMatch(/insufficient points: the balance is 10, 11 requested/i);
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toMatchObject({
      balance: 10,
      entryCount: 1,
    });
    // Nothing was applied, so the key is still free once the balance covers it.
    await awardPoints(db, {
      ...member,
      points: 1,
      expiresInMonths: null,
      idempotencyKey: 'earn2',
      reason: 'r',
    });
    expect(
      await spendPoints(db, { ...member, points: 11, idempotencyKey: 'big', reason: 'r' }),
    ).toMatchObject({
      balance: 0,
      replayed: false,
    });
  });

  it('names the bad field, writes nothing, and stays inside its workspace', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const base = { ...member, points: 5, idempotencyKey: 'k', reason: 'r' };
    await expect(spendPoints(db, { ...base, points: 0 })).rejects.toThrow(
      /^points: points must be greater than 0/,
    );
    await expect(spendPoints(db, { ...base, points: 2.5 })).rejects.toThrow(/^points: /);
    await expect(spendPoints(db, { ...base, reason: '  ' })).rejects.toThrow(/^reason: a reason is required/);
    await expect(spendPoints(db, { ...base, idempotencyKey: 'system:expire:x' })).rejects.toThrow(
      /^idempotencyKey: keys starting with "system:" are reserved/,
    );
    const other = await newMember(db);
    await awardPoints(db, { ...other, points: 50, expiresInMonths: null, idempotencyKey: 'o', reason: 'r' });
    await expect(spendPoints(db, { ...base, customerId: other.customerId })).rejects.toThrow(/^customerId: /);
    await expect(spendPoints(db, { ...base, points: 1 })).rejects.toBeInstanceOf(InsufficientPointsError);
    await expect(spendPoints(db, { ...base, points: -1 })).rejects.toBeInstanceOf(LedgerInputError);
    expect(
      await db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, member.workspaceId)),
    ).toEqual([]);
    expect(await ledgerTotals(db, other.workspaceId, other.customerId)).toMatchObject({ balance: 50 });
  });

  it('lets exactly 10 of 50 concurrent redemptions through on a balance that covers 10', async () => {
    const { db } = handle;
    const member = await newMember(db);
    const cost = 7;
    // The balance (10 × 7) sits in lots of 10, so most redemptions straddle two lots.
    for (let i = 0; i < 7; i++)
      await awardPoints(db, {
        ...member,
        points: 10,
        expiresInMonths: 1 + i,
        idempotencyKey: `earn-${i}`,
        reason: 'r',
      });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        spendPoints(db, { ...member, points: cost, idempotencyKey: `redeem-${i}`, reason: 'Reward' }),
      ),
    );
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(succeeded).toHaveLength(10);
    expect(failed).toHaveLength(40);
    for (const failure of failed) {
      expect(failure.reason).toBeInstanceOf(InsufficientPointsError);
      expect(String(failure.reason.message)).toMatch(/insufficient points/i);
    }
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toEqual({
      balance: 0,
      entrySum: 0,
      entryCount: 7 + 10,
      lotSum: 0,
    });
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });
});
