import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from '../client';
import { IdempotencyConflictError, LedgerInputError } from '../ledger/errors';
import { ledgerViolations } from '../ledger/testing/ledger-invariants';
import { newMember, type Member } from '../ledger/testing/member';
import { updateProgramSettings } from '../program/settings';
import { ledgerEntries, orderRefunds, orders } from '../schema';
import { recordOrder } from './record-order';
import { refundOrder } from './refund-order';

let handle: DatabaseHandle;
beforeAll(() => {
  handle = connectDatabase(inject('databaseUrl'), { max: 20 });
});
afterAll(() => handle.close());

/** A member with order `ref` of 100.00 € (100 points). */
async function memberWithOrder(ref = 'O-1'): Promise<Member> {
  const member = await newMember(handle.db);
  await recordOrder(handle.db, { ...member, orderRef: ref, amount: 10000, currency: 'EUR' });
  return member;
}

async function refunded(member: Member, ref = 'O-1'): Promise<number> {
  const [row] = await handle.db
    .select({ refundedAmount: orders.refundedAmount })
    .from(orders)
    .where(and(eq(orders.workspaceId, member.workspaceId), eq(orders.orderRef, ref)));
  return row!.refundedAmount;
}

async function refusedField(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LedgerInputError);
  return (error as LedgerInputError).field;
}

describe('refundOrder', () => {
  it('takes back the refunded share of the points and adds up the refunded amount', async () => {
    const member = await memberWithOrder();
    const first = await refundOrder(handle.db, {
      workspaceId: member.workspaceId,
      orderRef: 'O-1',
      refundAmount: 2500,
      refundRef: 'RF-1',
    });
    expect(first).toMatchObject({
      orderRef: 'O-1',
      refundRef: 'RF-1',
      refundAmount: 2500,
      refundedAmount: 2500,
      entryId: expect.stringMatching(/^led_/),
      pointsDue: 25,
      pointsTaken: 25,
      shortfall: 0,
      balance: 75,
      replayed: false,
    });
    expect(await refunded(member)).toBe(2500);
    const [entry] = await handle.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, first.entryId!));
    expect(entry).toMatchObject({
      kind: 'reverse',
      points: -25,
      idempotencyKey: 'refund:O-1:RF-1',
      orderRef: 'O-1',
    });

    const rest = await refundOrder(handle.db, {
      workspaceId: member.workspaceId,
      orderRef: 'O-1',
      refundAmount: 7500,
      refundRef: 'RF-2',
    });
    expect(rest).toMatchObject({ refundedAmount: 10000, pointsTaken: 75, balance: 0 });
    expect(await ledgerViolations(handle.db, member.workspaceId)).toEqual([]);
  });

  it('refuses a refund beyond what is left of the order, writing nothing', async () => {
    const member = await memberWithOrder();
    const ws = member.workspaceId;
    expect(
      await refusedField(
        refundOrder(handle.db, { workspaceId: ws, orderRef: 'O-1', refundAmount: 10001, refundRef: 'a' }),
      ),
    ).toBe('refundAmount');
    await refundOrder(handle.db, { workspaceId: ws, orderRef: 'O-1', refundAmount: 6000, refundRef: 'b' });
    expect(
      await refusedField(
        refundOrder(handle.db, { workspaceId: ws, orderRef: 'O-1', refundAmount: 4001, refundRef: 'c' }),
      ),
    ).toBe('refundAmount');
    await refundOrder(handle.db, { workspaceId: ws, orderRef: 'O-1', refundAmount: 4000, refundRef: 'd' });
    const error = await refundOrder(handle.db, {
      workspaceId: ws,
      orderRef: 'O-1',
      refundAmount: 1,
      refundRef: 'e',
    }).catch((e: unknown) => e);
    expect((error as LedgerInputError).message).toMatch(/refunded in full/);
    expect(await refunded(member)).toBe(10000);
    const refunds = await handle.db.select().from(orderRefunds).where(eq(orderRefunds.workspaceId, ws));
    expect(refunds.map((r) => r.refundRef).sort()).toEqual(['b', 'd']);
  });

  it('answers the same refund again with the first result and applies it once', async () => {
    const member = await memberWithOrder();
    const request = {
      workspaceId: member.workspaceId,
      orderRef: 'O-1',
      refundAmount: 3000,
      refundRef: 'RF-1',
    };
    const first = await refundOrder(handle.db, request);
    await refundOrder(handle.db, { ...request, refundAmount: 1000, refundRef: 'RF-2' });
    const again = await refundOrder(handle.db, request);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await refunded(member)).toBe(4000);
    await expect(refundOrder(handle.db, { ...request, refundAmount: 2000 })).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
  });

  it('applies concurrent refunds of one order within its amount', async () => {
    const member = await memberWithOrder();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        refundOrder(handle.db, {
          workspaceId: member.workspaceId,
          orderRef: 'O-1',
          refundAmount: 3000,
          refundRef: `par-${i}`,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected')
        expect((outcome.reason as LedgerInputError).field).toBe('refundAmount');
    expect(await refunded(member)).toBe(9000);
    expect(await ledgerViolations(handle.db, member.workspaceId)).toEqual([]);
  });

  it('refunds an order that earned no points: the amount counts, the ledger is untouched', async () => {
    const member = await newMember(handle.db);
    await updateProgramSettings(handle.db, member.workspaceId, {
      earnRules: { purchase: { enabled: false, pointsPerUnit: 1 } },
    });
    await recordOrder(handle.db, { ...member, orderRef: 'N-1', amount: 5000, currency: 'EUR' });
    const request = { workspaceId: member.workspaceId, orderRef: 'N-1', refundAmount: 2000, refundRef: 'R' };
    const result = await refundOrder(handle.db, request);
    expect(result).toMatchObject({
      entryId: null,
      pointsTaken: 0,
      refundedAmount: 2000,
      balance: 0,
      replayed: false,
    });
    expect(await refundOrder(handle.db, request)).toEqual({ ...result, replayed: true });
    expect(await refunded(member, 'N-1')).toBe(2000);
  });

  it('names the field of bad input', async () => {
    const member = await memberWithOrder();
    const ws = member.workspaceId;
    const base = { workspaceId: ws, orderRef: 'O-1', refundAmount: 100, refundRef: 'x' };
    expect(await refusedField(refundOrder(handle.db, { ...base, orderRef: 'nope' }))).toBe('orderRef');
    expect(await refusedField(refundOrder(handle.db, { ...base, refundAmount: 0 }))).toBe('refundAmount');
    expect(await refusedField(refundOrder(handle.db, { ...base, refundAmount: 1.5 }))).toBe('refundAmount');
    expect(await refusedField(refundOrder(handle.db, { ...base, refundRef: ' ' }))).toBe('refundRef');
    // Another workspace's order does not exist here.
    const other = await newMember(handle.db);
    expect(await refusedField(refundOrder(handle.db, { ...base, workspaceId: other.workspaceId }))).toBe(
      'orderRef',
    );
  });
});
