import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { ledgerEntries, pointReversals } from '../schema';
import { awardPoints } from './award';
import { IdempotencyConflictError } from './errors';
import { expireDueLots } from './expire';
import { reversePoints } from './reverse';
import { listReversalShortfalls } from './shortfalls';
import { spendPoints } from './spend';
import { ledgerTotals, ledgerViolations } from './testing/ledger-invariants';
import { newMember, type Member } from './testing/member';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 10 });
});
afterAll(() => handle.close());

const order = { orderAmount: 10_000, currency: 'EUR' };

function earn(member: Member, key: string, points: number, orderRef?: string, months: number | null = 12) {
  return awardPoints(handle.db, {
    ...member,
    points,
    orderRef,
    expiresInMonths: months,
    idempotencyKey: key,
    reason: 'Purchase',
  });
}

describe('reversePoints', () => {
  it('takes back what the order earned from its own lots, even when others expire sooner', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await earn(member, 'other', 50, undefined, 1);
    const earned = await earn(member, 'order', 80, 'A-1');
    const result = await reversePoints(db, {
      ...member,
      ...order,
      orderRef: 'A-1',
      refundAmount: 10_000,
      idempotencyKey: 'refund',
    });
    expect(result).toMatchObject({
      pointsDue: 80,
      pointsTaken: 80,
      shortfall: 0,
      pointsWaivedExpired: 0,
      balance: 50,
    });
    expect(result.consumed).toEqual([{ lotId: earned.lotId, points: 80 }]);
    const [entry] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.id, result.entryId));
    expect(entry).toMatchObject({ kind: 'reverse', points: -80, orderRef: 'A-1', balanceAfter: 50 });
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });

  it('is proportional for partial refunds and adds up to exactly what the order earned', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await earn(member, 'base', 60, 'A-2');
    await earn(member, 'bonus', 41, 'A-2'); // an order may earn several times: 101 in all
    const refund = (key: string, refundAmount: number) =>
      reversePoints(db, { ...member, ...order, orderRef: 'A-2', refundAmount, idempotencyKey: key });
    expect((await refund('r1', 3_333)).pointsTaken).toBe(33); // floor(101 × 0.3333)
    expect((await refund('r2', 3_333)).pointsTaken).toBe(34); // floor(101 × 0.6666) − 33
    expect((await refund('r3', 3_334)).pointsTaken).toBe(34); // the rest: 101 in all
    await expect(refund('r4', 1)).rejects.toThrow(
      /^refundAmount: refunds of order "A-2" would exceed its amount/,
    );
    await expect(refund('r5', 10_001)).rejects.toThrow(
      /^refundAmount: a refund cannot exceed the order amount/,
    );
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toEqual({
      balance: 0,
      entrySum: 0,
      entryCount: 5,
      lotSum: 0,
    });
  });

  it('after the points were spent, takes what is there and records the shortfall for admins', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await earn(member, 'order', 100, 'A-3', 6);
    await earn(member, 'other', 30, undefined, null);
    await spendPoints(db, { ...member, points: 110, idempotencyKey: 'spend', reason: 'Reward' });
    const result = await reversePoints(db, {
      ...member,
      ...order,
      orderRef: 'A-3',
      refundAmount: 10_000,
      idempotencyKey: 'refund',
    });
    expect(result).toMatchObject({ pointsDue: 100, pointsTaken: 20, shortfall: 80, balance: 0 });
    // A second refund of a fully refunded order is refused; nothing can go below zero.
    const shortfalls = await listReversalShortfalls(db, member.workspaceId);
    expect(shortfalls).toEqual([
      expect.objectContaining({
        customerId: member.customerId,
        orderRef: 'A-3',
        pointsDue: 100,
        pointsTaken: 20,
        shortfall: 80,
      }),
    ]);
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);

    // With nothing left at all, the refund is still recorded: a 0-point entry and its shortfall.
    const broke = await newMember(db, member.workspaceId);
    await earn(broke, 'order-b', 40, 'B-1');
    await spendPoints(db, { ...broke, points: 40, idempotencyKey: 'spend-b', reason: 'Reward' });
    const empty = await reversePoints(db, {
      ...broke,
      ...order,
      orderRef: 'B-1',
      refundAmount: 5_000,
      idempotencyKey: 'refund-b',
    });
    expect(empty).toMatchObject({ pointsDue: 20, pointsTaken: 0, shortfall: 20, balance: 0, consumed: [] });
    expect(await listReversalShortfalls(db, member.workspaceId)).toHaveLength(2);
  });

  it('waives points of the order that already expired instead of taking them twice', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await earn(member, 'order', 50, 'A-4', 1);
    await earn(member, 'other', 70, undefined, null);
    await expireDueLots(db, {
      workspaceId: member.workspaceId,
      asOf: new Date(Date.now() + 40 * 86_400_000),
    });
    const result = await reversePoints(db, {
      ...member,
      ...order,
      orderRef: 'A-4',
      refundAmount: 10_000,
      idempotencyKey: 'refund',
    });
    expect(result).toMatchObject({
      pointsDue: 50,
      pointsTaken: 0,
      pointsWaivedExpired: 50,
      shortfall: 0,
      balance: 70,
    });
    expect(await ledgerViolations(db, member.workspaceId)).toEqual([]);
  });

  it('replays a key, refuses it for another request, and refuses refunds that do not fit the order', async () => {
    const { db } = handle;
    const member = await newMember(db);
    await earn(member, 'order', 100, 'A-5');
    const request = { ...member, ...order, orderRef: 'A-5', refundAmount: 2_500, idempotencyKey: 'refund' };
    const first = await reversePoints(db, request);
    expect(await reversePoints(db, request)).toEqual({ ...first, replayed: true });
    await expect(reversePoints(db, { ...request, refundAmount: 2_600 })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );

    const next = { ...request, idempotencyKey: 'refund-2' };
    await expect(reversePoints(db, { ...next, orderAmount: 9_000 })).rejects.toThrow(
      /^orderAmount: order "A-5" was refunded before/,
    );
    await expect(reversePoints(db, { ...next, currency: 'CHF' })).rejects.toThrow(/^currency: /);
    await expect(reversePoints(db, { ...next, currency: 'eur' })).rejects.toThrow(
      /^currency: currency must be an ISO 4217 code/,
    );
    await expect(reversePoints(db, { ...next, refundAmount: 12.5 })).rejects.toThrow(/^refundAmount: /);
    await expect(reversePoints(db, { ...next, orderRef: 'unknown' })).rejects.toThrow(
      /^orderRef: no points were earned for order "unknown"/,
    );
    // Another customer's order, even in the same workspace, is not this customer's to refund.
    const neighbour = await newMember(db, member.workspaceId);
    await expect(reversePoints(db, { ...next, customerId: neighbour.customerId })).rejects.toThrow(
      /^orderRef: /,
    );
    // And another workspace does not see the customer at all.
    const elsewhere = await newMember(db);
    await expect(reversePoints(db, { ...next, workspaceId: elsewhere.workspaceId })).rejects.toThrow(
      /^customerId: /,
    );

    const reversals = await db
      .select()
      .from(pointReversals)
      .where(and(eq(pointReversals.workspaceId, member.workspaceId), eq(pointReversals.orderRef, 'A-5')));
    expect(reversals).toHaveLength(1);
    expect(await ledgerTotals(db, member.workspaceId, member.customerId)).toMatchObject({
      balance: 75,
      entryCount: 2,
    });
    expect(await ledgerTotals(db, member.workspaceId, neighbour.customerId)).toMatchObject({ entryCount: 0 });
  });
});
